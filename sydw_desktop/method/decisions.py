"""The plan's decision procedure (编办室务会议 → 协调小组会议 → 编委会议 → 党委常委会议 → 报批) and
the warning when a plan goes up for 报批 before its 编委会议 is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model import Round
from ..vocab import RoundDirection
from .model import Decision, DecisionKind

#: Id of the warning, in the style of the rule catalogue's ids (it is not one of the spec's 42 rules).
COMMITTEE_RULE = "m.committee"


def missing_kinds(decisions: Sequence[Decision]) -> list[DecisionKind]:
    """The meetings of the procedure not yet recorded, in order (报批 itself is the packet)."""
    held = {d.kind for d in decisions}
    return [k for k in DecisionKind if k is not DecisionKind.SUBMIT and k not in held]


def committee_warning(decisions: Sequence[Decision], rounds: Sequence[Round], packing_on: str) -> str | None:
    """Why packing for 报批 on ``packing_on`` comes before the 编委会议, or None when it does not.

    Warns when no 编委会议 is recorded, or when it was held after ``packing_on`` (a date typed
    wrong, or the packet made in advance); a plan already approved needs no warning.
    """
    if any(r.direction is RoundDirection.APPROVED for r in rounds):
        return None
    committees = sorted(d.held_on for d in decisions if d.kind is DecisionKind.COMMITTEE)
    if not committees:
        return "方案报批前应经编委会议研究，但决策程序中还没有登记编委会议（日期、纪要或文号）。"
    if committees[0] > packing_on:
        return f"登记的编委会议日期 {committees[0]} 晚于报批日期 {packing_on}：方案应在编委会议研究后报批。"
    return None


def workspace_committee_warning(path: Path, packing_on: str) -> str | None:
    """:func:`committee_warning` of the workspace file at ``path`` (opened read-only)."""
    from ..workspace import Workspace
    from .records import MethodRecords

    with Workspace.open(path, readonly=True) as ws:
        return committee_warning(MethodRecords(ws).decisions(), ws.rounds(), packing_on)
