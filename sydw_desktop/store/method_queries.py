"""Reading the method's tables (schema ``_V6_METHOD``): plain rows, turned into records by
:mod:`sydw_desktop.method.records` (the store does not know the method's model)."""

from __future__ import annotations

import sqlite3
from typing import Any

Row = dict[str, Any]

_ORDER = {
    "step_mark": "step",
    "sanding_stage": "unit, done_on, stage",
    "consultation": "unit, sent_on, id",
    "decision": "held_on, id",
    "unit_progress": "unit",
    "evaluation": "unit, evaluated_on, id",
    "progress_report": "end, id",
}

_PER_UNIT = frozenset({"sanding_stage", "consultation", "unit_progress", "evaluation"})


def all_rows(conn: sqlite3.Connection, table: str) -> list[Row]:
    """Every row of one of the method's tables, in the order its views list them."""
    order = _ORDER[table]  # KeyError for any other table: only these are read this way
    # a deleted unit's records stay in the file (undo brings the unit back) but are not shown
    where = " WHERE unit IN (SELECT id FROM unit)" if table in _PER_UNIT else ""
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table}{where} ORDER BY {order}").fetchall()]


def rows_of_unit(conn: sqlite3.Connection, table: str, unit: int) -> list[Row]:
    order = _ORDER[table]
    return [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE unit = ? ORDER BY {order}", (unit,))]


def units_with_document(conn: sqlite3.Connection, kind: str) -> set[int]:
    """Ids of the units that have a document of ``kind`` (without reading the documents)."""
    return {int(r[0]) for r in conn.execute("SELECT unit FROM document WHERE kind = ?", (kind,))}


def unit_heads(conn: sqlite3.Connection, phase: str) -> list[Row]:
    """Id, name and 改革方式 of the units of ``phase`` (改革前 / 改革后), in the units' order: what the
    steps and the 审理 table need, without decoding whole units (a region has tens of thousands)."""
    rows = conn.execute("SELECT id, name, disposition FROM unit WHERE phase = ? ORDER BY sort_key, id", (phase,))
    return [dict(r) for r in rows.fetchall()]


def transfer_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """People transferred out of each before-unit that has transfers."""
    return {int(r[0]): int(r[1]) for r in conn.execute("SELECT source, SUM(count) FROM transfer GROUP BY source")}
