"""The pinned Qt bindings keep Python's reference counts intact.

PySide6 6.12.0 lost one reference to ``None`` per void call (``setToolTip`` …) and per empty
``data()``; on Python 3.11 a long GUI session then aborted with "none_dealloc: deallocating None".
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel


def test_void_calls_and_empty_data_do_not_leak_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    model = QStandardItemModel(1, 1)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setToolTip("提示")
        model.data(model.index(0, 0))
    assert abs(sys.getrefcount(None) - before) < 50
