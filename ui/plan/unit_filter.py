"""The units table's proxy: a pass-through to :class:`UnitTableModel`, which sorts and filters itself.

Sorting and filtering 17,000 rows through a ``QSortFilterProxyModel`` calls back into Python for
every comparison and every row (seconds at region scale); the model does both over plain lists.
This proxy stays so that views and callers keep one seam (``mapToSource``/``mapFromSource`` are
identities done in C++), and forwards the filters.
"""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel

from ui.plan.unit_model import UnitTableModel


class UnitFilterProxy(QIdentityProxyModel):
    """Rows that match the search text (any column), the 主管部门 and the problems filter."""

    def _model(self) -> UnitTableModel:
        model = self.sourceModel()
        assert isinstance(model, UnitTableModel)
        return model

    def set_search(self, text: str) -> None:
        self._model().set_search(text)

    def set_dept(self, dept: str) -> None:
        self._model().set_dept(dept)

    def set_problems_only(self, on: bool) -> None:
        self._model().set_problems_only(on)
