"""The main window: workflow step, 台账, before/after view, import/export, settings, font, slow work."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from examples import own_book
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton
from ui_helpers import demo_path_fixture, ini_settings, open_window, pick_unit, wait_report, window_fixture  # noqa: F401

from sydw_desktop.errors import ImportRefused
from sydw_desktop.figures import headline_figures
from sydw_desktop.vocab import Phase, WorkflowStep
from sydw_desktop.workbook import read_plan
from ui.changelog_page import ChangelogPage
from ui.fonts import load_ui_font
from ui.mainwindow import MainWindow
from ui.plan.comparison import ComparisonPage
from ui.plan.import_dialog import split_problem
from ui.session.operations import CancelToken, Task, run_with_progress


def test_workflow_step_visible_changeable_logged(qtbot, window) -> None:
    ws = window.session.ws
    start = ws.workflow_step()
    assert window.workflow_combo.currentData() == start.value
    assert start.value in window.status_step.text()
    target = WorkflowStep.SANDING_REVIEW if start is not WorkflowStep.SANDING_REVIEW else WorkflowStep.OPERATION
    window.workflow_combo.setCurrentIndex(window.workflow_combo.findData(target.value))
    window.workflow_combo.activated.emit(window.workflow_combo.currentIndex())
    assert ws.workflow_step() is target
    assert f"{list(WorkflowStep).index(target) + 1}/9 {target.value}" in window.status_step.text()
    assert window.actions_.workflow[target].isChecked()
    entry = ws.changelog(limit=1)[0]
    assert entry.field == "工作步骤" and entry.old == start.value and entry.new == target.value
    window.show_node(("changelog",), select=True)
    log = window.pages["changelog"]
    assert isinstance(log, ChangelogPage) and log.isVisible()
    assert log.model.entries[0].new == target.value
    assert window.actions_.edit_undo.text() == "撤销 修改工作步骤"
    window.undo()
    assert ws.workflow_step() is start
    assert window.workflow_combo.currentData() == start.value


def test_comparison_figures_and_chart_follow_edits(qtbot, window) -> None:
    ws = window.session.ws
    window.show_node(("comparison",), select=True)
    page = window.pages["comparison"]
    assert isinstance(page, ComparisonPage) and page.isVisible()
    figures = headline_figures(ws.snapshot())
    assert [page.figures_model.item(r, 0).text() for r in range(4)] == [f.label for f in figures]
    for r, f in enumerate(figures):
        assert page.figures_model.item(r, 1).data(Qt.ItemDataRole.DisplayRole) == f.before
        assert page.figures_model.item(r, 2).data(Qt.ItemDataRole.DisplayRole) == f.after
        assert page.figures_model.item(r, 3).data(Qt.ItemDataRole.DisplayRole) == f.reduced
        assert page.figures_model.item(r, 4).text() == f.ratio_text()
    assert page.chart_values() == {"改革前": [float(f.before) for f in figures],
                                   "改革后": [float(f.after) for f in figures]}
    assert page.table_model.rowCount() >= len(ws.units(Phase.BEFORE))

    unit = pick_unit(ws, Phase.AFTER)
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 10))
    assert page.chart_values()["改革后"][1] == figures[1].after + 10
    window.show_node(("after",), select=True)  # hidden, the page refreshes when shown again
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 20))
    assert page.chart_values()["改革后"][1] == figures[1].after + 10
    window.show_node(("comparison",), select=True)
    assert page.chart_values()["改革后"][1] == figures[1].after + 20
    assert page.figures_model.item(1, 2).data(Qt.ItemDataRole.DisplayRole) == figures[1].after + 20


def malformed_book(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "改革前单位"
    sheet.append(["单位名称", "主管部门", "机构规格", "单位类别", "经费形式", "核定编制", "实有人数", "改革方式"])
    sheet.append(["甲中心", "某局", "正科级", "公益一类", "财政全额拨款", "十二", 3, "保留"])
    sheet.append(["乙站", "某局", "特级", "公益一类", "财政全额拨款", 5, 4, "撤销"])
    book.save(path)
    return path


def test_import_malformed_workbook_lists_every_problem_and_changes_nothing(qtbot, window, tmp_path) -> None:
    ws = window.session.ws
    book = malformed_book(tmp_path / "坏表.xlsx")
    with pytest.raises(ImportRefused) as refused:
        read_plan(book)
    expected = refused.value.problems
    assert len(expected) >= 3
    before = ws.snapshot()
    log_before = ws.changelog()
    undo_before = ws.undo_name

    window.import_excel(book)
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None
                    and window.import_dialog.isVisible(), timeout=20_000)
    dialog = window.import_dialog
    assert dialog.windowTitle() == "导入被拒绝"
    assert dialog.model.rowCount() == len(expected)
    for row, problem in enumerate(expected):
        assert [dialog.model.item(row, c).text() for c in range(4)] == list(split_problem(problem))
    assert "工作区未作任何修改" in dialog.summary.text()
    assert ws.snapshot() == before
    assert ws.changelog() == log_before and ws.undo_name == undo_before
    assert not window.session.busy
    dialog.close()


def test_import_good_workbook_then_undo(qtbot, window) -> None:
    book = own_book()
    ws = window.session.ws
    names_before = [u.name for u in ws.units(Phase.BEFORE)]
    window.import_excel(book.path)
    # the import has landed once the GUI thread has announced it (never read ws while the worker writes)
    qtbot.waitUntil(lambda: window.actions_.edit_undo.text() == "撤销 导入 Excel", timeout=20_000)
    assert not window.session.busy and ws.undo_name == "导入 Excel"
    assert len(ws.units(Phase.BEFORE)) == book.before[0] and len(ws.units(Phase.AFTER)) == book.after[0]
    assert window.pages["before"].model.rowCount() == book.before[0]
    wait_report(qtbot, window)
    window.undo()
    assert [u.name for u in ws.units(Phase.BEFORE)] == names_before


def test_export_template(qtbot, window, tmp_path) -> None:
    target = tmp_path / "模板.xlsx"
    window.export_template(target)
    qtbot.waitUntil(target.exists, timeout=20_000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20_000)
    sheets = openpyxl.load_workbook(target).sheetnames
    assert {"改革前单位", "改革后单位", "填写说明"} <= set(sheets)


def test_recent_files_and_geometry_remembered(qtbot, demo_path, tmp_path) -> None:
    first = open_window(qtbot, demo_path, tmp_path)
    first.resize(761, 701)
    first.close()
    second = MainWindow(ini_settings(tmp_path))
    qtbot.addWidget(second)
    assert second.settings.recent_files()[0] == demo_path.resolve()
    assert second.recent_menu.actions() and demo_path.name in second.recent_menu.actions()[0].text()
    assert second.welcome.recent.count() == 1
    assert (second.width(), second.height()) == (761, 701)
    text = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "recent_files" in text and "geometry" in text


def test_undo_shortcut_and_find(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=unit.staffing + 1))
    assert [s.toString() for s in window.actions_.edit_undo.shortcuts()] == ["Ctrl+Z"]
    assert "Ctrl+Y" in [s.toString() for s in window.actions_.edit_redo.shortcuts()]
    window.activateWindow()
    window.show_node(("after",), select=True)
    qtbot.keyClick(window.pages["after"].view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.unit(unit.id).staffing == unit.staffing
    qtbot.keyClick(window.pages["after"].view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ws.unit(unit.id).staffing == unit.staffing + 1
    window.actions_.edit_find.trigger()
    assert QApplication.focusWidget() is window.pages["after"].search


def test_bundled_font_renders_chinese(qapp) -> None:
    family = load_ui_font(qapp)
    assert family == "Noto Sans SC"
    assert family in QFontDatabase.families()
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "事业单位改革材料编审系统撤销核定编制内蒙古旗")


def test_slow_work_is_cancellable_and_keeps_the_window_live(qtbot, window) -> None:
    release = threading.Event()
    outcome: list[str] = []

    def work(token: CancelToken) -> str:
        while not release.wait(0.01):
            token.raise_if_cancelled()
        return "done"

    task = Task(work=work, on_success=outcome.append, on_cancelled=lambda: outcome.append("cancelled"))
    dialog = run_with_progress(window, window.runner, task, "测试", "正在处理……", delay_ms=0)
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the GUI thread keeps running
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    cancel.click()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    timer.stop()
    release.set()


def test_core_cancel_through_the_token_or_a_flag_of_its_own(qtbot, window) -> None:
    """A core operation cancelled through the token ends as cancelled; one stopped by the caller's own
    flag (the pack page's) reaches on_failure with the core's :class:`Cancelled` and its message."""
    from sydw_desktop.progress import Cancelled, check_cancel

    outcome: list[object] = []
    stop = threading.Event()
    stop.set()
    flagged = Task(work=lambda _t: check_cancel(stop.is_set, "已取消校验。"), on_success=outcome.append,
                   on_failure=outcome.append, on_cancelled=lambda: outcome.append("cancelled"))
    window.runner.submit(flagged)
    qtbot.waitUntil(lambda: len(outcome) == 1, timeout=5000)
    assert isinstance(outcome[0], Cancelled) and outcome[0].message == "已取消校验。"

    def work(token: CancelToken) -> None:
        token.cancel()
        token.progress(0.5, "进行中")
        check_cancel(token.is_cancelled)

    window.runner.submit(Task(work=work, on_success=outcome.append, on_failure=outcome.append,
                              on_cancelled=lambda: outcome.append("cancelled")))
    qtbot.waitUntil(lambda: len(outcome) == 2, timeout=5000)
    assert outcome[1] == "cancelled"


def test_full_check_with_progress(qtbot, window) -> None:
    ws = window.session.ws
    unit = pick_unit(ws, Phase.AFTER)
    window.session.checker.stop()  # only the full check may produce the next report
    window.session.perform(lambda w: w.update_unit(unit.id, staffing=4))
    window.actions_.check_all.trigger()
    qtbot.waitUntil(lambda: any(f.rule == "plan.min_unit_size" and f.unit == unit.name
                                for f in window.session.report.findings), timeout=20_000)


def test_new_workspace_dialog_validates_and_creates(qtbot, tmp_path) -> None:
    from ui_helpers import type_chinese

    from sydw_desktop.vocab import Level
    from sydw_desktop.workspace import Workspace
    from ui.new_workspace_dialog import NewWorkspaceDialog

    dialog = NewWorkspaceDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.result() == 0 and "行政区划名称" in dialog.error.text()
    dialog.name.setFocus()
    type_chinese(dialog.name, "测试旗")
    qtbot.keyClicks(dialog.code, "15x0999")  # the validator keeps digits only, at most 6
    assert dialog.code.text() == "150999"
    dialog.level.setCurrentText(Level.BANNER.value)
    qtbot.keyClicks(dialog.unit_cap, "40")
    assert dialog.target() == tmp_path / "测试旗.sydw"
    dialog._accept()
    assert dialog.result() == NewWorkspaceDialog.DialogCode.Accepted
    j = dialog.jurisdiction()
    assert (j.name, j.code, j.level, j.unit_cap, j.staff_cap) == ("测试旗", "150999", Level.BANNER, 40, None)

    window = MainWindow(ini_settings(tmp_path))
    qtbot.addWidget(window)
    window.set_workspace(Workspace.create(dialog.target(), j))
    assert window.windowTitle().startswith("测试旗.sydw")
    assert window.tree.model_.index(0, 0).data() == "测试旗（旗县 150999）"
    assert window.settings.recent_files()[0] == dialog.target().resolve()
    window.close()


def test_recent_file_action_opens_the_workspace(qtbot, demo_path, tmp_path) -> None:
    settings = ini_settings(tmp_path)
    settings.add_recent(demo_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.session is None and window.stack.currentWidget() is window.welcome
    window.recent_menu.actions()[0].trigger()  # opens on the worker, the window live meanwhile
    assert window.opening == demo_path and not window.open_progress.isHidden()
    qtbot.waitUntil(lambda: window.session is not None, timeout=20_000)
    assert window.session.ws.path == demo_path and window.session.report is not None
    assert window.open_progress.isHidden() and window.opening is None
    window.close()
    assert window.session is None


def test_opening_in_the_background_keeps_the_window_live_and_reports_a_bad_file(qtbot, demo_path, tmp_path) -> None:
    settings = ini_settings(tmp_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    broken = tmp_path / "坏文件.sydw"
    broken.write_bytes(b"not a workspace at all" * 100)
    window.open_in_background(broken)
    assert window.opening == broken and not window.welcome.isEnabled()
    ticks: list[int] = []
    window.startTimer(10)
    window.timerEvent = lambda _event: ticks.append(1)  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: window.opening is None, timeout=20_000)
    assert window.session is None and window.welcome.isEnabled() and window.open_progress.isHidden()
    assert window.last_error and "坏文件.sydw" in window.last_error, window.last_error

    window.open_in_background(demo_path)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20_000)
    assert window.session.report is not None and window.session.state is not None
    assert window.problems.shown == [*window.session.comment_findings, *window.session.report.findings]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages["after"], timeout=5_000)
    assert ticks, "the event loop ran while the files were read"
    window.close()
