# Sets up everything on Windows 10/11: a virtualenv in .venv with the program and its test tools.
# Needs Python 3.11+ from python.org (the "py" launcher). No system libraries are needed on Windows.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    py -3.11 -m venv .venv
    if ($LASTEXITCODE -ne 0) { throw "需要 Python 3.11 或更高版本（py -3.11）。" }
}
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -e ".[test]"
if ($LASTEXITCODE -ne 0) { throw "安装依赖失败。" }
