"""人员转隶 of one before-unit: a table model and its editors."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from sydw_desktop.model import Transfer, Unit, UnitId
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Placement
from ui.headed_table import CommittingDelegate, HeadedTableModel
from ui.plan.delegates import NumberEdit
from ui.session.session import WorkspaceSession

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ["去向", "人数", "备注"]
TARGET, COUNT, REMARK = range(3)


def destination_choices(after: list[Unit]) -> list[tuple[str, str]]:
    """Drop-down entries for a transfer's 去向 (``unit:ID`` or ``placement:标签``)."""
    return [(u.name, f"unit:{u.id}") for u in after] + [(p.value, f"placement:{p.value}") for p in Placement]


class TransfersModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, session: WorkspaceSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source_id: int | None = None
        self._rows: list[Transfer] = []
        self._after: list[Unit] = []
        session.operation_did_execute.connect(self._on_operation)

    def set_source(self, unit_id: int | None) -> None:
        self.beginResetModel()
        self.source_id = unit_id
        self._read()
        self.endResetModel()

    def _read(self) -> None:
        snap = self.session.live.snapshot
        self._after = snap.after
        self._rows = [t for t in snap.transfers if t.source == self.source_id] if self.source_id else []

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.transfers or changes.units:
            self.set_source(self.source_id)

    @property
    def transfers(self) -> list[Transfer]:
        return list(self._rows)

    @property
    def after_units(self) -> list[Unit]:
        return self._after

    def target_text(self, t: Transfer) -> str:
        if t.placement is not None:
            return t.placement.value
        return next((u.name for u in self._after if u.id == t.target), "")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.target_text(t), str(t.count), t.remark][col]
        if role == Qt.ItemDataRole.EditRole:
            if col == TARGET:
                return f"placement:{t.placement.value}" if t.placement else f"unit:{t.target}"
            return [None, str(t.count), t.remark][col]
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        old = self._rows[index.row()]
        col = index.column()
        if col == TARGET:
            kind, _, ref = str(value).partition(":")
            new = dataclasses.replace(
                old, target=UnitId(int(ref)) if kind == "unit" else None,
                placement=Placement(ref) if kind == "placement" else None,
            )
        elif col == COUNT:
            text = str(value).strip()
            if not text.isdigit() or int(text) < 1:
                self.session.failed.emit(f"人数应为不小于 1 的整数，“{text}”不是。")
                return False
            new = dataclasses.replace(old, count=int(text))
        else:
            new = dataclasses.replace(old, remark=str(value).strip())
        if new == old:
            return False
        return self.session.perform(lambda ws: ws.update_transfer(new), initiator=self) is not None

    def add(self) -> bool:
        """Add a transfer of this unit's remaining people (at least 1) to the first after-unit."""
        if self.source_id is None:
            return False
        source = self.session.ws.unit(self.source_id)
        placed = sum(t.count for t in self._rows)
        count = max(1, (source.actual or 0) - placed)
        target = source.destination or (self._after[0].id if self._after else None)
        t = Transfer(source=UnitId(self.source_id), count=count, target=target,
                     placement=None if target is not None else Placement.OTHER)
        return self.session.perform(lambda ws: ws.add_transfer(t), initiator=self) is not None

    def remove(self, row: int) -> bool:
        if not 0 <= row < len(self._rows):
            return False
        tid = self._rows[row].id
        assert tid is not None
        return self.session.perform(lambda ws: ws.delete_transfer(tid), initiator=self) is not None


class TransferDelegate(CommittingDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        if index.column() == TARGET:
            model = index.model()
            assert isinstance(model, TransfersModel)
            combo = QComboBox(parent)
            for text, data in destination_choices(model.after_units):
                combo.addItem(text, data)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if index.column() == COUNT:
            return NumberEdit(parent)
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())
