"""A received round's review status — the one place that says it.

Review decisions (退回修改 / 同意) are recorded by the review rounds (issue 12), which this module
does not know; until they are wired in here, every received round is 待审核.
"""

from __future__ import annotations

from ..workspace import Workspace

PENDING = "待审核"
RETURNED = "退回修改"
APPROVED = "已同意"
STATUSES = (PENDING, RETURNED, APPROVED)


def round_status(ws: Workspace, code: str, round_number: int) -> str:
    """The status of ``code``'s round ``round_number`` as received in ``ws``.

    Returns :data:`PENDING` unless a review decision on that round is recorded.
    """
    del ws, code, round_number  # no review decisions are recorded in this schema yet
    return PENDING
