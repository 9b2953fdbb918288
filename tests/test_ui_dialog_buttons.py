"""The shared foot-of-dialog buttons: Chinese texts, and which button accepts, rejects or calls back."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ui.dialog_buttons import close_box, ok_cancel

Ok, Cancel, Close = (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
                     QDialogButtonBox.StandardButton.Close)


def test_ok_cancel_accepts_or_calls_back_and_cancel_rejects(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = ok_cancel(dialog, "登记")
    assert (buttons.button(Ok).text(), buttons.button(Cancel).text()) == ("登记", "取消")
    buttons.button(Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    buttons.button(Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected

    called: list[bool] = []
    other = QDialog()
    qtbot.addWidget(other)
    checked = ok_cancel(other, "新建", lambda: called.append(True))
    other.setResult(QDialog.DialogCode.Rejected)
    checked.button(Ok).click()  # the call-back decides; the dialog is not accepted on its own
    assert called == [True] and other.result() == QDialog.DialogCode.Rejected


def test_close_box_says_guanbi_and_rejects(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = close_box(dialog)
    assert buttons.button(Close).text() == "关闭"
    dialog.setResult(QDialog.DialogCode.Accepted)
    buttons.button(Close).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
