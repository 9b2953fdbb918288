"""Comments received from the level above, shown as 上级意见 findings: in the problems panel and beside
their field (the cell or tree node is tinted, its tooltip says it), answered 已修改 / 已说明 with a reply
from the panel. They are not rule findings: the check report stays the rules' own (packing and the
steps read it); an unanswered comment shows as a warning to the clerk, an answered one as a note.

The 存在问题 items of a 检查验收 received from above (issue 17 item 5) are shown the same way, as
``acceptance.item`` findings answered 已整改 / 已说明 with the 整改结果. :data:`ANSWERABLE` says, per
rule, how the panel answers one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sydw_desktop.method.acceptance import ANSWERS, Acceptance, AcceptanceItem
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.model import Comment
from sydw_desktop.review.workspace_review import STATUSES
from sydw_desktop.rules.findings import Finding, Severity
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import DocumentKind
from sydw_desktop.workspace import Workspace

RULE = "review.comment"
TITLE = "上级意见"
FIX = "改正后在右侧选“已修改”，或选“已说明”写明理由；答复随下一轮报送包的修改说明报送。"

ACCEPTANCE_RULE = "acceptance.item"
ACCEPTANCE_TITLE = "上级检查验收"
ACCEPTANCE_FIX = "按整改要求整改后在右侧选“已整改”写明整改情况，或选“已说明”写明理由；整改结果随下一次报送包报送。"
_ACCEPTANCE_PREFIX = "acceptance-"


def comment_finding(c: Comment) -> Finding:
    answered = bool(c.status)
    return Finding(
        rule=RULE, severity=Severity.INFO if answered else Severity.WARNING,
        message=f"上级意见（第{c.round_number}轮）：{c.text}",
        document=DocumentKind.from_key(c.document or "plan"), unit=c.unit or None, field=c.field or None,
        explanation=f"{c.status}：{c.reply}" if answered else None, fingerprint=str(c.id),
    )


def acceptance_finding(a: Acceptance, i: AcceptanceItem, today: str | None = None) -> Finding:
    overdue = i.open and bool(i.deadline) and i.deadline < (today or date.today().isoformat())
    deadline = f"（整改期限 {i.deadline}{'，已逾期' if overdue else ''}）" if i.deadline else ""
    return Finding(
        rule=ACCEPTANCE_RULE, severity=Severity.WARNING if i.open else Severity.INFO,
        message=f"上级{a.title}·{i.label}：{i.problem} 整改要求：{i.demand}{deadline}",
        document=DocumentKind.from_key(i.document or "plan"), unit=i.unit or None, field=i.field or None,
        explanation=f"{i.status}：{i.reply}" if i.status else None, fingerprint=f"{_ACCEPTANCE_PREFIX}{i.id}",
    )


def received_comment_findings(ws: Workspace) -> list[Finding]:
    """The comments of the latest round answered from above (earlier rounds' are settled), and the
    存在问题 items of every 检查验收 received, as findings."""
    found = [acceptance_finding(a, i) for a in AcceptanceRecords(ws).acceptances("in") for i in a.problems]
    received = ws.comments("in")
    if not received:
        return found
    latest = max(c.round_number for c in received)
    return [comment_finding(c) for c in received if c.round_number == latest] + found


@dataclass(frozen=True)
class Answerable:
    """A kind of finding the clerk answers from the panel with a status and a text."""

    title: str
    fix: str
    statuses: tuple[str, ...]
    prompt: str
    answer: Callable[[Workspace, str, str, str], OpChanges]
    """``answer(ws, fingerprint, status, text)``."""


ANSWERABLE: dict[str, Answerable] = {
    RULE: Answerable(TITLE, FIX, STATUSES, "答复上级意见（选“已修改”或“已说明”，写明答复）：",
                     lambda ws, fp, status, text: ws.answer_comment(int(fp), status, text)),
    ACCEPTANCE_RULE: Answerable(
        ACCEPTANCE_TITLE, ACCEPTANCE_FIX, ANSWERS, "整改结果（选“已整改”或“已说明”，写明整改情况）：",
        lambda ws, fp, status, text: AcceptanceRecords(ws).answer(int(fp.removeprefix(_ACCEPTANCE_PREFIX)), status, text)),
}
