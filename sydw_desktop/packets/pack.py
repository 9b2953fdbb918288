"""``sydw pack``: check, export, sign, bag, zip, write USB-safely, read back and verify.

Refuses (exit 1) while the checker reports an ``error`` or a ``warning`` without a 说明. The bag is
built in a local temporary folder and zipped there; the zip is then copied to the destination
under a temporary name, fsynced, read back and verified as a whole, and only then renamed to the
packet's name (and read back once more). Any failure leaves no file that looks like a packet. The workspace is opened
read-only: packing changes nothing in it (it can run while the GUI has the workspace open).
"""

from __future__ import annotations

import dataclasses
import tempfile
import uuid
from collections.abc import Collection, Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..documents.context import common
from ..errors import WorkspaceError, WorkspaceInUse
from ..method.acceptance_records import ACCEPTANCE_REPLIES, AcceptanceRecords
from ..method.state_json import FILE as METHOD_FILE
from ..method.state_json import MethodState, method_json, method_state
from ..model import ChangeEntry, ReviewComment, Snapshot
from ..progress import CancelCheck, Cancelled, Progress, check_cancel, report_progress, sub_range
from ..review.addresses import superior_code
from ..review.change_notes import REPLIES_JSON, ChangeNotes, build_change_notes, write_change_notes
from ..review.rounds import default_round as default_round
from ..rules.findings import CheckReport
from ..store import backups
from ..workspace import Workspace
from . import bag as B
from .assemble import PacketHeader, assemble_bag
from .errors import IdentityError, PacketError, PacketWriteError, PackRefused
from .identity import Identity, check_usable
from .results import PackResult, VerifyResult
from .safe_write import copy_file_atomic
from .verify import verify_packet
from .workspace_json import workspace_to_json
from .zipwrite import zip_bag

DEFAULT_FORMATS = frozenset({"pdf", "xlsx", "docx"})

# Share of the progress bar each stage takes: (start, end).
_STAGES = {
    "check": (0.0, 0.05),
    "export": (0.05, 0.55),
    "sign": (0.55, 0.8),
    "zip": (0.8, 0.86),
    "write": (0.86, 0.92),
    "verify": (0.92, 1.0),
}


def check_round(number: int) -> int:
    """``number`` when it is a usable round (1…999); :class:`PacketError` otherwise."""
    if not 1 <= number <= B.MAX_ROUND:
        raise PacketError(f"轮次应为 1 至 {B.MAX_ROUND} 的整数，而不是 {number}。")
    return number


def refusal_reasons(report: CheckReport) -> tuple[str, list[str]] | None:
    """Why ``report`` forbids packing (message and one line per finding), or None when it allows it."""
    errors = [f for f in report.findings if f.severity.value == "error"]
    if errors:
        return (
            f"不能打包：检查发现 {len(errors)} 项“错误”，请先改正（sydw check 可查看全部检查结果）。",
            [f"[{f.rule}] {f.message}" for f in errors],
        )
    unexplained = report.unexplained_warnings
    if unexplained:
        return (
            f"不能打包：有 {len(unexplained)} 项“警告”还没有填写说明（或说明在数据变化后需要复核）。",
            [f"[{f.rule}] {f.message}" for f in unexplained],
        )
    return None


def write_verified(local_zip: Path, out: Path, identity: Identity, *, overwrite: bool, what: str,
                   progress: Progress | None = None) -> tuple[str, VerifyResult]:
    """Copy ``local_zip`` to ``out`` USB-safely, reading it back and verifying it as a whole packet
    before it takes its name; returns its SHA-256 and the verification."""
    verified: list[VerifyResult] = []

    def verify_written(tmp_file: Path) -> None:
        report_progress(progress, _STAGES["verify"][0], f"读回并校验{what}")
        result = verify_packet(tmp_file, trusted=[identity.certificate], progress=_stage(progress, "verify"))
        if not result.ok:
            lines = "\n".join(f"  {p}" for p in result.problems[:20])
            raise PacketWriteError(f"写入后读回的{what}未通过校验（U 盘不可靠？），没有生成“{out}”：\n{lines}")
        verified.append(dataclasses.replace(result, packet=out.name))

    digest = copy_file_atomic(local_zip, out, overwrite=overwrite, what=what, check=verify_written)
    return digest, verified[0]


