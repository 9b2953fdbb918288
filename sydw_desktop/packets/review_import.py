"""``sydw review-import``: the county takes in the return packet of the office above.

Refused with nothing changed (exit 1) when the packet does not verify, its signer is not trusted
(the workspace's trust list plus ``--trust``), it is not a return packet, it is addressed to
another jurisdiction, it comes from an office that is not above this one, it answers a filing
this workspace never packed, or it is a replay (imported before, or older than the latest one
imported from that office). Otherwise the decision, the comments and the round step (退回修改, or
同意 which locks the round) are recorded as one operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ..model import Comment, ReceivedPacket, ReviewRecord
from ..progress import Progress
from ..store.undo import OpChanges
from ..workspace import Workspace
from . import bag as B
from .errors import PacketInvalid, ReceiveRefused
from .results import VerifyResult
from .return_import import check_from_superior, refuse_replay, sha256_of, verified_from_above


@dataclass(frozen=True)
class ReviewImportResult:
    record: ReviewRecord
    comments: list[Comment]
    verification: VerifyResult
    changes: OpChanges

    @property
    def approved(self) -> bool:
        return self.record.decision == "同意"

    def summary_lines(self) -> list[str]:
        """What the clerk is told, in Chinese."""
        r = self.record
        lines = [f"已导入{r.office or r.region_code}对第{r.round}轮报送材料的审核意见：{r.decision}。"]
        if r.doc_no:
            lines.append(f"  文号：{r.doc_no}")
        lines.append(f"  总体意见：{r.opinion}")
        if self.comments:
            lines.append(f"  具体意见 {len(self.comments)} 条，请逐条标记“已修改”或“已说明”并填写答复（审核 → 上级审核意见和轮次；或 sydw reply）。")
        if self.approved:
            lines.append(f"  第{r.round}轮材料已锁定：如需再修改，须先开始新一轮并写明理由（sydw new-round）。")
        else:
            lines.append(f"  请修改后报送第{r.round + 1}轮材料，修改说明会随报送包一并报送。")
        return lines


def review_import(workspace: Path, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                  progress: Progress | None = None) -> ReviewImportResult:
    with Workspace.open(Path(workspace)) as ws:
        return review_import_into(ws, packet, extra_trust=extra_trust, progress=progress)


def review_import_into(ws: Workspace, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                       progress: Progress | None = None) -> ReviewImportResult:
    packet = Path(packet)
    result, digest = verified_from_above(ws, packet, B.KIND_REVIEW, extra_trust=extra_trust, progress=progress)
    if result.review is None:
        raise ReceiveRefused(f"“{packet.name}”中没有可读的审核意见，未导入。")
    data = result.review
    issuer = data["from"]
    check_from_superior(ws, result, data, "审核意见包")
    answered = data["answers"]["packet_id"]
    submitted = {s.packet_id: s for s in ws.submissions()}
    if answered not in submitted:
        raise ReceiveRefused(f"这份审核意见答复的报送包（{answered}，第{data['round']}轮）不是本工作区报送的，未导入。")
    if submitted[answered].round != data["round"]:
        raise ReceiveRefused(f"审核意见所写轮次（第{data['round']}轮）与所答复报送包的轮次"
                             f"（第{submitted[answered].round}轮）不一致，未导入。")
    signed_at = result.signed_at or data["issued_at"]
    packet_id = result.bag_info["External-Identifier"]
    refuse_replay(ws.received_packets(B.KIND_REVIEW, issuer["code"]), packet_id, digest, data["round"], signed_at,
                  f"审核意见包（第{data['round']}轮，{data['decision']}）")
    record = ReviewRecord(
        direction="in", region_code=issuer["code"], round=data["round"], decision=data["decision"],
        opinion=data["opinion"], packet_id=packet_id, answers=answered, issued_at=data["issued_at"],
        doc_no=data["doc_no"], office=issuer["office"],
    )
    comments = [
        Comment(round_number=data["round"], text=c["text"], document=c.get("document") or "plan", unit=c.get("unit"),
                field=c.get("field"), author=c.get("author") or issuer["office"], uid=c["uid"])
        for c in data["comments"]
    ]
    received = ReceivedPacket(packet_id, B.KIND_REVIEW, issuer["code"], data["round"], signed_at, digest)
    if sha256_of(packet) != digest:
        raise PacketInvalid(f"审核意见包“{packet.name}”在校验期间被修改，未导入任何内容。", [])
    changes = ws.import_review(record, comments, received)
    stored = ws.review_records("in")[-1]
    mine = [c for c in ws.comments("in", issuer["code"], data["round"]) if c.record == stored.id]
    return ReviewImportResult(stored, mine, result, changes)
