"""The table models' shared part: columns named by fixed headers, rows optionally numbered from 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QWidget


class HeadedTableModel(QAbstractTableModel):
    """A flat table with one column a header of ``headers``; ``numbered_rows`` numbers the rows 1, 2, …"""

    headers: ClassVar[Sequence[str]] = ()
    numbered_rows: ClassVar[bool] = False

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1) if self.numbered_rows else None


class CommittingDelegate(QStyledItemDelegate):
    """A delegate whose choice editors (drop-downs) store a pick at once and close."""

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
