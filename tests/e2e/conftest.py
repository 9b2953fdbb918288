"""End-to-end tests drive a real window on an Xvfb display (skipped only when Xvfb is absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"


def _free_display() -> int:
    for number in range(99, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number between :99 and :199")


def _xvfb(size: str) -> Iterator[str]:
    """Start ``Xvfb :N`` with one screen of ``size`` (``WxH``) on a free display number."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb); the end-to-end GUI tests need it")
    number = _free_display()
    proc = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"Xvfb :{number} did not start: {err}")
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A roomy 1600×1000 display for the scenarios that look at content."""
    yield from _xvfb("1600x1000")


@pytest.fixture(scope="session")
def laptop_display() -> Iterator[str]:
    """A 1366×768 display: the smallest screen clerks work on."""
    yield from _xvfb("1366x768")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def xcb_env(display: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display, PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p
    ))
    env.update(extra)
    return env
