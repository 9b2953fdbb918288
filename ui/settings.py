"""Per-user GUI settings kept in QSettings: window geometry, dock layout and recent files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from sydw_desktop.paths import settings_file

MAX_RECENT = 8


class AppSettings:
    """A thin typed wrapper over :class:`QSettings` (an INI file at :func:`sydw_desktop.paths.settings_file`)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(str(settings_file()), QSettings.Format.IniFormat)

    # -- recent files ---------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value: Any = self.store.value("recent_files", [])
        if isinstance(value, str):  # QSettings returns a bare string for a one-element list
            value = [value]
        return [Path(v) for v in (value or []) if v]

    def add_recent(self, path: Path) -> list[Path]:
        path = Path(path).resolve()
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self.store.setValue("recent_files", [str(p) for p in recent])
        return recent

    def remove_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != Path(path).resolve()]
        self.store.setValue("recent_files", [str(p) for p in recent])

    # -- window layout --------------------------------------------------------------------------

    # Keyed by screen (see ui.screen.screen_key): a laptop on its own and docked keeps a layout for each.

    def window_geometry(self, screen: str) -> QByteArray | None:
        value = self.store.value(f"window/{screen}/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self, screen: str) -> QByteArray | None:
        value = self.store.value(f"window/{screen}/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, screen: str, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue(f"window/{screen}/geometry", geometry)
        self.store.setValue(f"window/{screen}/state", state)

    def sync(self) -> None:
        self.store.sync()
