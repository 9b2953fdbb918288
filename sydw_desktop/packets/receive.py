"""``sydw receive``: the upper level verifies a subordinate's packet, then keeps its data.

How an upper-level workspace holds its subordinates' data: one row of the ``subordinate`` table
per (行政区划代码, 轮次) with the packet's ``workspace.json`` and ``check-report.json`` kept whole,
the signer, the packet's SHA-256 and summary figures (units, 编制, 内设机构, 领导职数 before/after,
精简比例, finding counts). A later packet for the same office and round replaces the earlier one;
the same packet received twice changes nothing. :func:`filing_snapshot` reads a received workspace
back into a :class:`~sydw_desktop.model.Snapshot` for review and aggregation.

A packet is taken only when it verifies completely, its signer is trusted (the workspace's trust
list plus any ``--trust`` certificates), the certificate's region code (when it names one) is the
packet's, and the packet's jurisdiction lies under the workspace's: a lower level inside its area
(the same first four code digits under a 盟市, the same first two under the 自治区).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from ..figures import headline_figures
from ..method.acceptance_records import AcceptanceRecords
from ..method.upper import FROM_FILING, SubordinateProgress, UpperRecords
from ..model import Jurisdiction, ReceivedPacket, Snapshot, SubordinateFiling
from ..progress import CancelCheck, Progress
from ..store import backups
from ..store.undo import OpChanges
from ..vocab import Level
from ..workspace import Workspace
from . import bag as B
from .errors import PacketError, PacketInvalid, ReceiveRefused, TrustError
from .kinds import FILING_KINDS, LABELS, ROLLUP
from .results import VerifyResult
from .rollup_receive import rollup_packets
from .trust import trusted_certificates
from .verify import verify_packet
from .workspace_json import workspace_from_json

#: How many leading code digits a jurisdiction shares with everything under it (GB/T 2260).
_AREA_DIGITS = {Level.REGION: 2, Level.LEAGUE: 4}
_RANK = {Level.REGION: 3, Level.LEAGUE: 2, Level.BANNER: 1}


@dataclass(frozen=True)
class ReceiveResult:
    """What :func:`receive_packet` did."""

    filing: SubordinateFiling
    verification: VerifyResult
    replaced: bool
    """True when an earlier, different packet of the same office and round was replaced."""
    unchanged: bool
    """True when exactly this packet had been received before (nothing was written)."""
    changes: OpChanges | None = None
    """What storing the filing changed (one undoable operation), or None when nothing was written."""
    rectified: int = 0
    """Items of a 检查验收 sent down from here whose 整改结果 the filing brought (new or changed)."""


def subordinate_problem(upper: Jurisdiction, region_code: str, level_label: str) -> str | None:
    """Why a packet from ``region_code`` at ``level_label`` is not under ``upper``, or None.

    Under means: a lower level, and inside the upper's area — the same first four code digits
    under a 盟市, the same first two under the 自治区.
    """
    digits = _AREA_DIGITS.get(upper.level)
    if digits is None:
        return f"{upper.name}是{upper.level.value}级，没有下级编办报送材料。"
    try:
        level = Level.parse(level_label)
    except ValueError:
        return f"报送包的层级“{level_label}”无法识别。"
    if _RANK[level] >= _RANK[upper.level]:
        return f"报送包来自{level.value}级，不是{upper.name}（{upper.level.value}）的下级。"
    if region_code[:digits] != upper.code[:digits]:
        return f"行政区划代码 {region_code} 不在{upper.name}（{upper.code}）的辖区内。"
    return None


def summary_of(snapshot: Snapshot, check_report: dict[str, Any]) -> dict[str, Any]:
    """Headline figures and finding counts of a received workspace."""
    return {
        "figures": [
            {"label": f.label, "before": f.before, "after": f.after, "reduced": f.reduced, "ratio": f.ratio}
            for f in headline_figures(snapshot)
        ],
        "findings": dict(check_report.get("summary", {})),
    }


def receive_packet(
    packet: Path,
    upper: Path,
    *,
    extra_trust: Sequence[x509.Certificate] = (),
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ReceiveResult:
    """Verify ``packet`` and store its data in the upper-level workspace file ``upper``."""
    with Workspace.open(Path(upper)) as ws:
        return receive_into(ws, packet, extra_trust=extra_trust, progress=progress, cancel=cancel)


def receive_into(
    ws: Workspace,
    packet: Path,
    *,
    extra_trust: Sequence[x509.Certificate] = (),
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ReceiveResult:
    """Verify ``packet`` and store its data in the open upper-level workspace ``ws``.

    Raises :class:`PacketInvalid` (exit 1) when the packet does not verify or is not trusted,
    :class:`ReceiveRefused` (exit 1) when it belongs to another jurisdiction, and
    :class:`TrustError` when there is nothing to trust. Nothing is written in those cases.
    """
    packet = Path(packet)
    trust = [*trusted_certificates(ws), *extra_trust]
    if not trust:
        raise TrustError(
            "没有可信的证书：请先用“sydw trust 工作区 add 证书.pem”把下级编办的证书加入信任列表，或用 --trust 指定。"
        )
    digest = _sha256(packet)
    result = verify_packet(packet, trusted=trust, progress=progress, cancel=cancel)
    if not result.ok:
        raise PacketInvalid(
            f"报送包“{packet.name}”未通过校验，未导入任何数据。发现 {len(result.problems)} 处问题：",
            [str(p) for p in result.problems],
            verification=result,
        )
    if result.kind == B.KIND_REVIEW:
        raise ReceiveRefused(f"“{packet.name}”是{result.kind_label}，不是下级的报送包；"
                             "审核意见包请在下级的工作区用“导入审核意见”（sydw review-import）。")
    if result.kind not in FILING_KINDS:
        raise ReceiveRefused(f"“{packet.name}”是{LABELS.get(result.kind, result.kind)}，不是报送包，未导入。")
    filing = _filing(ws.jurisdiction(), result, digest)
    inner: list[tuple[SubordinateFiling, VerifyResult, bytes]] = []
    if result.kind == ROLLUP:  # a league's roll-up: its banners' packets come with it
        assert result.workspace is not None
        league = workspace_from_json(result.workspace).snapshot.jurisdiction
        for sub, sub_bytes in rollup_packets(packet, result):
            inner.append((_filing(league, sub, hashlib.sha256(sub_bytes).hexdigest()), sub, sub_bytes))
    data = packet.read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise PacketInvalid(f"报送包“{packet.name}”在校验期间被修改，未导入任何数据。", [])
    key = (filing.region_code, filing.round)
    held = {(f.region_code, f.round): f for f in ws.subordinate_filings()}
    earlier = held.get(key)
    same_office = [f for f in held.values() if f.region_code == filing.region_code]
    if earlier is not None and earlier.packet_sha256 == digest and all(f.round <= filing.round for f in same_office):
        return ReceiveResult(earlier, result, replaced=False, unchanged=True)
    older = replay_problem(filing, same_office)
    if older is not None:
        raise ReceiveRefused(older)
    ws.backup(backups.BEFORE_RECEIVE)
    rectified = 0
    with ws.batch(f"接收{filing.name}第{filing.round}轮报送材料"):
        _store(ws, filing, result, data)
        if result.acceptance_replies is not None:  # the 整改结果 of a 检查验收 sent down from here
            rectified = AcceptanceRecords(ws).apply_replies(filing.region_code, result.acceptance_replies)
        for sub_filing, sub, sub_bytes in inner:
            old = held.get((sub_filing.region_code, sub_filing.round))
            if old is None or old.packet_sha256 != sub_filing.packet_sha256:
                _store(ws, sub_filing, sub, sub_bytes)
    stored = {(f.region_code, f.round): f for f in ws.subordinate_filings()}[key]
    return ReceiveResult(stored, result, replaced=earlier is not None, unchanged=False, changes=ws.last_changes,
                         rectified=rectified)


def _filing(upper: Jurisdiction, result: VerifyResult, digest: str) -> SubordinateFiling:
    """The record of a verified filing from an office under ``upper``; refused when it is not."""
    assert result.workspace is not None and result.check_report is not None and result.signer is not None
    info = result.bag_info
    code = info["X-Sydw-Region-Code"]
    document = workspace_from_json(result.workspace)
    sub = document.snapshot.jurisdiction
    if result.signer.region_code and result.signer.region_code != code:
        raise ReceiveRefused(
            f"签名证书属于行政区划代码 {result.signer.region_code}，而报送包是 {code}（{sub.name}）的材料，未导入。"
        )
    problem = subordinate_problem(upper, code, sub.level.value)
    if problem is not None:
        raise ReceiveRefused(problem + "未导入。")
    return SubordinateFiling(
        region_code=code,
        round=int(info["X-Sydw-Round"]),
        name=sub.name,
        level=sub.level.value,
        packet_id=info["External-Identifier"],
        bag=result.bag or "",
        packet_sha256=digest,
        signer_fingerprint=result.signer.fingerprint,
        signer_office=result.signer.office,
        bagging_date=info["Bagging-Date"],
        signed_at=result.signed_at or "",
        note=info.get("Internal-Sender-Description", ""),
        rules_version=info["X-Sydw-Rules-Version"],
        summary=summary_of(document.snapshot, result.check_report),
    )


def _store(ws: Workspace, filing: SubordinateFiling, result: VerifyResult, packet: bytes) -> None:
    """Keep a verified filing: its data, the packet itself (a roll-up carries it on unchanged) and the
    record of the packet taken in (replay refusal)."""
    received = ReceivedPacket(filing.packet_id, B.KIND_FILING, filing.region_code, filing.round,
                              filing.signed_at, filing.packet_sha256)
    ws.store_subordinate_filing(
        filing,
        json.dumps(result.workspace, ensure_ascii=False),
        json.dumps(result.check_report, ensure_ascii=False),
        received,
        replies=None if result.replies is None else json.dumps(result.replies, ensure_ascii=False),
        packet_data=packet,
    )
    if result.method is not None:  # the office's method state (issue 17), kept when newer than what is held
        records = UpperRecords(ws)
        progress = SubordinateProgress(
            filing.region_code, filing.name, FROM_FILING, filing.packet_id, filing.bag, result.method["as_of"],
            filing.signed_at, filing.signer_office, filing.packet_sha256, result.method)
        held = records.progress().get(filing.region_code)
        if held is None or progress.newer_than(held):
            records.store_progress(progress, None)


def replay_problem(filing: SubordinateFiling, held: Sequence[SubordinateFiling]) -> str | None:
    """Why ``filing`` is older than what is held from the same office (chain.md: ordering), or None.

    Newer means a higher round, or the same round signed later. A newer packet of the same round
    replaces the older one (the caller says so).
    """
    if not held:
        return None
    latest = max(held, key=lambda f: (f.round, f.signed_at))
    if filing.round < latest.round:
        return (f"这是{filing.name}第{filing.round}轮的报送包，而本工作区已有其第{latest.round}轮的材料"
                f"（{latest.bagging_date}）。较旧的报送包不会替换较新的，未导入。")
    same = next((f for f in held if f.round == filing.round), None)
    if same is not None and filing.signed_at and same.signed_at and filing.signed_at <= same.signed_at:
        return (f"这份{filing.name}第{filing.round}轮报送包的签名时间（{filing.signed_at[:19]}）早于已接收的同轮报送包"
                f"（{same.signed_at[:19]}），是旧的副本，未导入。")
    return None


def filing_snapshot(ws: Workspace, region_code: str, round_number: int) -> Snapshot:
    """The received workspace of a subordinate office and round, as a snapshot."""
    data = ws.subordinate_data(region_code, round_number)
    if data is None:
        raise PacketError(f"没有收到行政区划代码 {region_code} 第{round_number}轮的报送材料。")
    return workspace_from_json(json.loads(data[0])).snapshot


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
