"""The 政事权限清单 editor of one after-unit (documents.md §4).

The items show in two views over the same list — grouped as the document reads (总则 → 主管部门举办
监督职责 → 事业单位自主运营管理职责 → 共同职责 → 相关综合部门职责 → 运行与监督) and as a table —
and both edit it. New items are typed in the row below or taken from the library of common wordings
(共性职责事项表述) for the chosen 责任主体 and 类别.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import QuanxianItem
from sydw_desktop.quanxian_library import CommonItem, matching
from sydw_desktop.vocab import ExerciseMode, QuanxianCategory, QuanxianSubject
from ui.editors.document_editor import DocumentEditor
from ui.editors.editor_fields import (
    DOC,
    Binding,
    DocNoEdit,
    TextArea,
    date_binding,
    doc_no_binding,
    enum_combo,
    line_binding,
    text_binding,
)
from ui.editors.quanxian_items import (
    CATEGORY_ROLE,
    DEFAULT_MODE,
    G_BASIS,
    G_CONTENT,
    G_MODE,
    ITEM_ROLE,
    SUBJECT_ROLE,
    T_BASIS,
    T_CATEGORY,
    T_CONTENT,
    T_MODE,
    T_NO,
    T_RELATED,
    T_SUBJECT,
    ChoiceDelegate,
    GroupedModel,
    ItemsTableModel,
    insert_position,
    move_in_group,
)

LIBRARY_ROLE = Qt.ItemDataRole.UserRole + 30


class QuanxianEditor(DocumentEditor):
    kind = "quanxian"

    def build(self) -> None:
        form = self.section("清单信息")
        supervisor = QLineEdit()
        self.bind(line_binding("supervisor", DOC, supervisor))
        form.addRow("主管部门：", supervisor)
        version = QLineEdit()
        version.setMaximumWidth(120)
        self.bind(line_binding("version", DOC, version))
        form.addRow("版本：", version)
        self.bind(date_binding("drafted_on", DOC, QLineEdit()))
        form.addRow("制定日期：", self.bindings["drafted_on"].widget)
        self.bind(doc_no_binding("doc_no", DOC, DocNoEdit()))  # the 清单's own 文号 (issue 14)
        form.addRow("文号：", self.bindings["doc_no"].widget)
        notes = TextArea(lines=2)
        notes.setPlaceholderText("初核、初审、复审意见")
        self.bind(text_binding("review_notes", DOC, notes))
        form.addRow("审核意见：", notes)

        form = self.section("权限事项")
        self.grouped = GroupedModel(self)
        self.grouped.edited.connect(self._store_items)
        self.grouped.problem.connect(self.session.failed)
        self.tree = QTreeView()
        self.tree.setObjectName("grouped_view")
        self.tree.setModel(self.grouped)
        self.tree.setItemDelegate(ChoiceDelegate({G_MODE: ExerciseMode}, self.tree))
        self.tree.setWordWrap(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        self.table_model = ItemsTableModel(self)
        self.table_model.edited.connect(self._store_items)
        self.table_model.problem.connect(self.session.failed)
        self.table = QTableView()
        self.table.setObjectName("items_table")
        self.table.setModel(self.table_model)
        self.table.setItemDelegate(ChoiceDelegate(
            {T_SUBJECT: QuanxianSubject, T_CATEGORY: QuanxianCategory, T_MODE: ExerciseMode}, self.table))
        self.table.setWordWrap(False)  # one line per item; the full text is in the tooltip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(T_CONTENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((T_NO, 44), (T_SUBJECT, 100), (T_CATEGORY, 100), (T_MODE, 76), (T_BASIS, 240),
                              (T_RELATED, 120)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentChanged.connect(self._table_current)
        self.views = QTabWidget()
        self.views.setObjectName("items_views")
        self.views.addTab(self.tree, "分组视图")
        self.views.addTab(self.table, "表格视图")
        self.views.setMinimumHeight(380)
        self.bindings["items"] = Binding("items", DOC, self.views, lambda: list(self.table_model.items),
                                         self._show_items, self.table_model.edited)
        form.addRow(self.views)

        # the row for a new item, and the buttons acting on the current one
        self.subject = enum_combo(QuanxianSubject)
        self.subject.setObjectName("new_subject")
        self.category = enum_combo(QuanxianCategory)
        self.category.setObjectName("new_category")
        self.mode = enum_combo(ExerciseMode)
        self.mode.setObjectName("new_mode")
        self.new_content = QLineEdit()
        self.new_content.setObjectName("new_content")
        self.new_content.setPlaceholderText("事项内容（以动词开头），按回车添加")
        self.new_content.returnPressed.connect(self.add_typed)
        self.new_basis = QLineEdit()
        self.new_basis.setPlaceholderText("依据")
        add = QPushButton("添加事项")
        add.setObjectName("add_item")
        add.clicked.connect(self.add_typed)
        choices = QHBoxLayout()
        for label, combo in (("新事项　责任主体", self.subject), ("类别", self.category), ("行权方式", self.mode)):
            choices.addWidget(QLabel(label))
            choices.addWidget(combo)
        choices.addStretch(1)
        form.addRow(choices)
        typed = QHBoxLayout()
        typed.addWidget(self.new_content, 3)
        typed.addWidget(self.new_basis, 2)
        typed.addWidget(add)
        form.addRow(typed)
        self.subject.activated.connect(self._subject_chosen)
        self.category.activated.connect(lambda _i: self._refresh_library())

        up, down, remove = QPushButton("上移"), QPushButton("下移"), QPushButton("删除事项")
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("当前事项："))
        for b in (up, down, remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow(buttons)

        # the library of common wordings
        form = self.section("共性职责事项表述")
        self.library_filter = QLineEdit()
        self.library_filter.setPlaceholderText("按关键词筛选；列出上面所选责任主体和类别的常用表述")
        self.library_filter.textChanged.connect(lambda _t: self._refresh_library())
        self.library = QListWidget()
        self.library.setObjectName("library")
        self.library.setWordWrap(True)
        self.library.setMinimumHeight(150)
        self.library.itemDoubleClicked.connect(lambda item: self.insert_common(item.data(LIBRARY_ROLE)))
        self.any_category = QPushButton("不限类别")
        self.any_category.setCheckable(True)
        self.any_category.toggled.connect(lambda _c: self._refresh_library())
        insert = QPushButton("插入所选表述")
        insert.setObjectName("insert_common")
        insert.clicked.connect(self._insert_selected)
        row = QHBoxLayout()
        row.addWidget(self.library_filter, 1)
        row.addWidget(self.any_category)
        row.addWidget(insert)
        box = QVBoxLayout()
        box.addLayout(row)
        box.addWidget(self.library)
        wrapper = QWidget()
        wrapper.setLayout(box)
        form.addRow(wrapper)
        self._library_items: list[CommonItem] = []
        self._select_after: int | None = None
        self._refresh_library()

    # -- showing -----------------------------------------------------------------------------------

    def _show_items(self, items: list[QuanxianItem] | None) -> None:
        items = list(items or [])
        unit = self.unit.name if self.unit else ""
        doc = self.current_document()
        supervisor = doc.supervisor or (self.unit.dept if self.unit else "")
        expanded = self._expanded()
        self.grouped.rebuild(items, unit, supervisor)
        if expanded:
            self._expand(expanded)
        else:
            self.tree.expandAll()
        self.tree.resizeColumnToContents(G_MODE)
        self.tree.setColumnWidth(G_CONTENT, 520)
        self.tree.setColumnWidth(G_BASIS, 240)
        self.table_model.set_items(items)
        if self._select_after is not None and 0 <= self._select_after < len(items):
            self.select_item(self._select_after)
        self._select_after = None

    def after_reload(self) -> None:
        if self.unit is not None:
            cast(QLineEdit, self.bindings["supervisor"].widget).setPlaceholderText(f"默认为方案中的主管部门：{self.unit.dept}")

    def _expanded(self) -> set[str]:
        out: set[str] = set()
        for r in range(self.grouped.rowCount()):
            index = self.grouped.index(r, 0)
            if self.tree.isExpanded(index):
                out.add(str(index.data(SUBJECT_ROLE)) or str(r))
        return out

    def _expand(self, keys: set[str]) -> None:
        for r in range(self.grouped.rowCount()):
            index = self.grouped.index(r, 0)
            if (str(index.data(SUBJECT_ROLE)) or str(r)) in keys:
                self.tree.expand(index)
                for c in range(self.grouped.rowCount(index)):
                    self.tree.expand(self.grouped.index(c, 0, index))

    def select_item(self, pos: int) -> None:
        """Make item ``pos`` current in both views."""
        index = self.grouped.index_of_item(pos)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)
        self.table.setCurrentIndex(self.table_model.index(pos, T_CONTENT))

    def current_item(self) -> int:
        """The position of the item current in the visible view, or -1."""
        if self.views.currentWidget() is self.table:
            return self.table.currentIndex().row()
        pos = self.tree.currentIndex().data(ITEM_ROLE)
        return pos if isinstance(pos, int) else -1

    # -- following the selection ------------------------------------------------------------------

    def _choose(self, subject: str, category: str) -> None:
        if subject:
            self.subject.setCurrentIndex(max(self.subject.findData(subject), 0))
            self.mode.setCurrentIndex(max(self.mode.findData(DEFAULT_MODE[QuanxianSubject(subject)].value), 0))
        if category:
            self.category.setCurrentIndex(max(self.category.findData(category), 0))
        self._refresh_library()

    def _tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._choose(str(current.data(SUBJECT_ROLE) or ""), str(current.data(CATEGORY_ROLE) or ""))

    def _table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and 0 <= current.row() < len(self.table_model.items):
            item = self.table_model.items[current.row()]
            self._choose(item.subject.value, item.category.value)

    def _subject_chosen(self, _index: int) -> None:
        subject = QuanxianSubject(self.subject.currentData())
        self.mode.setCurrentIndex(max(self.mode.findData(DEFAULT_MODE[subject].value), 0))
        self._refresh_library()

    def _refresh_library(self) -> None:
        subject = QuanxianSubject(self.subject.currentData())
        category = None if self.any_category.isChecked() else QuanxianCategory(self.category.currentData())
        self._library_items = matching(subject, category, self.library_filter.text())
        self.library.clear()
        for n, common in enumerate(self._library_items):
            dept = f"（{common.related_dept}）" if common.related_dept else ""
            entry = QListWidgetItem(f"〔{common.category.value}·{common.mode.value}〕{common.content}{dept}"
                                    + (f"　依据：{common.basis}" if common.basis else ""))
            entry.setData(LIBRARY_ROLE, n)
            self.library.addItem(entry)
        if not self._library_items:
            self.library.addItem("（该责任主体和类别没有常用表述，可选“不限类别”或直接输入）")

    # -- editing -----------------------------------------------------------------------------------

    def _items(self) -> list[QuanxianItem]:
        return list(self.current_document().items)

    def _store_items(self, items: list[QuanxianItem]) -> bool:
        return self.store(DOC, items=items)

    def _insert(self, item: QuanxianItem) -> bool:
        items = self._items()
        pos = insert_position(items, item.subject, item.category)
        items.insert(pos, item)
        self._select_after = pos
        return self._store_items(items)

    def add_typed(self) -> bool:
        content = self.new_content.text().strip()
        if not content:
            self.session.failed.emit("请先填写事项内容。")
            return False
        item = QuanxianItem(QuanxianSubject(self.subject.currentData()), QuanxianCategory(self.category.currentData()),
                            content, ExerciseMode(self.mode.currentData()), self.new_basis.text().strip())
        if self._insert(item):
            self.new_content.clear()
            self.new_basis.clear()
            return True
        return False

    def insert_common(self, number: object) -> bool:
        if not isinstance(number, int) or not 0 <= number < len(self._library_items):
            return False
        return self._insert(self._library_items[number].to_item())

    def _insert_selected(self) -> None:
        item = self.library.currentItem()
        if item is None:
            self.session.failed.emit("请先在表述库中选择一条。")
            return
        self.insert_common(item.data(LIBRARY_ROLE))

    def remove_current(self) -> bool:
        pos = self.current_item()
        items = self._items()
        if not 0 <= pos < len(items):
            return False
        del items[pos]
        return self._store_items(items)

    def move_current(self, step: int) -> bool:
        """Move the current item: in the table through the whole list, in the grouped view within its group."""
        pos = self.current_item()
        items = self._items()
        if not 0 <= pos < len(items):
            return False
        if self.views.currentWidget() is self.table:
            other = pos + step
            if not 0 <= other < len(items):
                return False
            items[pos], items[other] = items[other], items[pos]
        else:
            moved = move_in_group(items, pos, step)
            if moved is None:
                return False
            items, other = moved
        self._select_after = other
        return self._store_items(items)

    def focus_field(self, field: str) -> bool:
        if field == "items":
            self.views.setCurrentWidget(self.tree)
        return super().focus_field(field)

