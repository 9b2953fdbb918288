"""A read-only table filled from rows of text, shared by the review windows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class TextTable(QTableWidget):
    """Rows of text; each row may carry a value (``row_value``) for the code that reads the selection."""

    def __init__(self, headers: Sequence[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self._values: list[Any] = []

    def set_rows(self, rows: Sequence[Sequence[object]], values: Sequence[Any] | None = None) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.setItem(r, c, item)
        self._values = list(values) if values is not None else [None] * len(rows)
        self.resizeColumnsToContents()
        for c in range(self.columnCount()):
            self.setColumnWidth(c, min(self.columnWidth(c), 320))
        self.resizeRowsToContents()

    def row_value(self, row: int | None = None) -> Any:
        """The value of ``row`` (default: the selected row), or None."""
        if row is None:
            rows = self.selectionModel().selectedRows()
            if not rows:
                return None
            row = rows[0].row()
        return self._values[row] if 0 <= row < len(self._values) else None
