"""文件 menu outputs: 导出文书和表格 (final refused on errors, draft offered), 导出单位清单, 另存为, 备份到…."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import demo_path_fixture, window_fixture  # noqa: F401

from sydw_desktop.vocab import Phase
from sydw_desktop.workbook import read_plan
from sydw_desktop.workspace import Workspace
from ui.documents.export_dialog import ExportDialog


def _result_box() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.objectName() == "export_result" and w.isVisible()), None)


def test_export_tables_to_a_new_folder(qtbot, window, tmp_path: Path) -> None:
    window.actions_.file_export_tables.trigger()
    dialog = window.file_outputs.export_dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.chosen_formats() == {"xlsx"}
    target = tmp_path / "导出" / "示例旗改革材料"
    dialog.folder.setText(str(target))
    assert "不存在" in dialog.problem.text()  # the parent folder is missing
    dialog.ok.click()
    assert dialog.isVisible() and "不存在" in dialog.problem.text()
    (tmp_path / "导出").mkdir()
    dialog.ok.click()
    qtbot.waitUntil(lambda: _result_box() is not None, timeout=120_000)
    box = _result_box()
    assert box is not None and "已导出正式材料" in box.text() and str(target) in box.text()
    books = sorted(p.name for p in target.rglob("*.xlsx"))
    assert "改革前后机构编制对照表.xlsx" in books and not list(target.rglob("*.pdf"))
    box.close()
    again = ExportDialog(window.session, window.runner, window.settings, window, formats=("xlsx",))
    again.folder.setText(str(target))  # not empty any more: refused, nothing mixed in
    assert "已有文件" in again.problem.text()


def test_final_export_refused_on_errors_then_a_draft(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    ws = window.session.ws
    unit = next(u for u in ws.units(Phase.AFTER) if u.staffing and u.staffing > 10)
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 100_000))  # over the 总量
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    window.actions_.file_export_docs.trigger()
    dialog = window.file_outputs.export_dialog
    for key in ("pdf", "docx"):
        dialog.boxes[key].setChecked(False)
    dialog.folder.setText(str(tmp_path / "草稿"))
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(warned), timeout=60_000)
    assert "错误" in warned[0] and "草稿" in warned[0]
    assert dialog.draft.isChecked() and not (tmp_path / "草稿").exists()
    dialog.ok.click()
    qtbot.waitUntil(lambda: _result_box() is not None, timeout=120_000)
    assert "已导出草稿" in _result_box().text()


def test_export_units_reads_back(qtbot, window, tmp_path: Path) -> None:
    target = tmp_path / "清单.xlsx"
    window.file_outputs.export_units(target)
    qtbot.waitUntil(target.exists, timeout=60_000)
    qtbot.waitUntil(lambda: "已导出单位清单" in window.statusBar().currentMessage(), timeout=60_000)
    plan = read_plan(target)
    assert len(plan.before) == len(window.session.ws.units(Phase.BEFORE))


def test_backup_stays_and_save_as_moves_on(qtbot, window, tmp_path: Path) -> None:
    original = window.session.ws.path
    backup = tmp_path / "U盘" / "备份.sydw"
    backup.parent.mkdir()
    window.file_outputs.copy_workspace(switch=False, target=backup)
    qtbot.waitUntil(lambda: "已备份到" in window.statusBar().currentMessage(), timeout=60_000)
    assert window.session.ws.path == original
    with Workspace.open(backup, readonly=True) as copy:
        assert copy.snapshot() == window.session.ws.snapshot()
    moved = tmp_path / "另存" / "示例旗-第二稿.sydw"
    moved.parent.mkdir()
    window.file_outputs.copy_workspace(switch=True, target=moved)
    qtbot.waitUntil(lambda: window.session is not None and window.session.ws.path == moved, timeout=60_000)
    unit = window.session.ws.units(Phase.AFTER)[0]
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 1))
    with Workspace.open(original, readonly=True) as before:  # the edit went into the copy only
        assert before.unit(unit.id).staffing == unit.staffing
