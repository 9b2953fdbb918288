"""``sydw progress-import``: the upper office takes in a subordinate's 进度报送包 (issue 17).

Refused with nothing changed (exit 1) when the packet does not verify or its signer is not trusted
(the workspace's trust list plus ``--trust``), it is not a 进度报送包, it is addressed to another
office, it comes from an office that is not a subordinate, or it is a replay: imported before, or
older than the progress held from that office (earlier as-of day, or the same day signed no later).
Otherwise its ``method.json`` and 通报 are kept as the subordinate's latest progress (one operation).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from ..method.upper import FROM_PROGRESS, SubordinateProgress, UpperRecords
from ..model import ReceivedPacket
from ..progress import Progress
from ..store import backups
from ..store.undo import OpChanges
from ..workspace import Workspace
from . import bag as B
from .errors import PacketInvalid, ReceiveRefused, TrustError
from .kinds import LABELS, PROGRESS
from .receive import subordinate_problem
from .results import VerifyResult
from .trust import trusted_certificates
from .verify import verify_packet


@dataclass(frozen=True)
class ProgressImportResult:
    progress: SubordinateProgress
    verification: VerifyResult
    changes: OpChanges | None

    def summary_lines(self) -> list[str]:
        p = self.progress
        steps = p.method["steps"]
        done = sum(1 for s in steps if s["state"] == "done")
        period = p.method.get("period") or {}
        lines = [f"已导入{p.name}（{p.region_code}）的进度报送包：截至 {p.as_of}，九步已完成 {done} 步。"]
        if period:
            lines.append(f"  通报期间：{period['kind']}，{period['start']} 至 {period['end']}；签名机关 {p.signer_office}。")
        return lines


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def progress_import(upper: Path, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                    progress: Progress | None = None) -> ProgressImportResult:
    with Workspace.open(Path(upper)) as ws:
        return progress_import_into(ws, packet, extra_trust=extra_trust, progress=progress)


def older_problem(new: SubordinateProgress, held: SubordinateProgress | None) -> str | None:
    """Why ``new`` does not replace the progress ``held`` from the same office, or None."""
    if held is None or new.newer_than(held):
        return None
    if new.as_of < held.as_of:
        return (f"这份{new.name}的进度报送包截至 {new.as_of}，而本工作区已有其截至 {held.as_of} 的进度"
                f"（{held.source_label}）。较旧的进度不会替换较新的，未导入。")
    return (f"这份{new.name}截至 {new.as_of} 的进度报送包签名时间（{new.signed_at[:19]}）不晚于已导入的同日进度"
            f"（{held.signed_at[:19]}），是旧的副本，未导入。")


def progress_import_into(ws: Workspace, packet: Path, *, extra_trust: Sequence[x509.Certificate] = (),
                         progress: Progress | None = None) -> ProgressImportResult:
    """:func:`progress_import` on an open upper workspace (the GUI's)."""
    packet = Path(packet)
    trust = [*trusted_certificates(ws), *extra_trust]
    if not trust:
        raise TrustError("没有可信的证书：请先用“sydw trust 工作区 add 证书.pem”把下级编办的证书加入信任列表，"
                         "或用 --trust 指定。")
    digest = _sha256(packet) if packet.is_file() else ""
    result = verify_packet(packet, trusted=trust, progress=progress)
    if result.kind != PROGRESS and result.bag_info:  # another kind of packet: say so before anything else
        raise ReceiveRefused(f"“{packet.name}”是{LABELS.get(result.kind, result.kind)}，不是进度报送包，未导入"
                             + ("（报送包请用“接收报送包”，sydw receive）。" if result.kind in ("filing", "rollup") else "。"))
    if not result.ok or result.method is None:
        raise PacketInvalid(f"进度报送包“{packet.name}”未通过校验，未导入任何内容。发现 {len(result.problems)} 处问题：",
                            [str(p) for p in result.problems], verification=result)
    data = result.method
    info = result.bag_info
    code, name = data["region"]["code"], data["region"]["name"]
    me = ws.jurisdiction()
    assert result.signer is not None
    if result.signer.region_code and result.signer.region_code != code:
        raise ReceiveRefused(f"签名证书属于行政区划代码 {result.signer.region_code}，而进度报送包是 {code}（{name}）的，未导入。")
    to = info.get("X-Sydw-To", "")
    if to != me.code:
        raise ReceiveRefused(f"这份进度报送包是发给行政区划代码 {to or '（未写明）'} 的，不是本工作区（{me.name}，{me.code}），未导入。")
    problem = subordinate_problem(me, code, data["region"]["level"])
    if problem is not None:
        raise ReceiveRefused(f"进度报送包来自{name}（{code}）：{problem}未导入。")
    packet_id = info["External-Identifier"]
    records = UpperRecords(ws)
    held_packets = ws.received_packets(PROGRESS, code)
    if any(p.packet_id == packet_id or p.sha256 == digest for p in held_packets):
        raise ReceiveRefused(f"这份{name}截至 {data['as_of']} 的进度报送包此前已经导入过，不再重复导入。")
    new = SubordinateProgress(
        region_code=code, name=name, source=FROM_PROGRESS, packet_id=packet_id, bag=result.bag or "",
        as_of=data["as_of"], signed_at=result.signed_at or "", signer_office=result.signer.office,
        packet_sha256=digest, method=data,
    )
    older = older_problem(new, records.progress().get(code))
    if older is not None:
        raise ReceiveRefused(older)
    bulletin = _bulletin(packet, result)
    if _sha256(packet) != digest:
        raise PacketInvalid(f"进度报送包“{packet.name}”在校验期间被修改，未导入任何内容。", [])
    ws.backup(backups.BEFORE_RECEIVE)
    round_number = int(info["X-Sydw-Round"])
    changes = records.store_progress(new, bulletin, ReceivedPacket(packet_id, PROGRESS, code, round_number,
                                                                   new.signed_at, digest))
    return ProgressImportResult(records.progress()[code], result, changes)


def _bulletin(packet: Path, result: VerifyResult) -> bytes | None:
    """The 通报 PDF the (verified) packet carries."""
    prefix = f"{result.bag}/{B.DATA}/"
    with zipfile.ZipFile(packet) as z:
        for name in z.namelist():
            if B.nfc(name).startswith(prefix) and name.lower().endswith(".pdf"):
                return z.read(name)
    return None
