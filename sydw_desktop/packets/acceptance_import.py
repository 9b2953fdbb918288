"""``sydw acceptance-import``: the county takes in the 检查验收意见包 of the office above.

Refused with nothing changed (exit 1) like a 审核意见包 (:mod:`.return_import`): a packet that does
not verify, an untrusted signer, another kind, addressed to another jurisdiction, not from this
office's superior, or a replay (imported before, or older than the newest taken in from that
office). Otherwise the acceptance and its items are kept; each 存在问题 item is a finding to
answer 已整改 / 已说明 (the answers go up with the next filing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ..method.acceptance import Acceptance, AcceptanceItem
from ..method.acceptance_records import AcceptanceRecords
from ..model import ReceivedPacket
from ..progress import Progress
from ..store.undo import OpChanges
from ..workspace import Workspace
from .errors import PacketInvalid, ReceiveRefused
from .kinds import ACCEPTANCE
from .results import VerifyResult
from .return_import import check_from_superior, refuse_replay, sha256_of, verified_from_above

WHAT = "检查验收意见包"


@dataclass(frozen=True)
class AcceptanceImportResult:
    acceptance: Acceptance
    verification: VerifyResult
    changes: OpChanges

    def summary_lines(self) -> list[str]:
        """What the clerk is told, in Chinese."""
        a = self.acceptance
        lines = [f"已导入{a.office or a.name}的检查验收意见（第{a.number}次，{a.held_on}）：{a.result}。"]
        if a.doc_no:
            lines.append(f"  文号：{a.doc_no}")
        if a.opinion:
            lines.append(f"  总体意见：{a.opinion}")
        problems = a.problems
        lines.append(f"  检查项目 {len(a.items)} 项，存在问题 {len(problems)} 项。")
        for i in problems:
            deadline = f"（整改期限 {i.deadline}）" if i.deadline else ""
            lines.append(f"  [{i.id}] {i.label}：{i.problem} 整改要求：{i.demand}{deadline}")
        if problems:
            lines.append("  请逐项整改，在问题面板中选“已整改”或“已说明”写明整改结果（或 sydw acceptance 工作区 answer 编号），"
                         "整改结果随下一次报送包报送。")
        return lines


def acceptance_import(workspace: Path, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                      progress: Progress | None = None) -> AcceptanceImportResult:
    with Workspace.open(Path(workspace)) as ws:
        return acceptance_import_into(ws, packet, extra_trust=extra_trust, progress=progress)


def acceptance_import_into(ws: Workspace, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                           progress: Progress | None = None) -> AcceptanceImportResult:
    packet = Path(packet)
    result, digest = verified_from_above(ws, packet, ACCEPTANCE, extra_trust=extra_trust, progress=progress)
    data = result.kind_data
    assert isinstance(data, dict)  # a valid packet of this kind carries a well-formed acceptance.json
    check_from_superior(ws, result, data, WHAT)
    issuer = data["from"]
    signed_at = result.signed_at or data["issued_at"]
    packet_id = result.bag_info["External-Identifier"]
    refuse_replay(ws.received_packets(ACCEPTANCE, issuer["code"]), packet_id, digest, data["number"], signed_at,
                  f"{WHAT}（第{data['number']}次，{data['result']}）", unit="次检查验收意见")
    acceptance = Acceptance(
        direction="in", region_code=issuer["code"], name=issuer["name"], held_on=data["date"], result=data["result"],
        team=data["team"], office=issuer["office"], doc_no=data["doc_no"], opinion=data["opinion"],
        number=data["number"], uid=data["uid"], packet_id=packet_id, issued_at=data["issued_at"],
        items=tuple(
            AcceptanceItem(item=i["item"], conclusion=i["conclusion"], problem=i.get("problem", ""),
                           demand=i.get("demand", ""), deadline=i.get("deadline", ""),
                           document=i.get("document") or "plan", unit=i.get("unit"), field=i.get("field"),
                           uid=i["uid"])
            for i in data["items"]
        ),
    )
    records = AcceptanceRecords(ws)
    if any(a.uid == data["uid"] for a in records.acceptances("in")):
        raise ReceiveRefused(f"这次检查验收（第{data['number']}次，{data['result']}）此前已经导入过，不再重复导入。")
    received = ReceivedPacket(packet_id, ACCEPTANCE, issuer["code"], data["number"], signed_at, digest)
    if sha256_of(packet) != digest:
        raise PacketInvalid(f"{WHAT}“{packet.name}”在校验期间被修改，未导入任何内容。", [])
    changes = records.import_received(acceptance, received)
    stored = records.acceptances("in", issuer["code"])
    return AcceptanceImportResult(next(a for a in stored if a.packet_id == packet_id), result, changes)
