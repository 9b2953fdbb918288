"""One open workspace in the GUI: the façade, its operations signal, and its latest check report.

Every mutation goes through :meth:`WorkspaceSession.perform`, which runs it, and on success emits
``operation_did_execute(changes, initiator)`` once — the one signal views refresh from — and asks
the background checker for a new report. Errors from the core are :class:`SydwError` with a Chinese
message; they are emitted on ``failed`` and shown in one place by the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sydw_desktop.errors import SydwError
from sydw_desktop.league.facts import league_snapshot
from sydw_desktop.rules.findings import CheckReport
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.workspace import Workspace
from ui.session.checker import BackgroundChecker
from ui.session.findings_index import FindingsIndex
from ui.session.operations import TaskRunner


class WorkspaceSession(QObject):
    operation_did_execute = Signal(object, object)  # OpChanges, initiator (the session when none given)
    report_changed = Signal(object)  # CheckReport
    check_running = Signal(bool)
    failed = Signal(str)

    def __init__(self, ws: Workspace, runner: TaskRunner, check_delay_ms: int = 400,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.report: CheckReport | None = None
        self.index = FindingsIndex()
        self._collection_busy = False
        self.checker = BackgroundChecker(  # an upper office's snapshot carries its subordinates (league rules)
            runner, lambda: league_snapshot(ws), lambda: not self._collection_busy, check_delay_ms, self
        )
        self.checker.report_ready.connect(self._set_report)
        self.checker.running_changed.connect(self.check_running)
        self.checker.failed.connect(self.failed)

    # -- mutations ------------------------------------------------------------------------------

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
        self.operation_did_execute.emit(changes, self if initiator is None else initiator)
        if changes.kinds:
            self.checker.schedule()

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

    def _set_report(self, report: CheckReport) -> None:
        self.report = report
        self.index = FindingsIndex(report)
        self.report_changed.emit(report)

    def set_report(self, report: CheckReport) -> None:
        """Install a report computed elsewhere (the full check with a progress dialog)."""
        self.checker.supersede()
        self._set_report(report)

    def close(self) -> None:
        self.checker.stop()
        self.ws.close()
