"""What every end-to-end scenario script starts with: the demo in a real main window, and screenshots."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.eventloop import wait
from ui.app import write_demo_copy
from ui.mainwindow import MainWindow
from ui.settings import AppSettings


def open_demo_window(out: Path, timeout: float = 30.0) -> MainWindow:
    """A fresh copy of the demo in a 1600×1000 main window at (0, 0), once its first check is done."""
    settings = AppSettings(QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=250)
    demo = write_demo_copy()
    assert window.open_workspace(demo, remember=False), window.last_error
    window.move(0, 0)
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    session = window.session
    assert session is not None
    wait("第一次检查", lambda: session.report is not None and not session.checker.pending, timeout=timeout)
    return window


def take_shot(out: Path, name: str, shots: list[str], pause: float = 0.15) -> None:
    """Let the window paint, then save the whole screen as ``OUT/name.png`` and record it."""
    QApplication.processEvents()
    time.sleep(pause)
    QApplication.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
    shots.append(f"{name}.png")
