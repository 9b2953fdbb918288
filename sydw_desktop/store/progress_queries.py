"""Reading the upper office's progress tables (schema ``_V7``, issue 17 item 4): plain rows, turned
into records by :mod:`sydw_desktop.method.upper`."""

from __future__ import annotations

import sqlite3
from typing import Any

Row = dict[str, Any]


def step_dues(conn: sqlite3.Connection) -> list[Row]:
    return [dict(r) for r in conn.execute("SELECT * FROM step_due ORDER BY step")]


def subordinate_progress(conn: sqlite3.Connection) -> list[Row]:
    """Every subordinate's latest progress, without the 通报 PDF bytes."""
    rows = conn.execute("SELECT region_code, name, source, packet_id, bag, as_of, signed_at, signer_office, "
                        "packet_sha256, method, received_at, received_by FROM subordinate_progress "
                        "ORDER BY region_code")
    return [dict(r) for r in rows]


def progress_bulletin(conn: sqlite3.Connection, region_code: str) -> bytes | None:
    row = conn.execute("SELECT bulletin FROM subordinate_progress WHERE region_code = ?", (region_code,)).fetchone()
    return None if row is None or row[0] is None else bytes(row[0])
