"""End-to-end tests drive a real window on an Xvfb display (skipped only when Xvfb is absent)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from xdisplay import xvfb

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"


def _xvfb(size: str) -> Iterator[str]:
    """Start ``Xvfb :N`` with one screen of ``size`` (``WxH``) on a free display number."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb); the end-to-end GUI tests need it")
    with xvfb(size) as display:
        yield display


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
