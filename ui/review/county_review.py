"""上级审核意见 (county side): the rounds, the comments received, replies, importing a return packet
— and, beside it, importing a 检查验收意见包 (its 存在问题 items are answered in the problems panel).

Each comment is marked 已修改 or 已说明 with a reply; the replies go up with the next round as the
修改说明. Importing a return packet verifies it on the worker (trust list plus a certificate the
clerk names) and tells plainly what it said; 同意 locks the round until 开始新一轮.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.model import Comment
from sydw_desktop.packets.acceptance_import import AcceptanceImportResult, acceptance_import_into
from sydw_desktop.packets.review_import import ReviewImportResult, review_import_into
from sydw_desktop.packets.trust import load_trust_sources
from sydw_desktop.review.round_table import round_rows
from sydw_desktop.review.rounds import state_label
from sydw_desktop.review.targets import target_label
from sydw_desktop.review.workspace_review import STATUSES
from sydw_desktop.rules.findings import Finding, Severity
from sydw_desktop.vocab import DocumentKind
from ui.packets.packet_common import BLOCK_STYLE, ERROR_STYLE, OK_STYLE, describe_error
from ui.review.tables import TextTable
from ui.session.operations import CancelToken, Task, run_with_progress
from ui.session.session import WorkspaceSession

PACKET_FILTER = "审核意见包 (*.zip)"
ACCEPTANCE_FILTER = "检查验收意见包 (*.zip)"
Imported = ReviewImportResult | AcceptanceImportResult
Importer = Callable[..., Imported]
CERT_FILTER = "证书 (*.pem *.crt *.cer)"


class CountyReviewDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("county_review")
        self.setWindowTitle("上级审核意见")
        self.resize(1100, 760)
        self.session = session
        self.state = QLabel()
        self.state.setObjectName("round_state")
        self.rounds = TextTable(["轮次", "报送时间", "审核结论", "意见", "已答复", "锁定", "备注"], "round_table")
        self.rounds.setMaximumHeight(150)
        self.comments = TextTable(["编号", "轮次", "针对", "上级意见", "处理情况", "答复"], "received_comments")
        self.acceptances = TextTable(["次", "日期", "文号", "检查机关", "验收结论", "存在问题", "已答复整改结果"],
                                     "received_acceptances")
        self.acceptances.setMaximumHeight(110)
        self.status = QComboBox()
        self.status.setObjectName("reply_status")
        self.status.addItems(list(STATUSES))
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("reply_text")
        self.reply.setPlaceholderText("答复：改了什么，或为什么不改（随下一轮报送）")
        self.reply.setMaximumHeight(80)
        save = QPushButton("保存答复")
        save.setObjectName("save_reply")
        save.clicked.connect(self.save_reply)
        self.message = QLabel()
        self.message.setObjectName("county_message")
        self.message.setWordWrap(True)
        import_button = QPushButton("导入审核意见包…")
        import_button.setObjectName("import_return")
        import_button.clicked.connect(lambda: self.import_packet())
        import_acceptance = QPushButton("导入检查验收意见包…")
        import_acceptance.setObjectName("import_acceptance")
        import_acceptance.setToolTip("上级检查验收的意见：存在问题的项目列入问题面板，逐项填写整改结果")
        import_acceptance.clicked.connect(lambda: self.import_acceptance())
        go = QPushButton("转到所指的单位和字段")
        go.setObjectName("go_to_comment")
        go.clicked.connect(lambda: self.go_to_selected())
        reopen = QPushButton("开始新一轮…")
        reopen.setObjectName("new_round")
        reopen.clicked.connect(lambda: self.new_round())
        reply_row = QHBoxLayout()
        reply_row.addWidget(QLabel("处理情况："))
        reply_row.addWidget(self.status)
        reply_row.addWidget(self.reply, 1)
        reply_row.addWidget(save)
        actions = QHBoxLayout()
        actions.addWidget(go)
        actions.addWidget(import_button)
        actions.addWidget(import_acceptance)
        actions.addWidget(reopen)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.rounds)
        layout.addWidget(QLabel("上级的审核意见（选中一条，填写答复）："))
        layout.addWidget(self.comments, 1)
        layout.addLayout(reply_row)
        layout.addWidget(QLabel("上级的检查验收（存在问题的项目在问题面板中逐项填写整改结果）："))
        layout.addWidget(self.acceptances)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.comments.itemSelectionChanged.connect(self._selected)
        self.comments.itemDoubleClicked.connect(lambda _item: self.go_to_selected())
        session.operation_did_execute.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ws = self.session.ws
        self.state.setText(f"当前状态：{state_label(ws.rounds())}")
        self.rounds.set_rows([
            (f"第{r.number}轮", r.submitted[:16].replace("T", " "), r.decision or ("待审核" if r.submitted else ""),
             r.comments, r.replies, "是" if r.locked else "", r.note)
            for r in round_rows(ws)
        ])
        received = AcceptanceRecords(ws).acceptances("in")
        self.acceptances.set_rows([
            (a.number, a.held_on, a.doc_no, a.office or a.name, a.result, len(a.problems),
             sum(1 for i in a.problems if i.status)) for a in received
        ], received)
        items = ws.comments("in")
        self.comments.set_rows([
            (c.id, c.round_number, target_label(c), c.text, c.status or "待处理", c.reply) for c in items
        ], items)

    def _selected(self) -> None:
        c = self.comments.row_value()
        if isinstance(c, Comment):
            self.reply.setPlainText(c.reply)
            if c.status:
                self.status.setCurrentText(c.status)

    def go_to_selected(self) -> bool:
        """Open the unit, field or document the selected comment points at, in the main window (highlighted)."""
        c = self.comments.row_value()
        navigate = getattr(self.parent(), "navigate", None)
        if not isinstance(c, Comment) or not c.unit or navigate is None:
            self._say("请选择一条针对具体单位的意见。", ERROR_STYLE)
            return False
        finding = Finding(rule="上级意见", severity=Severity.INFO, message=c.text,
                          document=DocumentKind.from_key(c.document or "plan"), unit=c.unit, field=c.field)
        navigate(finding)
        self._say(f"已转到：{target_label(c)}。", OK_STYLE)
        return True

    def save_reply(self) -> bool:
        c = self.comments.row_value()
        if not isinstance(c, Comment) or c.id is None:
            self._say("请先选择一条审核意见。", ERROR_STYLE)
            return False
        cid, status, text = c.id, self.status.currentText(), self.reply.toPlainText()
        try:
            changes = self.session.ws.answer_comment(cid, status, text)
        except SydwError as err:
            self._say(err.message, ERROR_STYLE)
            return False
        self.session.did_execute(changes, self)
        self._say(f"已保存答复（{status}），将随下一轮报送包的修改说明报送。", OK_STYLE)
        return True

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def new_round(self, reason: str | None = None) -> bool:
        if reason is None:
            reason, ok = QInputDialog.getText(self, "开始新一轮", "本轮已获上级同意并锁定。开始新一轮的理由（记入台账）：")
            if not ok:
                return False
        try:
            changes = self.session.ws.new_round(reason)
        except SydwError as err:
            self._say(err.message, ERROR_STYLE)
            return False
        self.session.did_execute(changes, self)
        self._say(f"已开始第{self.session.ws.current_round()}轮，可以修改材料了。", OK_STYLE)
        return True

    def import_packet(self, packet: Path | None = None, certificate: Path | None = None) -> None:
        self._import_from_above(review_import_into, "导入审核意见包", PACKET_FILTER, packet, certificate)

    def import_acceptance(self, packet: Path | None = None, certificate: Path | None = None) -> None:
        """Take in a 检查验收意见包: its 存在问题 items become findings to answer with the 整改结果."""
        self._import_from_above(acceptance_import_into, "导入检查验收意见包", ACCEPTANCE_FILTER, packet, certificate)

    def _import_from_above(self, importer: Importer, title: str, file_filter: str, packet: Path | None,
                           certificate: Path | None) -> None:
        if packet is None:
            chosen, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), file_filter)
            if not chosen:
                return
            packet = Path(chosen)
        if certificate is None and not self.session.ws.trusted_certificates():
            chosen, _ = QFileDialog.getOpenFileName(self, "上级编办的证书（电话核对指纹后）", str(packet.parent), CERT_FILTER)
            if not chosen:
                return
            certificate = Path(chosen)
        session, path = self.session, packet
        try:
            extra = load_trust_sources([certificate]) if certificate is not None else []
        except SydwError as err:
            self._say(err.message, BLOCK_STYLE)
            return
        session.begin_collection_op()

        def work(token: CancelToken) -> Imported:
            return importer(session.ws, path, extra_trust=extra, progress=lambda _f, t: token.report(t))

        def done(result: Imported) -> None:
            session.end_collection_op()
            session.did_execute(result.changes, self)
            self._say("\n".join(result.summary_lines()), OK_STYLE)

        def failed(error: BaseException) -> None:
            session.end_collection_op()
            self._say(describe_error(error), BLOCK_STYLE)

        run_with_progress(self, session.runner, Task(work=work, on_success=done, on_failure=failed),
                          title, f"正在校验“{packet.name}”……", cancellable=False)
