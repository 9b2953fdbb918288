"""Progress and cancellation of long operations (export, pack, verify, receive).

A long operation takes two optional callables, both called from the thread doing the work:

* ``progress(fraction, text)`` (:data:`Progress`): how far it is, ``fraction`` in [0, 1], and what it
  is doing, in Chinese, for people;
* ``cancel()`` (:data:`CancelCheck`): True once the user asked to stop. The operation checks it
  between steps with :func:`check_cancel`, which raises :class:`Cancelled`.

The CLI passes a progress callable that writes to stderr; the GUI's task runner
(``ui/operations.py``) passes its token's.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import SydwError

Progress = Callable[[float, str], None]
"""``progress(fraction, text)``: ``fraction`` in [0, 1]; ``text`` says what is being done, in Chinese."""

CancelCheck = Callable[[], bool]
"""``cancel()``: True when the user asked to cancel."""

NOTHING_WRITTEN = "已取消，未写入任何文件。"


class Cancelled(SydwError):
    """The user cancelled a long operation. The message says what was (or was not) left behind."""

    def __init__(self, message: str = NOTHING_WRITTEN) -> None:
        super().__init__(message)


def check_cancel(cancel: CancelCheck | None, message: str = NOTHING_WRITTEN) -> None:
    """Raise :class:`Cancelled` with ``message`` when ``cancel`` says so."""
    if cancel is not None and cancel():
        raise Cancelled(message)


def report_progress(progress: Progress | None, fraction: float, text: str) -> None:
    """Call ``progress`` (when there is one) with ``fraction`` clamped to [0, 1]."""
    if progress is not None:
        progress(max(0.0, min(1.0, fraction)), text)


def sub_range(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A :data:`Progress` for one stage of a longer operation: its [0, 1] maps onto [start, end]."""
    if progress is None:
        return None
    return lambda fraction, text: progress(start + (end - start) * max(0.0, min(1.0, fraction)), text)
