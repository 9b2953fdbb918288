"""A path field with its 浏览… button beside it, the one row every file-choosing form has."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton


def browse_row(edit: QLineEdit, browse: Callable[[], object], *, enter_stays_with_dialog: bool = True) -> QHBoxLayout:
    """``edit`` taking the width, then 浏览… calling ``browse``. With ``enter_stays_with_dialog`` the
    button never becomes the dialog's default, so Enter belongs to the dialog's own button."""
    button = QPushButton("浏览…")
    if enter_stays_with_dialog:
        button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: browse())
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row
