"""示范卷 in the GUI: an upper office issues one (下发示范卷), a lower office installs one (导入示范卷)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.league.handdown import HanddownResult, InstallResult, install_handdown, issue_handdown
from sydw_desktop.packets.identity import load_identity
from sydw_desktop.packets.trust import load_trust_sources
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.workspace import Workspace
from ui.browse_row import browse_row
from ui.packets.cert_view import password_edit
from ui.packets.packet_common import describe_error
from ui.session.operations import Task
from ui.session.session import WorkspaceSession

if TYPE_CHECKING:
    from cryptography import x509

T = TypeVar("T")


def file_row(edit: QLineEdit, caption: str, pattern: str, *, save: bool = False) -> QHBoxLayout:
    def browse() -> None:
        pick = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        chosen, _ = pick(edit.window(), caption, edit.text(), pattern)
        if chosen:
            edit.setText(chosen)

    return browse_row(edit, browse, enter_stays_with_dialog=False)


class ActionDialog(QDialog):
    """A small form, one action button and an outcome line (the 示范卷, roll-up and 进度报送包 dialogs)."""

    def __init__(self, session: WorkspaceSession, title: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.resize(640, 260)
        self.form = QFormLayout()
        self.outcome = QLabel()
        self.outcome.setObjectName("handdown_outcome")
        self.outcome.setWordWrap(True)
        self.run_button = QPushButton(action)
        self.run_button.clicked.connect(self.run)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.run_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.outcome, 1)
        layout.addLayout(buttons)

    def run(self) -> None:
        raise NotImplementedError

    def signing_rows(self, what: str) -> None:
        """签名身份, 口令 and 保存为 (``self.key``, ``self.passphrase``, ``self.out``) for writing a ``what``."""
        self.key, self.passphrase, self.out = QLineEdit(), password_edit("签名身份的口令"), QLineEdit()
        self.form.addRow("签名身份（.p12）", file_row(self.key, "选择签名身份", "签名身份 (*.p12)"))
        self.form.addRow("口令", self.passphrase)
        self.form.addRow("保存为", file_row(self.out, f"保存{what}", f"{what} (*.zip)", save=True))

    def packet_rows(self, what: str, cert_label: str, cert_caption: str) -> None:
        """The packet to read (``self.packet``) and a certificate to trust besides (``self.cert``)."""
        self.packet, self.cert = QLineEdit(), QLineEdit()
        self.form.addRow(f"{what}（.zip）", file_row(self.packet, f"选择{what}", f"{what} (*.zip)"))
        self.form.addRow(cert_label, file_row(self.cert, cert_caption, "证书 (*.pem)"))

    def cert_trust(self) -> list[x509.Certificate]:
        """The certificate in ``self.cert`` as a trust source (none when the field is empty)."""
        return load_trust_sources([Path(self.cert.text())]) if self.cert.text().strip() else []

    def on_worker(self, work: Callable[[], T], busy: str, done: Callable[[T], str]) -> None:
        """Run ``work`` on the worker with the action button off and ``busy`` shown; then show
        ``done(result)`` or why it failed. The passphrase field is cleared at once."""
        self.passphrase.clear()
        self.run_button.setEnabled(False)
        self.outcome.setText(busy)

        def finished(result: T) -> None:
            self.run_button.setEnabled(True)
            self.outcome.setText(done(result))

        def failed(error: BaseException) -> None:
            self.run_button.setEnabled(True)
            self.outcome.setText(describe_error(error))

        self.session.runner.submit(Task(work=lambda _token: work(), on_success=finished, on_failure=failed))

    def perform(self, mutation: Callable[[Workspace], OpChanges | None]) -> bool:
        """Run ``mutation`` through the session; a refusal is also shown in this dialog."""
        refused: list[str] = []
        self.session.failed.connect(refused.append)
        try:
            self.session.perform(mutation, self)
        finally:
            self.session.failed.disconnect(refused.append)
        if refused:
            self.outcome.setText(refused[-1])
        return not refused


class HanddownIssueDialog(ActionDialog):
    """下发示范卷: this office's parameters, allocations and templates, signed with its identity."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "下发示范卷", "生成示范卷", parent)
        self.setObjectName("handdown_issue")
        self.signing_rows("示范卷")
        self.issued: HanddownResult | None = None

    def run(self) -> None:
        def mutation(ws: Workspace) -> OpChanges | None:
            identity = load_identity(Path(self.key.text()), self.passphrase.text())
            self.issued = issue_handdown(ws, identity, Path(self.out.text()))
            return ws.last_changes

        self.issued = None
        if self.perform(mutation) and self.issued is not None:
            r = self.issued
            self.outcome.setText(f"已生成示范卷第{r.number}号：{r.path}\n规则参数 {r.params} 项，限额分配 "
                                 f"{r.allocations} 个，格式模板 {r.templates} 个。请与证书一并交给下级。")
        self.passphrase.clear()


class HanddownImportDialog(ActionDialog):
    """导入示范卷: verify a superior's pack and install it (the older one is refused)."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "导入示范卷", "校验并导入", parent)
        self.setObjectName("handdown_import")
        self.packet_rows("示范卷", "上级证书（.pem）", "选择上级编办的证书")
        self.installed: InstallResult | None = None

    def run(self) -> None:
        def mutation(ws: Workspace) -> OpChanges | None:
            self.installed = install_handdown(ws, Path(self.packet.text()), trust=self.cert_trust())
            return None if self.installed.unchanged else ws.last_changes

        self.installed = None
        if not self.perform(mutation) or self.installed is None:
            return
        r = self.installed
        self.outcome.setText(
            f"这份示范卷（{r.issuer}第{r.number}号）此前已经导入，未作改动。" if r.unchanged else
            f"已导入{r.issuer}示范卷第{r.number}号：规则参数 {r.params} 项"
            + ("，机构限额和事业编制总量已按分配设置" if r.caps_set else "")
            + (f"，格式模板 {r.templates} 个" if r.templates else "") + "。已记入台账，检查随之更新。")
