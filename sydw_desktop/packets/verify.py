"""``sydw verify``: check a filing packet completely (interfaces.md §4.3) and report every problem.

Order: zip safety (nothing unsafe is extracted, and only into a temporary folder); the bag's
structure, bag-info.txt and every checksum; the CMS signature over the tag manifest; each PDF's
signature; ``workspace.json`` against the schema and ``check-report.json``; and, with a trust list,
that the signer is on it. A problem never stops the later checks that do not depend on it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509

from ..progress import CancelCheck, Cancelled, Progress
from . import bag as B
from .errors import PacketUnreadable
from .identity import fingerprint
from .kinds import ACCEPTANCE, HANDDOWN, REVIEW
from .results import VerifyResult
from .verify_checks import VerifyRun, check_bag
from .zipsafe import Inspection, extract_safe, inspect_zip

__all__ = ["verify_packet"]


def verify_packet(
    packet: Path,
    *,
    trusted: Iterable[x509.Certificate] | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> VerifyResult:
    """Verify the packet at ``packet``. ``trusted``: the certificates to trust, or None for no check.

    Raises :class:`PacketUnreadable` when the file cannot be read at all and :class:`Cancelled`
    when ``cancel`` says so; every other problem is reported in the result.
    """
    packet = Path(packet)
    _check_readable(packet)
    run = VerifyRun(packet, progress, cancel)
    run.step(0.0, "检查压缩包安全性")
    inspection = inspect_zip(packet)
    run.problems.extend(inspection.problems)
    with tempfile.TemporaryDirectory(prefix="sydw-verify-") as tmp:
        if inspection.readable:
            try:
                _check_contents(run, packet, inspection, Path(tmp), cancel)
            except (Cancelled, MemoryError):
                raise
            except Exception as exc:  # reading outside data: a finding, never a crash
                run.add(packet.name, f"内容无法读取，报送包已损坏或格式不符（{type(exc).__name__}：{exc}）")
    valid = not run.problems
    trusted_result = _check_trust(run, trusted)
    run.step(1.0, "校验完成")
    return VerifyResult(
        packet=packet.name,
        valid=valid,
        trusted=trusted_result,
        signer=run.signer_info,
        problems=tuple(run.problems),
        bag=run.bag_name,
        bag_info=run.bag_info,
        payload_files=len(run.payload),
        pdfs_checked=run.pdfs_checked,
        signed_at=None if run.signed_at is None else run.signed_at.isoformat(),
        workspace=run.workspace,
        check_report=run.check_report,
        kind=run.kind,
        review=run.review,
        replies=run.replies,
        kind_data=run.kind_data,
        method=run.method,
        acceptance_replies=run.acceptance_replies,
    )


def _check_contents(run: VerifyRun, packet: Path, inspection: Inspection, tmp: Path,
                    cancel: CancelCheck | None) -> None:
    run.step(0.05, "解压到临时文件夹")
    names, problems = extract_safe(packet, inspection, tmp, cancel=cancel)
    run.problems.extend(problems)
    tops = {n.split("/")[0] for n in names}
    empty_folders = [f"{e.name}/" for e in inspection.entries if e.is_dir and e.name.split("/")[0] not in tops]
    root = _find_bag(run, tmp, names + empty_folders)  # an empty folder beside the bag is a second folder too
    if root is not None:
        check_bag(run, root)


_UNTRUSTED = "签名证书不在信任列表中（不是已登记的{}机关的证书）"
_SENT_DOWN = frozenset({REVIEW, HANDDOWN, ACCEPTANCE})
"""Kinds an upper office signs: their signer is an office above, not a subordinate."""


def _check_readable(packet: Path) -> None:
    if not packet.exists():
        raise PacketUnreadable(f"找不到报送包“{packet}”。")
    if packet.is_dir():
        raise PacketUnreadable(f"“{packet}”是一个文件夹，不是报送包（.zip）。")
    try:
        with packet.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise PacketUnreadable(f"无法读取报送包“{packet}”：{exc.strerror}") from None


def _check_trust(run: VerifyRun, trusted: Iterable[x509.Certificate] | None) -> bool | None:
    if trusted is None:
        return None
    if run.signer is None:
        return False
    wanted = {fingerprint(c) for c in trusted}
    if fingerprint(run.signer) in wanted:
        return True
    run.add(B.SIGNER_CERT, _UNTRUSTED.format("上级" if run.kind in _SENT_DOWN else "下级"))
    return False


# -- the bag -----------------------------------------------------------------------------------


def _find_bag(run: VerifyRun, tmp: Path, names: list[str]) -> Path | None:
    tops = sorted({n.split("/")[0] for n in names})
    loose = sorted(n for n in names if "/" not in n)
    for name in loose:
        run.add(name, "位于报送包文件夹之外（zip 中只应有一个文件夹）")
    folders = [t for t in tops if t not in loose]
    if not folders:
        run.add(run.packet.name, "报送包中没有 BagIt 文件夹")
        return None
    if len(folders) > 1:
        run.add(run.packet.name, f"zip 中应只有一个文件夹，实有 {len(folders)} 个：{'、'.join(folders)}")
        with_bagit = [f for f in folders if (tmp / f / B.BAGIT_TXT).is_file()]
        if len(with_bagit) != 1:
            return None
        folders = with_bagit
    name = folders[0]
    run.bag_name = name
    if not B.BAG_NAME_RE.match(name):
        run.add(name, "文件夹名称不符合“行政区划代码_材料_第N轮_YYYYMMDD”的格式")
    prefix = name + "/"
    run.payload = sorted(n[len(prefix) :] for n in names if n.startswith(prefix + B.DATA + "/"))
    for n in names:
        if n.startswith(prefix) and "/" not in n[len(prefix) :] and n[len(prefix) :] not in B.ROOT_FILES:
            run.add(n[len(prefix) :], "多出的文件（不是 BagIt 标签文件，也不在 data/ 中）")
    return tmp / name


