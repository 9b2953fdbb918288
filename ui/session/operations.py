"""Slow work off the GUI thread, in the manner of Anki's ``CollectionOp``/``QueryOp``.

One background worker runs one task at a time. A task is a plain function that gets a
:class:`CancelToken` and returns a value; it never touches a widget. The token is also the core's
progress and cancel check (``progress=token.progress, cancel=token.is_cancelled``, see
``sydw_desktop/progress.py``). Its result (or error) is delivered back on the GUI thread.
:func:`run_with_progress` wraps a task in a progress dialog that can be cancelled: cancelling sets the token (tasks that loop check it) and, in any case, discards
the result, so the window never waits for the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from sydw_desktop.progress import Cancelled

log = logging.getLogger(__name__)

T = TypeVar("T")


class CancelToken:
    """Shared between the GUI and a running task: cancellation and progress text."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._committed = False
        self._progress: Callable[[str], None] | None = None
        self._on_commit: Callable[[], None] | None = None

    def cancel(self) -> None:
        with self._lock:
            if not self._committed:
                self._event.set()

    def commit(self) -> None:
        """Mark the point of no return (the task starts writing): from here on it cannot be
        cancelled and its result is always delivered. Raises :class:`Cancelled` if it already was."""
        with self._lock:
            if self._event.is_set():
                raise Cancelled()
            self._committed = True
        if self._on_commit is not None:
            self._on_commit()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def is_cancelled(self) -> bool:
        """The core's ``cancel()`` check (:data:`sydw_desktop.progress.CancelCheck`)."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def report(self, text: str) -> None:
        """Show ``text`` as the progress label (callable from the worker)."""
        if self._progress is not None:
            self._progress(text)

    def progress(self, fraction: float, text: str) -> None:
        """The core's ``progress(fraction, text)`` (:data:`sydw_desktop.progress.Progress`): shows the text."""
        self.report(text)


class _Gate:
    """Whether a worker may still post to its runner. Held while posting; once shut (the runner
    closed, or deleted by Qt with a task still running), no outcome is posted to it again."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.shut_ = False

    def shut(self, *_args: object) -> None:
        with self.lock:
            self.shut_ = True


@dataclass
class Task(Generic[T]):
    """A unit of background work and what to do with its outcome on the GUI thread."""

    work: Callable[[CancelToken], T]
    on_success: Callable[[T], None]
    on_failure: Callable[[BaseException], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    token: CancelToken = field(default_factory=CancelToken)


class TaskRunner(QObject):
    """The one background worker; outcomes are posted back to the GUI thread by a queued signal."""

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sydw-worker")
        self._deliver.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)
        self._running = 0
        self._closed = False
        self._gate = _Gate()  # shut by shutdown() or when Qt deletes this object
        self.destroyed.connect(self._gate.shut)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def submit(self, task: Task[Any]) -> None:
        self._running += 1
        self._pool.submit(self._execute, task)

    def _execute(self, task: Task[Any]) -> None:
        try:
            result = task.work(task.token)
        except Cancelled as exc:
            # Cancelled through this token: the task's on_cancelled. Cancelled through a flag of the
            # caller's own (the pack page's): a failure the caller shows with its message.
            cancelled = task.token.cancelled
            self._post(lambda e=exc: self._finish(task, None, None if cancelled else e, cancelled=cancelled))
        except BaseException as exc:  # delivered to the GUI thread, shown there
            self._post(lambda e=exc: self._finish(task, None, e, cancelled=False))
        else:
            self._post(lambda: self._finish(task, result, None, cancelled=False))

    def _post(self, callback: Callable[..., None]) -> None:
        with self._gate.lock:
            if not self._gate.shut_:
                self._deliver.emit(callback)

    def _finish(self, task: Task[Any], result: Any, error: BaseException | None, *, cancelled: bool) -> None:
        self._running -= 1
        if self._closed:  # the window is closing: nobody is left to show the outcome
            return
        if cancelled or task.token.cancelled:
            if task.on_cancelled is not None:
                task.on_cancelled()
            return
        if error is not None:
            if task.on_failure is None:
                log.error("后台任务出错", exc_info=error)
            else:
                task.on_failure(error)
            return
        task.on_success(result)

    @staticmethod
    def _run_callback(callback: Callable[[], None]) -> None:
        callback()

    def shutdown(self) -> None:
        """Drop queued tasks and the outcome of a running one; the worker thread ends by itself."""
        self._closed = True
        self._gate.shut()
        self._pool.shutdown(wait=False, cancel_futures=True)


class _ProgressBridge(QObject):
    text = Signal(str)
    committed = Signal()


def run_with_progress(
    parent: QWidget,
    runner: TaskRunner,
    task: Task[Any],
    title: str,
    label: str,
    *,
    cancellable: bool = True,
    delay_ms: int = 300,
) -> QProgressDialog:
    """Submit ``task`` and show a window-modal busy dialog after ``delay_ms`` until it finishes."""
    dialog = QProgressDialog(label, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    bridge = _ProgressBridge(dialog)
    bridge.text.connect(dialog.setLabelText, Qt.ConnectionType.QueuedConnection)
    bridge.committed.connect(lambda: dialog.setCancelButton(None), Qt.ConnectionType.QueuedConnection)
    task.token._progress = bridge.text.emit
    task.token._on_commit = bridge.committed.emit

    def close() -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    success, failure, cancelled = task.on_success, task.on_failure, task.on_cancelled

    def on_success(result: Any) -> None:
        close()
        success(result)

    def on_failure(error: BaseException) -> None:
        close()
        if failure is not None:
            failure(error)
        else:
            raise error

    def on_cancelled() -> None:
        close()
        if cancelled is not None:
            cancelled()

    def on_cancel_clicked() -> None:
        task.token.cancel()
        if task.token.cancelled:
            # The result will be discarded; give the window back at once.
            QTimer.singleShot(0, dialog.hide)

    task.on_success, task.on_failure, task.on_cancelled = on_success, on_failure, on_cancelled
    dialog.canceled.connect(on_cancel_clicked)
    runner.submit(task)
    return dialog
