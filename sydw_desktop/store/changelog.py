"""The 台账 (change log): one line per changed field, written with the operation that changed it.

Lines are appended in the operation's transaction (and by undo and redo, which note themselves), so
the log never says a change happened that was not stored. It is append-only: undo does not remove
lines, it adds one.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from typing import Any

from ..model import ChangeEntry
from . import rows as R


def now() -> str:
    """The time an operation is stamped with (local, to the second)."""
    return datetime.now().isoformat(timespec="seconds")


@dataclasses.dataclass(frozen=True)
class LogLine:
    """One line an operation notes: what changed (entity, its name, the field), from what to what."""

    entity: str
    name: str
    field: str
    old: str
    new: str


def show(value: Any) -> str:
    """A value as the 台账 shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return "、".join(show(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{show(k)}{show(v)}" for k, v in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # an 内设机构, a 清单 item …
        return " ".join(t for t in (show(getattr(value, f.name)) for f in dataclasses.fields(value)) if t)
    return str(value)


def write(conn: sqlite3.Connection, user: str, operation: str, lines: list[LogLine], doc_no: str = "") -> None:
    """Append ``lines`` of ``operation``, all stamped now, inside the caller's transaction."""
    at = now()
    entries = [
        ChangeEntry(at, user, operation, line.entity, line.name, line.field, line.old, line.new, doc_no)
        for line in lines
    ]
    if not entries:
        return
    columns = list(R.change_entry_to_row(entries[0]))
    conn.executemany(
        f"INSERT INTO changelog ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [list(R.change_entry_to_row(e).values()) for e in entries],
    )


def read(conn: sqlite3.Connection, limit: int | None = None) -> list[ChangeEntry]:
    """The newest ``limit`` lines (all when None), newest first."""
    sql = "SELECT * FROM changelog ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return [R.row_to_change_entry(r) for r in conn.execute(sql)]
