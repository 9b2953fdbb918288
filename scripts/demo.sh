#!/usr/bin/env bash
# Sets up everything, then opens a fresh copy of the demo workspace (示例旗) in the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/sydw-desktop --demo
