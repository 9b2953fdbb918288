"""内设机构 as a table: name, 规格, duties, 领导职数, 编制; add, remove, reorder.

Like the duties list, the model only announces a changed list (``edited``); the 三定 editor stores
it as one operation and sets the stored list back.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from sydw_desktop.model import Organ
from sydw_desktop.vocab import Spec
from ui.editors.editor_fields import TextArea, lines_of
from ui.editors.entry_row import lay_out_list_editor
from ui.headed_table import CommittingDelegate, HeadedTableModel
from ui.plan.delegates import NumberEdit

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ["名称", "规格", "主要职责（每行一条）", "领导职数", "编制"]
NAME, SPEC, DUTIES, LEADERS, STAFFING = range(5)

#: 内设机构规格 one step below the unit's (documents.md §1, sd.dept_spec); None = no 规格.
ORGAN_SPEC_BELOW: dict[Spec, Spec | None] = {
    Spec.ZHENG_TING: Spec.ZHENG_CHU, Spec.FU_TING: Spec.ZHENG_CHU,
    Spec.ZHENG_CHU: Spec.ZHENG_KE, Spec.FU_CHU: Spec.ZHENG_KE,
    Spec.ZHENG_KE: Spec.GU, Spec.FU_KE: Spec.GU, Spec.GU: None, Spec.NONE: None,
}


class OrgansModel(HeadedTableModel):
    headers = HEADERS
    numbered_rows = True
    edited = Signal(list)  # the complete new list of Organ
    problem = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.organs: list[Organ] = []

    def set_organs(self, organs: list[Organ]) -> None:
        if organs == self.organs:
            return
        self.beginResetModel()
        self.organs = [dataclasses.replace(o, duties=list(o.duties)) for o in organs]
        self.endResetModel()

    def _announce(self, organs: list[Organ]) -> None:
        self.edited.emit(organs)

    def add(self, name: str, spec: Spec | None) -> bool:
        name = name.strip()
        if not name:
            return False
        if any(o.name == name for o in self.organs):
            self.problem.emit(f"已有内设机构“{name}”。")
            return False
        self._announce([*self.organs, Organ(name=name, spec=spec)])
        return True

    def remove(self, row: int) -> bool:
        if not 0 <= row < len(self.organs):
            return False
        self._announce(self.organs[:row] + self.organs[row + 1:])
        return True

    def move(self, row: int, to: int) -> bool:
        if not 0 <= row < len(self.organs) or not 0 <= to < len(self.organs) or row == to:
            return False
        organs = list(self.organs)
        organs.insert(to, organs.pop(row))
        self._announce(organs)
        return True

    # -- Qt ----------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.organs)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self.organs[index.row()]
        col = index.column()
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            return [o.name, o.spec.value if o.spec else "（无）", "\n".join(o.duties), str(o.leaders),
                    "" if o.staffing is None else str(o.staffing)][col]
        if role == R.EditRole:
            return [o.name, o.spec.value if o.spec else "", "\n".join(o.duties), str(o.leaders),
                    "" if o.staffing is None else str(o.staffing)][col]
        if role == R.TextAlignmentRole and col in (LEADERS, STAFFING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        old = self.organs[row]
        text = str(value if value is not None else "").strip()
        try:
            if col == NAME:
                if not text:
                    raise ValueError("内设机构名称不能为空（要删除请用“删除”）。")
                if any(o.name == text for i, o in enumerate(self.organs) if i != row):
                    raise ValueError(f"已有内设机构“{text}”。")
                new = dataclasses.replace(old, name=text)
            elif col == SPEC:
                new = dataclasses.replace(old, spec=Spec(text) if text else None)
            elif col == DUTIES:
                new = dataclasses.replace(old, duties=lines_of(text))
            elif col == LEADERS:
                new = dataclasses.replace(old, leaders=_count(text))
            else:
                new = dataclasses.replace(old, staffing=_optional_count(text))
        except ValueError as err:
            self.problem.emit(str(err))
            return False
        if new == old:
            return False
        organs = list(self.organs)
        organs[row] = new
        self._announce(organs)
        return True


def _optional_count(text: str) -> int | None:
    return _count(text) if text else None


def _count(text: str) -> int:
    if not text:
        return 0
    if not text.isdigit():
        raise ValueError(f"“{text}”不是不小于 0 的整数。")
    return int(text)


class OrganDelegate(CommittingDelegate):
    """Drop-down for 规格, a multi-line box for duties, digits only for the numbers."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        col = index.column()
        if col == SPEC:
            combo = QComboBox(parent)
            combo.addItem("（无）", "")
            for s in Spec:
                combo.addItem(s.value, s.value)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if col == DUTIES:
            box = TextArea(parent, lines=3)
            box.installEventFilter(self)
            return box
        if col in (LEADERS, STAFFING):
            return NumberEdit(parent, required=col == LEADERS)
        return QLineEdit(parent)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, TextArea) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self._commit(obj)  # Enter commits; Shift+Enter starts a new line (a new duty)
                return True
        return super().eventFilter(obj, event)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, TextArea):
            editor.setText(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, (TextArea, QLineEdit)):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = option.rect
        if isinstance(editor, TextArea):
            rect.setHeight(max(rect.height(), editor.minimumHeight()))
        editor.setGeometry(rect)


