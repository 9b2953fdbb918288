"""Helpers shared by the GUI tests (offscreen; no display needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

from sydw_desktop.demo import write_demo
from sydw_desktop.rules.findings import Finding
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace
from ui.mainwindow import MainWindow
from ui.plan.units_page import UnitsPage
from ui.settings import AppSettings


@pytest.fixture(name="demo_path")
def demo_path_fixture(tmp_path: Path) -> Path:
    """A fresh copy of the bundled demo workspace (示例旗)."""
    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    return path


@pytest.fixture(name="window")
def window_fixture(qtbot, demo_path: Path, tmp_path: Path):
    """The main window with the demo open and its first check done."""
    win = open_window(qtbot, demo_path, tmp_path)
    yield win
    win.close()


def type_chinese(widget: QWidget, text: str) -> None:
    """Type ``text`` the way an input method does: one commit string (never keyClicks)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ini_settings(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def open_window(qtbot, ws_path: Path, settings_dir: Path) -> MainWindow:
    window = MainWindow(ini_settings(settings_dir), check_delay_ms=30)
    qtbot.addWidget(window)
    assert window.open_workspace(ws_path), window.last_error
    window.show()
    qtbot.waitExposed(window)
    wait_report(qtbot, window)
    return window


def wait_report(qtbot, window: MainWindow, timeout: int = 20_000) -> None:
    """Wait until the background check has caught up with the last edit."""
    session = window.session
    assert session is not None
    qtbot.waitUntil(lambda: session.report is not None and not session.checker.pending, timeout=timeout)


def findings(window: MainWindow, rule: str, unit: str | None = None) -> list[Finding]:
    assert window.session is not None and window.session.report is not None
    return [f for f in window.session.report.findings if f.rule == rule and (unit is None or f.unit == unit)]


def table_index(page: UnitsPage, unit_id: int, field: str) -> QModelIndex:
    source = page.model.index(page.model.row_of(unit_id), page.model.column_of(field))
    return page.proxy.mapFromSource(source)


def open_line_editor(view: QTableView, index: QModelIndex) -> QLineEdit:
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editors, "no line editor opened"
    return editors[0]


def commit_editor(qtbot, editor: QWidget) -> None:
    """Press Enter in a cell editor; the delegate commits on the next event-loop turn."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def pick_unit(ws: Workspace, phase: Phase, *, min_staffing: int = 6):
    """A unit of ``phase`` with more than 5 staff and no exemption (so 4 breaks plan.min_unit_size)."""
    for unit in ws.units(phase):
        if unit.staffing >= min_staffing and not unit.exemption:
            return unit
    raise AssertionError("the demo has no suitable unit")
