"""Reading the review tables (schema version 4); the caller holds the workspace's mutex."""

from __future__ import annotations

import sqlite3

from ..model import Comment, ReceivedPacket, ReviewRecord, Submission, VoidedItem
from . import review_rows as RR


def comments(conn: sqlite3.Connection, direction: str, region_code: str | None = None,
             round_number: int | None = None) -> list[Comment]:
    sql = "SELECT * FROM review_comment WHERE direction = ?"
    args: list[object] = [direction]
    if region_code is not None:
        sql, args = sql + " AND region_code = ?", [*args, region_code]
    if round_number is not None:
        sql, args = sql + " AND round_number = ?", [*args, round_number]
    return [RR.row_to_comment(r) for r in conn.execute(sql + " ORDER BY id", args).fetchall()]


def comment(conn: sqlite3.Connection, comment_id: int) -> Comment | None:
    row = conn.execute("SELECT * FROM review_comment WHERE id = ?", (comment_id,)).fetchone()
    return None if row is None else RR.row_to_comment(row)


_SUBMISSION_COLUMNS = "packet_id, round, bag, packet_sha256, submitted_at, to_code, submitted_by"


def submissions(conn: sqlite3.Connection) -> list[Submission]:
    rows = conn.execute(f"SELECT {_SUBMISSION_COLUMNS} FROM submission ORDER BY submitted_at, round").fetchall()
    return [RR.row_to_submission(r) for r in rows]


def submission_json(conn: sqlite3.Connection, packet_id: str) -> str | None:
    row = conn.execute("SELECT workspace_json FROM submission WHERE packet_id = ?", (packet_id,)).fetchone()
    return None if row is None else str(row[0])


def review_records(conn: sqlite3.Connection, direction: str) -> list[ReviewRecord]:
    rows = conn.execute("SELECT * FROM review_record WHERE direction = ? ORDER BY id", (direction,)).fetchall()
    return [RR.row_to_review_record(r) for r in rows]


def voided(conn: sqlite3.Connection) -> list[VoidedItem]:
    return [RR.row_to_voided(r) for r in conn.execute("SELECT * FROM voided ORDER BY id").fetchall()]


def received_packets(conn: sqlite3.Connection, kind: str, issuer: str) -> list[ReceivedPacket]:
    rows = conn.execute("SELECT * FROM received_packet WHERE kind = ? AND issuer = ? ORDER BY round, signed_at",
                        (kind, issuer)).fetchall()
    return [RR.row_to_received_packet(r) for r in rows]


def subordinate_replies(conn: sqlite3.Connection, region_code: str, round_number: int) -> str:
    """The ``replies.json`` text a received filing carried ("" when none)."""
    row = conn.execute("SELECT replies FROM subordinate WHERE region_code = ? AND round = ?",
                       (region_code, round_number)).fetchone()
    return "" if row is None else str(row[0])
