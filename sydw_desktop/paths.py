"""Where the program's bundled files are: the source tree, or the PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding ``resources/`` and ``templates_docx/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources() -> Path:
    return app_root() / "resources"


def templates_dir() -> Path:
    return app_root() / "templates_docx"


def user_data_dir() -> Path:
    """Per-user folder for logs and settings (``%APPDATA%\\sydw`` or ``~/.local/share/sydw``)."""
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "sydw"
