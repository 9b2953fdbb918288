# Sets up everything, then opens a fresh copy of the demo workspace (示例旗) (Windows).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
& powershell -ExecutionPolicy Bypass -File scripts\setup.ps1
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\sydw-desktop.exe --demo
