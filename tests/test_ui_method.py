"""The method in the GUI: the computed step beside the 工作步骤 drop-down, the 工作进度 window,
marking a manual step done (logged), the start page's step texts from the core."""

from __future__ import annotations

from pathlib import Path

from method_helpers import answer
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import demo_path_fixture, open_window, wait_report, window_fixture  # noqa: F401

from sydw_desktop.method.steps import STEPS, StepState
from sydw_desktop.vocab import WorkflowStep
from ui.method.steps_view import MarkStepDialog
from ui.welcome_page import WelcomePage


def test_the_start_page_lists_the_core_step_texts(qtbot) -> None:
    page = WelcomePage()
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert all(d.needs in texts for d in STEPS)


def wait_steps(qtbot, window) -> None:
    """The steps are computed on the worker after each check report."""
    wait_report(qtbot, window)
    qtbot.waitUntil(lambda: len(window.method_menu.statuses) == 9 and not window.runner.busy)


def test_the_toolbar_shows_the_computed_state_of_the_step(qtbot, window) -> None:
    menu = window.method_menu
    wait_steps(qtbot, window)
    assert [s.step for s in menu.statuses] == list(WorkflowStep)
    step = window.session.ws.workflow_step()
    status = menu.status_of(step)
    assert status is not None and status.state is StepState.IN_PROGRESS
    assert menu.indicator.text().startswith("● 进行中（缺 ")
    assert all(m in menu.indicator.toolTip() for m in status.missing)
    index = window.workflow_combo.findData(WorkflowStep.PREPARE.value)
    assert window.workflow_combo.itemText(index) == "1. 前期准备（已完成）"
    window.set_workflow_step(WorkflowStep.APPROVAL)  # the drop-down still works and is logged
    assert window.session.ws.changelog(1)[0].new == WorkflowStep.APPROVAL.value
    assert menu.indicator.text() == "● 进行中（缺 1 项）"


def test_marking_a_manual_step_done_from_the_steps_window(qtbot, window, tmp_path: Path) -> None:
    menu = window.method_menu
    wait_steps(qtbot, window)
    menu.open_steps()
    view = menu.steps_dialog.view
    assert view.tree.topLevelItemCount() == 9
    view.select(WorkflowStep.MOBILISE)
    assert view.mark_button.isEnabled() and not view.unmark_button.isEnabled()
    view.select(WorkflowStep.DESIGN)
    assert not view.mark_button.isEnabled()
    view.select(WorkflowStep.MOBILISE)

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MarkStepDialog) and w.isVisible())
        dialog.day.setDate(QDate(2026, 12, 1))
        dialog.doc_no.setText("示编发[2026]9号")
        dialog.accept()

    QTimer.singleShot(0, fill)
    view.mark_button.click()
    wait_report(qtbot, window)
    qtbot.waitUntil(lambda: getattr(menu.status_of(WorkflowStep.MOBILISE), 'state', None) is StepState.DONE)
    entry = window.session.ws.changelog(1)[0]
    assert (entry.operation, entry.doc_no) == ("标记“动员部署”完成", "示编发〔2026〕9号")
    item = view.tree.topLevelItem(3)
    assert item.text(1) == "✔ 已完成（2026-12-01）"
    assert menu.steps_dialog.grab().save(str(tmp_path / "steps.png"))
    view.unmark_button.click()
    wait_report(qtbot, window)
    qtbot.waitUntil(lambda: getattr(menu.status_of(WorkflowStep.MOBILISE), 'state', None) is StepState.NOT_STARTED)


def test_the_decision_evaluation_and_report_windows(qtbot, window, tmp_path: Path) -> None:
    from ui.method.decisions_dialog import DecisionEntryDialog, DecisionsDialog
    from ui.method.evaluation_dialog import EvaluationDialog, EvaluationEntryDialog
    from ui.method.report_dialog import ReportDialog

    menu = window.method_menu
    decisions = menu.open_dialog("decisions")
    assert isinstance(decisions, DecisionsDialog)
    assert decisions.table.rowCount() == 5
    assert decisions.status.text() == "决策程序的会议都已登记。"
    decisions.table.selectRow(2)  # the 编委会议
    decisions.delete_button.click()
    assert decisions.table.rowCount() == 4
    assert "尚未登记：编委会议。" in decisions.status.text() and "还没有登记编委会议" in decisions.status.text()

    def committee(d: DecisionEntryDialog) -> None:
        assert d.kind.currentText() == "编委会议"  # the first meeting not recorded is offered
        d.day.setDate(QDate(2026, 10, 21))
        d.doc_no.setText("示编委[2026]5号")

    answer(DecisionEntryDialog, committee)
    decisions.add_button.click()
    assert decisions.table.rowCount() == 5 and decisions.table.item(2, 2).text() == "示编委〔2026〕5号"

    evaluations = menu.open_dialog("evaluations")
    assert isinstance(evaluations, EvaluationDialog)
    assert evaluations.coverage.text() == ("已评估 3/35 个单位（8.6%），目标 80%，尚未达到；"
                                           "1 条整改要求尚无整改结果。")

    def evaluate(d: EvaluationEntryDialog) -> None:
        d.unit.setCurrentIndex(d.unit.findText("示例旗档案史志馆"))
        d.day.setDate(QDate(2026, 12, 2))
        d.texts["duties"].setPlainText("档案接收和史志编修职责已承接")
        d.evaluator.setText("旗委编办")

    answer(EvaluationEntryDialog, evaluate)
    evaluations.add_button.click()
    assert evaluations.coverage.text().startswith("已评估 4/35 个单位（11.4%）")
    assert evaluations.table.rowCount() == 4

    report = menu.open_dialog("report")
    assert isinstance(report, ReportDialog)
    report.period.setCurrentIndex(report.period.findData("月"))
    report.end.setDate(QDate(2026, 12, 31))
    wait_report(qtbot, window)
    report.refresh()
    assert "2026-12-02 [督查评估] 示例旗档案史志馆：未发现问题" in report.preview.toPlainText()
    result = report.write(tmp_path / "通报.pdf")
    assert result is not None and result.pages >= 1 and (tmp_path / "通报.xlsx").exists()
    assert window.session.ws.changelog(1)[0].operation == "印发月通报"
    window.close_workspace()  # the windows go with the workspace
    assert menu.dialogs == {}


