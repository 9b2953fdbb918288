"""Cell editors: drop-downs for choice columns, validated line edits for numbers."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIntValidator, QValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from ui.headed_table import CommittingDelegate
from ui.plan.columns import Column, Kind
from ui.plan.unit_model import UnitTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

INVALID_STYLE = "QLineEdit { border: 2px solid #d32f2f; background: #fdecea; }"


class NumberEdit(QLineEdit):
    """A line edit that accepts only non-negative integers and turns red while the text is unusable."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = True) -> None:
        super().__init__(parent)
        self.required = required
        self.setValidator(QIntValidator(0, 9_999_999, self))
        self.textChanged.connect(self._mark)

    def is_acceptable(self) -> bool:
        text = self.text()
        if not text:
            return not self.required
        state = cast(tuple[QValidator.State, str, int], self.validator().validate(text, 0))[0]
        return state == QValidator.State.Acceptable

    def _mark(self) -> None:
        self.setStyleSheet("" if self.is_acceptable() else INVALID_STYLE)
        self.setToolTip("" if self.is_acceptable() else "请填写不小于 0 的整数")


class ColumnDelegate(CommittingDelegate):
    """Creates each column's editor from its :class:`Column` kind."""

    def __init__(self, model: UnitTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.columns: list[Column] = model.columns

    def _column(self, index: AnyIndex) -> Column:
        return self.columns[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        col = self._column(index)
        if col.kind in (Kind.ENUM, Kind.OPT_ENUM, Kind.DEST, Kind.ORIGIN):
            combo = QComboBox(parent)
            for text, value in self.model.choices(col):
                combo.addItem(text or ("（未指定）" if col.kind is Kind.DEST else "（空）"), value)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if col.kind in (Kind.INT, Kind.OPT_INT):
            return NumberEdit(parent, required=col.kind is Kind.INT)
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            if self._column(index).kind is Kind.DEST:
                pos = editor.findData(value or 0)
            else:
                pos = editor.findData(value or "")
            editor.setCurrentIndex(max(pos, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        editor.setGeometry(option.rect)
