"""Reading the subordinates' packets a league's roll-up (汇总报送包) carries.

A roll-up is a league's own filing whose ``data/subordinates/`` holds the filing packets of its
banners, unchanged: each keeps its own signature, and the league's signature covers their bytes
(they are payload files of its bag). Each is verified whole here; the receiving office then takes
it as received through the league (see :func:`~sydw_desktop.packets.receive.receive_into`).
"""

from __future__ import annotations

import dataclasses
import tempfile
import zipfile
from pathlib import Path

from . import bag as B
from .errors import PacketInvalid
from .kinds import FILING, SUBORDINATES_DIR
from .results import VerifyResult
from .verify import verify_packet


def rollup_packets(packet: Path, result: VerifyResult) -> list[tuple[VerifyResult, bytes]]:
    """The verified subordinate packets inside the (already verified) roll-up ``packet``."""
    prefix = f"{result.bag}/{SUBORDINATES_DIR}"
    with zipfile.ZipFile(packet) as z:
        entries = [(B.nfc(n), z.read(n)) for n in z.namelist() if B.nfc(n).startswith(prefix) and n.endswith(".zip")]
    found: list[tuple[VerifyResult, bytes]] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sydw-rollup-") as tmp:
        for i, (name, data) in enumerate(entries):
            shown = name[len(result.bag or "") + 1:]
            path = Path(tmp) / f"{i}.zip"
            path.write_bytes(data)
            inner = verify_packet(path)
            if not inner.valid:
                problems += [f"{shown}：{p}" for p in inner.problems]
            elif inner.kind != FILING:
                problems.append(f"{shown}：不是下级的报送包（{inner.kind}）")
            else:
                found.append((dataclasses.replace(inner, packet=Path(name).name), data))
    if problems:
        raise PacketInvalid("汇总报送包所附的下级报送包未通过校验，未导入任何数据：", problems)
    return found
