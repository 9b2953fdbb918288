#!/usr/bin/env bash
# Sets up everything, then runs the whole test suite (lint included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check sydw_desktop ui tests scripts bench
.venv/bin/mypy --strict sydw_desktop
.venv/bin/mypy ui
.venv/bin/python -m pytest -q "$@"
