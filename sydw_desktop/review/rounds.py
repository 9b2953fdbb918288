"""The round state machine of one workspace (chain.md): which round is current, whether it is locked.

``草稿 ─pack(N)→ 已上报 N ─退回修改→ 修改中 N+1 ─pack→ 已上报 N+1 … ─同意→ 已批准 N (locked)
─new-round→ 修改中 N+1``. The ``round`` table logs each step as a :class:`Round` row.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Round
from ..vocab import RoundDirection

#: Decisions a return packet may carry.
DECISIONS = (RoundDirection.RETURNED.value, RoundDirection.APPROVED.value)


def default_round(rounds: Sequence[Round]) -> int:
    """The round a new upward packet belongs to.

    No rounds yet → 1. After 退回修改 → the next round. After 上报 (re-sending a corrected packet
    before any answer) or 同意 (sending the approved version) → the same round. After 开始新一轮
    the round that row opened.
    """
    if not rounds:
        return 1
    last = rounds[-1]
    return last.number + 1 if last.direction is RoundDirection.RETURNED else last.number


def state_label(rounds: Sequence[Round]) -> str:
    """草稿 / 已上报第N轮 / 修改中（第N轮） / 已批准第N轮（已锁定）."""
    if not rounds:
        return "草稿（尚未上报）"
    last = rounds[-1]
    if last.direction is RoundDirection.UP:
        return f"已上报第{last.number}轮，等待上级审核"
    if last.direction is RoundDirection.APPROVED:
        return f"第{last.number}轮已获上级同意" + ("（已锁定）" if last.locked else "")
    return f"修改中（第{default_round(rounds)}轮）"


def lock_message(rounds: Sequence[Round]) -> str:
    number = rounds[-1].number if rounds else 0
    return (
        f"第{number}轮材料已经上级同意并锁定，不能再修改。如确需修改，请先开始新一轮"
        f"（界面：审核 → 上级审核意见和轮次 → 开始新一轮；命令行：sydw new-round 工作区 --reason 理由），并写明理由。"
    )
