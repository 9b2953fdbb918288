"""The workspace tree: jurisdiction → 改革方案 → 改革前单位 / 改革后单位 → each after-unit's documents."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import UNIT_DOCUMENT_KINDS, Phase
from ui.plan.unit_model import SEVERITY_COLORS, finding_tooltip
from ui.session.session import WorkspaceSession

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the node as text, e.g. "document|12|sanding"
NAME_ROLE = Qt.ItemDataRole.UserRole + 2

Node = tuple  # ("plan",), ("before_unit", id), ("document", id, kind), …


def node_key(node: Node) -> str:
    """Nodes are kept in Qt items as plain text (no Python objects in Qt items)."""
    return "|".join(str(part) for part in node)


def node_of(key: str) -> Node:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in key.split("|")]
    return tuple(parts)


class WorkspaceTree(QTreeView):
    node_activated = Signal(object)  # Node

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace_tree")
        self.session: WorkspaceSession | None = None
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.selectionModel().currentChanged.connect(self._on_current)

    def set_session(self, session: WorkspaceSession | None) -> None:
        if self.session is not None:
            self.session.operation_did_execute.disconnect(self._on_operation)
            self.session.report_changed.disconnect(self._on_report)
        self.session = session
        if session is not None:
            session.operation_did_execute.connect(self._on_operation)
            session.report_changed.connect(self._on_report)
        self.rebuild()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.units or changes.jurisdiction or changes.documents:
            self.rebuild()

    def _on_report(self, _report: object) -> None:
        self._mark(self.model_.invisibleRootItem())

    def _item(self, text: str, node: Node, name: str = "") -> QStandardItem:
        item = QStandardItem(text)
        item.setData(node_key(node), NODE_ROLE)
        item.setData(name, NAME_ROLE)
        return item

    def rebuild(self) -> None:
        current = self.current_node()
        expanded = self._expanded_nodes()
        self.model_.clear()
        if self.session is None:
            return
        ws = self.session.ws
        j = ws.jurisdiction()
        root = self._item(f"{j.name}（{j.level.value} {j.code}）", ("jurisdiction",))
        self.model_.appendRow(root)
        plan = self._item("改革方案", ("plan",))
        root.appendRow(plan)
        before = ws.units(Phase.BEFORE)
        after = ws.units(Phase.AFTER)
        before_item = self._item(f"改革前单位（{len(before)}）", ("before",))
        after_item = self._item(f"改革后单位（{len(after)}）", ("after",))
        plan.appendRow(before_item)
        plan.appendRow(after_item)
        for u in before:
            before_item.appendRow(self._item(u.name, ("before_unit", u.id), u.name))
        for u in after:
            unit_item = self._item(u.name, ("after_unit", u.id), u.name)
            for kind in UNIT_DOCUMENT_KINDS:
                unit_item.appendRow(self._item(kind.label, ("document", u.id, kind.key), u.name))
            after_item.appendRow(unit_item)
        root.appendRow(self._item("改革前后对照", ("comparison",)))
        root.appendRow(self._item("台账", ("changelog",)))
        self._mark(self.model_.invisibleRootItem())
        if not expanded:
            expanded = {("jurisdiction",), ("plan",), ("before",), ("after",)}
        self._expand(self.model_.invisibleRootItem(), expanded)
        if current is not None:
            self.select_node(current, emit=False)

    def _mark(self, parent: QStandardItem) -> None:
        if self.session is None:
            return
        index = self.session.index
        for r in range(parent.rowCount()):
            item = parent.child(r)
            node = node_of(item.data(NODE_ROLE))
            name = item.data(NAME_ROLE)
            if name and node[0] in ("before_unit", "after_unit", "document"):
                found = index.unit(name)
                if node[0] == "document":
                    found = [f for f in found if f.document.key == node[2]]
                elif node[0] == "after_unit":
                    found = [f for f in found if not f.document.per_unit]
                worst = index.worst(found)
                item.setBackground(QBrush(SEVERITY_COLORS[worst]) if worst else QBrush())
                item.setToolTip(finding_tooltip(found))
            self._mark(item)

    def _expanded_nodes(self) -> set[Node]:
        out: set[Node] = set()

        def walk(parent: QStandardItem) -> None:
            for r in range(parent.rowCount()):
                item = parent.child(r)
                if self.isExpanded(item.index()):
                    out.add(node_of(item.data(NODE_ROLE)))
                walk(item)

        walk(self.model_.invisibleRootItem())
        return out

    def _expand(self, parent: QStandardItem, nodes: set[Node]) -> None:
        for r in range(parent.rowCount()):
            item = parent.child(r)
            if node_of(item.data(NODE_ROLE)) in nodes:
                self.expand(item.index())
            self._expand(item, nodes)

    def index_of(self, node: Node) -> QModelIndex:
        def walk(parent: QStandardItem) -> QModelIndex:
            for r in range(parent.rowCount()):
                item = parent.child(r)
                if item.data(NODE_ROLE) == node_key(node):
                    return item.index()
                found = walk(item)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(self.model_.invisibleRootItem())

    def select_node(self, node: Node, *, emit: bool = True) -> bool:
        index = self.index_of(node)
        if not index.isValid():
            return False
        self.blockSignals(not emit)
        self.selectionModel().blockSignals(not emit)
        self.setCurrentIndex(index)
        self.selectionModel().blockSignals(False)
        self.blockSignals(False)
        self.scrollTo(index)
        return True

    def current_node(self) -> Node | None:
        index = self.currentIndex()
        return node_of(index.data(NODE_ROLE)) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.node_activated.emit(node_of(current.data(NODE_ROLE)))
