"""从备份恢复 in the GUI: offered when the file no longer opens, and from the 文件 menu (issue 15)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from test_backups import corrupt
from ui_helpers import demo_path_fixture, ini_settings  # noqa: F401

from sydw_desktop.store import backups as B
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace
from ui.backups_dialog import RestoreDialog
from ui.mainwindow import MainWindow


def test_a_damaged_workspace_is_restored_from_the_offer_in_the_error(qtbot, demo_path: Path, tmp_path: Path) -> None:
    with Workspace.open(demo_path) as ws:
        ws.backup(B.MANUAL)
        names = [u.name for u in ws.units(Phase.AFTER)]
    corrupt(demo_path)
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    assert not window.open_workspace(demo_path)
    assert window.last_error is not None and "已损坏" in window.last_error
    box = window._error_box
    assert box is not None
    offer = box.findChild(QPushButton, "offer_restore")
    assert offer is not None and offer.text() == "从备份恢复…"
    offer.click()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.list.count() == 1
    assert B.MANUAL in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert window.session is not None and not window.session.ws.readonly
    assert [u.name for u in window.session.ws.units(Phase.AFTER)] == names
    assert dialog.kept is not None and dialog.kept.exists()
    window.close()


def test_the_open_workspace_is_closed_restored_and_reopened_from_the_menu(qtbot, demo_path: Path,
                                                                          tmp_path: Path) -> None:
    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    assert window.open_workspace(demo_path)
    qtbot.waitUntil(lambda: bool(B.list_backups(demo_path)), timeout=15_000)  # the daily backup, soon after opening
    ws = window.session.ws
    first = ws.units(Phase.AFTER)[0]
    ws.update_unit(first.id, remark="恢复前的修改")
    dialog = window.restore_from_backup()
    assert dialog is not None and dialog.list.count() == 1
    assert B.DAILY in dialog.list.item(0).text()
    dialog.restore_button.click()
    assert window.session is not None and window.session.ws is not ws
    assert window.session.ws.unit(first.id).remark == first.remark
    window.close()
