"""Reading a workspace file: each function one question, answered with model objects.

The caller holds the workspace's mutex (:attr:`.operations.Operations.mutex`); inside an operation
these see its uncommitted rows, as they run on the same connection.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..model import (
    Explanation,
    Jurisdiction,
    ParamOverride,
    ReviewComment,
    Round,
    SubordinateFiling,
    Transfer,
    TrustedCertificate,
    Unit,
    UnitId,
)
from ..vocab import Phase
from . import rows as R


def jurisdiction(conn: sqlite3.Connection) -> Jurisdiction | None:
    row = conn.execute("SELECT * FROM jurisdiction WHERE id = 1").fetchone()
    return None if row is None else R.row_to_jurisdiction(row)


def units(conn: sqlite3.Connection, phase: Phase) -> list[Unit]:
    rows = conn.execute("SELECT * FROM unit WHERE phase = ? ORDER BY sort_key, id", (phase.value,))
    return [R.row_to_unit(r) for r in rows.fetchall()]


def unit_count(conn: sqlite3.Connection, phase: Phase) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM unit WHERE phase = ?", (phase.value,)).fetchone()[0])


def unit(conn: sqlite3.Connection, unit_id: int) -> Unit | None:
    row = conn.execute("SELECT * FROM unit WHERE id = ?", (unit_id,)).fetchone()
    return None if row is None else R.row_to_unit(row)


def find_unit(conn: sqlite3.Connection, phase: Phase, name: str) -> Unit | None:
    row = conn.execute("SELECT * FROM unit WHERE phase = ? AND name = ?", (phase.value, name)).fetchone()
    return None if row is None else R.row_to_unit(row)


def units_sent_to(conn: sqlite3.Connection, unit_id: int) -> list[Unit]:
    """Units whose 去向单位 is ``unit_id``."""
    rows = conn.execute("SELECT * FROM unit WHERE destination = ? ORDER BY id", (unit_id,))
    return [R.row_to_unit(r) for r in rows.fetchall()]


def transfers(conn: sqlite3.Connection) -> list[Transfer]:
    return [R.row_to_transfer(r) for r in conn.execute("SELECT * FROM transfer ORDER BY id").fetchall()]


def transfer(conn: sqlite3.Connection, transfer_id: int) -> Transfer | None:
    row = conn.execute("SELECT * FROM transfer WHERE id = ?", (transfer_id,)).fetchone()
    return None if row is None else R.row_to_transfer(row)


def transfers_of(conn: sqlite3.Connection, unit_id: int) -> list[Transfer]:
    """Transfers from or to ``unit_id``."""
    rows = conn.execute("SELECT * FROM transfer WHERE source = ? OR target = ? ORDER BY id", (unit_id, unit_id))
    return [R.row_to_transfer(r) for r in rows.fetchall()]


def document(conn: sqlite3.Connection, cls: type, unit_id: int, kind: str) -> Any | None:
    row = conn.execute("SELECT body FROM document WHERE unit = ? AND kind = ?", (unit_id, kind)).fetchone()
    return None if row is None else R.body_to_document(cls, row["body"])


def documents(conn: sqlite3.Connection, classes: dict[str, type]) -> dict[str, dict[UnitId, Any]]:
    """Every stored document, by kind and unit id (``classes``: the model class of each kind)."""
    docs: dict[str, dict[UnitId, Any]] = {k: {} for k in classes}
    for r in conn.execute("SELECT unit, kind, body FROM document").fetchall():
        docs[r["kind"]][UnitId(r["unit"])] = R.body_to_document(classes[r["kind"]], r["body"])
    return docs


def setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row["value"]


def settings(conn: sqlite3.Connection) -> dict[str, str]:
    return {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM meta").fetchall()}


def rounds(conn: sqlite3.Connection) -> list[Round]:
    return [R.row_to_round(r) for r in conn.execute("SELECT * FROM round ORDER BY number, id").fetchall()]


def review_comments(conn: sqlite3.Connection) -> list[ReviewComment]:
    return [R.row_to_review_comment(r) for r in conn.execute(
        "SELECT * FROM review_comment WHERE direction = 'in' ORDER BY id").fetchall()]


def explanations(conn: sqlite3.Connection) -> dict[tuple[str, str, str], Explanation]:
    found = (R.row_to_explanation(r) for r in conn.execute("SELECT * FROM explanation").fetchall())
    return {(e.rule, e.unit, e.field): e for e in found}


def explanation(conn: sqlite3.Connection, key: tuple[str, str, str]) -> Explanation | None:
    row = conn.execute("SELECT * FROM explanation WHERE rule = ? AND unit = ? AND field = ?", key).fetchone()
    return None if row is None else R.row_to_explanation(row)


def param_overrides(conn: sqlite3.Connection) -> list[ParamOverride]:
    rows = conn.execute("SELECT * FROM param_override ORDER BY effective_from, id").fetchall()
    return [R.row_to_param_override(r) for r in rows]


def trusted_certificates(conn: sqlite3.Connection) -> list[TrustedCertificate]:
    rows = conn.execute("SELECT * FROM trusted_cert ORDER BY region_code, office, fingerprint").fetchall()
    return [R.row_to_trusted_certificate(r) for r in rows]


def trusted_certificate(conn: sqlite3.Connection, fingerprint: str) -> TrustedCertificate | None:
    row = conn.execute("SELECT * FROM trusted_cert WHERE fingerprint = ?", (fingerprint,)).fetchone()
    return None if row is None else R.row_to_trusted_certificate(row)


def subordinate_filings(conn: sqlite3.Connection) -> list[SubordinateFiling]:
    """Received packets, without their data."""
    columns = ", ".join(R.SUBORDINATE_FILING_COLUMNS)
    rows = conn.execute(f"SELECT {columns} FROM subordinate ORDER BY region_code, round").fetchall()
    return [R.row_to_subordinate_filing(r) for r in rows]


def subordinate_filing(conn: sqlite3.Connection, region_code: str, round_number: int) -> SubordinateFiling | None:
    columns = ", ".join(R.SUBORDINATE_FILING_COLUMNS)
    row = conn.execute(
        f"SELECT {columns} FROM subordinate WHERE region_code = ? AND round = ?", (region_code, round_number)
    ).fetchone()
    return None if row is None else R.row_to_subordinate_filing(row)


def subordinate_data(conn: sqlite3.Connection, region_code: str, round_number: int) -> tuple[str, str] | None:
    """A received packet's ``workspace.json`` and ``check-report.json`` texts, or None."""
    row = conn.execute(
        "SELECT workspace_json, check_report FROM subordinate WHERE region_code = ? AND round = ?",
        (region_code, round_number),
    ).fetchone()
    return None if row is None else (row["workspace_json"], row["check_report"])
