"""An Xvfb display for GUI runs in a process of their own: the end-to-end tests (tests/e2e), the
screenshot scripts (scripts/*_screenshots.py) and bench/gui_latency.py. No pytest and no Qt here."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class XvfbMissing(RuntimeError):
    """There is no ``Xvfb`` on the PATH."""


def free_display() -> int:
    """A display number with neither a lock file nor a socket."""
    for number in range(99, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number between :99 and :199")


@contextmanager
def xvfb(size: str = "1600x1000") -> Iterator[str]:
    """``Xvfb :N`` with one screen of ``size`` (``WxH``) on a free display number, stopped on leaving."""
    binary = shutil.which("Xvfb")
    if binary is None:
        raise XvfbMissing("Xvfb is not installed (apt-get install xvfb)")
    number = free_display()
    proc = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    try:
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"Xvfb :{number} did not start: {err}")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def xcb_env(display: str, **extra: str) -> dict[str, str]:
    """This environment with Qt on the real (xcb) platform of ``display`` and the source tree importable."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env
