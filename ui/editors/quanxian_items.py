"""The items of a 政事权限清单 in two views over one list: grouped as the document is, and as a table.

Both views edit the same list. Neither keeps changes itself: edits are announced as a complete new
list (``edited``), stored by the editor as one operation, and set back with ``set_items``.
Grouping follows the document (``documents.context``): sections by 责任主体, within a section the
categories in the order they first occur, items numbered continuously through a section.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sydw_desktop.documents.numerals import cnum
from sydw_desktop.model import QuanxianItem
from sydw_desktop.vocab import ExerciseMode, LabelEnum, QuanxianCategory, QuanxianSubject
from ui.headed_table import HeadedTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # position in the list (-1: a heading)
SUBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 3
SEQ_ROLE = Qt.ItemDataRole.UserRole + 4  # an item's number in its section

TABLE_HEADERS = ["序号", "责任主体", "类别", "事项内容", "行权方式", "依据", "相关部门"]
T_NO, T_SUBJECT, T_CATEGORY, T_CONTENT, T_MODE, T_BASIS, T_RELATED = range(7)
TREE_HEADERS = ["事项", "行权方式", "依据", "相关部门"]
G_CONTENT, G_MODE, G_BASIS, G_RELATED = range(4)

#: The document's sections by 责任主体, in order (documents.md §4.2).
SECTIONS: list[tuple[QuanxianSubject, str]] = [
    (QuanxianSubject.SUPERVISOR, "主管部门（{supervisor}）举办监督职责"),
    (QuanxianSubject.UNIT, "事业单位（{unit}）自主运营管理职责"),
    (QuanxianSubject.SHARED, "主管部门与事业单位共同职责"),
    (QuanxianSubject.RELATED, "相关综合部门职责"),
]
GENERAL = "根据有关法律法规、规范性文件和《{unit}机构职能编制规定》制定；主管部门、本单位和相关综合部门按照本清单履行职责。"
SUPERVISION = "清单实行动态调整，由主管部门会同本单位提出调整意见，按程序报机构编制部门审核；不得越权或者推诿。"
DEFAULT_MODE = {
    QuanxianSubject.SUPERVISOR: ExerciseMode.REVIEW, QuanxianSubject.UNIT: ExerciseMode.AUTONOMOUS,
    QuanxianSubject.SHARED: ExerciseMode.DECIDE, QuanxianSubject.RELATED: ExerciseMode.SUPERVISE,
}


def groups(items: list[QuanxianItem], subject: QuanxianSubject) -> list[tuple[QuanxianCategory, list[int]]]:
    """The categories of one section in document order, each with the positions of its items."""
    out: list[tuple[QuanxianCategory, list[int]]] = []
    for pos, item in enumerate(items):
        if item.subject is not subject:
            continue
        for category, members in out:
            if category is item.category:
                members.append(pos)
                break
        else:
            out.append((item.category, [pos]))
    return out


def insert_position(items: list[QuanxianItem], subject: QuanxianSubject, category: QuanxianCategory) -> int:
    """Where a new item of ``subject``/``category`` goes: after the last of its group, else of its section."""
    same_group = [i for i, it in enumerate(items) if it.subject is subject and it.category is category]
    if same_group:
        return same_group[-1] + 1
    same_subject = [i for i, it in enumerate(items) if it.subject is subject]
    return same_subject[-1] + 1 if same_subject else len(items)


def move_in_group(items: list[QuanxianItem], pos: int, step: int) -> tuple[list[QuanxianItem], int] | None:
    """Swap item ``pos`` with its neighbour in the same group (subject and category); None at an end."""
    item = items[pos]
    mates = [i for i, it in enumerate(items) if it.subject is item.subject and it.category is item.category]
    k = mates.index(pos) + step
    if not 0 <= k < len(mates):
        return None
    other = mates[k]
    new = list(items)
    new[pos], new[other] = new[other], new[pos]
    return new, other


class ItemsTableModel(HeadedTableModel):
    """Every item as a row; all columns editable except 序号."""

    headers = TABLE_HEADERS

    edited = Signal(list)
    problem = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[QuanxianItem] = []

    def set_items(self, items: list[QuanxianItem]) -> None:
        if items == self.items:
            return
        self.beginResetModel()
        self.items = [dataclasses.replace(i) for i in items]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() != T_NO:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, ITEM_ROLE)
        if not index.isValid() or role not in shown:
            return None
        if role == ITEM_ROLE:
            return index.row()
        if role == Qt.ItemDataRole.ToolTipRole and index.column() not in (T_CONTENT, T_BASIS):
            return None
        it = self.items[index.row()]
        return [str(index.row() + 1), it.subject.value, it.category.value, it.content, it.mode.value,
                it.basis, it.related_dept][index.column()]

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        new = edit_item(self.items[index.row()], TABLE_FIELDS.get(index.column(), ""), value)
        if isinstance(new, str):
            self.problem.emit(new)
            return False
        if new == self.items[index.row()]:
            return False
        items = list(self.items)
        items[index.row()] = new
        self.edited.emit(items)
        return True


TABLE_FIELDS = {T_SUBJECT: "subject", T_CATEGORY: "category", T_CONTENT: "content", T_MODE: "mode",
                T_BASIS: "basis", T_RELATED: "related_dept"}
TREE_FIELDS = {G_CONTENT: "content", G_MODE: "mode", G_BASIS: "basis", G_RELATED: "related_dept"}
ENUMS: dict[str, type] = {"subject": QuanxianSubject, "category": QuanxianCategory, "mode": ExerciseMode}


def edit_item(item: QuanxianItem, field: str, value: Any) -> QuanxianItem | str:
    """``item`` with one field changed, or the reason (in Chinese) why the value is refused."""
    if not field:
        return "这一列不能修改。"
    text = str(value if value is not None else "").strip()
    if field in ENUMS:
        try:
            return dataclasses.replace(item, **{field: ENUMS[field](text)})
        except ValueError:
            return f"“{text}”不是可选的值。"
    if field == "content" and not text:
        return "事项内容不能为空（要删除请用“删除事项”）。"
    changes: dict[str, Any] = {field: text}
    return dataclasses.replace(item, **changes)


class GroupedModel(QStandardItemModel):
    """The document's structure: 总则, one section per 责任主体 with its categories, 运行与监督."""

    edited = Signal(list)
    problem = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[QuanxianItem] = []
        self._building = False
        self.itemChanged.connect(self._changed)

    def rebuild(self, items: list[QuanxianItem], unit: str, supervisor: str) -> None:
        self._building = True
        self.items = [dataclasses.replace(i) for i in items]
        self.clear()
        self.setHorizontalHeaderLabels(TREE_HEADERS)
        number = 1
        self.appendRow(self._heading(f"{cnum(number)}、总则", GENERAL.format(unit=unit)))
        for subject, title in SECTIONS:
            grouped = groups(self.items, subject)
            text = title.format(supervisor=supervisor, unit=unit)
            if grouped:
                number += 1
                head = self._heading(f"{cnum(number)}、{text}", subject=subject)
            else:
                head = self._heading(f"{text}（暂无事项，不列入清单）", subject=subject)
                head[0].setForeground(QBrush(QColor("#808080")))
            self.appendRow(head)
            seq = 0
            for n, (category, members) in enumerate(grouped, 1):
                cat = self._heading(f"（{cnum(n)}）{category.value}", subject=subject, category=category)
                head[0].appendRow(cat)
                for pos in members:
                    seq += 1
                    cat[0].appendRow(self._item_row(pos, seq))
        number += 1
        self.appendRow(self._heading(f"{cnum(number)}、运行与监督", SUPERVISION))
        self._building = False

    def _heading(self, text: str, note: str = "", *, subject: QuanxianSubject | None = None,
                 category: QuanxianCategory | None = None) -> list[QStandardItem]:
        cells = [QStandardItem(text)] + [QStandardItem("") for _ in TREE_HEADERS[1:]]
        font = QFont()
        font.setBold(True)
        cells[0].setFont(font)
        for c in cells:
            c.setEditable(False)
            c.setData(-1, ITEM_ROLE)
            c.setData(subject.value if subject else "", SUBJECT_ROLE)
            c.setData(category.value if category else "", CATEGORY_ROLE)
        if note:
            child = QStandardItem(note)
            child.setEditable(False)
            child.setData(-1, ITEM_ROLE)
            child.setForeground(QBrush(QColor("#555555")))
            cells[0].appendRow(child)
        return cells

    def _item_row(self, pos: int, seq: int) -> list[QStandardItem]:
        it = self.items[pos]
        cells = [QStandardItem(it.content), QStandardItem(it.mode.value), QStandardItem(it.basis),
                 QStandardItem(it.related_dept)]
        cells[0].setData(seq, SEQ_ROLE)
        for c in cells:
            c.setData(pos, ITEM_ROLE)
            c.setData(it.subject.value, SUBJECT_ROLE)
            c.setData(it.category.value, CATEGORY_ROLE)
        return cells

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the content cell shows its number as the document does; editing starts from the bare text
        if role == Qt.ItemDataRole.DisplayRole and index.column() == G_CONTENT:
            seq = super().data(index, SEQ_ROLE)
            if isinstance(seq, int):
                return f"{seq}. {super().data(index, role)}"
        return super().data(index, role)

    def _changed(self, cell: QStandardItem) -> None:
        if self._building:
            return
        pos = cell.data(ITEM_ROLE)
        if not isinstance(pos, int) or not 0 <= pos < len(self.items):
            return
        new = edit_item(self.items[pos], TREE_FIELDS.get(cell.column(), ""), cell.data(Qt.ItemDataRole.EditRole))
        if isinstance(new, str):
            self.problem.emit(new)
            return
        if new != self.items[pos]:
            items = list(self.items)
            items[pos] = new
            # announced after this item's setData has returned: storing rebuilds (deletes) the items
            QTimer.singleShot(0, lambda: self.edited.emit(items))

    def index_of_item(self, pos: int) -> QModelIndex:
        """The grouped view's index of item ``pos`` (column 0), or invalid."""
        found = self.match(self.index(0, 0), ITEM_ROLE, pos, 1,
                           Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else QModelIndex()


class ChoiceDelegate(QStyledItemDelegate):
    """Drop-downs for the enum columns (others edit as text)."""

    def __init__(self, choices: dict[int, type[LabelEnum]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        enum = self.choices.get(index.column())
        if enum is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for member in enum:
            combo.addItem(member.value, member.value)

        def commit(_index: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo)

        combo.activated.connect(commit)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
