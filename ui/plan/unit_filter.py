"""Sorting, searching and filtering over a :class:`UnitTableModel`."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ui.plan.unit_model import SEVERITY_ROLE, SORT_ROLE, UnitTableModel


class UnitFilterProxy(QSortFilterProxyModel):
    """Keeps rows that match the search text (any column), the 主管部门 and the problems filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._search = ""
        self._dept = ""
        self._problems_only = False

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self.endFilterChange()

    def set_dept(self, dept: str) -> None:
        self.beginFilterChange()
        self._dept = dept
        self.endFilterChange()

    def set_problems_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._problems_only = on
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, UnitTableModel)
        unit = model.unit_at(row)
        if self._dept and unit.dept != self._dept:
            return False
        if self._problems_only and not any(
            model.index(row, c).data(SEVERITY_ROLE) for c in range(model.columnCount())
        ):
            return False
        if self._search:
            return any(
                self._search in str(model.index(row, c).data(Qt.ItemDataRole.DisplayRole) or "").casefold()
                for c in range(model.columnCount())
            )
        return True
