"""``sydw diff``: the round diff of a workspace (its recorded submissions) or of a subordinate's filings.

County side: round N is the workspace as packed in the last recorded submission of round N; the
current state is the open workspace. Upper side (``sub``): round N is the filing received from that
subordinate for round N; "current" is its latest received filing.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import SydwError
from ..model import VoidedItem
from ..review.diff import RoundDiff, diff_workspaces
from ..workspace import Workspace
from .workspace_json import workspace_to_json


def _submitted(ws: Workspace, number: int) -> dict[str, Any]:
    subs = [s for s in ws.submissions() if s.round == number]
    if not subs:
        rounds = sorted({s.round for s in ws.submissions()})
        known = "、".join(f"第{r}轮" for r in rounds) or "（还没有）"
        raise SydwError(f"本工作区没有第{number}轮的报送记录。已报送：{known}。")
    data = ws.submission_json(subs[-1].packet_id)
    assert data is not None
    return data


def _received(ws: Workspace, code: str, number: int | None) -> tuple[dict[str, Any], int]:
    filings = [f for f in ws.subordinate_filings() if f.region_code == code]
    if number is not None:
        filings = [f for f in filings if f.round == number]
    if not filings:
        which = f"第{number}轮" if number is not None else "任何"
        raise SydwError(f"没有收到行政区划代码 {code} {which}的报送材料。")
    filing = max(filings, key=lambda f: f.round)
    data = ws.subordinate_data(filing.region_code, filing.round)
    assert data is not None
    return json.loads(data[0]), filing.round


def round_diff(ws: Workspace, from_round: int, to_round: int | None = None, sub: str | None = None) -> RoundDiff:
    """What changed from round ``from_round`` to ``to_round`` (default: the current state)."""
    if sub:
        old, _ = _received(ws, sub, from_round)
        new, got = _received(ws, sub, to_round)
        replies = ws.subordinate_replies(sub, got) or {}
        voided = [VoidedItem(0, v["entity"], v["name"], v["reason"], v.get("kind", ""))
                  for v in replies.get("voided", []) if isinstance(v, dict)]
        return diff_workspaces(old, new, f"第{from_round}轮", f"第{got}轮", voided)
    old = _submitted(ws, from_round)
    if to_round is None:
        new, label = workspace_to_json(ws.snapshot()), "当前"
    else:
        new, label = _submitted(ws, to_round), f"第{to_round}轮"
    voided = [v for v in ws.voided_items() if v.round >= from_round]
    return diff_workspaces(old, new, f"第{from_round}轮", label, voided)
