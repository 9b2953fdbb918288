"""The GUI offers 以只读方式打开 when another program has the workspace open for writing (issue 15)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from ui_helpers import demo_path_fixture, ini_settings  # noqa: F401
from workspace_helpers import holding_writer

from ui.mainwindow import MainWindow


def test_workspace_held_elsewhere_opens_read_only_on_request(qtbot, demo_path: Path, tmp_path: Path) -> None:
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    with holding_writer(demo_path, user="张三"):
        assert not window.open_workspace(demo_path)
        assert window.last_error is not None and "张三" in window.last_error
        box = window._error_box
        assert box is not None and box.isVisible()
        button = box.findChild(QPushButton, "open_readonly")
        assert button is not None and button.text() == "以只读方式打开"
        button.click()
        assert window.session is not None and window.session.ws.readonly
        assert "（只读）" in window.windowTitle()
        units = window.session.ws.units
        assert units  # the data is there to read
    window.close()
