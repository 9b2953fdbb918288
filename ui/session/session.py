"""One open workspace in the GUI: the façade, its operations signal, and its latest check report.

Every mutation goes through :meth:`WorkspaceSession.perform`, which runs it, reads back the rows it
touched into the session's :class:`LiveSnapshot` (:attr:`WorkspaceSession.live`), and on success
emits ``operation_did_execute(changes, initiator)`` once — the one signal views refresh from; views
read the units and documents they show from ``session.live.snapshot``, never the whole file — and
asks the background checker to re-check what the change can affect. Errors from the core are
:class:`SydwError` with a Chinese message; they are emitted on ``failed`` and shown in one place by
the main window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sydw_desktop.errors import SydwError
from sydw_desktop.league.facts import attach_league
from sydw_desktop.live_snapshot import Delta, LiveSnapshot
from sydw_desktop.rules.engine import CheckState
from sydw_desktop.rules.findings import CheckReport, Finding
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.workspace import Workspace
from ui.review.comment_findings import received_comment_findings
from ui.session.checker import BackgroundChecker
from ui.session.findings_index import FindingsIndex
from ui.session.operations import TaskRunner


class WorkspaceSession(QObject):
    operation_did_execute = Signal(object, object)  # OpChanges, initiator (the session when none given)
    report_changed = Signal(object)  # CheckReport
    check_running = Signal(bool)
    failed = Signal(str)
    held_changed = Signal()  # a row being typed started or ended (see hold)

    def __init__(self, ws: Workspace, runner: TaskRunner, check_delay_ms: int = 400,
                 parent: QObject | None = None, *, live: LiveSnapshot | None = None,
                 state: CheckState | None = None, index: FindingsIndex | None = None) -> None:
        """``live``, ``state``, ``index``: the snapshot, first check and its index, when made elsewhere
        (by the opening worker)."""
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.comment_findings: list[Finding] = received_comment_findings(ws)  # 上级意见 (ui.review.comment_findings)
        self.held: tuple[str, str] | None = None  # (unit, field) of a row still being typed
        self.live = live if live is not None else LiveSnapshot.read(ws)
        #: what the last operation changed (in the rule catalogue's ``reads`` words)
        self.last_delta = Delta()
        self.state: CheckState | None = None
        self.report: CheckReport | None = None
        self.index = FindingsIndex()
        self._collection_busy = False
        # checks get a worker of their own: a long export never holds the problems panel back
        self.check_runner = TaskRunner(self)
        self.checker = BackgroundChecker(
            self.check_runner, lambda: attach_league(ws, self.live.snapshot),  # an upper office: its subordinates too
            lambda: self.state, lambda: not self._collection_busy,
            check_delay_ms, self,
        )
        if state is not None:
            self._set_state(state, index)
        self.checker.report_ready.connect(self._set_state)
        self.checker.running_changed.connect(self.check_running)
        self.checker.failed.connect(self.failed)

    # -- mutations ------------------------------------------------------------------------------

    # -- a row still being typed: its findings wait until the clerk leaves it ---------------------

    def hold(self, unit: str, field: str) -> None:
        """Keep the findings of ``unit``/``field`` out of the problems panel (a new row being typed)."""
        if self.held != (unit, field):
            self.held = (unit, field)
            self.held_changed.emit()

    def release(self) -> None:
        if self.held is not None:
            self.held = None
            self.held_changed.emit()

    def is_held(self, finding: Finding) -> bool:
        return self.held is not None and (finding.unit, finding.field or "") == self.held

    def perform(self, mutation: Callable[[Workspace], OpChanges | None], initiator: Any = None) -> OpChanges | None:
        """Run a quick mutation on the GUI thread; returns its changes, or None if refused."""
        if self._collection_busy:
            self.failed.emit("正在执行后台操作，请稍候再修改。")
            return None
        try:
            changes = mutation(self.ws)
        except SydwError as err:
            self.failed.emit(err.message)
            return None
        if changes is not None:
            self.did_execute(changes, initiator)
        return changes

    def did_execute(self, changes: OpChanges, initiator: Any = None) -> None:
        """Announce a finished operation (also used by background operations when they land)."""
        delta = self.last_delta = self.live.apply(self.ws, changes)
        self.operation_did_execute.emit(changes, self if initiator is None else initiator)
        if changes.review:  # a 上级意见 received or answered: no rule reads it
            self.comment_findings = received_comment_findings(self.ws)
            if self.state is not None:
                self._set_state(self.state)
        if not delta.empty:
            self.checker.schedule(delta)

    def undo(self) -> OpChanges | None:
        return self.perform(lambda ws: ws.undo())

    def redo(self) -> OpChanges | None:
        return self.perform(lambda ws: ws.redo())

    def begin_collection_op(self) -> None:
        """A background operation is about to use the workspace: hold edits and checks back."""
        self._collection_busy = True

    def end_collection_op(self) -> None:
        self._collection_busy = False

    @property
    def busy(self) -> bool:
        return self._collection_busy

    # -- checking -------------------------------------------------------------------------------

    def _set_state(self, state: CheckState, index: FindingsIndex | None = None) -> None:
        self.state = state
        self.report = state.report
        # 上级意见 are shown beside their fields and in the panel, but stay out of the rules' report
        # (read from the file only when they change: a report never waits for the workspace's lock)
        if self.comment_findings:
            index = FindingsIndex(dataclasses.replace(state.report, findings=(
                *self.comment_findings, *state.report.findings)))
        self.index = index if index is not None else FindingsIndex(state.report)
        self.report_changed.emit(state.report)

    def set_state(self, state: CheckState) -> None:
        """Install a check computed elsewhere (the full check with a progress dialog)."""
        self.checker.supersede()
        self._set_state(state)

    def set_report(self, report: CheckReport) -> None:
        """Show a report computed elsewhere that adds to the check (the 文书成文检查's lint findings);
        the check state stays, so the next re-check after an edit replaces it."""
        self.checker.supersede()
        self.report = report
        self.index = FindingsIndex(report)
        self.report_changed.emit(report)

    def close(self) -> None:
        self.checker.stop()
        self.check_runner.shutdown()
        self.ws.close()