def test_confirming_transfers_and_running_flip_steps_7_and_8(qtbot, window) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from ui.method.progress_dialog import DayDialog, ProgressDialog

    menu = window.method_menu
    dialog = menu.open_dialog("progress")
    assert isinstance(dialog, ProgressDialog)
    for tab in (dialog.transfers, dialog.running):
        tab.table.selectAll()

        def day(d: DayDialog) -> None:
            d.day.setDate(QDate(2026, 12, 2))

        answer(DayDialog, day)
        tab.record.click()
        assert {tab.table.item(r, tab.table.columnCount() - 1).text() for r in range(tab.table.rowCount())} == {
            "2026-12-02"}
    wait_report(qtbot, window)
    qtbot.waitUntil(lambda: getattr(menu.status_of(WorkflowStep.TRANSFER), 'state', None) is StepState.DONE)
    assert menu.status_of(WorkflowStep.OPERATION).done_on == "2026-12-02"
    assert window.session.ws.changelog(1)[0].operation == "登记机构运行（35 个单位）"
    dialog.running.table.clearSelection()
    dialog.running.table.selectionModel().select(dialog.running.table.model().index(0, 0),
                                                 QItemSelectionModel.SelectionFlag.Select
                                                 | QItemSelectionModel.SelectionFlag.Rows)
    dialog.running.clear.click()
    wait_report(qtbot, window)
    qtbot.waitUntil(lambda: getattr(menu.status_of(WorkflowStep.OPERATION), 'state', None) is StepState.BLOCKED)
    assert menu.status_of(WorkflowStep.OPERATION).missing[0].startswith("1 个单位未登记运行日期：示例旗融媒体中心")


def test_the_pack_wizard_warns_before_the_committee_is_recorded(qtbot, window) -> None:
    from sydw_desktop.method.model import DecisionKind
    from sydw_desktop.method.records import MethodRecords

    ws = window.session.ws
    wizard = window.packet_menu.open_pack_wizard()
    page = wizard.check_page
    qtbot.waitUntil(lambda: page.report is not None, timeout=30_000)
    assert not page.committee_note.isVisibleTo(wizard) and page.committee_note.text() == ""
    records = MethodRecords(ws)
    committee = next(d for d in records.decisions() if d.kind is DecisionKind.COMMITTEE)
    window.session.perform(lambda w: MethodRecords(w).delete_decision(committee.id))
    page.run_check()
    assert page.committee_note.isVisibleTo(wizard)
    assert "还没有登记编委会议" in page.committee_note.text()
    wizard.reject()


def test_activating_a_step_opens_where_its_work_is_done(qtbot, window) -> None:
    from ui.method.review_dialog import ReviewDialog

    menu = window.method_menu
    wait_steps(qtbot, window)
    menu.open_steps()
    view = menu.steps_dialog.view
    view.select(WorkflowStep.SANDING_REVIEW)
    view.tree.itemActivated.emit(view.tree.currentItem(), 0)
    assert isinstance(menu.dialogs.get("review"), ReviewDialog) and menu.dialogs["review"].isVisible()
    view.select(WorkflowStep.DESIGN)
    view.tree.itemActivated.emit(view.tree.currentItem(), 0)
    assert window.pages.name_of(window.stack.currentWidget()) == "plan"


def test_a_read_only_workspace_disables_the_record_windows_writing_buttons(qtbot, demo_path: Path,
                                                                           tmp_path: Path) -> None:
    from ui_helpers import ini_settings

    from ui.mainwindow import MainWindow
    from ui.method.records_dialog import RecordsDialog
    from ui.method.review_dialog import ReviewDialog

    window = MainWindow(ini_settings(tmp_path), check_delay_ms=30)
    qtbot.addWidget(window)
    assert window.open_readonly(demo_path, remember=False)
    names = ("review", "decisions", "evaluations", "progress")
    dialogs = [window.method_menu.open_dialog(name) for name in names]
    for dialog in dialogs:
        assert isinstance(dialog, RecordsDialog) and len(dialog.writing_buttons) >= 2
        assert not any(b.isEnabled() for b in dialog.writing_buttons), dialog.objectName()
    review = dialogs[0]
    assert isinstance(review, ReviewDialog) and review.export_button.isEnabled()  # reading is still allowed
    assert review.table.rowCount() == 35
    window.close()
