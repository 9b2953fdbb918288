#!/usr/bin/env bash
# Builds the one-folder bundle dist/sydw-desktop/ (sets up everything first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
echo "已生成：dist/sydw-desktop/（$(du -sh dist/sydw-desktop | cut -f1)）；自检：dist/sydw-desktop/sydw --self-test"
