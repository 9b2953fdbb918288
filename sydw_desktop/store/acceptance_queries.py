"""Reading the 检查验收 tables (schema step ``_V7``, block ``acceptance``); the caller holds the mutex."""

from __future__ import annotations

import sqlite3
from typing import Any

Row = dict[str, Any]


def acceptances(conn: sqlite3.Connection, direction: str, region_code: str | None = None) -> list[Row]:
    """Acceptances sent down (``out``) or received (``in``), optionally of one office, oldest first."""
    sql, args = "SELECT * FROM acceptance WHERE direction = ?", [direction]
    if region_code is not None:
        sql, args = sql + " AND region_code = ?", [*args, region_code]
    return [dict(r) for r in conn.execute(sql + " ORDER BY region_code, number, id", args).fetchall()]


def acceptance(conn: sqlite3.Connection, acceptance_id: int) -> Row | None:
    row = conn.execute("SELECT * FROM acceptance WHERE id = ?", (acceptance_id,)).fetchone()
    return None if row is None else dict(row)


def items(conn: sqlite3.Connection, acceptance_ids: list[int]) -> list[Row]:
    """The checklist items of the acceptances ``acceptance_ids``, in their order."""
    if not acceptance_ids:
        return []
    marks = ", ".join("?" * len(acceptance_ids))
    rows = conn.execute(f"SELECT * FROM acceptance_item WHERE acceptance IN ({marks}) ORDER BY acceptance, id",
                        acceptance_ids)
    return [dict(r) for r in rows.fetchall()]


def item(conn: sqlite3.Connection, item_id: int) -> Row | None:
    row = conn.execute("SELECT * FROM acceptance_item WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else dict(row)
