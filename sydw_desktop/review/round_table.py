"""``sydw rounds``: one line per round — submitted when, the decision, comments, replies, locked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..vocab import RoundDirection

if TYPE_CHECKING:
    from ..workspace import Workspace


@dataclass(frozen=True)
class RoundRow:
    number: int
    submitted: str
    """When the last packet of the round was packed ("" while not submitted)."""
    packets: int
    decision: str
    """退回修改 / 同意 / "" (no answer yet)."""
    comments: int
    replies: int
    locked: bool
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"round": self.number, "submitted": self.submitted, "packets": self.packets,
                "decision": self.decision, "comments": self.comments, "replies": self.replies,
                "locked": self.locked, "note": self.note}


def round_rows(ws: Workspace) -> list[RoundRow]:
    rounds = ws.rounds()
    numbers = sorted({r.number for r in rounds} | {ws.current_round()} | {s.round for s in ws.submissions()})
    subs = ws.submissions()
    comments = ws.comments("in")
    rows = []
    for n in numbers:
        mine = [s for s in subs if s.round == n]
        answers = [r for r in rounds if r.number == n and r.direction in (RoundDirection.RETURNED, RoundDirection.APPROVED)]
        round_rows_ = [r for r in rounds if r.number == n]
        submitted = mine[-1].submitted_at if mine else next(
            (r.date for r in round_rows_ if r.direction is RoundDirection.UP), "")
        of_round = [c for c in comments if c.round_number == n]
        reopened = next((r.note for r in round_rows_ if r.direction is RoundDirection.REOPENED), "")
        rows.append(RoundRow(
            number=n, submitted=submitted, packets=len(mine),
            decision=answers[-1].direction.value if answers else "",
            comments=len(of_round), replies=sum(1 for c in of_round if c.status),
            locked=bool(round_rows_) and round_rows_[-1].locked and rounds[-1] is round_rows_[-1],
            note=f"开始新一轮：{reopened}" if reopened else "",
        ))
    return rows
