"""督查评估: an evaluation checklist per reformed unit, and the coverage against the 80 % target."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.evaluation import coverage
from sydw_desktop.method.model import EVALUATION_FIELDS, Evaluation, UnitHead
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.store.undo import METHOD_KINDS, ChangeKind, OpChanges
from sydw_desktop.vocab import Phase
from ui.method.forms import date_edit, iso, ok_cancel, records_table
from ui.method.records_dialog import RecordsDialog, button, button_row, fill_table, selected_row
from ui.screen import fit_to_screen

if TYPE_CHECKING:
    from sydw_desktop.workspace import Workspace
    from ui.session.session import WorkspaceSession

HEADERS = ["单位名称", "评估日期", *EVALUATION_FIELDS.values(), "评估人"]


class EvaluationEntryDialog(QDialog):
    def __init__(self, units: list[UnitHead], old: Evaluation | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_entry")
        self.setWindowTitle("修改督查评估" if old else "登记督查评估")
        self.old = old
        self.unit = QComboBox()
        self.unit.setObjectName("evaluation_unit")
        for u in units:
            self.unit.addItem(u.name, u.id)
        if old is not None:
            self.unit.setCurrentIndex(self.unit.findData(old.unit))
            self.unit.setEnabled(False)
        self.day = date_edit(old.evaluated_on if old else "", "evaluation_date")
        self.texts: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        form.addRow("单位：", self.unit)
        form.addRow("评估日期：", self.day)
        for name, label in EVALUATION_FIELDS.items():
            edit = QPlainTextEdit(getattr(old, name) if old else "")
            edit.setObjectName(f"evaluation_{name}")
            edit.setMaximumHeight(60)
            self.texts[name] = edit
            form.addRow(f"{label}：", edit)
        self.evaluator = QLineEdit(old.evaluator if old else "")
        self.evaluator.setObjectName("evaluation_evaluator")
        self.evaluator.setPlaceholderText("如：旗委督查室、旗委编办")
        form.addRow("评估人：", self.evaluator)
        form.addRow(ok_cancel(self, "保存"))
        fit_to_screen(self, QSize(620, 560))

    def evaluation(self) -> Evaluation:
        values = {name: edit.toPlainText() for name, edit in self.texts.items()}
        return Evaluation(unit=self.unit.currentData(), evaluated_on=iso(self.day), evaluator=self.evaluator.text(),
                          id=self.old.id if self.old else None, **values)


def _save(ws: Workspace, e: Evaluation) -> OpChanges:
    records = MethodRecords(ws)
    return records.update_evaluation(e) if e.id is not None else records.add_evaluation(e)


class EvaluationDialog(RecordsDialog):
    kinds_that_refresh = METHOD_KINDS | {ChangeKind.UNIT}

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "evaluation_dialog", "督查评估", parent)
        self.evaluations: list[Evaluation] = []
        self.coverage = QLabel()
        self.coverage.setObjectName("evaluation_coverage")
        self.table = records_table(HEADERS, "evaluation_table")
        self.table.itemDoubleClicked.connect(lambda *_: self.edit())
        self.add_button = button("登记评估…", "add_evaluation", self.add)
        self.edit_button = button("修改…", "edit_evaluation", self.edit)
        self.delete_button = button("删除", "delete_evaluation", self.delete)
        self.writing(self.add_button, self.edit_button, self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.coverage)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.delete_button))
        self.start(QSize(1180, 520))

    def show_records(self) -> None:
        records = MethodRecords(self.session.ws)
        after = records.unit_heads(Phase.AFTER)
        names = {u.id: u.name for u in after}
        self.evaluations = records.evaluations()
        cov = coverage(after, self.evaluations)
        text = cov.text() + ("，已达到" if cov.met else "，尚未达到")
        if cov.open_demands:
            text += f"；{cov.open_demands} 条整改要求尚无整改结果"
        self.coverage.setText(text + "。")
        fill_table(self.table, [[names.get(e.unit, ""), e.evaluated_on, *[getattr(e, n) for n in EVALUATION_FIELDS],
                                 e.evaluator] for e in self.evaluations])
        self.table.resizeColumnsToContents()
        for c in range(2, len(HEADERS)):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 180))

    def _selected(self) -> Evaluation | None:
        row = selected_row(self.table)
        return None if row is None else self.evaluations[row]

    def _run(self, dialog: EvaluationEntryDialog) -> None:
        self.save_entry(dialog, lambda ws: _save(ws, dialog.evaluation()))

    def add(self) -> None:
        self._run(EvaluationEntryDialog(MethodRecords(self.session.ws).unit_heads(Phase.AFTER), None, self))

    def edit(self) -> None:
        old = self._selected()
        if old is None:
            self.session.failed.emit("请先选择一条评估记录。")
            return
        self._run(EvaluationEntryDialog(MethodRecords(self.session.ws).unit_heads(Phase.AFTER), dataclasses.replace(old), self))

    def delete(self) -> None:
        old = self._selected()
        if old is not None and old.id is not None:
            evaluation_id = old.id
            self.session.perform(lambda ws: MethodRecords(ws).delete_evaluation(evaluation_id))