def _stage(progress: Progress | None, name: str) -> Progress | None:
    return sub_range(progress, *_STAGES[name])


def pack_workspace(
    workspace: Path,
    identity: Identity,
    out: Path,
    *,
    round_number: int | None = None,
    note: str = "",
    visible_signature: bool = False,
    formats: Collection[str] = DEFAULT_FORMATS,
    as_of: date | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> PackResult:
    """Build, sign, write and verify the filing packet of the workspace file ``workspace`` at ``out``.

    The workspace is opened read-only for the moment it takes to read it; see :func:`pack_snapshot`.
    """
    _check_destination(out, overwrite)
    with Workspace.open(Path(workspace), readonly=True) as ws:
        with suppress(WorkspaceError):  # packing changes nothing: a folder that takes no backup is no reason to stop
            ws.backup(backups.BEFORE_PACK)
        snapshot = ws.snapshot()
        comments = ws.review_comments()
        changelog = ws.changelog()
        notes = build_change_notes(ws, workspace_to_json(snapshot))
        method = method_state(ws)
        rectification = AcceptanceRecords(ws).replies_json()
    result = pack_snapshot(
        snapshot, identity, out, review_comments=comments, changelog=changelog, round_number=round_number,
        note=note, visible_signature=visible_signature, formats=formats, as_of=as_of, overwrite=overwrite,
        progress=progress, cancel=cancel, change_notes=notes, method=method, acceptance_replies=rectification,
    )
    return record_pack(Path(workspace), result)


def record_pack(workspace: Path, result: PackResult) -> PackResult:
    """Record the packed round in the workspace file (the GUI records through its open workspace)."""
    try:
        with Workspace.open(workspace) as ws:
            ws.record_submission(result.submission(), result.workspace_json or {})
    except WorkspaceInUse:
        return dataclasses.replace(result, notes=(
            *result.notes, f"工作区正在别处打开，未能在其中记录第{result.round_number}轮上报；"
            "请在打开它的程序里打包，或关闭后重新打包。"))
    return result


def _check_destination(out: Path, overwrite: bool) -> None:
    out = Path(out)
    if out.exists() and not overwrite:
        raise PacketWriteError(f"文件“{out}”已存在，不会覆盖。请换一个文件名。")
    if not out.parent.is_dir():
        raise PacketWriteError(f"无法写入报送包：文件夹“{out.parent}”不存在。")


def pack_snapshot(
    snapshot: Snapshot,
    identity: Identity,
    out: Path,
    *,
    review_comments: Sequence[ReviewComment] = (),
    changelog: Sequence[ChangeEntry] = (),
    round_number: int | None = None,
    note: str = "",
    visible_signature: bool = False,
    formats: Collection[str] = DEFAULT_FORMATS,
    as_of: date | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    change_notes: ChangeNotes | None = None,
    method: MethodState | None = None,
    acceptance_replies: dict[str, Any] | None = None,
) -> PackResult:
    """Build, sign, write and verify the filing packet of ``snapshot`` at ``out``.

    From round 2 on ``change_notes`` (:func:`build_change_notes`) adds the 修改说明 (PDF, Excel and
    ``replies.json``). ``method`` (:func:`~sydw_desktop.method.state_json.method_state`, read with the
    snapshot) adds ``data/method.json``; ``acceptance_replies`` (:meth:`AcceptanceRecords.replies_json`)
    carries the 整改结果 of a 检查验收 received from above as ``acceptance-replies.json``. The caller
    records the submission (:meth:`Workspace.record_submission`).

    For the GUI, which holds the workspace open: take the snapshot (and review comments and
    台账) on the GUI thread, run this on a worker. ``progress(fraction, message)`` and
    ``cancel() -> bool`` are called from the worker.
    """
    from ..documents.export import ExportRefused, export_all
    from ..rules import run_checks

    out = Path(out)
    check_usable(identity.certificate)
    _check_destination(out, overwrite)
    if round_number is not None:
        check_round(round_number)

    def step(name: str, message: str) -> None:
        check_cancel(cancel)
        report_progress(progress, _STAGES[name][0], message)

    step("check", "检查材料")
    info = identity.info
    code = snapshot.jurisdiction.code
    if info.region_code and info.region_code != code:
        raise IdentityError(
            f"签名证书属于行政区划代码 {info.region_code}（{info.office}），而工作区是 {code}"
            f"（{snapshot.jurisdiction.name}）。请使用本机关的签名身份。"
        )
    report = run_checks(snapshot, as_of=as_of)
    refusal = refusal_reasons(report)
    if refusal is not None:
        raise PackRefused(*refusal)

    number = round_number or default_round(snapshot.rounds)
    check_round(number)
    header = PacketHeader(
        region_code=code,
        jurisdiction=snapshot.jurisdiction.name,
        level=snapshot.jurisdiction.level.value,
        round_number=number,
        bagging_date=date.today().isoformat(),
        source_organization=info.office,
        rules_version=report.rules_version,
        external_identifier=f"urn:uuid:{uuid.uuid4()}",
        note=note,
        kind=B.KIND_FILING,
        to_code=superior_code(snapshot.jurisdiction),
        issued_at=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    ws_json = workspace_to_json(snapshot, review_comments=review_comments, changelog=changelog)
    with tempfile.TemporaryDirectory(prefix="sydw-pack-") as tmp:
        bag_dir = Path(tmp) / header.bag_name
        data_dir = bag_dir / B.DATA
        data_dir.mkdir(parents=True)
        step("export", "导出文书和表格")
        try:
            exported = export_all(
                snapshot, data_dir, formats=set(formats), draft=False, report=report,
                progress=_stage(progress, "export"), cancel=cancel, round_number=number,
            )
        except Cancelled:  # export_all's message speaks of files left in place: here, nothing is left
            raise Cancelled() from None
        except ExportRefused as exc:  # the doc.* lint over the documents as printed
            raise PackRefused("不能打包：" + exc.message.split("\n")[0],
                              [line.strip() for line in exc.message.split("\n")[1:] if line.strip()]) from None
        extra: dict[str, Any] = {}
        if change_notes is not None:
            write_change_notes(change_notes, common(snapshot), data_dir, pdf=True, xlsx="xlsx" in formats)
            extra[REPLIES_JSON] = change_notes.to_json()
        if method is not None:
            # the state is today's: checked by a later day's rules (--as-of), it is still not progress as of that day
            extra[METHOD_FILE] = method_json(method, report, min(as_of or date.today(), date.today()))
        if acceptance_replies is not None:
            extra[ACCEPTANCE_REPLIES] = acceptance_replies
        step("sign", "签名")
        assembled = assemble_bag(
            bag_dir, header, identity,
            workspace_json=ws_json,
            check_report=report.to_json(),
            data_json=extra,
            visible_signature=visible_signature,
            progress=_stage(progress, "sign"),
            cancel=cancel,
        )
        step("zip", "压缩")
        local_zip = Path(tmp) / "packet.zip"
        zip_bag(bag_dir, local_zip)
        step("write", f"写入 {out}")
        digest, verification = write_verified(local_zip, out, identity, overwrite=overwrite, what="报送包",
                                              progress=progress)
    return PackResult(
        path=out,
        bag=header.bag_name,
        round_number=header.round_number,
        size=out.stat().st_size,
        sha256=digest,
        payload_files=assembled.payload_files,
        pdfs=assembled.pdfs,
        signer=info,
        verification=verification,
        notes=(*exported.warnings(), *assembled.notes),
        packet_id=header.external_identifier,
        to_code=header.to_code,
        workspace_json=ws_json,
    )
