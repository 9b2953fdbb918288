from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SYDW_USER", "测试员")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from examples import SHARED_ABSENT, ExampleBook, own_book, shared_book, shared_dir  # noqa: E402
from network_guard import block_network  # noqa: E402


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs offline: any network connection fails it (see ``network_guard.py``)."""
    block_network(monkeypatch)


@pytest.fixture
def shared_examples() -> Path:
    """The read-only examples of the shared contract; the test skips where ``shared/`` is absent."""
    shared = shared_dir()
    if shared is None:
        pytest.skip(SHARED_ABSENT)
    return shared / "examples"


@pytest.fixture(params=["own", "shared"])
def example_book(request: pytest.FixtureRequest) -> ExampleBook:
    """Each example workbook in turn: the project's own, then the contract's (skipped where absent)."""
    if request.param == "own":
        return own_book()
    book = shared_book()
    if book is None:
        pytest.skip(SHARED_ABSENT)
    return book
