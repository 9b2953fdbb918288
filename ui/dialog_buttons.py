"""The button boxes at the foot of the dialogs, with their Chinese texts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Ok, Cancel, Close = (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
                     QDialogButtonBox.StandardButton.Close)


def ok_cancel(dialog: QDialog, ok_text: str = "确定", on_ok: Callable[[], object] | None = None) -> QDialogButtonBox:
    """``ok_text`` and 取消; OK calls ``on_ok`` (else accepts ``dialog``), 取消 rejects it."""
    buttons = QDialogButtonBox(Ok | Cancel)
    buttons.button(Ok).setText(ok_text)
    buttons.button(Cancel).setText("取消")
    if on_ok is None:
        buttons.accepted.connect(dialog.accept)
    else:
        buttons.accepted.connect(lambda: on_ok())
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_box(dialog: QDialog) -> QDialogButtonBox:
    """关闭 alone, rejecting ``dialog``."""
    buttons = QDialogButtonBox(Close)
    buttons.button(Close).setText("关闭")
    buttons.rejected.connect(dialog.reject)
    return buttons
