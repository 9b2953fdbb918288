#!/usr/bin/env python3
"""The GUI side of ``bench/gui_latency.py``: start ``sydw-desktop WS`` in this process and time it.

``python bench/gui_latency_probe.py WS.sydw OUT.json [--profile DIR]`` creates the QApplication,
starts a 20 ms heartbeat timer, queues the scenario, and hands over to the real entry point
``ui.app.main([WS])``, which opens the window and runs the event loop. The heartbeat records when
each tick ran, so the longest gap between ticks over a phase is that phase's longest event-loop
stall. The scenario (window shown → workspace open and checked → one field edit → problems panel
updated → undo → panel updated → sort → one search keystroke) runs inside the event loop and waits
by processing events, never by sleeping. All contact with the window's internals goes through
:class:`bench.gui_probe.Probe`. Results go to OUT.json; ``--profile DIR`` also writes a cProfile of
the GUI thread per phase (and of every rule check on the worker thread) into DIR.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.app import process_age  # noqa: E402  (measures from this process's start, via /proc)

STARTED = time.perf_counter() - process_age()  # perf_counter() value at process start
HEARTBEAT_MS = 20
WAIT_S = 600.0  # the longest any phase may take before the run is abandoned
SETTLE_S = 0.5  # after a sort or a keystroke: deferred layout and repaint land within this


class Heartbeat:
    """A 20 ms timer; ``stall(t0, t1)`` is the longest gap between ticks over ``[t0, t1]``."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self._timer.start()

    def gaps(self, t0: float, t1: float) -> list[tuple[float, float]]:
        """(start, length in s) of every gap between ticks over ``[t0, t1]``, the ends included."""
        points = [t0, *(t for t in self.ticks if t0 < t < t1), t1]
        return [(a, b - a) for a, b in zip(points, points[1:], strict=False)]

    def stall(self, t0: float, t1: float) -> float:
        """The longest stall in ms."""
        return max(length for _, length in self.gaps(t0, t1)) * 1000

    def stalls_over(self, t0: float, t1: float, ms: float) -> list[tuple[float, float]]:
        """Stalls longer than ``ms``: (seconds after ``t0``, length in ms)."""
        return [(round(a - t0, 2), round(length * 1000)) for a, length in self.gaps(t0, t1) if length * 1000 > ms]


def wait(what: str, condition: Callable[[], bool], timeout: float = WAIT_S) -> float:
    """Process events until ``condition()`` holds; returns the time it held (perf_counter)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for: {what}")
        # blocks until an event arrives; the heartbeat guarantees one every 20 ms
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return time.perf_counter()


def settle(seconds: float) -> float:
    end = time.perf_counter() + seconds
    return wait("settle", lambda: time.perf_counter() >= end)


class Profiles:
    """cProfile of the GUI thread per phase, and of each rule check on the worker, into ``folder``."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._current: cProfile.Profile | None = None
        self._checks = 0
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            self._wrap_checks()

    def start(self) -> None:
        if self.folder is not None:
            self._current = cProfile.Profile()
            self._current.enable()

    def stop(self, phase: str) -> None:
        if self._current is not None and self.folder is not None:
            self._current.disable()
            self._current.dump_stats(str(self.folder / f"gui-{phase}.prof"))
            self._current = None

    def _wrap_checks(self) -> None:
        from sydw_desktop import rules

        original = rules.run_checks
        lock = threading.Lock()

        def profiled(*args: Any, **kwargs: Any) -> Any:
            with lock:
                self._checks += 1
                number = self._checks
            profile = cProfile.Profile()
            start = time.perf_counter()
            try:
                return profile.runcall(original, *args, **kwargs)
            finally:
                assert self.folder is not None
                profile.dump_stats(str(self.folder / f"worker-check-{number}-{threading.current_thread().name}.prof"))
                print(f"[probe] rule check {number} on thread {threading.current_thread().name}: "
                      f"{time.perf_counter() - start:.2f} s (profiled)", file=sys.stderr)

        rules.run_checks = profiled  # type: ignore[assignment]


