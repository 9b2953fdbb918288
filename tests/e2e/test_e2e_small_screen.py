"""End-to-end at 1366×768: every page, editor, dialog and window fits, and speaks plain Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness import run_scenario

from tests.plain_words import english_words

SCENARIO = Path(__file__).with_name("scenario_small_screen.py")

pytestmark = pytest.mark.slow


def test_every_window_fits_a_laptop_screen_in_plain_words(laptop_display: str, artifacts: Path,
                                                          tmp_path: Path) -> None:
    out = artifacts / "small-screen"
    shutil.rmtree(out, ignore_errors=True)
    result = run_scenario(SCENARIO, out, laptop_display, tmp_path / "data", timeout=300)
    assert result["platform"] == "xcb" and result["screen"] == [1366, 768]
    windows: dict[str, list[str]] = result["windows"]
    assert len(windows) >= 20, sorted(windows)  # pages, editors, dialogs, wizard pages, the preview
    assert {name: problems for name, problems in windows.items() if problems} == {}
    for name in result["shots"]:
        assert (out / name).stat().st_size > 10_000, f"{name} looks empty"
    english = sorted({w for text in result["texts"] for w in english_words(text)})
    assert english == [], [t for t in result["texts"] if english_words(t)][:20]
