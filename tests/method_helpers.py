"""What the method's tests share: the demo written once per module, a fresh copy per test, and
answering a modal dialog the way a clerk would."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sydw_desktop.demo import write_demo
from sydw_desktop.workspace import Workspace


@pytest.fixture(scope="module", name="demo_file")
def demo_file_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "示例旗.sydw"
    write_demo(path)
    return path


@pytest.fixture(name="ws")
def ws_fixture(demo_file: Path, tmp_path: Path) -> Iterator[Workspace]:
    path = tmp_path / "ws.sydw"
    shutil.copy(demo_file, path)
    opened = Workspace.open(path)
    yield opened
    opened.close()


def answer(kind: type, fill: Callable[[Any], None]) -> None:
    """When the next ``kind`` dialog is open (modal), fill it in and accept it."""

    def run() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, run)
