"""The decision procedure: the meetings the plan passed (kind, date, 纪要/文号, result)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.decisions import committee_warning, missing_kinds
from sydw_desktop.method.model import Decision, DecisionKind
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.store.undo import OpChanges
from ui.method.forms import cell, date_edit, iso, ok_cancel, records_table
from ui.screen import fit_to_screen

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


class DecisionsDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisions_dialog")
        self.setWindowTitle("决策程序")
        self.session = session
        self.decisions: list[Decision] = []
        self.status = QLabel()
        self.status.setObjectName("decisions_status")
        self.status.setWordWrap(True)
        self.table = records_table(HEADERS, "decisions_table", stretch=3)
        self.add_button = QPushButton("登记会议…")
        self.add_button.setObjectName("add_decision")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton("删除")
        self.delete_button.setObjectName("delete_decision")
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("编办室务会议 → 协调小组会议 → 编委会议 → 党委常委会议 → 报批。"
                                "登记的会议记入台账，随报送包中的台账报给上级。"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(820, 420))
        session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.method_records or changes.rounds:
            self.refresh()

    def refresh(self) -> None:
        ws = self.session.ws
        self.decisions = MethodRecords(ws).decisions()
        self.table.setRowCount(len(self.decisions))
        for r, d in enumerate(self.decisions):
            for c, value in enumerate((d.kind.value, d.held_on, d.doc_no, d.result)):
                self.table.setItem(r, c, cell(value))
        missing = missing_kinds(self.decisions)
        warning = committee_warning(self.decisions, ws.rounds(), date.today().isoformat())
        lines = [f"尚未登记：{'、'.join(k.value for k in missing)}。" if missing else "决策程序的会议都已登记。"]
        if warning:
            lines.append(f"⚠ {warning}")
        self.status.setText("\n".join(lines))
        writable = not ws.readonly
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)

    def add(self) -> None:
        missing = missing_kinds(self.decisions)
        dialog = DecisionEntryDialog(missing[0] if missing else DecisionKind.SUBMIT, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.session.perform(lambda ws: MethodRecords(ws).add_decision(dialog.decision())) is not None:
                return

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            decision_id = self.decisions[rows[0].row()].id
            assert decision_id is not None
            self.session.perform(lambda ws: MethodRecords(ws).delete_decision(decision_id))
