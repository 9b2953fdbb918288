"""Row-level change capture, and the undo/redo stacks of named operations.

Every mutation of the workspace runs as one named operation in one transaction; the store records
each row it inserts, updates or deletes as a :class:`RowChange` (the row before and after). Undoing
an operation replays its changes backwards, in a new transaction; redoing replays them forwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
Key = tuple[Any, ...]


@dataclass(frozen=True)
class RowChange:
    table: str
    key: Key
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed, so each view can decide whether to redraw."""

    operation: str
    #: kinds of thing touched: jurisdiction, unit, transfer, document, meta, round, comment,
    #: explanation, param
    kinds: frozenset[str] = frozenset()
    #: ids of units touched (directly, or through their documents and transfers)
    unit_ids: frozenset[int] = frozenset()
    #: ids of rows inserted, in order (e.g. the new unit of ``add_unit``)
    created: tuple[Any, ...] = ()

    def touches(self, kind: str) -> bool:
        return kind in self.kinds


_KIND_OF_TABLE = {
    "jurisdiction": "jurisdiction",
    "unit": "unit",
    "transfer": "transfer",
    "document": "document",
    "meta": "meta",
    "round": "round",
    "review_comment": "comment",
    "explanation": "explanation",
    "param_override": "param",
}


def summarize(operation: str, rows: list[RowChange]) -> OpChanges:
    kinds: set[str] = set()
    units: set[int] = set()
    created: list[Any] = []
    for change in rows:
        kinds.add(_KIND_OF_TABLE.get(change.table, change.table))
        for row in (change.before, change.after):
            if row is None:
                continue
            if change.table == "unit":
                units.add(row["id"])
            elif change.table == "document":
                units.add(row["unit"])
            elif change.table == "transfer":
                units.add(row["source"])
                if row.get("target") is not None:
                    units.add(row["target"])
        if change.before is None:
            created.append(change.key[0] if len(change.key) == 1 else change.key)
    return OpChanges(operation, frozenset(kinds), frozenset(units), tuple(created))


@dataclass
class Operation:
    name: str
    rows: list[RowChange] = field(default_factory=list)


class UndoStack:
    """Undo and redo stacks of operations, bounded in length."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []

    def push(self, op: Operation) -> None:
        self._undo.append(op)
        del self._undo[: -self.limit]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    def pop_undo(self) -> Operation | None:
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Operation | None:
        return self._redo.pop() if self._redo else None

    def done_undo(self, op: Operation) -> None:
        self._redo.append(op)

    def done_redo(self, op: Operation) -> None:
        self._undo.append(op)
