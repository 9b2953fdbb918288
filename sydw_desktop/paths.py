"""Where the program's files are: its bundled data, and the user's data and settings.

Bundled data (``resources/`` and ``templates_docx/``) is found one way everywhere: in the folder
``_data`` beside this package. A wheel carries it there (``setup.py`` copies the two top-level
folders into ``sydw_desktop/_data/`` when it builds the package) and so does the PyInstaller bundle
(``build.spec`` puts them under ``_internal/sydw_desktop/_data/``). Only a source checkout has no
``_data``; there the folders are read where they are kept, at the top of the checkout.

The user's data (installed templates, logs, the demo cache) and the GUI settings live in the
per-user folders of the operating system, as named by ``platformdirs`` — never in the program
folder, which may be read-only (``C:\\Program Files``) or replaced by the next version.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "sydw"
PACKAGE = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "templates_docx")


def app_root() -> Path:
    """The folder holding ``resources/`` and ``templates_docx/``."""
    packaged = PACKAGE / "_data"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent  # a source checkout


def resources() -> Path:
    return app_root() / "resources"


def templates_dir() -> Path:
    return app_root() / "templates_docx"


def user_data_dir() -> Path:
    """Per-user data: installed templates, logs, the demo cache.

    ``%APPDATA%\\sydw`` on Windows, ``~/.local/share/sydw`` (``$XDG_DATA_HOME``) on Linux,
    ``~/Library/Application Support/sydw`` on macOS.
    """
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=True)


def logs_dir() -> Path:
    return user_data_dir() / "logs"


def settings_file() -> Path:
    """The GUI settings (window layout, recent files, remembered folders), an INI file.

    ``%APPDATA%\\sydw\\sydw-desktop.ini`` on Windows, ``~/.config/sydw/sydw-desktop.ini``
    (``$XDG_CONFIG_HOME``) on Linux, ``~/Library/Application Support/sydw/…`` on macOS.
    """
    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=True) / "sydw-desktop.ini"
