"""What taking in a packet from the office above shares (审核意见包, 检查验收意见包): the refusals.

Refused with nothing changed when the packet does not verify or its signer is not trusted (the
workspace's trust list plus extra certificates), it is another kind, the certificate names another
office than the packet, it is addressed to another jurisdiction, or it comes from an office that is
not above this one; and a replay (taken in before, or older than the newest one taken in from that
office) is refused by :func:`refuse_replay`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography import x509

from ..model import Jurisdiction, ReceivedPacket
from ..progress import Progress
from ..vocab import Level
from ..workspace import Workspace
from .errors import PacketInvalid, ReceiveRefused, TrustError
from .kinds import LABELS
from .receive import subordinate_problem
from .results import VerifyResult
from .trust import trusted_certificates
from .verify import verify_packet


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified_from_above(ws: Workspace, packet: Path, kind: str, *, extra_trust: Sequence[x509.Certificate] = (),
                        progress: Progress | None = None) -> tuple[VerifyResult, str]:
    """Verify ``packet`` against the trust list; refuse it unless it is a valid, trusted packet of ``kind``.
    Returns the verification and the packet file's SHA-256."""
    what = LABELS[kind]
    trust = [*trusted_certificates(ws), *extra_trust]
    if not trust:
        raise TrustError("没有可信的证书：请先把上级编办的证书加入信任列表（sydw trust 工作区 add 证书.pem），或用 --trust 指定。")
    digest = sha256_of(packet) if packet.is_file() else ""
    result = verify_packet(packet, trusted=trust, progress=progress)
    if result.kind != kind and result.bag_info:  # another kind of packet: say so before anything else
        raise ReceiveRefused(f"“{packet.name}”是{result.kind_label}，不是{what}，未导入。")
    if not result.ok:
        raise PacketInvalid(f"{what}“{packet.name}”未通过校验，未导入任何内容。发现 {len(result.problems)} 处问题：",
                            [str(p) for p in result.problems], verification=result)
    if result.kind != kind:
        raise ReceiveRefused(f"“{packet.name}”是{result.kind_label}，不是{what}，未导入。")
    return result, digest


def check_from_superior(ws: Workspace, result: VerifyResult, data: dict[str, Any], what: str) -> None:
    """Refuse a packet whose certificate names another office than its ``from``, that is addressed to
    another jurisdiction than ``ws``'s, or whose issuer is not above ``ws``."""
    me = ws.jurisdiction()
    issuer = data["from"]
    assert result.signer is not None
    if result.signer.region_code and result.signer.region_code != issuer["code"]:
        raise ReceiveRefused(f"签名证书属于行政区划代码 {result.signer.region_code}，而{what}自称来自 "
                             f"{issuer['code']}（{issuer['name']}），未导入。")
    if data["to"]["code"] != me.code:
        raise ReceiveRefused(f"这份{what}是发给{data['to']['name']}（{data['to']['code']}）的，"
                             f"不是本工作区（{me.name}，{me.code}），未导入。")
    upper_level = Level.LEAGUE if issuer["code"].endswith("00") and not issuer["code"].endswith("0000") else Level.REGION
    problem = subordinate_problem(Jurisdiction(issuer["name"], issuer["code"], upper_level), me.code, me.level.value)
    if problem is not None:
        raise ReceiveRefused(f"{what}来自{issuer['name']}（{issuer['code']}），不是本级的上级：{problem}未导入。")


def refuse_replay(held: Sequence[ReceivedPacket], packet_id: str, digest: str, number: int, signed_at: str,
                  described: str, unit: str = "轮") -> None:
    """Refuse a packet taken in before (same id or bytes) or older than the newest ``held`` one
    (chain.md: a higher number, or the same number signed later, is newer). ``described``: the packet in words."""
    if any(p.packet_id == packet_id or p.sha256 == digest for p in held):
        raise ReceiveRefused(f"这份{described}此前已经导入过，不再重复导入。")
    newer = [p for p in held if (p.round, p.signed_at) >= (number, signed_at)]
    if newer:
        latest = max(newer, key=lambda p: (p.round, p.signed_at))
        raise ReceiveRefused(f"这份{described}（签发于 {signed_at[:19]}）比已导入的第{latest.round}{unit}"
                             f"（签发于 {latest.signed_at[:19]}）旧，未导入。")
