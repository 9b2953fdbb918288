"""Qt model of one phase's units (改革前单位 or 改革后单位), edited through the workspace façade."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from sydw_desktop.model import Snapshot, Unit, UnitId
from sydw_desktop.rules.findings import CheckReport, Finding, Severity
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Phase
from ui.plan.columns import (
    AFTER_COLUMNS,
    BEFORE_COLUMNS,
    Column,
    Kind,
    TableContext,
    display,
    parse,
    sort_value,
)
from ui.session.session import WorkspaceSession

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
FIELD_ROLE = Qt.ItemDataRole.UserRole + 4

SEVERITY_COLORS = {
    Severity.ERROR: QColor("#f8d0d0"),
    Severity.WARNING: QColor("#fbecc0"),
    Severity.INFO: QColor("#dbe8f7"),
}
HIGHLIGHT_COLOR = QColor("#ffb74d")

AnyIndex = QModelIndex | QPersistentModelIndex


def finding_tooltip(findings: list[Finding]) -> str:
    return "\n".join(f"【{f.severity.label}】{f.message}" for f in findings)


def haystack(columns: list[Column], unit: Unit, ctx: TableContext) -> str:
    """What the search box looks in: every cell's text of ``unit``, casefolded."""
    return "\x1f".join(display(col, unit, ctx) for col in columns).casefold()


def sort_key_of(col: Column, ctx: TableContext) -> Callable[[Unit], Any]:
    """What a header click on ``col`` sorts a unit by: ``sort_value``, text without regard to case."""
    if col.kind in (Kind.INT, Kind.OPT_INT):  # the common case, without the general function's calls
        field = col.field
        return lambda unit: -1 if (value := getattr(unit, field)) is None else value

    def key(unit: Unit) -> Any:
        value = sort_value(col, unit, ctx)
        return value.casefold() if isinstance(value, str) else value

    return key


