"""The review side of the workspace façade: comments, submissions, decisions, 作废 and rounds.

:class:`ReviewMixin` is a base of :class:`~sydw_desktop.workspace.Workspace`; it adds the methods
of schema version 4 (chain.md) and keeps them out of the main façade. Each mutation is one named
operation (one transaction, one undo step, its 台账 lines); SQL stays in ``store/``.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import uuid
from typing import TYPE_CHECKING, Any

from ..errors import ModelError, ReviewStateError, RoundLocked
from ..model import Comment, ReceivedPacket, ReviewRecord, Round, Submission, VoidedItem
from ..store import queries as Q
from ..store import review_queries as RQ
from ..store import review_rows as RR
from ..store.changelog import now
from ..store.rows import round_to_row
from ..store.transaction import Transaction
from ..store.undo import OpChanges
from ..vocab import RoundDirection
from .rounds import default_round, lock_message

if TYPE_CHECKING:
    from ..store.operations import Operations

#: Status of a received comment once the clerk has dealt with it.
FIXED, EXPLAINED = "已修改", "已说明"
STATUSES = (FIXED, EXPLAINED)


class ReviewMixin:
    """Review methods of the workspace (see the module docstring)."""

    _conn: sqlite3.Connection
    _ops: Operations
    user: str

    # -- reading ----------------------------------------------------------------------------------

    def comments(self, direction: str, region_code: str | None = None, round_number: int | None = None) -> list[Comment]:
        """Comments received (``in``) or written here (``out``), optionally of one office and round."""
        with self._ops.mutex:
            return RQ.comments(self._conn, direction, region_code, round_number)

    def comment(self, comment_id: int) -> Comment:
        with self._ops.mutex:
            found = RQ.comment(self._conn, comment_id)
        if found is None:
            raise ModelError(f"审核意见（编号 {comment_id}）不存在。")
        return found

    def submissions(self) -> list[Submission]:
        """Filing packets packed here, oldest first."""
        with self._ops.mutex:
            return RQ.submissions(self._conn)

    def submission_json(self, packet_id: str) -> dict[str, Any] | None:
        """The ``workspace.json`` a recorded submission carried, or None."""
        with self._ops.mutex:
            text = RQ.submission_json(self._conn, packet_id)
        return None if text is None else dict(json.loads(text))

    def review_records(self, direction: str) -> list[ReviewRecord]:
        """Decisions sent down (``out``) or received (``in``), oldest first."""
        with self._ops.mutex:
            return RQ.review_records(self._conn, direction)

    def voided_items(self) -> list[VoidedItem]:
        with self._ops.mutex:
            return RQ.voided(self._conn)

    def received_packets(self, kind: str, issuer: str) -> list[ReceivedPacket]:
        with self._ops.mutex:
            return RQ.received_packets(self._conn, kind, issuer)

    def subordinate_replies(self, region_code: str, round_number: int) -> dict[str, Any] | None:
        """The 修改说明 data (``replies.json``) a received filing carried, or None."""
        with self._ops.mutex:
            text = RQ.subordinate_replies(self._conn, region_code, round_number)
        return dict(json.loads(text)) if text else None

    def current_round(self) -> int:
        """The round the next upward packet belongs to."""
        with self._ops.mutex:
            return default_round(Q.rounds(self._conn))

    def check_unlocked(self) -> None:
        """Raise :class:`RoundLocked` when the latest round was approved and is locked."""
        rounds = Q.rounds(self._conn)
        if rounds and rounds[-1].locked:
            raise RoundLocked(lock_message(rounds))

    # -- the county side --------------------------------------------------------------------------

    def record_submission(self, submission: Submission, workspace_json: dict[str, Any]) -> OpChanges:
        """Record a packed filing: the submission (with the workspace as packed) and its 上报 round."""
        submission = dataclasses.replace(submission, submitted_at=submission.submitted_at or now(),
                                         submitted_by=submission.submitted_by or self.user)
        text = json.dumps(workspace_json, ensure_ascii=False)
        with self._ops.run(f"第{submission.round}轮上报") as tx:
            tx.insert("submission", RR.submission_to_row(submission, text))
            rounds = Q.rounds(self._conn)
            locked = bool(rounds) and rounds[-1].locked  # re-sending the approved version keeps it locked
            rnd = Round(submission.round, RoundDirection.UP, submission.submitted_at[:10], note=submission.bag,
                        locked=locked)
            tx.insert("round", round_to_row(rnd))
            tx.note("轮次", f"第{submission.round}轮", "上报", "", submission.bag)
        return tx.changes  # type: ignore[return-value]

    def answer_comment(self, comment_id: int, status: str, reply: str) -> OpChanges:
        """Mark a received comment 已修改 / 已说明 with the clerk's reply (goes up with the next round)."""
        if status not in STATUSES:
            raise ModelError(f"处理情况应为“{FIXED}”或“{EXPLAINED}”，而不是“{status}”。")
        reply = reply.strip()
        if not reply:
            raise ModelError("请填写答复（修改了什么，或为什么不改）。")
        old = self.comment(comment_id)
        if old.direction != "in":
            raise ModelError("只能答复上级的审核意见。")
        with self._ops.run("答复审核意见") as tx:
            tx.update("review_comment", (comment_id,), {"status": status, "reply": reply})
            tx.note("审核意见", old.unit or "方案", status, old.reply, reply)
        return tx.changes  # type: ignore[return-value]

    def import_review(self, record: ReviewRecord, comments: list[Comment], packet: ReceivedPacket) -> OpChanges:
        """Record a verified return packet: the decision, its comments, the round step, the packet."""
        record = dataclasses.replace(record, direction="in", recorded_at=record.recorded_at or now(),
                                     recorded_by=record.recorded_by or self.user)
        approved = record.decision == RoundDirection.APPROVED.value
        with self._ops.run(f"导入第{record.round}轮审核意见（{record.decision}）") as tx:
            (record_id,) = tx.insert("review_record", RR.review_record_to_row(record))
            for c in comments:
                c = dataclasses.replace(c, direction="in", region_code=record.region_code, record=record_id,
                                        round_number=record.round, created_at=c.created_at or record.issued_at)
                tx.insert("review_comment", RR.comment_to_row(c))
            rnd = Round(record.round, RoundDirection(record.decision), record.issued_at[:10],
                        note=record.opinion, locked=approved)
            tx.insert("round", round_to_row(rnd))
            tx.insert("received_packet", RR.received_packet_to_row(dataclasses.replace(
                packet, received_at=packet.received_at or now())))
            tx.note("轮次", f"第{record.round}轮", record.decision, "", record.opinion)
        return tx.changes  # type: ignore[return-value]

    def new_round(self, reason: str) -> OpChanges:
        """Open a new round after approval (the only way to change approved content), with a reason."""
        reason = reason.strip()
        if not reason:
            raise ModelError("开始新一轮需要写明理由。")
        with self._ops.mutex:
            rounds = Q.rounds(self._conn)
        if not rounds or not rounds[-1].locked:
            raise ReviewStateError("当前没有已批准锁定的轮次，不需要开始新一轮。")
        number = rounds[-1].number + 1
        with self._ops.run(f"开始第{number}轮") as tx:
            tx.insert("round", round_to_row(Round(number, RoundDirection.REOPENED, now()[:10], note=reason)))
            tx.note("轮次", f"第{number}轮", "开始新一轮", "", reason)
        return tx.changes  # type: ignore[return-value]

    def void(self, tx: Transaction, entity: str, name: str, reason: str, kind: str = "", body: Any = None) -> None:
        """Inside a deleting operation: keep a 作废 record when a round has been submitted."""
        subs = RQ.submissions(self._conn)
        if not subs:
            return
        item = VoidedItem(round=max(s.round for s in subs), entity=entity, name=name, kind=kind,
                          reason=reason.strip() or "（未填写理由）",
                          body=json.dumps(body if body is not None else {}, ensure_ascii=False, default=str),
                          voided_at=now(), voided_by=self.user)
        tx.insert("voided", RR.voided_to_row(item))
        tx.note("作废", name, entity, "", item.reason)

    # -- the upper side ---------------------------------------------------------------------------

    def add_comment(self, comment: Comment) -> OpChanges:
        """Write a comment on a subordinate's received filing (a draft until the return packet is made)."""
        text = comment.text.strip()
        if not text:
            raise ModelError("审核意见的内容不能为空。")
        with self._ops.mutex:
            if Q.subordinate_filing(self._conn, comment.region_code, comment.round_number) is None:
                raise ModelError(f"没有收到 {comment.region_code} 第{comment.round_number}轮的报送材料，不能对其提意见。")
            if any(r.region_code == comment.region_code and r.round == comment.round_number
                   for r in RQ.review_records(self._conn, "out")):
                raise ReviewStateError(f"{comment.region_code} 第{comment.round_number}轮的审核意见已经发出，不能再添加。")
        comment = dataclasses.replace(comment, text=text, direction="out", uid=comment.uid or str(uuid.uuid4()),
                                      author=comment.author or self.user, created_at=comment.created_at or now(),
                                      record=None, status="", reply="")
        with self._ops.run("新增审核意见") as tx:
            tx.insert("review_comment", RR.comment_to_row(comment))
            tx.note("审核意见", comment.unit or "方案", comment.field or "", "", text)
        return tx.changes  # type: ignore[return-value]

    def _draft(self, comment_id: int) -> Comment:
        c = self.comment(comment_id)
        if c.direction != "out":
            raise ModelError("上级的审核意见不能在这里修改；请填写答复。")
        if c.record is not None:
            raise ReviewStateError("这条审核意见已随审核意见包发出，不能再修改或撤回。")
        return c

    def edit_comment(self, comment_id: int, text: str) -> OpChanges:
        old = self._draft(comment_id)
        text = text.strip()
        if not text:
            raise ModelError("审核意见的内容不能为空（要撤回请用“撤回”）。")
        with self._ops.run("修改审核意见") as tx:
            tx.update("review_comment", (comment_id,), {"text": text})
            tx.note("审核意见", old.unit or "方案", old.field or "", old.text, text)
        return tx.changes  # type: ignore[return-value]

    def withdraw_comment(self, comment_id: int) -> OpChanges:
        old = self._draft(comment_id)
        with self._ops.run("撤回审核意见") as tx:
            tx.delete("review_comment", (comment_id,))
            tx.note("审核意见", old.unit or "方案", "撤回", old.text, "")
        return tx.changes  # type: ignore[return-value]

    def record_review_sent(self, record: ReviewRecord, comment_ids: list[int]) -> OpChanges:
        """Record a return packet made here and mark the comments it carried as sent."""
        record = dataclasses.replace(record, direction="out", recorded_at=record.recorded_at or now(),
                                     recorded_by=record.recorded_by or self.user)
        with self._ops.run(f"发出第{record.round}轮审核意见（{record.decision}）") as tx:
            (record_id,) = tx.insert("review_record", RR.review_record_to_row(record))
            for cid in comment_ids:
                tx.update("review_comment", (cid,), {"record": record_id})
            tx.note("审核意见", record.region_code, f"第{record.round}轮", "", f"{record.decision}：{record.opinion}")
        self._ops.forget_history()  # the signed packet is out: undo must not unmark it
        return tx.changes  # type: ignore[return-value]

    def record_received_packet(self, tx: Transaction, packet: ReceivedPacket) -> None:
        """Inside the operation that stores a received filing: log the packet taken in."""
        row = RR.received_packet_to_row(dataclasses.replace(packet, received_at=packet.received_at or now()))
        tx.upsert("received_packet", (packet.packet_id,), {k: v for k, v in row.items() if k != "packet_id"})
