"""The workspace tree: jurisdiction → 改革方案 → 改革前单位 / 改革后单位 → each after-unit's documents.

A region has 26,805 units before and 17,201 after, each after-unit with three documents: about
100,000 nodes. :class:`WorkspaceTreeModel` builds none of them: it answers the view's questions
(how many children, what text, what colour) from the session's live snapshot, for the rows on
screen only. An operation updates it in place: an edit repaints the unit groups (one signal each),
adding or deleting units lays the tree out again with the expanded nodes and the current one kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMenu, QTreeView, QVBoxLayout, QWidget

from sydw_desktop.model import Unit
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import UNIT_DOCUMENT_KINDS
from ui.plan.unit_model import SEVERITY_COLORS, finding_tooltip
from ui.session.session import WorkspaceSession

Node = tuple  # ("plan",), ("before_unit", id), ("document", id, kind), …
AnyIndex = QModelIndex | QPersistentModelIndex

# Node ids kept in each index (``internalId``): fixed nodes, or a unit id shifted left 4 bits with a tag.
JURISDICTION, PLAN, COMPARISON, CHANGELOG, BEFORE, AFTER = 1, 2, 3, 4, 5, 6
BEFORE_UNIT, AFTER_UNIT, DOCUMENT = 7, 8, 9  # DOCUMENT + k: the k-th of UNIT_DOCUMENT_KINDS
FIXED: dict[int, Node] = {JURISDICTION: ("jurisdiction",), PLAN: ("plan",), COMPARISON: ("comparison",),
                          CHANGELOG: ("changelog",), BEFORE: ("before",), AFTER: ("after",)}
FIXED_ID = {node: key for key, node in FIXED.items()}
CHILDREN = {JURISDICTION: (PLAN, COMPARISON, CHANGELOG), PLAN: (BEFORE, AFTER)}
KIND_KEYS = [kind.key for kind in UNIT_DOCUMENT_KINDS]
DEFAULT_EXPANDED: set[Node] = {("jurisdiction",), ("plan",)}
#: Unit groups up to this size start expanded (a banner's); a region's 17,000 units start folded.
EXPAND_UP_TO = 2000


class WorkspaceTreeModel(QAbstractItemModel):
    """The tree's nodes, computed on demand from ``session.live.snapshot``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.session: WorkspaceSession | None = None
        self._before: list[Unit] = []
        self._after: list[Unit] = []
        self._after_row: dict[int, int] = {}
        self._title = ""
        self._layout = 0

    def set_session(self, session: WorkspaceSession | None) -> None:
        self.beginResetModel()
        self.session = session
        self._read()
        self.endResetModel()

    def _read(self) -> None:
        if self.session is None:
            self._before, self._after, self._after_row, self._title = [], [], {}, ""
            return
        snap = self.session.live.snapshot
        self._layout = self.session.live.layout_version
        self._before, self._after = snap.before, snap.after
        self._after_row = {u.id or 0: row for row, u in enumerate(self._after)}
        j = snap.jurisdiction
        self._title = f"{j.name}（{j.level.value} {j.code}）"

    def update(self, changes: OpChanges) -> bool:
        """Follow an operation; returns True when the tree was laid out again (expansion to restore)."""
        if self.session is None or not (changes.units or changes.jurisdiction):
            return False
        if self.session.live.layout_version != self._layout:  # units came, went or moved
            self.set_session(self.session)
            return True
        # Same nodes, new names: the view repaints (a dataChanged over a group of 17,000 rows would
        # make QTreeView ask every row whether it has children).
        snap = self.session.live.snapshot
        self._before, self._after = snap.before, snap.after
        j = snap.jurisdiction
        self._title = f"{j.name}（{j.level.value} {j.code}）"
        return False

    def unit_nodes(self) -> list[tuple[Node, str]]:
        """Every unit node with its name, before-units first (the order of the tree)."""
        return ([(("before_unit", u.id), u.name) for u in self._before if u.id is not None]
                + [(("after_unit", u.id), u.name) for u in self._after if u.id is not None])

    # -- ids, nodes and indexes ---------------------------------------------------------------------

    @staticmethod
    def node_of_id(key: int) -> Node:
        if key in FIXED:
            return FIXED[key]
        unit_id, tag = key >> 4, key & 15
        if tag == BEFORE_UNIT:
            return ("before_unit", unit_id)
        if tag == AFTER_UNIT:
            return ("after_unit", unit_id)
        return ("document", unit_id, KIND_KEYS[tag - DOCUMENT])

    @staticmethod
    def id_of_node(node: Node) -> int | None:
        if node in FIXED_ID:
            return FIXED_ID[node]
        if node[0] == "before_unit":
            return int(node[1]) << 4 | BEFORE_UNIT
        if node[0] == "after_unit":
            return int(node[1]) << 4 | AFTER_UNIT
        if node[0] == "document" and node[2] in KIND_KEYS:
            return int(node[1]) << 4 | (DOCUMENT + KIND_KEYS.index(node[2]))
        return None

    def _row_of(self, key: int) -> int:
        """The row of node ``key`` under its parent; -1 if it is not in the tree."""
        if key == JURISDICTION:
            return 0
        for children in CHILDREN.values():
            if key in children:
                return children.index(key)
        unit_id, tag = key >> 4, key & 15
        if tag == AFTER_UNIT:
            return self._after_row.get(unit_id, -1)
        if tag == BEFORE_UNIT:
            return next((row for row, u in enumerate(self._before) if u.id == unit_id), -1)
        return tag - DOCUMENT if unit_id in self._after_row else -1

    def index_of_id(self, key: int) -> QModelIndex:
        if self.session is None:
            return QModelIndex()
        row = self._row_of(key)
        return self.createIndex(row, 0, key) if row >= 0 else QModelIndex()

    def index_of(self, node: Node) -> QModelIndex:
        key = self.id_of_node(node)
        return QModelIndex() if key is None else self.index_of_id(key)

    def node_at(self, index: AnyIndex) -> Node | None:
        return self.node_of_id(index.internalId()) if index.isValid() else None

    # -- QAbstractItemModel ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self.session is None or column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(0, 0, JURISDICTION) if row == 0 else QModelIndex()
        key = parent.internalId()
        if key in CHILDREN:
            children = CHILDREN[key]
            return self.createIndex(row, 0, children[row]) if row < len(children) else QModelIndex()
        if key == BEFORE and row < len(self._before):
            return self.createIndex(row, 0, (self._before[row].id or 0) << 4 | BEFORE_UNIT)
        if key == AFTER and row < len(self._after):
            return self.createIndex(row, 0, (self._after[row].id or 0) << 4 | AFTER_UNIT)
        if key & 15 == AFTER_UNIT and row < len(KIND_KEYS):
            return self.createIndex(row, 0, (key >> 4) << 4 | (DOCUMENT + row))
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        key = index.internalId()
        if key == JURISDICTION:
            return QModelIndex()
        if key in (PLAN, COMPARISON, CHANGELOG):
            return self.createIndex(0, 0, JURISDICTION)
        if key in (BEFORE, AFTER):
            return self.createIndex(0, 0, PLAN)
        tag = key & 15
        if tag == BEFORE_UNIT:
            return self.createIndex(0, 0, BEFORE)
        if tag == AFTER_UNIT:
            return self.createIndex(1, 0, AFTER)
        unit_id = key >> 4
        return self.createIndex(self._after_row.get(unit_id, 0), 0, unit_id << 4 | AFTER_UNIT)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if self.session is None:
            return 0
        if not parent.isValid():
            return 1
        key = parent.internalId()
        if key in CHILDREN:
            return len(CHILDREN[key])
        if key == BEFORE:
            return len(self._before)
        if key == AFTER:
            return len(self._after)
        if key & 15 == AFTER_UNIT and key not in FIXED:
            return len(KIND_KEYS)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.session is None:
            return None
        key = index.internalId()
        node = self.node_of_id(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, node, index.row())
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) and key not in FIXED:
            found = self._findings(key, node, index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return finding_tooltip(found) or None
            worst = self.session.index.worst(found)
            return QBrush(SEVERITY_COLORS[worst]) if worst else None
        return None

    def _text(self, key: int, node: Node, row: int) -> str:
        titles = {JURISDICTION: self._title, PLAN: "改革方案", COMPARISON: "改革前后对照", CHANGELOG: "台账",
                  BEFORE: f"改革前单位（{len(self._before)}）", AFTER: f"改革后单位（{len(self._after)}）"}
        if key in titles:
            return titles[key]
        if node[0] == "before_unit":
            return self._before[row].name
        if node[0] == "after_unit":
            return self._after[row].name
        return UNIT_DOCUMENT_KINDS[row].label

    def _unit_name(self, node: Node, row: int) -> str:
        if node[0] == "before_unit":
            return self._before[row].name
        return self._after[self._after_row[int(node[1])]].name

    def _findings(self, key: int, node: Node, row: int) -> list[Any]:
        assert self.session is not None
        found = self.session.index.unit(self._unit_name(node, row))
        if node[0] == "document":
            return [f for f in found if f.document.key == node[2]]
        if node[0] == "after_unit":
            return [f for f in found if not f.document.per_unit]
        return list(found)


class WorkspaceTree(QTreeView):
    node_activated = Signal(object)  # Node

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace_tree")
        self.session: WorkspaceSession | None = None
        self.model_ = WorkspaceTreeModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self._expanded: set[Node] = set(DEFAULT_EXPANDED)
        self._quiet = False  # select_node(emit=False): select and repaint, but do not announce
        self.expanded.connect(lambda index: self._note_expanded(index, True))
        self.collapsed.connect(lambda index: self._note_expanded(index, False))
        self.selectionModel().currentChanged.connect(self._on_current)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    def _note_expanded(self, index: QModelIndex, on: bool) -> None:
        node = self.model_.node_at(index)
        if node is not None:
            (self._expanded.add if on else self._expanded.discard)(node)

    def set_session(self, session: WorkspaceSession | None) -> None:
        if self.session is not None:
            self.session.operation_did_execute.disconnect(self._on_operation)
            self.session.report_changed.disconnect(self._on_report)
        self.session = session
        if session is not None:
            session.operation_did_execute.connect(self._on_operation)
            session.report_changed.connect(self._on_report)
        self._expanded = set(DEFAULT_EXPANDED)
        self.model_.set_session(session)
        if session is not None:
            snap = session.live.snapshot
            for node, units in ((("before",), snap.before), (("after",), snap.after)):
                if len(units) <= EXPAND_UP_TO:
                    self._expanded.add(node)
        self._restore(None)

    def rebuild(self) -> None:
        """Lay the tree out again from the live snapshot (expanded nodes and the current one kept)."""
        current = self.current_node()
        self.model_.set_session(self.session)
        self._restore(current)

    def _restore(self, current: Node | None) -> None:
        expanded = set(self._expanded)
        for node in sorted(expanded, key=len):
            index = self.model_.index_of(node)
            if index.isValid():
                self.expand(index)
        self._expanded = expanded
        if current is not None:
            self.select_node(current, emit=False)

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        current = self.current_node()
        if self.model_.update(changes):
            self._restore(current)
        else:
            self.viewport().update()

    def _on_report(self, _report: object) -> None:
        self.viewport().update()  # colours and tooltips are read from the session's findings when painted

    def index_of(self, node: Node) -> QModelIndex:
        return self.model_.index_of(node)

    def select_node(self, node: Node, *, emit: bool = True) -> bool:
        index = self.index_of(node)
        if not index.isValid():
            return False
        # Not blockSignals: the view must hear the selection change to repaint the highlight; only
        # our own "node activated" is held back when the caller has already shown the node.
        self._quiet = not emit
        try:
            self.setCurrentIndex(index)
        finally:
            self._quiet = False
        self.scrollTo(index)
        return True

    def find_next(self, text: str, *, forward: bool = True, include_current: bool = False) -> Node | None:
        """Select (and show) the next unit whose name contains ``text`` after the current node (or from
        it, with ``include_current``: typing on keeps a match that still matches); cyclic."""
        words = text.strip().casefold()
        if not words:
            return None
        units = self.model_.unit_nodes()
        if not forward:
            units.reverse()
        current = self.current_node()
        start = next((i + (0 if include_current else 1) for i, (node, _n) in enumerate(units) if node == current), 0)
        for node, name in units[start:] + units[:start]:
            if words in name.casefold():
                self.select_node(node)
                return node
        return None

    def context_menu(self, node: Node | None) -> QMenu:
        """What a right-click on ``node`` offers: open it, its documents, folding."""
        menu = QMenu(self)
        if node is not None:
            menu.addAction("打开", lambda: self.node_activated.emit(node))
            if node[0] == "after_unit":
                for kind, label in (("sanding", "打开“三定”规定"), ("quanxian", "打开政事权限清单"), ("charter", "打开章程")):
                    menu.addAction(label, self._opener(("document", node[1], kind)))
            menu.addSeparator()
        menu.addAction("全部折叠", self.collapseAll)
        menu.addAction("展开本级", lambda: self.expandToDepth(1))
        return menu

    def _opener(self, node: Node) -> Callable[[], object]:
        return lambda: self.select_node(node)

    def _show_menu(self, pos: QPoint) -> None:
        self.context_menu(self.model_.node_at(self.indexAt(pos))).popup(self.viewport().mapToGlobal(pos))

    def current_node(self) -> Node | None:
        return self.model_.node_at(self.currentIndex())

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        node = self.model_.node_at(current)
        if node is not None:
            self.node_activated.emit(node)


class TreePanel(QWidget):
    """The 工作区 dock: a search box over the tree (Enter: next unit whose name matches)."""

    def __init__(self, tree: WorkspaceTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.search = QLineEdit()
        self.search.setObjectName("tree_search")
        self.search.setPlaceholderText("查找单位，回车查找下一个")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(lambda: self.find_next())
        self.search.textEdited.connect(lambda _text: self.find_next(include_current=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(tree)

    def find_next(self, *, include_current: bool = False) -> None:
        found = self.tree.find_next(self.search.text(), include_current=include_current)
        self.search.setStyleSheet("" if found is not None or not self.search.text().strip()
                                  else "QLineEdit { background: #fde0e0; }")
