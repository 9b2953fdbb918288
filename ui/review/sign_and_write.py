"""The 签名并生成 step the dialogs that send a packet down share (审核意见包, 检查验收意见包): the work
runs on the worker with the workspace held from edits, then the dialog says what was written (or
why not) and the session learns what the recording of it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from ui.packets.packet_common import ERROR_STYLE, OK_STYLE, describe_error
from ui.session.operations import CancelToken, Task, run_with_progress
from ui.session.session import WorkspaceSession

T = TypeVar("T")


def sign_and_write(dialog: QDialog, session: WorkspaceSession, buttons: QDialogButtonBox, status: QLabel,
                   work: Callable[[Callable[[str], None]], T], done: Callable[[T], str], title: str) -> None:
    """Run ``work(report)`` on the worker; on success show ``done(result)`` in ``status`` and disable
    the OK button (a packet is made once), on failure show why."""
    buttons.setEnabled(False)
    session.begin_collection_op()

    def run(token: CancelToken) -> T:
        token.commit()
        return work(token.report)

    def succeeded(result: T) -> None:
        session.end_collection_op()
        buttons.setEnabled(True)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        if session.ws.last_changes is not None:
            session.did_execute(session.ws.last_changes, dialog)
        status.setStyleSheet(OK_STYLE)
        status.setText(done(result))

    def failed(error: BaseException) -> None:
        session.end_collection_op()
        buttons.setEnabled(True)
        status.setStyleSheet(ERROR_STYLE)
        status.setText(describe_error(error))

    run_with_progress(dialog, session.runner, Task(work=run, on_success=succeeded, on_failure=failed),
                      title, "正在生成、签名并校验……", cancellable=False)
