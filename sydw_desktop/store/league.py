"""Rows and queries of the league's tables (schema step ``_V5_LEAGUE``): allocations, the installed
hand-down pack, the bytes of received packets, and the check reports of received filings."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from typing import Any

from ..errors import WorkspaceError
from ..model import Allocation, InstalledHanddown
from .undo import Row

ALLOCATION_COLUMNS = tuple(f.name for f in dataclasses.fields(Allocation))
HANDDOWN_COLUMNS = tuple(f.name for f in dataclasses.fields(InstalledHanddown))


def allocation_to_row(a: Allocation) -> Row:
    return {c: getattr(a, c) for c in ALLOCATION_COLUMNS if c != "region_code"}


def allocations(conn: sqlite3.Connection) -> list[Allocation]:
    rows = conn.execute("SELECT * FROM allocation ORDER BY region_code").fetchall()
    return [Allocation(**{c: r[c] for c in ALLOCATION_COLUMNS}) for r in rows]


def allocation(conn: sqlite3.Connection, region_code: str) -> Allocation | None:
    r = conn.execute("SELECT * FROM allocation WHERE region_code = ?", (region_code,)).fetchone()
    return None if r is None else Allocation(**{c: r[c] for c in ALLOCATION_COLUMNS})


def handdown_to_row(h: InstalledHanddown) -> Row:
    row: dict[str, Any] = {c: getattr(h, c) for c in HANDDOWN_COLUMNS}
    row["payload"] = json.dumps(h.payload, ensure_ascii=False)
    return row


def installed_handdown(conn: sqlite3.Connection) -> InstalledHanddown | None:
    r = conn.execute("SELECT * FROM handdown WHERE id = 1").fetchone()
    if r is None:
        return None
    try:
        return InstalledHanddown(**{**{c: r[c] for c in HANDDOWN_COLUMNS}, "payload": json.loads(r["payload"])})
    except (ValueError, TypeError) as exc:
        raise WorkspaceError(f"工作区文件中的上级下发参数数据已损坏，无法读取（handdown 表：{exc}）。请使用备份。") from exc


def subordinate_packet(conn: sqlite3.Connection, region_code: str, round_number: int) -> bytes | None:
    r = conn.execute(
        "SELECT data FROM subordinate_packet WHERE region_code = ? AND round = ?", (region_code, round_number)
    ).fetchone()
    return None if r is None else bytes(r["data"])


def check_reports(conn: sqlite3.Connection, keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The stored ``check-report.json`` texts of the received filings ``keys`` (code, round)."""
    found: dict[tuple[str, int], str] = {}
    for code, number in keys:
        r = conn.execute(
            "SELECT check_report FROM subordinate WHERE region_code = ? AND round = ?", (code, number)
        ).fetchone()
        if r is not None:
            found[(code, number)] = r["check_report"]
    return found
