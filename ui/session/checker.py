"""Re-checking the workspace in the background, debounced, after every edit.

The snapshot is read on the GUI thread (a few SQL reads); the rules run on the worker. A result that
arrives after a newer check was asked for is dropped, so the problems panel never goes backwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from sydw_desktop import rules
from sydw_desktop.model import Snapshot
from sydw_desktop.rules.findings import CheckReport
from ui.session.operations import CancelToken, Task, TaskRunner


def check_snapshot(snapshot: Snapshot, token: CancelToken | None = None) -> CheckReport:
    """Run the whole rule catalogue over ``snapshot`` (worker side; no Qt)."""
    if token is not None:
        token.raise_if_cancelled()
    return rules.run_checks(snapshot)


class BackgroundChecker(QObject):
    report_ready = Signal(object)  # CheckReport
    running_changed = Signal(bool)
    failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        snapshot: Callable[[], Snapshot],
        can_start: Callable[[], bool],
        delay_ms: int = 400,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._snapshot = snapshot
        self._can_start = can_start
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._requested = 0  # generation of the newest request
        self._in_flight = 0
        self._stopped = False

    @property
    def pending(self) -> bool:
        """A check is scheduled or running."""
        return self._timer.isActive() or self._in_flight > 0

    def schedule(self) -> None:
        """Ask for a check after the debounce delay (restarts the delay while edits keep coming)."""
        if self._stopped:
            return
        self._requested += 1
        self._timer.start()

    def check_now(self) -> None:
        if self._stopped:
            return
        self._requested += 1
        self._timer.stop()
        self._start()

    def supersede(self) -> None:
        """Drop the result of any check still running (a newer report is being installed)."""
        self._requested += 1

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()

    def _start(self) -> None:
        if self._stopped:
            return
        if not self._can_start():
            self._timer.start()  # the workspace is busy with a background operation; try later
            return
        generation = self._requested
        snap = self._snapshot()
        self._in_flight += 1
        if self._in_flight == 1:
            self.running_changed.emit(True)
        self._runner.submit(
            Task(
                work=lambda token: check_snapshot(snap, token),
                on_success=lambda report: self._done(generation, report),
                on_failure=lambda error: self._done(generation, None, error),
                on_cancelled=lambda: self._done(generation, None),
            )
        )

    def _done(self, generation: int, report: CheckReport | None, error: BaseException | None = None) -> None:
        self._in_flight -= 1
        if self._stopped:  # the workspace was closed meanwhile (this object may be gone from Qt)
            return
        if self._in_flight == 0:
            self.running_changed.emit(False)
        if error is not None:
            self.failed.emit(f"检查规则时出错：{error}")
            return
        if report is not None and generation == self._requested:
            self.report_ready.emit(report)
