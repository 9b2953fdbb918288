# Sets up everything, then runs the whole test suite (Windows).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
& powershell -ExecutionPolicy Bypass -File scripts\setup.ps1
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$env:QT_QPA_PLATFORM = "offscreen"
.venv\Scripts\mypy.exe --strict sydw_desktop
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\mypy.exe ui
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
.venv\Scripts\python.exe -m pytest -q @args
exit $LASTEXITCODE
