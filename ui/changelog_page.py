"""The 台账 view: the workspace's change log, newest first, searchable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import ChangeEntry
from sydw_desktop.store.undo import OpChanges
from ui.headed_table import HeadedTableModel
from ui.session.session import WorkspaceSession

HEADERS = ["时间", "操作人", "操作", "对象", "名称", "项目", "原值", "新值", "文号"]
SHOWN = 5000
AnyIndex = QModelIndex | QPersistentModelIndex


class ChangelogModel(HeadedTableModel):
    headers = HEADERS

    def __init__(self, session: WorkspaceSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[ChangeEntry] = []
        self.stale = False
        self.visible: Callable[[], bool] = lambda: True
        self.reload()
        session.operation_did_execute.connect(self._on_operation)

    def _on_operation(self, _changes: OpChanges, _initiator: object) -> None:
        # every operation (and every undo/redo) writes 台账 lines; read them when they are looked at
        self.stale = True
        if self.visible():
            self.reload()

    def reload(self) -> None:
        self.stale = False
        self.beginResetModel()
        self.entries = self.session.ws.changelog(limit=SHOWN)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.entries[index.row()]
        return [e.at.replace("T", " "), e.user, e.operation, e.entity, e.entity_name, e.field, e.old, e.new,
                e.doc_no][index.column()]


class ChangelogPage(QWidget):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changelog_page")
        self.model = ChangelogModel(session, self)
        self.model.visible = self.isVisible
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索台账（操作、单位、项目、文号……）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setObjectName("changelog")
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        for col, width in enumerate((150, 70, 170, 90, 220, 110, 120, 120, 150)):
            self.view.setColumnWidth(col, width)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(f"<b>台账</b>（每次修改都已自动保存并记录；显示最近 {SHOWN} 条）"))
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def showEvent(self, event: QShowEvent) -> None:
        if self.model.stale:
            self.model.reload()
        super().showEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
