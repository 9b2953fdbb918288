"""生成审核意见包 (upper office): the decision, the overall opinion, the 文号, the key and where to write.

The core's ``review_pack_into`` renders the 审核意见 PDF, signs, bags, writes USB-safely and reads
back on the worker, then records the decision and marks the comments as sent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import SubordinateFiling
from sydw_desktop.packets.review_pack import ReviewPackResult, review_pack_into
from ui.review.send_down import SendDownDialog
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings


def return_file_name(filing: SubordinateFiling, decision: str, on: date | None = None) -> str:
    return f"{filing.region_code}_审核意见_第{filing.round}轮_{decision}_{(on or date.today()):%Y%m%d}.zip"


class ReturnPacketDialog(SendDownDialog):
    def __init__(self, session: WorkspaceSession, settings: AppSettings, filing: SubordinateFiling,
                 parent: QWidget | None = None) -> None:
        drafts = [c for c in session.ws.comments("out", filing.region_code, filing.round) if c.record is None]
        super().__init__(session, settings, name="return", what="审核意见包",
                         out=Path.home() / return_file_name(filing, "退回修改" if drafts else "同意"),
                         status=f"随包发出的具体意见：{len(drafts)} 条。", parent=parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(f"生成审核意见包：{filing.name}第{filing.round}轮")
        self.resize(720, 560)
        self.filing = filing
        self.pack_result: ReviewPackResult | None = None
        self.returned = QRadioButton("退回修改")
        self.returned.setObjectName("decision_returned")
        self.approved = QRadioButton("同意")
        self.approved.setObjectName("decision_approved")
        group = QButtonGroup(self)
        group.addButton(self.returned)
        group.addButton(self.approved)
        (self.returned if drafts else self.approved).setChecked(True)
        decision_row = QHBoxLayout()
        decision_row.addWidget(self.returned)
        decision_row.addWidget(self.approved)
        decision_row.addStretch()
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("return_opinion")
        self.opinion.setPlaceholderText("总体意见（写入审核意见正文）")
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("return_doc_no")
        self.doc_no.setPlaceholderText("如 示编办函〔2026〕12号")
        form = QFormLayout()
        form.addRow("审核结论：", decision_row)
        form.addRow("总体意见：", self.opinion)
        form.addRow("文号：", self.doc_no)
        form.addRow("保存到：", self.out_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.identity)
        layout.addWidget(self.status)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.returned.toggled.connect(self._decision_changed)

    def decision(self) -> str:
        return "退回修改" if self.returned.isChecked() else "同意"

    def _decision_changed(self) -> None:
        path = Path(self.out.text())
        self.out.setText(str(path.with_name(return_file_name(self.filing, self.decision()))))

    def make(self) -> None:
        opinion = self.opinion.toPlainText().strip()
        if not opinion:
            self._fail("请填写总体意见。")
            return
        identity = self.identity.try_open()
        if identity is None:
            return
        session, filing, decision, doc_no, out = (self.session, self.filing, self.decision(), self.doc_no.text(),
                                                  Path(self.out.text().strip()))

        def work(report: Callable[[str], None]) -> ReviewPackResult:
            return review_pack_into(session.ws, filing.region_code, decision, opinion, identity, out,
                                    round_number=filing.round, doc_no=doc_no, progress=lambda _f, text: report(text))

        def done(result: ReviewPackResult) -> str:
            self.pack_result = result
            return (f"已生成审核意见包（{result.record.decision}，具体意见 {result.comments} 条）：{result.path}\n"
                    "已从保存位置读回并完整校验；所附意见已标记为已发出，不能再修改。")

        self.sign_and_write(work, done)
