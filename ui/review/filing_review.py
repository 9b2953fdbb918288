"""审阅下级报送 (upper office): one received filing, read-only, with the comments written on it.

The filing is what the packet carried (its units before/after, the county's findings with the 说明
beside each warning, its 修改说明 from round 2 on, the changes since its previous round); nothing
in it can be edited here. Comments on a unit, a field or a document are drafts — editable and
withdrawable — until “生成审核意见包…” sends them with the decision.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.model import Comment, Snapshot, SubordinateFiling
from sydw_desktop.packets.receive import filing_snapshot
from sydw_desktop.packets.round_diff import round_diff
from sydw_desktop.review.targets import target_label
from ui.packets.packet_common import ERROR_STYLE, short_time
from ui.review.comment_form import CommentForm
from ui.review.tables import TextTable
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


class FilingReviewDialog(QDialog):
    def __init__(self, session: WorkspaceSession, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filing_review")
        self.setWindowTitle("审阅下级报送材料（只读）")
        self.resize(1280, 820)
        self.session = session
        self.settings = settings
        self.snapshot: Snapshot | None = None
        self.filing_box = QComboBox()
        self.filing_box.setObjectName("filing_box")
        self.header = QLabel()
        self.header.setObjectName("filing_header")
        self.header.setWordWrap(True)
        self.units = TextTable(["阶段", "单位名称", "主管部门", "类别", "经费形式", "核定编制", "改革方式", "备注"], "filing_units")
        self.findings = TextTable(["级别", "规则", "单位", "问题", "说明"], "filing_findings")
        self.replies = TextTable(["针对", "审核意见", "处理情况", "答复", "所作修改"], "filing_replies")
        self.diff = TextTable(["类别", "变化"], "filing_diff")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("filing_tabs")
        self.tabs.addTab(self.units, "单位（改革前后）")
        self.tabs.addTab(self.findings, "检查结果和说明")
        self.tabs.addTab(self.replies, "修改说明")
        self.tabs.addTab(self.diff, "与上一轮比较")
        self.comments = TextTable(["编号", "针对", "意见", "状态"], "review_comments")
        self.form = CommentForm()
        self.error = QLabel()
        self.error.setObjectName("review_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        add = QPushButton("添加意见")
        add.setObjectName("add_comment")
        add.clicked.connect(self.add_comment)
        edit = QPushButton("用上面的内容修改所选意见")
        edit.setObjectName("edit_comment")
        edit.clicked.connect(self.edit_selected)
        withdraw = QPushButton("撤回所选意见")
        withdraw.setObjectName("withdraw_comment")
        withdraw.clicked.connect(self.withdraw_selected)
        preview = QPushButton("预览所选文书")
        preview.setObjectName("preview_filing_document")
        preview.setToolTip("按报送材料中的数据和本机的模板排版预览（单位和文书按右侧“单位”“文书”的选择）")
        preview.clicked.connect(self.preview_document)
        self.return_button = QPushButton("生成审核意见包…")
        self.return_button.setObjectName("compose_return")
        self.return_button.clicked.connect(self.compose_return)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(QLabel("本级审核意见（发出前可修改、撤回）："))
        side.addWidget(self.comments, 1)
        side.addWidget(self.form)
        buttons = QHBoxLayout()
        for b in (add, edit, withdraw, preview):
            buttons.addWidget(b)
        side.addLayout(buttons)
        side.addWidget(self.error)
        side.addWidget(self.return_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(right)
        split.setSizes([760, 520])
        top = QHBoxLayout()
        top.addWidget(QLabel("报送材料："))
        top.addWidget(self.filing_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        self.units.itemSelectionChanged.connect(self._unit_selected)
        self.filing_box.currentIndexChanged.connect(self.show_filing)
        session.operation_did_execute.connect(self._on_operation)
        self.reload_filings()

    # -- the filing -------------------------------------------------------------------------------

    def filing(self) -> SubordinateFiling | None:
        value = self.filing_box.currentData()
        return value if isinstance(value, SubordinateFiling) else None

    def reload_filings(self, select: tuple[str, int] | None = None) -> None:
        current = self.filing()
        wanted = select or ((current.region_code, current.round) if current else None)
        self.filing_box.blockSignals(True)
        self.filing_box.clear()
        filings = sorted(self.session.ws.subordinate_filings(), key=lambda f: (f.region_code, -f.round))
        for f in filings:
            self.filing_box.addItem(f"{f.name}（{f.region_code}）第{f.round}轮　{f.bagging_date}　{f.signer_office}", f)
        index = next((i for i, f in enumerate(filings) if (f.region_code, f.round) == wanted), 0)
        self.filing_box.setCurrentIndex(index)
        self.filing_box.blockSignals(False)
        self.show_filing()

    def show_filing(self) -> None:
        f = self.filing()
        self.error.clear()
        if f is None:
            self.header.setText("还没有接收任何下级报送材料（报送 → 接收报送包）。")
            self.snapshot = None
            for table in (self.units, self.findings, self.replies, self.diff, self.comments):
                table.set_rows([])
            self.form.set_snapshot(None)
            self.return_button.setEnabled(False)
            return
        ws = self.session.ws
        self.snapshot = filing_snapshot(ws, f.region_code, f.round)
        sent = next((r for r in ws.review_records("out") if r.region_code == f.region_code and r.round == f.round), None)
        state = f"已发出审核意见：{sent.decision}（{short_time(sent.issued_at)}）" if sent else "尚未答复"
        self.header.setText(f"{f.name}第{f.round}轮报送材料，签名机关 {f.signer_office}，签发 {short_time(f.signed_at)}，"
                            f"接收于 {short_time(f.received_at)}。{state}。材料只读，不能在上级修改。")
        self.return_button.setEnabled(sent is None)
        self.units.set_rows([
            (u.phase.value, u.name, u.dept, u.category.value, u.funding.value, u.staffing,
             u.disposition.value if u.disposition else "", u.remark)
            for u in (*self.snapshot.before, *self.snapshot.after)
        ], [u.name for u in (*self.snapshot.before, *self.snapshot.after)])
        data = ws.subordinate_data(f.region_code, f.round)
        report: dict[str, Any] = json.loads(data[1]) if data else {"findings": []}
        self.findings.set_rows([
            (_SEVERITY.get(x["severity"], x["severity"]), x["rule"], x.get("unit") or "", x["message"],
             x.get("explanation") or "")
            for x in report.get("findings", [])
        ])
        replies = ws.subordinate_replies(f.region_code, f.round) or {}
        self.replies.set_rows([
            (r.get("target", ""), r.get("text", ""), r.get("status", ""), r.get("reply", ""), "；".join(r.get("changes", [])))
            for r in replies.get("replies", [])
        ] + [("其他修改", "", "", "", t) for t in replies.get("other_changes", [])])
        earlier = [g.round for g in ws.subordinate_filings() if g.region_code == f.region_code and g.round < f.round]
        if earlier:
            diff = round_diff(ws, max(earlier), f.round, f.region_code)
            self.diff.set_rows([(c.kind, c.text()) for c in diff.changes] or [("", "与上一轮相比没有变化")])
        else:
            self.diff.set_rows([("", "这是收到的第一轮材料")])
        self.form.set_snapshot(self.snapshot)
        self.show_comments()

    def show_comments(self) -> None:
        f = self.filing()
        items = self.session.ws.comments("out", f.region_code, f.round) if f else []
        self.comments.set_rows([
            (c.id, target_label(c), c.text, "已发出" if c.record is not None else "草稿") for c in items
        ], items)

    def _unit_selected(self) -> None:
        name = self.units.row_value()
        if name:
            self.form.choose(name, self.form.document.currentData() or "plan")

    def _on_operation(self, changes: object, _initiator: object) -> None:
        if getattr(changes, "subordinate_filings", False):
            self.reload_filings()
        elif getattr(changes, "review", False):
            self.show_comments()

    # -- comments ---------------------------------------------------------------------------------

    def add_comment(self) -> bool:
        f = self.filing()
        if f is None:
            return False
        comment = Comment(round_number=f.round, text=self.form.text.toPlainText(), document=self.form.document.currentData(),
                          unit=self.form.unit.currentData(), field=self.form.field.currentData(), region_code=f.region_code)
        if comment.document != "plan" and not comment.unit:
            self.error.setText("对“三定”规定、清单或章程提意见时，请先选择单位。")
            return False
        return self._perform(lambda ws: ws.add_comment(comment), clear=True)

    def _selected(self) -> Comment | None:
        c = self.comments.row_value()
        if c is None:
            self.error.setText("请先在意见列表中选择一条意见。")
        return c if isinstance(c, Comment) else None

    def edit_selected(self) -> bool:
        c = self._selected()
        text = self.form.text.toPlainText()
        return c is not None and c.id is not None and self._perform(lambda ws: ws.edit_comment(c.id, text), clear=True)

    def withdraw_selected(self) -> bool:
        c = self._selected()
        return c is not None and c.id is not None and self._perform(lambda ws: ws.withdraw_comment(c.id))

    def _perform(self, mutation: Any, *, clear: bool = False) -> bool:
        try:
            changes = mutation(self.session.ws)
        except SydwError as err:
            self.error.setText(err.message)
            return False
        self.error.clear()
        if clear:
            self.form.text.clear()
        self.session.did_execute(changes, self)
        self.show_comments()
        return True

    def compose_return(self) -> None:
        from ui.review.return_dialog import ReturnPacketDialog

        f = self.filing()
        if f is None:
            return
        dialog = ReturnPacketDialog(self.session, self.settings, f, self)
        dialog.sent.connect(lambda: self.reload_filings((f.region_code, f.round)))
        dialog.open()
        self.return_dialog = dialog

    def preview_document(self) -> bool:
        """Lay out the chosen document of the filing (its data, this office's templates) in the preview."""
        from ui.documents.pdf_preview import PreviewWindow
        from ui.documents.rendering import PdfBundle, document_bundle
        from ui.session.operations import Task, run_with_progress

        snap, kind, name = self.snapshot, self.form.document.currentData() or "plan", self.form.unit.currentData()
        if snap is None:
            return False
        unit_id = None
        if kind != "plan":
            unit = next((u for u in snap.after if u.name == name), None)
            if unit is None:
                self.error.setText("请先选择一个改革后单位。")
                return False
            unit_id = unit.id
        self.error.clear()

        def done(bundle: PdfBundle) -> None:
            self.preview_window = PreviewWindow(bundle, self.session.runner, self)
            self.preview_window.show()

        def failed(error: BaseException) -> None:
            self.error.setText(error.message if isinstance(error, SydwError) else f"生成预览失败：{error}")

        run_with_progress(self, self.session.runner, Task(
            work=lambda token: document_bundle(snap, kind, unit_id, token), on_success=done, on_failure=failed),
            "预览", "正在排版报送材料中的文书……")
        return True

    def warn(self, text: str) -> None:
        QMessageBox.warning(self, "审阅下级报送", text)
