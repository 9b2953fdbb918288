"""主要职责 as an ordered list: add, edit, remove, reorder by drag and by keyboard.

The closing duty "完成……交办的其他任务" always stays last: it cannot be dragged or moved, nothing
can be moved below it, and new duties go above it. When the 三定 does not write one, the list shows
the sentence the template adds on export (greyed), and typing into that row writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QWidget,
)

from sydw_desktop.documents.numerals import cnum
from ui.editors.entry_row import lay_out_list_editor

CLOSING_MARK = "交办的其他任务"
MIME_TYPE = "application/x-sydw-duty-row"
AnyIndex = QModelIndex | QPersistentModelIndex


def split_duties(duties: list[str]) -> tuple[list[str], str | None]:
    """(the ordinary duties in order, the closing duty or None)."""
    for i in range(len(duties) - 1, -1, -1):
        if CLOSING_MARK in duties[i]:
            return duties[:i] + duties[i + 1:], duties[i]
    return list(duties), None


def join_duties(items: list[str], closing: str | None) -> list[str]:
    return [*items, closing] if closing else list(items)


def default_closing(dept: str) -> str:
    """What the template writes when the 三定 lists no closing duty."""
    return f"完成{dept}{CLOSING_MARK}。"


class DutiesModel(QAbstractListModel):
    """Rows: the duties, then the closing duty. Changes are announced, not kept: the editor stores
    them and sets the stored list back with :meth:`set_duties`."""

    edited = Signal(list)  # the complete new list of duties
    problem = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[str] = []
        self.closing: str | None = None
        self.dept = ""

    # -- content -------------------------------------------------------------------------------------

    def set_duties(self, duties: list[str], dept: str) -> None:
        items, closing = split_duties(list(duties))
        if (items, closing, dept) == (self.items, self.closing, self.dept):
            return
        self.beginResetModel()
        self.items, self.closing, self.dept = items, closing, dept
        self.endResetModel()

    def duties(self) -> list[str]:
        return join_duties(self.items, self.closing)

    @property
    def closing_row(self) -> int:
        return len(self.items)

    def closing_text(self) -> str:
        return self.closing or default_closing(self.dept)

    def _announce(self, items: list[str], closing: str | None) -> None:
        self.edited.emit(join_duties(items, closing))

    def add(self, text: str) -> bool:
        text = text.strip()
        if not text:
            return False
        if CLOSING_MARK in text:
            self._announce(self.items, text)
        else:
            self._announce([*self.items, text], self.closing)
        return True

    def remove(self, row: int) -> bool:
        if 0 <= row < len(self.items):
            self._announce(self.items[:row] + self.items[row + 1:], self.closing)
            return True
        if row == self.closing_row and self.closing is not None:
            self._announce(self.items, None)
            return True
        return False

    def move(self, row: int, to: int) -> bool:
        """Move duty ``row`` so that it ends up at position ``to`` (the closing duty never moves)."""
        n = len(self.items)
        if not 0 <= row < n:
            return False
        to = max(0, min(to, n - 1))
        if to == row:
            return False
        items = list(self.items)
        items.insert(to, items.pop(row))
        self._announce(items, self.closing)
        return True

    # -- Qt model ----------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items) + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        closing = row == self.closing_row
        text = self.closing_text() if closing else self.items[row]
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            suffix = "　（未写明：导出时按此自动补齐）" if closing and self.closing is None else ""
            return f"（{cnum(row + 1)}）{text}{suffix}"
        if role == R.EditRole:
            return text
        if role == R.ForegroundRole and closing and self.closing is None:
            return QBrush(QColor("#808080"))
        if role == R.FontRole and closing:
            font = QFont()
            font.setItalic(self.closing is None)
            return font
        if role == R.ToolTipRole and closing:
            return "末条“完成……交办的其他任务”始终排在最后，不能移动。"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.row() == self.closing_row:
            return base
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "").strip()
        row = index.row()
        if row == self.closing_row:
            if not text:
                return self.remove(row)
            if CLOSING_MARK not in text:
                self.problem.emit(f"末条应写作“完成××{CLOSING_MARK}”；其他职责请用“添加”加在它前面。")
                return False
            if text == self.closing_text() and self.closing is not None:
                return False
            self._announce(self.items, text)
            return True
        if not text:
            return self.remove(row)
        if text == self.items[row]:
            return False
        if CLOSING_MARK in text:
            self.problem.emit(f"“{CLOSING_MARK}”一条只能是末条，请在末条中修改。")
            return False
        items = list(self.items)
        items[row] = text
        self._announce(items, self.closing)
        return True

    # drag and drop: QListView's internal move calls moveRows; a plain drop goes to dropMimeData
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray(str(rows[0] if rows else -1).encode("ascii")))
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        try:
            source = int(bytes(data.data(MIME_TYPE).data()).decode("ascii"))
        except ValueError:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        self.move(source, target - 1 if target > source else target)
        return False  # moved already: the view must not also remove the source row

    def moveRows(self, source_parent: AnyIndex, source_row: int, count: int,
                 destination_parent: AnyIndex, destination_child: int) -> bool:
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        to = destination_child - 1 if destination_child > source_row else destination_child
        return self.move(source_row, to)


class DutiesView(QListView):
    """The list, with Ctrl+↑/Ctrl+↓ (or Alt+↑/↓) to move a duty and Delete to remove it."""

    def __init__(self, model: DutiesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # DragDrop (not InternalMove): a drag within the list moves through moveRows, any other drop of
        # our row format goes to dropMimeData; foreign data is refused by mimeTypes()
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setMinimumHeight(220)

    def duties_model(self) -> DutiesModel:
        model = self.model()
        assert isinstance(model, DutiesModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        moving = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        row = self.currentIndex().row()
        if moving and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.key() == Qt.Key.Key_Delete and row >= 0 and self.state() != QAbstractItemView.State.EditingState:
            self.duties_model().remove(row)
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> bool:
        row = self.currentIndex().row()
        model = self.duties_model()
        if not 0 <= row < len(model.items):
            return False
        target = max(0, min(row + step, len(model.items) - 1))
        if not model.move(row, target):
            return False
        self.setCurrentIndex(model.index(target))
        return True


class DutiesEditor(QWidget):
    """The list with its buttons and the box for a new duty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DutiesModel(self)
        self.view = DutiesView(self.model)
        self.view.setObjectName("duties_view")
        self.new_duty = QLineEdit()
        self.new_duty.setObjectName("new_duty")
        self.new_duty.setPlaceholderText("输入一条新职责，按回车添加（加在末条“交办的其他任务”之前）")
        self.new_duty.returnPressed.connect(self.add_typed)
        self.add_button, self.up_button, self.down_button, self.remove_button = lay_out_list_editor(
            self, self.view, self.new_duty, "add_duty", self.add_typed, self.view.move_current,
            lambda: self.model.remove(self.view.currentIndex().row()), ("Ctrl+↑", "Ctrl+↓", "Delete"))

    def add_typed(self) -> None:
        if self.model.add(self.new_duty.text()):
            self.new_duty.clear()
