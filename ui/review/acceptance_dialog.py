"""检查验收 (upper office): a subordinate's acceptances, the entry form with its checklist, and
生成检查验收意见包 (issue 17 item 5).

A subordinate is one of the allocation table or with received filings. An acceptance is a draft —
it can be changed or deleted — until its signed 检查验收意见包 is written; then it shows the county's
整改结果 as its filings bring them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.acceptance import RESULTS, Acceptance
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.store.undo import OpChanges
from ui.packets.packet_common import ERROR_STYLE, OK_STYLE
from ui.review.acceptance_items import ItemsTable
from ui.review.tables import TextTable
from ui.screen import fit_to_screen
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings


class AcceptanceDialog(QDialog):
    def __init__(self, session: WorkspaceSession, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acceptance_dialog")
        self.setWindowTitle("检查验收（对下级）")
        self.session = session
        self.settings = settings
        self.records = AcceptanceRecords(session.ws)
        self.editing: Acceptance | None = None
        self._units: dict[tuple[str, int, str], list[str]] = {}
        self.subordinate = QComboBox()
        self.subordinate.setObjectName("acceptance_subordinate")
        for code, name in self.records.subordinates().items():
            self.subordinate.addItem(f"{name}（{code}）", code)
        self.list = TextTable(["编号", "次", "日期", "文号", "验收结论", "存在问题", "已答复", "状态"], "acceptance_list")
        self.list.itemSelectionChanged.connect(self._selected)

        self.held_on = QLineEdit(date.today().isoformat())
        self.held_on.setObjectName("acceptance_date")
        self.team = QLineEdit()
        self.team.setObjectName("acceptance_team")
        self.team.setPlaceholderText("如 示例盟委编办检查验收组")
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("acceptance_doc_no")
        self.doc_no.setPlaceholderText("如 示编办发〔2026〕31号")
        self.verdict = QComboBox()
        self.verdict.setObjectName("acceptance_result")
        self.verdict.addItems(list(RESULTS))
        self.opinion = QPlainTextEdit()
        self.opinion.setObjectName("acceptance_opinion")
        self.opinion.setPlaceholderText("总体意见（写入检查验收意见正文，可不填）")
        self.opinion.setMaximumHeight(60)
        self.items = ItemsTable()
        head = QHBoxLayout()
        for label, widget in (("日期：", self.held_on), ("检查组：", self.team), ("文号：", self.doc_no),
                              ("验收结论：", self.verdict)):
            head.addWidget(QLabel(label))
            head.addWidget(widget, 1 if widget in (self.team, self.doc_no) else 0)
        form = QFormLayout()
        form.addRow(head)
        form.addRow("总体意见：", self.opinion)

        self.new_button = self._button("新建", "acceptance_new", self.new)
        self.save_button = self._button("保存", "acceptance_save", self.save)
        self.delete_button = self._button("删除", "acceptance_delete", self.delete)
        self.pack_button = self._button("生成检查验收意见包…", "acceptance_pack", self.open_pack)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.delete_button, self.pack_button):
            buttons.addWidget(b)
        buttons.addStretch()
        self.message = QLabel()
        self.message.setObjectName("acceptance_message")
        self.message.setWordWrap(True)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("下级："))
        pick.addWidget(self.subordinate, 1)
        top_layout.addLayout(pick)
        top_layout.addWidget(self.list)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.form_title = QLabel()
        bottom_layout.addWidget(self.form_title)
        bottom_layout.addLayout(form)
        bottom_layout.addWidget(self.items, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([180, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.subordinate.currentIndexChanged.connect(lambda _i: self.refresh())
        session.operation_did_execute.connect(lambda *_: self.refresh())
        fit_to_screen(self, QSize(1200, 760))
        if self.subordinate.count() == 0:
            self._say("本工作区还没有下级：请先在分配表中登记下级，或接收下级的报送材料。", ERROR_STYLE)
        self.refresh()
        self.new()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())  # type: ignore[operator]
        return button

    def code(self) -> str:
        return str(self.subordinate.currentData() or "")

    def refresh(self) -> None:
        code = self.code()
        found = self.records.acceptances("out", code) if code else []
        self.list.set_rows([
            (a.id, a.number, a.held_on, a.doc_no, a.result, len(a.problems),
             sum(1 for i in a.problems if i.status), "已发出" if a.sent else "草稿")
            for a in found
        ], found)
        self.items.set_units(self._unit_names(code))
        editing = self.editing
        fresh = None if editing is None else next((a for a in found if a.id == editing.id), None)
        if fresh is not None:  # sent, answered or undone meanwhile: show it as it is now
            self._show(fresh)
        elif editing is not None:
            self.new()
        self._update_buttons()

    def _unit_names(self, code: str) -> list[str]:
        """The units of ``code``'s latest filing (read once per filing: the dialog refreshes after every edit)."""
        filings = [f for f in self.session.ws.subordinate_filings() if f.region_code == code]
        if not filings:
            return []
        latest = max(filings, key=lambda f: f.round)
        key = (code, latest.round, latest.packet_sha256)
        if key not in self._units:
            from sydw_desktop.packets.receive import filing_snapshot

            snap = filing_snapshot(self.session.ws, code, latest.round)
            self._units[key] = [u.name for u in snap.after] + [u.name for u in snap.before]
        return self._units[key]

    def selected(self) -> Acceptance | None:
        value = self.list.row_value()
        return value if isinstance(value, Acceptance) else None

    def _selected(self) -> None:
        a = self.selected()
        if a is not None:
            self._show(a)

    def _show(self, a: Acceptance) -> None:
        self.editing = a
        self.held_on.setText(a.held_on)
        self.team.setText(a.team)
        self.doc_no.setText(a.doc_no)
        self.verdict.setCurrentText(a.result)
        self.opinion.setPlainText(a.opinion)
        self.items.load(a.items)
        answered = "；".join(f"{i.label}：{i.status}（{i.reply}）" for i in a.problems if i.status)
        state = "已发出，不能再修改" if a.sent else "草稿，可修改后保存或删除"
        self.form_title.setText(f"第{a.number}次检查验收（{state}）" + (f"。整改结果：{answered}" if answered else ""))
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.session.ws.readonly and bool(self.code())
        draft = self.editing is not None and not self.editing.sent
        self.save_button.setEnabled(writable and (self.editing is None or draft))
        self.delete_button.setEnabled(writable and draft)
        self.pack_button.setEnabled(writable and draft)

    def new(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.held_on.setText(date.today().isoformat())
        self.doc_no.clear()
        self.verdict.setCurrentText(RESULTS[0])
        self.opinion.clear()
        self.items.clear_items()
        self.form_title.setText("新的检查验收（逐项选择结论；存在问题的写明问题、整改要求和期限）：")
        self._update_buttons()

    def draft(self) -> Acceptance:
        return Acceptance(
            "out", self.code(), "", self.held_on.text(), self.verdict.currentText(), tuple(self.items.checklist()),
            team=self.team.text(), doc_no=self.doc_no.text(), opinion=self.opinion.toPlainText(),
            id=None if self.editing is None else self.editing.id,
        )

    def _run(self, mutation: object, done: str) -> OpChanges | None:
        try:
            changes = mutation()  # type: ignore[operator]
        except SydwError as err:
            self._say(err.message, ERROR_STYLE)
            return None
        assert isinstance(changes, OpChanges)
        self.session.did_execute(changes, self)
        self._say(done, OK_STYLE)
        return changes

    def save(self) -> bool:
        draft = self.draft()
        editing = self.editing
        if editing is None:
            changes = self._run(lambda: self.records.add(draft), "已登记检查验收（草稿）；确认无误后可生成检查验收意见包。")
        else:
            changes = self._run(lambda: self.records.update(draft), "已保存修改。")
        if changes is None:
            return False
        self.refresh()
        saved = next(a for a in self.records.acceptances("out", self.code())
                     if editing is None and a.id in changes.created or editing is not None and a.id == editing.id)
        self._select(saved)
        return True

    def _select(self, acceptance: Acceptance) -> None:
        for row in range(self.list.rowCount()):
            value = self.list.row_value(row)
            if isinstance(value, Acceptance) and value.id == acceptance.id:
                self.list.selectRow(row)
                return

    def delete(self) -> bool:
        a = self.editing
        if a is None or a.id is None:
            return False
        acceptance_id = a.id
        if self._run(lambda: self.records.delete(acceptance_id), f"已删除第{a.number}次检查验收（可撤销）。") is None:
            return False
        self.refresh()
        self.new()
        return True

    def open_pack(self) -> QDialog | None:
        from ui.review.acceptance_pack_dialog import AcceptancePackDialog

        a = self.editing
        if a is None or a.sent:
            self._say("请先选择一次尚未发出的检查验收（或先保存）。", ERROR_STYLE)
            return None
        dialog = AcceptancePackDialog(self.session, self.settings, a, self)
        dialog.sent.connect(self.refresh)
        dialog.show()
        return dialog

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