class OrgansEditor(QWidget):
    """The table with 添加 / 删除 / 上移 / 下移 (Ctrl+↑/↓)."""

    typing = Signal(bool)  # a new row is being filled in (True) / the clerk left it (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OrgansModel(self)
        self.view = QTableView()
        self.view.setObjectName("organs_view")
        self.view.setModel(self.model)
        self.view.setItemDelegate(OrganDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DUTIES, QHeaderView.ResizeMode.Stretch)
        for col, width in ((NAME, 130), (SPEC, 80), (LEADERS, 70), (STAFFING, 60)):
            self.view.setColumnWidth(col, width)
        self.view.setMinimumHeight(200)
        self.view.installEventFilter(self)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_organ")
        self.new_name.setPlaceholderText("新内设机构名称，按回车添加")
        self.default_spec: Spec | None = None
        self.new_name.returnPressed.connect(self.add_typed)
        self._typing_row: int | None = None
        self.view.selectionModel().currentChanged.connect(self._left_row)
        QApplication.instance().focusChanged.connect(self._focus_moved)  # type: ignore[union-attr]
        self.add_button, self.up_button, self.down_button, self.remove_button = lay_out_list_editor(
            self, self.view, self.new_name, "add_organ", self.add_typed, self.move_current,
            lambda: self.model.remove(self.view.currentIndex().row()))

    def add_typed(self) -> None:
        if self.model.add(self.new_name.text(), self.default_spec):
            self.new_name.clear()
            row = len(self.model.organs) - 1  # the stored list comes back with the new organ last
            if row >= 0:  # straight on to its duties; its findings wait until the clerk leaves the row
                self._typing_row = row
                self.typing.emit(True)
                self.view.setCurrentIndex(self.model.index(row, DUTIES))
                self.view.setFocus()

    def _left_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._typing_row is not None and current.row() != self._typing_row:
            self._finish_typing()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._typing_row is not None and (new is None or not self.isAncestorOf(new)):
            if isinstance(new, QWidget) and new.window() is not self.window():
                return  # a popup or another window: still on the row
            self._finish_typing()

    def _finish_typing(self) -> None:
        self._typing_row = None
        self.typing.emit(False)

    def move_current(self, step: int) -> bool:
        row = self.view.currentIndex().row()
        target = row + step
        if not self.model.move(row, target):
            return False
        self.view.setCurrentIndex(self.model.index(target, 0))
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            moving = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if moving and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(obj, event)
