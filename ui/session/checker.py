"""Re-checking the workspace in the background, debounced, after every edit.

Nothing is read on the GUI thread: the session's :class:`LiveSnapshot` is already up to date (the
operation's own rows were read back), and a snapshot is never changed once made, so the worker
checks the one it is handed. An edit re-checks only the rules its :class:`Delta` can affect
(``rules.engine.recheck``); once the clerk pauses, a full check runs in the background and takes
over if it finds anything different. A result that arrives after a newer check was asked for is
dropped, so the problems panel never goes backwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from sydw_desktop import rules
from sydw_desktop.live_snapshot import Delta
from sydw_desktop.model import Snapshot
from sydw_desktop.rules.engine import CheckState, check, recheck
from sydw_desktop.rules.findings import CheckReport
from ui.session.findings_index import FindingsIndex
from ui.session.operations import CancelToken, Task, TaskRunner

#: After the last re-check, the full check waits this long for the clerk to pause.
FULL_CHECK_DELAY_MS = 2000
EVERYTHING = Delta(everything=True)


def check_snapshot(snapshot: Snapshot, token: CancelToken | None = None) -> CheckReport:
    """Run the whole rule catalogue over ``snapshot`` (worker side; no Qt)."""
    if token is not None:
        token.raise_if_cancelled()
    return rules.run_checks(snapshot)


class BackgroundChecker(QObject):
    report_ready = Signal(object, object)  # CheckState, its FindingsIndex
    running_changed = Signal(bool)
    failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        snapshot: Callable[[], Snapshot],
        state: Callable[[], CheckState | None],
        can_start: Callable[[], bool],
        delay_ms: int = 400,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._snapshot = snapshot
        self._state = state
        self._can_start = can_start
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._full_timer = QTimer(self)
        self._full_timer.setSingleShot(True)
        self._full_timer.setInterval(FULL_CHECK_DELAY_MS)
        self._full_timer.timeout.connect(self._start_full)
        self._delta = Delta()
        self._requested = 0  # generation of the newest request
        self._in_flight = 0  # re-checks asked for by edits, running
        self._full: CancelToken | None = None  # the background full check, running
        self._stopped = False

    @property
    def pending(self) -> bool:
        """A re-check is scheduled or running (the background full check is not counted)."""
        return self._timer.isActive() or self._in_flight > 0

    def schedule(self, delta: Delta = EVERYTHING) -> None:
        """Ask for a re-check of ``delta`` after the debounce delay (restarted while edits keep coming)."""
        if self._stopped:
            return
        self._requested += 1
        self._delta = self._delta | delta
        self._cancel_full()
        self._timer.start()

    def check_now(self) -> None:
        if self._stopped:
            return
        self._requested += 1
        self._delta = EVERYTHING
        self._cancel_full()
        self._timer.stop()
        self._start()

    def supersede(self) -> None:
        """Drop the result of any check still running (a newer report is being installed)."""
        self._requested += 1
        self._cancel_full()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._full_timer.stop()
        self._cancel_full()

    def _cancel_full(self) -> None:
        self._full_timer.stop()
        if self._full is not None:
            self._full.cancel()
            self._full = None

    def _start(self) -> None:
        if self._stopped:
            return
        if not self._can_start():
            self._timer.start()  # the workspace is busy with a background operation; try later
            return
        generation = self._requested
        snap, previous, delta = self._snapshot(), self._state(), self._delta
        self._delta = Delta()
        self._in_flight += 1
        if self._in_flight == 1:
            self.running_changed.emit(True)

        def work(token: CancelToken) -> tuple[CheckState, FindingsIndex]:
            token.raise_if_cancelled()
            if previous is None:
                state = check(snap, cancel=token.is_cancelled)
            else:
                state = recheck(snap, previous, delta, cancel=token.is_cancelled)
            return state, FindingsIndex(state.report)

        self._runner.submit(Task(
            work=work,
            on_success=lambda state: self._done(generation, state, full=delta.everything),
            on_failure=lambda error: self._done(generation, None, error),
        ))

    def _done(self, generation: int, state: tuple[CheckState, FindingsIndex] | None,
              error: BaseException | None = None, *, full: bool = False) -> None:
        self._in_flight -= 1
        if self._stopped:  # the workspace was closed meanwhile (this object may be gone from Qt)
            return
        if self._in_flight == 0:
            self.running_changed.emit(False)
        if error is not None:
            self.failed.emit(f"检查规则时出错：{error}")
            return
        if state is not None and generation == self._requested:
            self.report_ready.emit(*state)
            if not full:
                self._full_timer.start()

    def _start_full(self) -> None:
        """The whole catalogue once more, in the background; its result counts only if nothing changed."""
        if self._stopped or self.pending or not self._can_start():
            return
        generation = self._requested
        snap = self._snapshot()
        token = CancelToken()
        self._full = token

        def done(state: CheckState) -> None:
            if self._full is token:
                self._full = None
            if not self._stopped and generation == self._requested:
                current = self._state()
                if current is None or current.report != state.report:
                    self.report_ready.emit(state, FindingsIndex(state.report))

        def failed(error: BaseException) -> None:
            if self._full is token:
                self._full = None

        self._runner.submit(Task(work=lambda t: check(snap, cancel=t.is_cancelled), on_success=done,
                                 on_failure=failed, on_cancelled=lambda: None, token=token))
