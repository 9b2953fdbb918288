"""``sydw review-import``: the county takes in the return packet of the office above.

Refused with nothing changed (exit 1) when the packet does not verify, its signer is not trusted
(the workspace's trust list plus ``--trust``), it is not a return packet, it is addressed to
another jurisdiction, it comes from an office that is not above this one, it answers a filing
this workspace never packed, or it is a replay (imported before, or older than the latest one
imported from that office). Otherwise the decision, the comments and the round step (退回修改, or
同意 which locks the round) are recorded as one operation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ..model import Comment, Jurisdiction, ReceivedPacket, ReviewRecord
from ..progress import Progress
from ..store.undo import OpChanges
from ..vocab import Level
from ..workspace import Workspace
from . import bag as B
from .errors import PacketInvalid, ReceiveRefused, TrustError
from .receive import subordinate_problem
from .results import VerifyResult
from .trust import trusted_certificates
from .verify import verify_packet


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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def review_import(workspace: Path, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                  progress: Progress | None = None) -> ReviewImportResult:
    with Workspace.open(Path(workspace)) as ws:
        return review_import_into(ws, packet, extra_trust=extra_trust, progress=progress)


def review_import_into(ws: Workspace, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                       progress: Progress | None = None) -> ReviewImportResult:
    packet = Path(packet)
    trust = [*trusted_certificates(ws), *extra_trust]
    if not trust:
        raise TrustError("没有可信的证书：请先把上级编办的证书加入信任列表（sydw trust 工作区 add 证书.pem），或用 --trust 指定。")
    digest = _sha256(packet) if packet.is_file() else ""
    result = verify_packet(packet, trusted=trust, progress=progress)
    if not result.ok:
        raise PacketInvalid(f"审核意见包“{packet.name}”未通过校验，未导入任何内容。发现 {len(result.problems)} 处问题：",
                            [str(p) for p in result.problems], verification=result)
    if result.kind != B.KIND_REVIEW or result.review is None:
        raise ReceiveRefused(f"“{packet.name}”是{result.kind_label}，不是审核意见包，未导入。")
    data = result.review
    me = ws.jurisdiction()
    issuer = data["from"]
    assert result.signer is not None
    if result.signer.region_code and result.signer.region_code != issuer["code"]:
        raise ReceiveRefused(f"签名证书属于行政区划代码 {result.signer.region_code}，而审核意见包自称来自 "
                             f"{issuer['code']}（{issuer['name']}），未导入。")
    if data["to"]["code"] != me.code:
        raise ReceiveRefused(f"这份审核意见包是发给{data['to']['name']}（{data['to']['code']}）的，"
                             f"不是本工作区（{me.name}，{me.code}），未导入。")
    upper_level = Level.LEAGUE if issuer["code"].endswith("00") and not issuer["code"].endswith("0000") else Level.REGION
    problem = subordinate_problem(Jurisdiction(issuer["name"], issuer["code"], upper_level), me.code, me.level.value)
    if problem is not None:
        raise ReceiveRefused(f"审核意见包来自{issuer['name']}（{issuer['code']}），不是本级的上级：{problem}未导入。")
    answered = data["answers"]["packet_id"]
    submitted = {s.packet_id: s for s in ws.submissions()}
    if answered not in submitted:
        raise ReceiveRefused(f"这份审核意见答复的报送包（{answered}，第{data['round']}轮）不是本工作区报送的，未导入。")
    if submitted[answered].round != data["round"]:
        raise ReceiveRefused(f"审核意见所写轮次（第{data['round']}轮）与所答复报送包的轮次"
                             f"（第{submitted[answered].round}轮）不一致，未导入。")
    signed_at = result.signed_at or data["issued_at"]
    packet_id = result.bag_info["External-Identifier"]
    held = ws.received_packets(B.KIND_REVIEW, issuer["code"])
    if any(p.packet_id == packet_id or p.sha256 == digest for p in held):
        raise ReceiveRefused(f"这份审核意见包（第{data['round']}轮，{data['decision']}）此前已经导入过，不再重复导入。")
    newer = [p for p in held if (p.round, p.signed_at) >= (data["round"], signed_at)]
    if newer:
        latest = max(newer, key=lambda p: (p.round, p.signed_at))
        raise ReceiveRefused(f"这份审核意见包（第{data['round']}轮，签发于 {signed_at[:19]}）比已导入的"
                             f"第{latest.round}轮审核意见（签发于 {latest.signed_at[:19]}）旧，未导入。")
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
    if _sha256(packet) != digest:
        raise PacketInvalid(f"审核意见包“{packet.name}”在校验期间被修改，未导入任何内容。", [])
    changes = ws.import_review(record, comments, received)
    stored = ws.review_records("in")[-1]
    mine = [c for c in ws.comments("in", issuer["code"], data["round"]) if c.record == stored.id]
    return ReviewImportResult(stored, mine, result, changes)