def scenario(beat: Heartbeat, shown_at: list[float], profiles: Profiles) -> dict[str, Any]:
    from bench.gui_probe import Probe

    out: dict[str, Any] = {}
    since_start = lambda t: round(t - STARTED, 3)  # noqa: E731

    # -- start → window shown (the paint may come before or after this first loop turn)
    wait("the main window painted", lambda: bool(shown_at))
    t_shown = shown_at[0]
    profiles.stop("start")
    out["window_shown_s"] = since_start(t_shown)
    probe = Probe.find()
    if probe is None:
        raise RuntimeError("no main window")

    # -- open → ready: the first check finished and the problems panel shows it
    profiles.start()
    t_ready = wait("the workspace open and checked", probe.open_ready)
    profiles.stop("open")
    out["open_ready_s"] = since_start(t_ready)
    out["open_stall_ms"] = round(beat.stall(t_shown, t_ready))
    out["open_stalls"] = beat.stalls_over(t_shown, t_ready, 250)
    out["findings"] = probe.findings_count()
    probe.show_units()
    settle(1.0)

    # -- one field edit → the problems panel updated
    token = probe.report_token()
    profiles.start()
    t0 = time.perf_counter()
    out["edited"] = probe.edit_one_staffing()
    t_edit_done = time.perf_counter()
    t1 = wait("the problems panel updated after the edit", lambda: probe.findings_updated(token))
    profiles.stop("edit")
    out["edit_call_ms"] = round((t_edit_done - t0) * 1000)
    out["edit_stall_ms"] = round(beat.stall(t0, t1))
    out["edit_stalls"] = beat.stalls_over(t0, t1, 100)
    out["edit_to_findings_s"] = round(t1 - t0, 3)
    out["findings_after_edit"] = probe.findings_count()
    settle(1.0)

    # -- undo → the problems panel updated
    token = probe.report_token()
    profiles.start()
    t0 = time.perf_counter()
    probe.undo()
    t_undo_done = time.perf_counter()
    t1 = wait("the problems panel updated after undo", lambda: probe.findings_updated(token))
    profiles.stop("undo")
    out["undo_call_ms"] = round((t_undo_done - t0) * 1000)
    out["undo_stall_ms"] = round(beat.stall(t0, t1))
    out["undo_stalls"] = beat.stalls_over(t0, t1, 100)
    out["undo_to_findings_s"] = round(t1 - t0, 3)
    out["findings_after_undo"] = probe.findings_count()
    settle(1.0)

    # -- one table sort (a header click), one search keystroke
    for name, action in (("sort", probe.sort), ("search", lambda: probe.search("水"))):
        profiles.start()
        t0 = time.perf_counter()
        action()
        t_done = time.perf_counter()
        t1 = settle(SETTLE_S) if t_done - t0 < SETTLE_S else settle(0.1)
        profiles.stop(name)
        out[f"{name}_call_ms"] = round((t_done - t0) * 1000)
        out[f"{name}_stall_ms"] = round(beat.stall(t0, t1))
    probe.clear_search()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="GUI side of bench/gui_latency.py")
    parser.add_argument("workspace", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile files of each phase into this folder")
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.gui_probe import ShownWatch
    from ui import app as gui

    profiles = Profiles(args.profile)
    profiles.start()  # start → shown: everything ui.app.main does before the first paint
    qapp = QApplication(sys.argv[:1])
    beat = Heartbeat()
    shown_at: list[float] = []
    watch = ShownWatch(qapp, lambda: shown_at.append(time.perf_counter()))
    result: dict[str, Any] = {}

    def drive() -> None:
        try:
            result.update(scenario(beat, shown_at, profiles))
        except BaseException as err:  # reported in OUT.json, the run fails
            result["error"] = "".join(traceback.format_exception(err))
        window = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window"), None)
        if window is not None:
            window.close()
        qapp.quit()

    QTimer.singleShot(0, drive)
    code = gui.main([str(args.workspace)])
    del watch
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if "error" in result else code


if __name__ == "__main__":
    sys.exit(main())
