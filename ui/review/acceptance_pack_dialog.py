"""生成检查验收意见包 (upper office): the key and where to write. The core's ``acceptance_pack_into``
renders the 检查验收意见 PDF, signs, bags, writes USB-safely and reads back on the worker, then
marks the acceptance as sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.acceptance import Acceptance
from sydw_desktop.packets.acceptance_pack import AcceptancePackResult, acceptance_pack_into
from ui.packets.identity_form import OpenIdentityForm
from ui.review.sign_and_write import sign_and_write
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

FILTER = "检查验收意见包 (*.zip)"


def acceptance_file_name(a: Acceptance, on: date | None = None) -> str:
    return f"{a.region_code}_检查验收意见_第{a.number}次_{a.result}_{(on or date.today()):%Y%m%d}.zip"


class AcceptancePackDialog(QDialog):
    sent = Signal()

    def __init__(self, session: WorkspaceSession, settings: AppSettings, acceptance: Acceptance,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acceptance_pack_dialog")
        self.setWindowTitle(f"生成检查验收意见包：{acceptance.name}第{acceptance.number}次检查验收")
        self.resize(680, 420)
        self.session = session
        self.acceptance = acceptance
        self.pack_result: AcceptancePackResult | None = None
        self.identity = OpenIdentityForm(settings)
        self.out = QLineEdit(str(Path.home() / acceptance_file_name(acceptance)))
        self.out.setObjectName("acceptance_out")
        browse = QPushButton("浏览…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        a = acceptance
        self.status = QLabel(f"{a.held_on} {a.doc_no} 验收结论：{a.result}；检查项目 {len(a.items)} 项，"
                             f"存在问题 {len(a.problems)} 项。发出后不能再修改。")
        self.status.setObjectName("acceptance_pack_status")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("保存到：", out_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("签名并生成")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.identity)
        layout.addStretch()
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "保存检查验收意见包", self.out.text(), FILTER)
        if chosen:
            self.out.setText(chosen)

    def make(self) -> None:
        identity = self.identity.try_open()
        if identity is None:
            return
        session, out = self.session, Path(self.out.text().strip())
        assert self.acceptance.id is not None
        acceptance_id = self.acceptance.id

        def work(report: Callable[[str], None]) -> AcceptancePackResult:
            return acceptance_pack_into(session.ws, acceptance_id, identity, out,
                                        progress=lambda _f, text: report(text))

        def done(result: AcceptancePackResult) -> str:
            self.pack_result = result
            self.sent.emit()
            return (f"已生成检查验收意见包：{result.path}\n"
                    "已从保存位置读回并完整校验；这次检查验收已标记为已发出，不能再修改。")

        sign_and_write(self, session, self.buttons, self.status, work, done, "生成检查验收意见包")
