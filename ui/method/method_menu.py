"""The 改革工作 menu and the computed step shown beside the toolbar's 工作步骤 drop-down.

:func:`build_method_menu` is the one call the main window makes; :meth:`MethodMenu.attach` follows
the open workspace. The steps are computed again whenever a check report arrives (every change of
the data is followed by one), so the drop-down, the indicator and the 工作进度 window always show
the state of the data as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QMainWindow, QMenu, QPushButton, QVBoxLayout, QWidget

from sydw_desktop.method.records import MethodRecords
from sydw_desktop.method.steps import DEFINITIONS, StepState, StepStatus, compute_steps
from sydw_desktop.rules.findings import CheckReport
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import WorkflowStep
from ui.method.steps_view import STATE_COLOURS, MarkStepDialog, StepsView, state_text
from ui.screen import fit_to_screen
from ui.session.operations import Task

if TYPE_CHECKING:
    from ui.session.operations import TaskRunner
    from ui.session.session import WorkspaceSession


class MethodHost(Protocol):
    session: WorkspaceSession | None
    runner: TaskRunner

    def show_error(self, message: str) -> None: ...
    def show_node(self, node: tuple[object, ...], *, select: bool = False) -> None: ...


#: Where the work of each step is done: a page of the main window (its node) or a record window.
STEP_PLACES: dict[WorkflowStep, tuple[str, ...]] = {
    WorkflowStep.PREPARE: ("node", "before"),
    WorkflowStep.DESIGN: ("node", "plan"),
    WorkflowStep.APPROVAL: ("dialog", "decisions"),
    WorkflowStep.SANDING_REVIEW: ("dialog", "review"),
    WorkflowStep.TRANSFER: ("dialog", "progress"),
    WorkflowStep.OPERATION: ("dialog", "progress"),
    WorkflowStep.EVALUATION: ("dialog", "evaluations"),
}


class StepsDialog(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("steps_dialog")
        self.setWindowTitle("工作进度（九步工作法）")
        self.view = StepsView()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        fit_to_screen(self, QSize(900, 560))


#: Quiet time after a check before the nine steps are worked out again: at once for a banner, after
#: a pause in the clerk's work at region scale (there the steps read for seconds under the file's lock).
STEPS_DELAY_MS = 300
STEPS_DELAY_LARGE_MS = 6000
LARGE_UNITS = 2000


class MethodMenu(QObject):
    def __init__(self, window: QMainWindow, host: MethodHost, combo: QComboBox) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.combo = combo
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # room for the state
        self.session: WorkspaceSession | None = None
        self.statuses: list[StepStatus] = []
        self._generation = 0  # a result overtaken by a newer report is dropped
        # The steps read the whole file (seconds at region scale, holding the workspace's lock): they
        # are worked out once the clerk pauses, not between an edit and the next undo.
        self._steps_timer = QTimer(self)
        self._steps_timer.setSingleShot(True)
        self._steps_timer.timeout.connect(self._compute_steps)
        self.steps_dialog: StepsDialog | None = None
        self.menu = QMenu("改革工作(&G)", window)
        self.menu.setObjectName("method_menu")
        self.show_steps = self._action("工作进度（九步）(&S)…", "method_steps", self.open_steps)
        self.show_review = self._action("“三定”审理(&R)…", "method_review", lambda: self.open_dialog("review"))
        self.show_progress = self._action("转隶确认和机构运行(&P)…", "method_progress",
                                          lambda: self.open_dialog("progress"))
        self.show_decisions = self._action("决策程序(&D)…", "method_decisions", lambda: self.open_dialog("decisions"))
        self.show_evaluations = self._action("督查评估(&E)…", "method_evaluations",
                                             lambda: self.open_dialog("evaluations"))
        self.show_report = self._action("调度和通报(&T)…", "method_report", lambda: self.open_dialog("report"))
        #: the record windows, one of each, closed with the workspace
        self.dialogs: dict[str, QDialog] = {}
        self.menu.aboutToShow.connect(self._update_actions)
        self.indicator = QPushButton()
        self.indicator.setObjectName("step_state")
        self.indicator.setFlat(True)
        self.indicator.clicked.connect(self.open_steps)
        self._update_actions()
        self._show_indicator()

    def _action(self, text: str, name: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _update_actions(self) -> None:
        for action in self.menu.actions():
            action.setEnabled(self.session is not None)

    # -- following the workspace ----------------------------------------------------------------------

    def attach(self, session: WorkspaceSession | None) -> None:
        if self.session is not None:
            self.session.report_changed.disconnect(self._on_report)
            self.session.operation_did_execute.disconnect(self._on_operation)
        self.session = session
        self.statuses = []
        self._generation += 1
        if session is not None:
            session.report_changed.connect(self._on_report)
            session.operation_did_execute.connect(self._on_operation)
            if session.report is not None:
                self._on_report(session.report)
        else:
            if self.steps_dialog is not None:
                self.steps_dialog.close()
            for dialog in self.dialogs.values():
                dialog.close()
                dialog.deleteLater()
            self.dialogs.clear()
        self._update_actions()
        self._show_indicator()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        """A method record changed (a step marked, a 审理 date): no rule reads it, so no new check
        report comes; the steps are worked out again from the last one."""
        session = self.session
        if session is not None and session.report is not None and (
                changes.method_records or changes.rounds or changes.settings):
            self._on_report(session.report)

    def _on_report(self, _report: CheckReport) -> None:
        self._generation += 1  # what is being worked out now is already out of date
        session = self.session
        large = session is not None and len(session.live.snapshot.before) > LARGE_UNITS
        self._steps_timer.start(STEPS_DELAY_LARGE_MS if large else STEPS_DELAY_MS)

    def _compute_steps(self) -> None:
        """Compute the steps for the latest report on the worker (a region has tens of thousands of units)."""
        session = self.session
        if session is None or session.report is None:
            return
        report = session.report
        self._generation += 1
        generation = self._generation

        def done(statuses: list[StepStatus]) -> None:
            if generation != self._generation or self.session is not session:
                return
            self.statuses = statuses
            self._show_indicator()
            if self.steps_dialog is not None:
                self.steps_dialog.view.set_statuses(statuses, writable=not session.ws.readonly)

        self.host.runner.submit(Task(work=lambda _token: compute_steps(session.ws, report), on_success=done))

    def status_of(self, step: WorkflowStep) -> StepStatus | None:
        return next((s for s in self.statuses if s.step is step), None)

    def step_changed(self) -> None:
        """The clerk chose another step in the drop-down: show its computed state."""
        self._show_indicator()

    def _show_indicator(self) -> None:
        for i in range(self.combo.count()):
            step = WorkflowStep(self.combo.itemData(i))
            status = self.status_of(step)
            text = f"{DEFINITIONS[step].number}. {step.value}"
            self.combo.setItemText(i, f"{text}（{status.state.label}）" if status else text)
        if self.session is None or not self.statuses:  # (a toolbar widget is hidden through its action)
            self.indicator.setText("" if self.session is None else "正在计算进度……")
            self.indicator.setToolTip("")
            self.indicator.setEnabled(self.session is not None)
            return
        step = self.session.ws.workflow_step()
        status = self.status_of(step)
        assert status is not None
        self.indicator.setEnabled(True)
        self.indicator.setText(state_text(status))
        self.indicator.setStyleSheet(f"color: {STATE_COLOURS[status.state]}; text-align: left")
        done = sum(1 for s in self.statuses if s.state is StepState.DONE)
        lines = [f"{step.value}：{status.state.label}", *[f"· {m}" for m in status.missing],
                 f"九步中已完成 {done} 步。点击查看工作进度。"]
        self.indicator.setToolTip("\n".join(lines))

    # -- the steps window -----------------------------------------------------------------------------

    def open_steps(self) -> None:
        if self.session is None:
            return
        if self.steps_dialog is None:
            self.steps_dialog = StepsDialog(self.window)
            self.steps_dialog.view.mark_requested.connect(self.mark_step)
            self.steps_dialog.view.unmark_requested.connect(self.unmark_step)
            self.steps_dialog.view.open_requested.connect(self.open_step)
        if self.session.report is not None and not self.statuses:
            self._on_report(self.session.report)
        self.steps_dialog.view.set_statuses(self.statuses, writable=not self.session.ws.readonly)
        self.steps_dialog.view.select(self.session.ws.workflow_step())
        self.steps_dialog.show()
        self.steps_dialog.raise_()

    def open_step(self, step: WorkflowStep) -> None:
        """Show where ``step``'s work is done (a manual step: its 标记完成 form)."""
        if DEFINITIONS[step].manual:
            self.mark_step(step)
            return
        kind, name = STEP_PLACES[step]
        if kind == "node":
            self.host.show_node((name,), select=True)
        else:
            self.open_dialog(name)

    def open_dialog(self, name: str) -> QDialog | None:
        """Show the record window ``name`` (review, decisions, evaluations, report), made on first use."""
        if self.session is None:
            return None
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = self.dialogs[name] = DIALOGS[name](self.session, self.window)
        dialog.show()
        dialog.raise_()
        return dialog

    def mark_step(self, step: WorkflowStep) -> None:
        session = self.session
        if session is None:
            return
        dialog = MarkStepDialog(step, self.steps_dialog or self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        day, doc_no, note = dialog.values()
        session.perform(lambda ws: MethodRecords(ws).mark_step(step, day, doc_no, note))

    def unmark_step(self, step: WorkflowStep) -> None:
        if self.session is not None:
            self.session.perform(lambda ws: MethodRecords(ws).unmark_step(step))


def _review(session: WorkspaceSession, parent: QWidget) -> QDialog:
    from ui.method.review_dialog import ReviewDialog

    return ReviewDialog(session, parent)


def _decisions(session: WorkspaceSession, parent: QWidget) -> QDialog:
    from ui.method.decisions_dialog import DecisionsDialog

    return DecisionsDialog(session, parent)


def _evaluations(session: WorkspaceSession, parent: QWidget) -> QDialog:
    from ui.method.evaluation_dialog import EvaluationDialog

    return EvaluationDialog(session, parent)


def _report(session: WorkspaceSession, parent: QWidget) -> QDialog:
    from ui.method.report_dialog import ReportDialog

    return ReportDialog(session, parent)


def _progress(session: WorkspaceSession, parent: QWidget) -> QDialog:
    from ui.method.progress_dialog import ProgressDialog

    return ProgressDialog(session, parent)


DIALOGS: dict[str, Callable[[WorkspaceSession, QWidget], QDialog]] = {
    "progress": _progress,
    "report": _report,
    "review": _review,
    "decisions": _decisions,
    "evaluations": _evaluations,
}


def build_method_menu(window: QMainWindow, host: MethodHost, combo: QComboBox) -> MethodMenu:
    method = MethodMenu(window, host, combo)
    window.menuBar().addMenu(method.menu)
    return method
