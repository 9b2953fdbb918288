"""The checklist of a 检查验收 as an editable table: one row per catalogue item, its 结论 (符合 /
存在问题), the problem, the 整改要求, the 整改期限 and the unit it is about (chosen from the
subordinate's latest filing, or typed)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from sydw_desktop.method.acceptance import CONCLUSIONS, CONFORMS, PROBLEM, AcceptanceItem, catalogue

COLUMNS = ("检查项目", "结论", "存在问题", "整改要求", "整改期限", "针对单位（可选）")
PROBLEM_COL, DEMAND_COL, DEADLINE_COL = 2, 3, 4


class ItemsTable(QTableWidget):
    """The items being entered; :meth:`checklist` reads them back as :class:`AcceptanceItem`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        kinds = catalogue()
        super().__init__(len(kinds), len(COLUMNS), parent)
        self.setObjectName("acceptance_items")
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for col, width in enumerate((124, 96, 240, 200, 96, 170)):
            self.setColumnWidth(col, width)
        for col in (PROBLEM_COL, DEMAND_COL):  # the texts share what the fixed columns leave
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self._uids: list[str] = [""] * len(kinds)
        self._units: list[str] = []
        for row, kind in enumerate(kinds):
            label = QTableWidgetItem(kind.label)
            label.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            label.setToolTip(kind.scope)
            self.setItem(row, 0, label)
            conclusion = QComboBox()
            conclusion.setObjectName(f"conclusion_{kind.key}")
            conclusion.addItems(list(CONCLUSIONS))
            conclusion.currentTextChanged.connect(lambda text, r=row: self._conclusion_changed(r, text))
            self.setCellWidget(row, 1, conclusion)
            for col in (PROBLEM_COL, DEMAND_COL, DEADLINE_COL):
                self.setItem(row, col, QTableWidgetItem(""))
            self.setCellWidget(row, 5, self._unit_box(kind.key))
            self._conclusion_changed(row, CONFORMS)

    def _unit_box(self, key: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(f"unit_{key}")
        box.setEditable(True)
        box.addItems(["", *self._units])
        return box

    def set_units(self, names: Sequence[str]) -> None:
        """The unit names offered as targets (the subordinate's latest filing)."""
        self._units = list(names)
        for row in range(self.rowCount()):
            box = self.unit_box(row)
            current = box.currentText()
            box.clear()
            box.addItems(["", *self._units])
            box.setCurrentText(current)

    def conclusion_box(self, row: int) -> QComboBox:
        box = self.cellWidget(row, 1)
        assert isinstance(box, QComboBox)
        return box

    def unit_box(self, row: int) -> QComboBox:
        box = self.cellWidget(row, 5)
        assert isinstance(box, QComboBox)
        return box

    def _conclusion_changed(self, row: int, text: str) -> None:
        problem = text == PROBLEM
        for col in (PROBLEM_COL, DEMAND_COL, DEADLINE_COL):
            item = self.item(row, col)
            if item is None:
                continue
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if problem else flags)
            if not problem:
                item.setText("")
        self.unit_box(row).setEnabled(problem)

    def set_problem(self, row: int, problem: str, demand: str, deadline: str = "", unit: str = "") -> None:
        """Mark ``row`` 存在问题 with its texts (what a clerk types; tests use it)."""
        self.conclusion_box(row).setCurrentText(PROBLEM)
        for col, text in ((PROBLEM_COL, problem), (DEMAND_COL, demand), (DEADLINE_COL, deadline)):
            item = self.item(row, col)
            assert item is not None
            item.setText(text)
        self.unit_box(row).setCurrentText(unit)
        self.resizeRowToContents(row)

    def load(self, items: Sequence[AcceptanceItem]) -> None:
        """Show ``items`` (an acceptance being edited); catalogue items it lacks are 符合."""
        by_key = {i.item: i for i in items}
        for row, kind in enumerate(catalogue()):
            i = by_key.get(kind.key)
            self._uids[row] = i.uid if i else ""
            if i is not None and i.has_problem:
                self.set_problem(row, i.problem, i.demand, i.deadline, i.unit or "")
            else:
                self.conclusion_box(row).setCurrentText(CONFORMS)
        self.resizeRowsToContents()

    def clear_items(self) -> None:
        self.load(())

    def _text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return "" if item is None else item.text().strip()

    def checklist(self) -> list[AcceptanceItem]:
        found = []
        for row, kind in enumerate(catalogue()):
            conclusion = self.conclusion_box(row).currentText()
            problem, demand, deadline = (self._text(row, col) for col in (PROBLEM_COL, DEMAND_COL, DEADLINE_COL))
            unit = self.unit_box(row).currentText().strip() or None
            if conclusion == PROBLEM:
                found.append(AcceptanceItem(kind.key, PROBLEM, problem, demand, deadline, unit=unit,
                                            uid=self._uids[row]))
            else:
                found.append(AcceptanceItem(kind.key, CONFORMS, uid=self._uids[row]))
        return found
