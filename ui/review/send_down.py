"""What the dialogs that send a packet down share (审核意见包, 检查验收意见包): the signing identity,
where to write, a status line, 签名并生成 / 关闭 — and the signing step itself, which runs on the worker
with the workspace held from edits, then says what was written (or why not) and tells the session
what recording it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.browse_row import browse_row
from ui.packets.identity_form import OpenIdentityForm
from ui.packets.packet_common import ERROR_STYLE, OK_STYLE, describe_error
from ui.session.operations import CancelToken, Task, run_with_progress
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

T = TypeVar("T")


class SendDownDialog(QDialog):
    """The common parts; a subclass lays them out with its own fields and implements ``make``."""

    sent = Signal()

    def __init__(self, session: WorkspaceSession, settings: AppSettings, *, name: str, what: str, out: Path,
                 status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.what = what
        self.identity = OpenIdentityForm(settings)
        self.out = QLineEdit(str(out))
        self.out.setObjectName(f"{name}_out")
        self.out_row = browse_row(self.out, self._browse)
        self.status = QLabel(status)
        self.status.setObjectName(f"{name}_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("签名并生成")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)

    def make(self) -> None:
        raise NotImplementedError

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, f"保存{self.what}", self.out.text(), f"{self.what} (*.zip)")
        if chosen:
            self.out.setText(chosen)

    def _fail(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def sign_and_write(self, work: Callable[[Callable[[str], None]], T], done: Callable[[T], str]) -> None:
        """Run ``work(report)`` on the worker; on success show ``done(result)`` and disable 签名并生成
        (a packet is made once), then emit ``sent``; on failure show why."""
        session, buttons = self.session, self.buttons
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
                session.did_execute(session.ws.last_changes, self)
            self.status.setStyleSheet(OK_STYLE)
            self.status.setText(done(result))
            self.sent.emit()

        def failed(error: BaseException) -> None:
            session.end_collection_op()
            buttons.setEnabled(True)
            self._fail(describe_error(error))

        run_with_progress(self, session.runner, Task(work=run, on_success=succeeded, on_failure=failed),
                          f"生成{self.what}", "正在生成、签名并校验……", cancellable=False)
