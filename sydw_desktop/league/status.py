"""A received round's review status — the one place that says it.

A round is 待审核 until this office sends its decision down (a signed return packet, recorded by
the review rounds as a ``review_record`` with direction ``out``): then 退回修改 or 已同意.
"""

from __future__ import annotations

from ..vocab import RoundDirection
from ..workspace import Workspace

PENDING = "待审核"
RETURNED = "退回修改"
APPROVED = "已同意"
STATUSES = (PENDING, RETURNED, APPROVED)


def round_status(ws: Workspace, code: str, round_number: int) -> str:
    """The status of ``code``'s round ``round_number`` as received in ``ws``.

    Returns :data:`PENDING` unless a review decision on that round was sent (the latest one counts).
    """
    sent = [r for r in ws.review_records("out") if r.region_code == code and r.round == round_number]
    if not sent:
        return PENDING
    return APPROVED if sent[-1].decision == RoundDirection.APPROVED.value else RETURNED
