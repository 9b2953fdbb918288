"""The decision procedure: the meetings the plan passed (kind, date, 纪要/文号, result)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.decisions import committee_warning, missing_kinds
from sydw_desktop.method.model import Decision, DecisionKind
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.store.undo import METHOD_KINDS, ChangeKind
from ui.method.forms import date_edit, iso, ok_cancel, records_table
from ui.method.records_dialog import RecordsDialog, button, button_row, fill_table, selected_row

if TYPE_CHECKING:
    from ui.session.session import WorkspaceSession

HEADERS = ["会议（程序）", "日期", "纪要或文号", "结果"]


class DecisionEntryDialog(QDialog):
    def __init__(self, suggested: DecisionKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision_entry")
        self.setWindowTitle("登记决策程序")
        self.kind = QComboBox()
        self.kind.setObjectName("decision_kind")
        for k in DecisionKind:
            self.kind.addItem(k.value, k.value)
        self.kind.setCurrentIndex(self.kind.findData(suggested.value))
        self.day = date_edit(name="decision_date")
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("decision_doc_no")
        self.doc_no.setPlaceholderText("如：示编委〔2026〕5号")
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("decision_result")
        self.result_edit.setPlaceholderText("如：审议通过改革方案")
        form = QFormLayout(self)
        form.addRow("会议（程序）：", self.kind)
        form.addRow("日期：", self.day)
        form.addRow("纪要或文号：", self.doc_no)
        form.addRow("结果：", self.result_edit)
        form.addRow(ok_cancel(self, "登记"))

    def decision(self) -> Decision:
        return Decision(DecisionKind(self.kind.currentData()), iso(self.day), self.doc_no.text(), self.result_edit.text())


class DecisionsDialog(RecordsDialog):
    kinds_that_refresh = METHOD_KINDS | {ChangeKind.ROUND}

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "decisions_dialog", "决策程序", parent)
        self.decisions: list[Decision] = []
        self.status = QLabel()
        self.status.setObjectName("decisions_status")
        self.status.setWordWrap(True)
        self.table = records_table(HEADERS, "decisions_table", stretch=3)
        self.add_button = button("登记会议…", "add_decision", self.add)
        self.delete_button = button("删除", "delete_decision", self.delete)
        self.writing(self.add_button, self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("编办室务会议 → 协调小组会议 → 编委会议 → 党委常委会议 → 报批。"
                                "登记的会议记入台账，随报送包中的台账报给上级。"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.add_button, self.delete_button))
        self.start(QSize(820, 420))

    def show_records(self) -> None:
        ws = self.session.ws
        self.decisions = MethodRecords(ws).decisions()
        fill_table(self.table, [(d.kind.value, d.held_on, d.doc_no, d.result) for d in self.decisions])
        missing = missing_kinds(self.decisions)
        warning = committee_warning(self.decisions, ws.rounds(), date.today().isoformat())
        lines = [f"尚未登记：{'、'.join(k.value for k in missing)}。" if missing else "决策程序的会议都已登记。"]
        if warning:
            lines.append(f"⚠ {warning}")
        self.status.setText("\n".join(lines))

    def add(self) -> None:
        missing = missing_kinds(self.decisions)
        dialog = DecisionEntryDialog(missing[0] if missing else DecisionKind.SUBMIT, self)
        self.save_entry(dialog, lambda ws: MethodRecords(ws).add_decision(dialog.decision()))

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            decision_id = self.decisions[row].id
            assert decision_id is not None
            self.session.perform(lambda ws: MethodRecords(ws).delete_decision(decision_id))
