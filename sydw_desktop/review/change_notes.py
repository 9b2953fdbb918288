"""修改说明: from round 2 on, what the county did with each comment of the last 退回修改.

:func:`build_change_notes` reads the workspace: the latest 退回修改 it imported for an earlier
round, that review's comments with the clerk's status and reply, and the round diff from the
submission that review answered to the current state. Each comment gets the changes that touch
its target; the rest are 其他修改. The packet carries it three ways: ``修改说明.pdf`` (signed like
every PDF), ``修改说明.xlsx`` and ``replies.json`` (for the upper office's program).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Comment, ReviewRecord, VoidedItem
from ..vocab import RoundDirection
from .diff import RoundDiff, diff_workspaces
from .targets import target_label

if TYPE_CHECKING:
    from ..workspace import Workspace

NOTES_STEM = "修改说明"
REPLIES_JSON = "replies.json"


@dataclass(frozen=True)
class NoteLine:
    comment: Comment
    changes: list[str]


@dataclass(frozen=True)
class ChangeNotes:
    """The 修改说明 of round ``round`` answering ``record`` (a 退回修改 of an earlier round)."""

    round: int
    record: ReviewRecord
    lines: list[NoteLine]
    other_changes: list[str]
    diff: RoundDiff
    unanswered: list[Comment] = field(default_factory=list)
    voided: list[VoidedItem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "answers": {"packet_id": self.record.packet_id, "round": self.record.round,
                        "doc_no": self.record.doc_no},
            "replies": [
                {"uid": line.comment.uid, "text": line.comment.text, "target": target_label(line.comment),
                 "status": line.comment.status, "reply": line.comment.reply, "changes": line.changes}
                for line in self.lines
            ],
            "other_changes": self.other_changes,
            "voided": [{"entity": v.entity, "name": v.name, "kind": v.kind, "reason": v.reason} for v in self.voided],
            "diff": self.diff.to_json(),
        }

    def context(self, base: dict[str, Any], today: date | None = None) -> dict[str, Any]:
        """The template context of ``修改说明.docx`` (``base``: the workspace's common context)."""
        return {
            **base,
            "notes": {
                "round": self.round,
                "answered_round": self.record.round,
                "reviewer": self.record.office or "上级机构编制部门",
                "review_doc_no": self.record.doc_no,
                "date": _date(today),
                "comments": [
                    {"no": n, "target": target_label(line.comment), "text": line.comment.text,
                     "status": line.comment.status or "未处理", "reply": line.comment.reply, "changes": line.changes}
                    for n, line in enumerate(self.lines, 1)
                ],
                "other_changes": self.other_changes,
            },
        }


def _date(today: date | None) -> dict[str, Any]:
    d = today or date.today()
    return {"year": d.year, "month": d.month, "day": d.day, "iso": d.isoformat()}


def last_return(ws: Workspace) -> ReviewRecord | None:
    """The latest imported decision when it is a 退回修改 the current round answers, else None."""
    records = ws.review_records("in")
    if not records or records[-1].decision != RoundDirection.RETURNED.value:
        return None
    record = records[-1]
    return record if ws.current_round() > record.round else None


def build_change_notes(ws: Workspace, current: dict[str, Any]) -> ChangeNotes | None:
    """The 修改说明 for packing now (``current``: the workspace.json being packed), or None in round 1."""
    record = last_return(ws)
    if record is None:
        return None
    answered = ws.submission_json(record.answers)
    if answered is None:
        return None
    voided = [v for v in ws.voided_items() if v.round >= record.round]
    diff = diff_workspaces(answered, current, f"第{record.round}轮", f"第{ws.current_round()}轮", voided)
    comments = [c for c in ws.comments("in") if c.record == record.id]
    used: set[int] = set()
    lines = []
    for c in comments:
        touching = diff.about(c.unit, c.field, c.document)
        used.update(id(x) for x in touching)
        lines.append(NoteLine(c, [x.text() for x in touching]))
    other = [x.text() for x in diff.changes if id(x) not in used]
    return ChangeNotes(ws.current_round(), record, lines, other, diff, [c for c in comments if not c.status], voided)


def write_change_notes(notes: ChangeNotes, base_context: dict[str, Any], folder: Path, *, pdf: bool = True,
                       xlsx: bool = True) -> list[Path]:
    """Write ``修改说明.pdf`` and ``修改说明.xlsx`` into ``folder``; returns the files written."""
    from ..documents.xlsx_tables import Column, TableSheet, save_workbook
    from .rendering import CHANGE_NOTES_TEMPLATE, render_template_pdf

    written = []
    if pdf:
        path = folder / f"{NOTES_STEM}.pdf"
        render_template_pdf(CHANGE_NOTES_TEMPLATE, notes.context(base_context), path, title="修改说明")
        written.append(path)
    if xlsx:
        rows: list[tuple[int, NoteLine | None, str]] = [(n, line, "") for n, line in enumerate(notes.lines, 1)]
        rows += [(len(notes.lines) + n, None, text) for n, text in enumerate(notes.other_changes, 1)]
        columns = [
            Column("序号", lambda r: r[0], "int"),
            Column("针对", lambda r: target_label(r[1].comment) if r[1] else "其他修改"),
            Column("审核意见", lambda r: r[1].comment.text if r[1] else "", max_width=40),
            Column("处理情况", lambda r: (r[1].comment.status or "未处理") if r[1] else ""),
            Column("答复", lambda r: r[1].comment.reply if r[1] else "", max_width=40),
            Column("所作修改", lambda r: "；".join(r[1].changes) if r[1] else r[2], max_width=50),
        ]
        path = folder / f"{NOTES_STEM}.xlsx"
        save_workbook(TableSheet(f"第{notes.round}轮修改说明", columns, rows), path)
        written.append(path)
    return written
