"""The 合计 row under a units table: the sums of the number columns over the rows shown.

A one-row table under the units table, its columns as wide as the table's and scrolled with it, so
each sum sits under its column. It follows the filters (the sums are of what is shown) and every edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.plan.columns import Kind
from ui.plan.frozen_view import FrozenColumnView
from ui.plan.unit_model import UnitTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
NUMERIC = (Kind.INT, Kind.OPT_INT)


class TotalsModel(QAbstractTableModel):
    def __init__(self, units: UnitTableModel) -> None:
        super().__init__(units)
        self.units = units
        self.sums: list[int | None] = []
        for signal in (units.modelReset, units.layoutChanged, units.rowsInserted, units.rowsRemoved,
                       units.dataChanged):
            signal.connect(self.recompute)
        self.recompute()

    def recompute(self, *_args: object) -> None:
        columns = self.units.columns
        sums: list[int | None] = [0 if c.kind in NUMERIC else None for c in columns]
        fields = [(i, c.field) for i, c in enumerate(columns) if c.kind in NUMERIC]
        for row in range(self.units.rowCount()):
            unit = self.units.unit_at(row)
            for i, name in fields:
                sums[i] = (sums[i] or 0) + (getattr(unit, name) or 0)
        self.sums = sums
        self.dataChanged.emit(self.index(0, 0), self.index(0, max(len(columns) - 1, 0)))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return "" if role == Qt.ItemDataRole.DisplayRole else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            if index.column() == 0:
                return f"合计（{self.units.rowCount()} 个单位）"
            value = self.sums[index.column()] if index.column() < len(self.sums) else None
            return None if value is None else str(value)
        if role == R.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == R.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TotalsRow(FrozenColumnView):
    """The 合计 row, kept under the columns of ``table`` (its first cell frozen like the table's)."""

    def __init__(self, table: QTableView, units: UnitTableModel) -> None:
        super().__init__()
        self.setObjectName("totals_row")
        self.table = table
        self.totals = TotalsModel(units)
        self.setModel(self.totals)
        self.horizontalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFixedHeight(26 + 2 * self.frameWidth())
        self.setStyleSheet("QTableView#totals_row { background: #f3f3f3; }")
        table.horizontalHeader().sectionResized.connect(lambda _col, _old, _size: self._match_header())
        table.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        table.verticalHeader().geometriesChanged.connect(self._match_header)
        table.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._match_header())
        self._match_header()

    def _match_header(self) -> None:
        """The row-number column and the scroll bar of the table take as much room here, so the sums
        line up and both scroll the same distance."""
        self.verticalHeader().setFixedWidth(self.table.verticalHeader().width())
        bar = self.table.verticalScrollBar()
        extra = bar.sizeHint().width() if bar.maximum() > bar.minimum() else 0  # the table's is narrower by it
        last = self.totals.columnCount() - 1
        for col in range(last + 1):
            self.setColumnWidth(col, self.table.columnWidth(col) + (extra if col == last else 0))
        self.horizontalScrollBar().setValue(self.table.horizontalScrollBar().value())

    def sum_of(self, field: str) -> int | None:
        for i, column in enumerate(self.totals.units.columns):
            if column.field == field:
                return self.totals.sums[i]
        return None
