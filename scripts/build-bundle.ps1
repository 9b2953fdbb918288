# Builds the one-folder bundle dist\sydw-desktop\ on Windows 10/11 (sets up everything first), then
# runs both self-tests of the built programs. Needs Python 3.11+ from python.org (the "py" launcher).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
& powershell -ExecutionPolicy Bypass -File scripts\setup.ps1
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\python.exe -m pip install -q -e ".[bundle]"
if ($LASTEXITCODE -ne 0) { throw "安装打包工具失败。" }
.venv\Scripts\pyinstaller.exe --noconfirm --log-level WARN build.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 打包失败。" }
$bundle = Join-Path (Get-Location) "dist\sydw-desktop"
$size = (Get-ChildItem $bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("已生成：dist\sydw-desktop\（{0:N0} MB）" -f ($size / 1MB))

# Both self-tests, with their output redirected to files: sydw-desktop.exe is a windowed program
# and has no console of its own.
$failed = $false
foreach ($program in "sydw.exe", "sydw-desktop.exe") {
    $out = Join-Path $env:TEMP "sydw-self-test-$program.txt"
    $run = Start-Process -FilePath (Join-Path $bundle $program) -ArgumentList "--self-test" `
        -NoNewWindow -Wait -PassThru -RedirectStandardOutput $out
    Write-Host "$program --self-test:"
    Get-Content $out | ForEach-Object { Write-Host "  $_" }
    if ($run.ExitCode -ne 0) { $failed = $true }
}
if ($failed) { throw "自检未通过。" }
