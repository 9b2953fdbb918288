"""Rows of the review tables (schema version 4): comments, submissions, decisions, 作废, packets taken in."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

from ..model import Comment, ReceivedPacket, ReviewRecord, Submission, VoidedItem
from .rows import Row, _decoding


def comment_to_row(c: Comment) -> Row:
    return {
        "round_number": c.round_number, "text": c.text, "document": c.document, "unit": c.unit,
        "field": c.field, "author": c.author, "direction": c.direction, "region_code": c.region_code,
        "uid": c.uid, "status": c.status, "reply": c.reply, "record": c.record, "created_at": c.created_at,
    }


@_decoding("review_comment")
def row_to_comment(row: sqlite3.Row | Row) -> Comment:
    return Comment(**{f.name: row[f.name] for f in dataclasses.fields(Comment)})


def _plain(obj: Any, skip: tuple[str, ...] = ("id",)) -> Row:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in skip}


def submission_to_row(s: Submission, workspace_json: str) -> Row:
    return {**_plain(s, ()), "workspace_json": workspace_json}


@_decoding("submission")
def row_to_submission(row: sqlite3.Row | Row) -> Submission:
    return Submission(**{f.name: row[f.name] for f in dataclasses.fields(Submission)})


def review_record_to_row(r: ReviewRecord) -> Row:
    return _plain(r)


@_decoding("review_record")
def row_to_review_record(row: sqlite3.Row | Row) -> ReviewRecord:
    return ReviewRecord(**{f.name: row[f.name] for f in dataclasses.fields(ReviewRecord)})


def voided_to_row(v: VoidedItem) -> Row:
    return _plain(v)


@_decoding("voided")
def row_to_voided(row: sqlite3.Row | Row) -> VoidedItem:
    return VoidedItem(**{f.name: row[f.name] for f in dataclasses.fields(VoidedItem)})


def received_packet_to_row(p: ReceivedPacket) -> Row:
    return _plain(p, ())


@_decoding("received_packet")
def row_to_received_packet(row: sqlite3.Row | Row) -> ReceivedPacket:
    return ReceivedPacket(**{f.name: row[f.name] for f in dataclasses.fields(ReceivedPacket)})
