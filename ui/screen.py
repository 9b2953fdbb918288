"""Windows that fit the screen they are on, and layouts remembered per screen.

A clerk's laptop has 1366×768 (less the taskbar); an office monitor 1920×1080 at 125 %. Every
window asks for a comfortable size and gets at most the screen's available area, centred; what the
clerk drags (window size, docks, splitters) is remembered for that screen, so a laptop docked to a
monitor keeps one layout for each.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QWidget

from ui.settings import AppSettings

#: Room left for the window frame and title bar, which Qt only knows once the window is shown.
FRAME_MARGIN = QSize(16, 48)


def screen_of(widget: QWidget) -> QScreen:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    assert screen is not None, "no screen"
    return screen


def screen_key(screen: QScreen) -> str:
    """Names a screen by what matters for a layout: its available size and scale."""
    area = screen.availableGeometry()
    return f"{area.width()}x{area.height()}@{round(screen.devicePixelRatio() * 100)}"


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    """``preferred``, shrunk to what fits inside ``area`` with the window frame around it."""
    return QSize(min(preferred.width(), area.width() - FRAME_MARGIN.width()),
                 min(preferred.height(), area.height() - FRAME_MARGIN.height()))


def fit_to_screen(widget: QWidget, preferred: QSize) -> None:
    """Resize ``widget`` to ``preferred`` or what its screen allows, and centre it there."""
    area = screen_of(widget).availableGeometry()
    size = fitted_size(preferred, area)
    widget.resize(size)
    if widget.parentWidget() is not None:
        return  # a dialog: Qt centres it over its parent when shown
    widget.move(area.x() + (area.width() - size.width()) // 2,
                area.y() + max(0, (area.height() - size.height() - FRAME_MARGIN.height()) // 2))


def keep_on_screen(widget: QWidget) -> None:
    """After restoring a geometry saved elsewhere: pull the window back inside the available area."""
    area = screen_of(widget).availableGeometry()
    frame = widget.frameGeometry()
    if area.contains(frame):
        return
    fit_to_screen(widget, widget.size())


def remember_splitter(splitter: QSplitter, name: str, settings: AppSettings | None = None) -> None:
    """Restore the splitter's sizes saved for this screen, and save them whenever the clerk drags it."""
    store = (settings or AppSettings()).store

    def key() -> str:
        return f"splitters/{screen_key(screen_of(splitter))}/{name}"

    saved = store.value(key())
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(lambda _pos, _index: store.setValue(key(), splitter.saveState()))
