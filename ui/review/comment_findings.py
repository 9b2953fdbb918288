"""Comments received from the level above, shown as 上级意见 findings: in the problems panel and beside
their field (the cell or tree node is tinted, its tooltip says it), answered 已修改 / 已说明 with a reply
from the panel. They are not rule findings: the check report stays the rules' own (packing and the
steps read it); an unanswered comment shows as a warning to the clerk, an answered one as a note."""

from __future__ import annotations

from sydw_desktop.model import Comment
from sydw_desktop.rules.findings import Finding, Severity
from sydw_desktop.vocab import DocumentKind
from sydw_desktop.workspace import Workspace

RULE = "review.comment"
TITLE = "上级意见"
FIX = "改正后在右侧选“已修改”，或选“已说明”写明理由；答复随下一轮报送包的修改说明报送。"


def comment_finding(c: Comment) -> Finding:
    answered = bool(c.status)
    return Finding(
        rule=RULE, severity=Severity.INFO if answered else Severity.WARNING,
        message=f"上级意见（第{c.round_number}轮）：{c.text}",
        document=DocumentKind.from_key(c.document or "plan"), unit=c.unit or None, field=c.field or None,
        explanation=f"{c.status}：{c.reply}" if answered else None, fingerprint=str(c.id),
    )


def received_comment_findings(ws: Workspace) -> list[Finding]:
    """The comments of the latest round answered from above (earlier rounds' are settled), as findings."""
    received = ws.comments("in")
    if not received:
        return []
    latest = max(c.round_number for c in received)
    return [comment_finding(c) for c in received if c.round_number == latest]
