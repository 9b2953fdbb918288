"""Qt model of one phase's units (改革前单位 or 改革后单位), edited through the workspace façade."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from sydw_desktop.model import Unit
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


class UnitTableModel(QAbstractTableModel):
    """Rows are the units of one phase in their stored order; columns from :mod:`ui.plan.columns`."""

    edit_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, phase: Phase, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.phase = phase
        self.columns: list[Column] = BEFORE_COLUMNS if phase is Phase.BEFORE else AFTER_COLUMNS
        self._units: list[Unit] = []
        self._ctx = TableContext({}, {})
        self._after: list[Unit] = []
        self.highlight: tuple[int, str] | None = None
        self.reload()
        session.operation_did_execute.connect(self._on_operation)
        session.report_changed.connect(self._on_report)

    # -- data from the workspace ----------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._read()
        self.endResetModel()

    def _read(self) -> None:
        ws = self.session.ws
        before = ws.units(Phase.BEFORE)
        self._after = ws.units(Phase.AFTER)
        sources: dict[int, list[str]] = {}
        for u in before:
            if u.destination is not None:
                sources.setdefault(u.destination, []).append(u.name)
        self._ctx = TableContext({u.id: u.name for u in self._after if u.id is not None}, sources)
        self._units = before if self.phase is Phase.BEFORE else self._after

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if not (changes.units or changes.jurisdiction):
            return
        old_ids = [u.id for u in self._units]
        self._read()
        if [u.id for u in self._units] == old_ids:
            if self._units:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._units) - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self.endResetModel()

    def _on_report(self, _report: CheckReport) -> None:
        if self._units:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._units) - 1, len(self.columns) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, SEVERITY_ROLE],
            )

    # -- look-ups ---------------------------------------------------------------------------------

    @property
    def after_units(self) -> list[Unit]:
        return self._after

    def choices(self, col: Column) -> list[tuple[str, str | int]]:
        """Drop-down entries (text, value) of a choice column; 去向单位 values are unit ids (0 = none)."""
        if col.kind is Kind.DEST:
            return [("", 0), *((u.name, u.id or 0) for u in self._after)]
        return [(c, c) for c in col.choices]

    def unit_at(self, row: int) -> Unit:
        return self._units[row]

    def row_of(self, unit_id: int) -> int:
        for row, unit in enumerate(self._units):
            if unit.id == unit_id:
                return row
        return -1

    def column_of(self, field: str) -> int:
        for col, column in enumerate(self.columns):
            if column.field == field and column.kind is not Kind.SOURCES:
                return col
        return -1

    def findings_at(self, row: int, col: int) -> list[Finding]:
        unit = self._units[row]
        column = self.columns[col]
        found = list(self.session.index.cell(unit.name, column.field))
        if column.field == "name":  # findings about the unit as a whole
            found += self.session.index.cell(unit.name, "")
        return found

    def set_highlight(self, unit_id: int | None, field: str | None) -> None:
        self.highlight = None if unit_id is None else (unit_id, field or "name")
        if self._units:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._units) - 1, len(self.columns) - 1))

    # -- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units)

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
        unit = self._units[index.row()]
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
        unit = self._units[index.row()]
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