class UnitTableModel(QAbstractTableModel):
    """The units of one phase, columns from :mod:`ui.plan.columns`, sorted and filtered here.

    The units come from the session's live snapshot (never read from the file on the GUI thread).
    Rows are the units that pass the search, 主管部门 and problems filters, in the order of the last
    sort (a header click) or else the stored order. An edit updates its row in place and leaves it
    where it is (as a spreadsheet does); adding or deleting units lays the table out again. Sorting
    and filtering are done over plain Python lists in one pass — a proxy model over 17,000 rows
    would call back into Python for every comparison.
    """

    edit_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, phase: Phase, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.phase = phase
        self.columns: list[Column] = BEFORE_COLUMNS if phase is Phase.BEFORE else AFTER_COLUMNS
        self._fields = frozenset({"", *(c.field for c in self.columns)})
        self._all: list[Unit] = []  # stored order
        self._rows: list[int] = []  # positions in _all, in view order
        self._view_row: dict[int, int] | None = None  # unit id → view row, made when first asked
        self._arranged: tuple[Any, ...] = ()  # what the rows were last arranged from
        self._ctx = TableContext({}, {})
        self._after: list[Unit] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._search = ""
        self._dept = ""
        self._problems_only = False
        self._haystacks: dict[int, str] = {}  # unit id → its cells' text, casefolded (for the search)
        self._haystack_job: threading.Thread | None = None
        self._snap: Snapshot | None = None
        self._layout = session.live.layout_version
        self._dirty = False  # cells changed since the rows were arranged
        self.highlight: tuple[int, str] | None = None
        self.reload()
        session.operation_did_execute.connect(self._on_operation)
        session.report_changed.connect(self._on_report)

    # -- data from the live snapshot ----------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._read()
        self._arrange()
        self.endResetModel()

    def _read(self, changed: frozenset[int] | None = None) -> None:
        """Take the units from the live snapshot; ``changed``: the only units that changed."""
        snap = self.session.live.snapshot
        units = snap.before if self.phase is Phase.BEFORE else snap.after
        if changed is not None and self._snap is not None and len(units) == len(self._all) \
                and not any(self._names_moved(snap, unit_id) for unit_id in changed):
            self._snap, self._after, self._all = snap, snap.after, units
            return
        self._snap = snap
        self._after = snap.after
        sources: dict[int, list[str]] = {}
        for u in snap.before:
            if u.destination is not None:
                sources.setdefault(u.destination, []).append(u.name)
        context = TableContext({u.id: u.name for u in self._after if u.id is not None}, sources)
        if context != self._ctx or len(units) != len(self._all):  # other rows' cells show these names
            self._haystacks = {}
            self._ctx, self._all = context, units
            self._start_haystacks()
        self._all = units

    def _names_moved(self, snap: Snapshot, unit_id: int) -> bool:
        """Unit ``unit_id`` came, went, or changed its name or 去向 (cells of other rows show those)."""
        assert self._snap is not None
        try:
            old, new = self._snap.unit(UnitId(unit_id)), snap.unit(UnitId(unit_id))
        except KeyError:
            return True
        return old.name != new.name or old.destination != new.destination or old.phase is not new.phase

    def _start_haystacks(self) -> None:
        """Build the search texts on a worker thread (pure Python, no Qt), ready before the first keystroke."""
        units, ctx, columns = self._all, self._ctx, self.columns

        def build() -> None:
            texts = {u.id or 0: haystack(columns, u, ctx) for u in units}
            if self._all is units:  # not overtaken by a newer read
                self._haystacks = texts

        self._haystack_job = threading.Thread(target=build, name="sydw-search-index", daemon=True)
        self._haystack_job.start()

    def _haystack(self, unit: Unit) -> str:
        text = self._haystacks.get(unit.id or 0)
        if text is None:
            text = self._haystacks[unit.id or 0] = haystack(self.columns, unit, self._ctx)
        return text

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if not (changes.units or changes.jurisdiction):
            return
        for unit_id in changes.unit_ids:
            self._haystacks.pop(unit_id, None)
        if self.session.live.layout_version != self._layout:  # units came, went or moved
            self._layout = self.session.live.layout_version
            self.reload()
            return
        self._read(None if changes.jurisdiction else changes.unit_ids)
        self._dirty = True
        self._all_changed()  # one signal: the view repaints the rows it shows

    def _all_changed(self, roles: list[int] | None = None) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1),
                                  roles or [])

    def _on_report(self, _report: CheckReport) -> None:
        self._all_changed([Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, SEVERITY_ROLE])

    # -- sorting and filtering ----------------------------------------------------------------------

    def _passes(self, unit: Unit) -> bool:
        if self._dept and unit.dept != self._dept:
            return False
        if self._problems_only and not any((f.field or "") in self._fields
                                           for f in self.session.index.unit(unit.name)):
            return False
        return not self._search or self._search in self._haystack(unit)

    def _arrange(self) -> None:
        """Compute the view rows from the filters and the sort."""
        rows = [i for i, u in enumerate(self._all) if self._passes(u)] \
            if (self._search or self._dept or self._problems_only) else list(range(len(self._all)))
        column, order = self._sort
        if 0 <= column < len(self.columns):
            key = sort_key_of(self.columns[column], self._ctx)
            keys = [key(u) for u in self._all]
            rows.sort(key=keys.__getitem__, reverse=order is Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self._dirty = False
        self._view_row = None
        self._arranged = (self._sort, self._search, self._dept, self._problems_only, self._all)

    def _relayout(self) -> None:
        """Arrange the rows again, keeping selections and the current cell on their units."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._all[self._rows[p.row()]].id if p.isValid() and p.row() < len(self._rows) else None
               for p in persistent]
        self._arrange()
        moved = []
        for p, unit_id in zip(persistent, ids, strict=True):
            row = self.row_of(unit_id) if unit_id is not None else -1
            moved.append(self.index(row, p.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if not self._dirty and self._arranged == (self._sort, self._search, self._dept, self._problems_only,
                                                  self._all):
            return  # already so (QTableView.sortByColumn asks twice); an edit since then sorts again
        self._relayout()

    def set_search(self, text: str) -> None:
        self._search = text.strip().casefold()
        self._relayout()

    def set_dept(self, dept: str) -> None:
        self._dept = dept
        self._relayout()

    def set_problems_only(self, on: bool) -> None:
        self._problems_only = on
        self._relayout()

    def clear_filters(self) -> None:
        self._search, self._dept, self._problems_only = "", "", False
        self._relayout()

    # -- look-ups ---------------------------------------------------------------------------------

    @property
    def after_units(self) -> list[Unit]:
        return self._after

    @property
    def all_units(self) -> list[Unit]:
        """Every unit of the phase, shown or filtered out, in the stored order."""
        return self._all

    def choices(self, col: Column) -> list[tuple[str, str | int]]:
        """Drop-down entries (text, value) of a choice column; 去向单位 values are unit ids (0 = none)."""
        if col.kind is Kind.DEST:
            return [("", 0), *((u.name, u.id or 0) for u in self._after)]
        return [(c, c) for c in col.choices]

    def unit_at(self, row: int) -> Unit:
        return self._all[self._rows[row]]

    def row_of(self, unit_id: int) -> int:
        """The row showing ``unit_id``; -1 if there is none (or the filters hide it)."""
        if self._view_row is None:
            self._view_row = {self._all[i].id or 0: row for row, i in enumerate(self._rows)}
        return self._view_row.get(unit_id, -1)

    def column_of(self, field: str) -> int:
        for col, column in enumerate(self.columns):
            if column.field == field and column.kind is not Kind.SOURCES:
                return col
        return -1

    def findings_at(self, row: int, col: int) -> list[Finding]:
        unit = self.unit_at(row)
        column = self.columns[col]
        found = list(self.session.index.cell(unit.name, column.field))
        if column.field == "name":  # findings about the unit as a whole
            found += self.session.index.cell(unit.name, "")
        return found

    def set_highlight(self, unit_id: int | None, field: str | None) -> None:
        self.highlight = None if unit_id is None else (unit_id, field or "name")
        self._all_changed()

    # -- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].label
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].editable and not self.session.ws.readonly:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self.unit_at(index.row())
        col = self.columns[index.column()]
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.EditRole):
            if role == R.EditRole and col.kind is Kind.DEST:
                return unit.destination
            return display(col, unit, self._ctx)
        if role == SORT_ROLE:
            return sort_value(col, unit, self._ctx)
        if role == UNIT_ID_ROLE:
            return unit.id
        if role == FIELD_ROLE:
            return col.field
        highlighted = self.highlight is not None and self.highlight == (unit.id, col.field)
        if role == R.BackgroundRole:
            if highlighted:
                return QBrush(HIGHLIGHT_COLOR)
            worst = self.session.index.worst(self.findings_at(index.row(), index.column()))
            return QBrush(SEVERITY_COLORS[worst]) if worst is not None else None
        if role == R.FontRole and highlighted:
            font = QFont()
            font.setBold(True)
            return font
        if role == R.ToolTipRole:
            return finding_tooltip(self.findings_at(index.row(), index.column())) or None
        if role == SEVERITY_ROLE:
            worst = self.session.index.worst(self.findings_at(index.row(), index.column()))
            return worst.value if worst else None
        if role == R.TextAlignmentRole and col.kind in (Kind.INT, Kind.OPT_INT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        unit = self.unit_at(index.row())
        col = self.columns[index.column()]
        try:
            new = parse(col, value)
        except ValueError as err:
            self.session.failed.emit(str(err))
            return False
        if new == getattr(unit, col.field):
            return False
        unit_id = unit.id
        assert unit_id is not None  # the table shows stored units
        changes = self.session.perform(lambda ws: ws.update_unit(unit_id, **{col.field: new}), initiator=self)
        return changes is not None
