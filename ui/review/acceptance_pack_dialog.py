"""生成检查验收意见包 (upper office): the key and where to write. The core's ``acceptance_pack_into``
renders the 检查验收意见 PDF, signs, bags, writes USB-safely and reads back on the worker, then
marks the acceptance as sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.acceptance import Acceptance
from sydw_desktop.packets.acceptance_pack import AcceptancePackResult, acceptance_pack_into
from ui.review.send_down import SendDownDialog
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

FILTER = "检查验收意见包 (*.zip)"


def acceptance_file_name(a: Acceptance, on: date | None = None) -> str:
    return f"{a.region_code}_检查验收意见_第{a.number}次_{a.result}_{(on or date.today()):%Y%m%d}.zip"


class AcceptancePackDialog(SendDownDialog):
    def __init__(self, session: WorkspaceSession, settings: AppSettings, acceptance: Acceptance,
                 parent: QWidget | None = None) -> None:
        a = acceptance
        super().__init__(session, settings, name="acceptance", what="检查验收意见包",
                         out=Path.home() / acceptance_file_name(a),
                         status=f"{a.held_on} {a.doc_no} 验收结论：{a.result}；检查项目 {len(a.items)} 项，"
                                f"存在问题 {len(a.problems)} 项。发出后不能再修改。", parent=parent)
        self.setObjectName("acceptance_pack_dialog")
        self.setWindowTitle(f"生成检查验收意见包：{a.name}第{a.number}次检查验收")
        self.resize(680, 420)
        self.acceptance = acceptance
        self.pack_result: AcceptancePackResult | None = None
        form = QFormLayout()
        form.addRow("保存到：", self.out_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.identity)
        layout.addStretch()
        layout.addWidget(self.buttons)

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
            return (f"已生成检查验收意见包：{result.path}\n"
                    "已从保存位置读回并完整校验；这次检查验收已标记为已发出，不能再修改。")

        self.sign_and_write(work, done)
