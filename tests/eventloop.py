"""Driving the Qt event loop from a script: waiting for a condition, letting work settle.

Used by the end-to-end scenarios and the screenshot scripts, which run the real window in their
own process and must let it paint, check and render between their steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication


def wait(what: str, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``condition()`` holds; raise ``TimeoutError`` naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"等待超时：{what}")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def settle(seconds: float) -> None:
    """Let the event loop run for a while (e.g. pages arriving from QPdfView's render threads)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
