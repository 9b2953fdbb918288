"""The row under a list editor: a box for a new item with 添加, then 上移 / 下移 / 删除 for the current one."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget


class EntryButtons(NamedTuple):
    add: QPushButton
    up: QPushButton
    down: QPushButton
    remove: QPushButton


def lay_out_list_editor(owner: QWidget, view: QWidget, entry: QLineEdit, add_name: str, add: Callable[[], object],
                        move: Callable[[int], object], remove: Callable[[], object],
                        key_tips: tuple[str, str, str] = ("", "", "")) -> EntryButtons:
    """Lay ``owner`` out as ``view`` over the row ``entry`` 添加 … 上移 下移 删除; ``key_tips`` name the
    keys that do the same as 上移 / 下移 / 删除 in ``view`` (shown as the buttons' tooltips)."""
    buttons = EntryButtons(QPushButton("添加"), QPushButton("上移"), QPushButton("下移"), QPushButton("删除"))
    buttons.add.setObjectName(add_name)
    buttons.add.clicked.connect(lambda _checked=False: add())
    buttons.up.clicked.connect(lambda _checked=False: move(-1))
    buttons.down.clicked.connect(lambda _checked=False: move(1))
    buttons.remove.clicked.connect(lambda _checked=False: remove())
    row = QHBoxLayout()
    row.addWidget(entry, 1)
    row.addWidget(buttons.add)
    row.addSpacing(12)
    for button, tip in zip(buttons[1:], key_tips, strict=True):
        if tip:
            button.setToolTip(tip)
        row.addWidget(button)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    layout.addLayout(row)
    return buttons
