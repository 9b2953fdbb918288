"""A league's roll-up (汇总报送包, ``sydw pack`` on a 盟市 workspace): its own filing — workspace,
check report (league rules included), the 汇总表 and its own documents — with its subordinates'
filing packets carried unchanged under ``data/subordinates/``, each keeping its own signature.

For each subordinate the packet of its accepted round (已同意) goes up, or of its latest round
when none is accepted yet; ``aggregate.json`` records which round and its status.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import date
from pathlib import Path

from ..documents.export import export_all
from ..packets import bag as B
from ..packets.assemble import PacketHeader
from ..packets.errors import IdentityError, PacketError, PacketWriteError, PackRefused
from ..packets.identity import Identity
from ..packets.kinds import ROLLUP, SUBORDINATES_DIR
from ..packets.pack import check_round, default_round, refusal_reasons
from ..packets.workspace_json import CHECK_REPORT_SCHEMA_FILE, schema_problems, workspace_to_json
from ..rules import run_checks
from ..vocab import Level
from ..workspace import Workspace
from .aggregate import aggregate, latest_filings
from .facts import league_snapshot
from .seal import issued_now, seal_bag, write_packet
from .status import APPROVED, round_status
from .tables import save_aggregate_pdf, save_aggregate_xlsx

MATERIAL = "汇总报送材料"


def rollup_rounds(ws: Workspace) -> list[tuple[str, str, int, str]]:
    """(code, name, round, status) of what goes up for each subordinate: the latest accepted round,
    else the latest received one."""
    chosen = []
    filings = ws.subordinate_filings()
    for latest in latest_filings(ws):
        rounds = sorted((f.round for f in filings if f.region_code == latest.region_code), reverse=True)
        accepted = [n for n in rounds if round_status(ws, latest.region_code, n) == APPROVED]
        number = accepted[0] if accepted else rounds[0]
        chosen.append((latest.region_code, latest.name, number, round_status(ws, latest.region_code, number)))
    return chosen


def pack_rollup(workspace: Path, identity: Identity, out: Path, *, round_number: int | None = None,
                note: str = "", as_of: date | None = None, overwrite: bool = False) -> tuple[str, int, int]:
    """Write the signed roll-up of the league workspace ``workspace`` to ``out``.

    Returns the packet's SHA-256, its round and the number of subordinate packets it carries.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise PacketWriteError(f"文件“{out}”已存在，不会覆盖。请换一个文件名。")
    with Workspace.open(Path(workspace), readonly=True) as ws:
        snapshot = league_snapshot(ws, as_of)
        j = snapshot.jurisdiction
        if j.level is Level.BANNER:
            raise PacketError(f"{j.name}是旗县级，没有下级材料可汇总。")
        if identity.info.region_code and identity.info.region_code != j.code:
            raise IdentityError(f"签名证书属于行政区划代码 {identity.info.region_code}，而工作区是 {j.code}（{j.name}）。")
        report = run_checks(snapshot, as_of=as_of)
        refusal = refusal_reasons(report)
        if refusal is not None:
            raise PackRefused(*refusal)
        chosen = rollup_rounds(ws)
        packets = []
        for code, name, number, _status in chosen:
            data = ws.subordinate_packet(code, number)
            if data is None:
                raise PacketError(f"{name}（{code}）第{number}轮报送包的原件没有保存（接收于本版本之前），"
                                  "请重新接收该报送包后再汇总上报。")
            packets.append((f"{code}_第{number}轮.zip", data))
        agg = aggregate(ws)
        ws_json = workspace_to_json(snapshot, review_comments=ws.review_comments(), changelog=ws.changelog())
    number = check_round(round_number or default_round(snapshot.rounds))
    header = PacketHeader(
        region_code=j.code, jurisdiction=j.name, level=j.level.value, round_number=number,
        bagging_date=date.today().isoformat(), source_organization=identity.info.office,
        rules_version=report.rules_version, external_identifier=f"urn:uuid:{uuid.uuid4()}", note=note,
        material=MATERIAL, kind=ROLLUP, to_code=j.code[:2] + "0000", issued_at=issued_now(),
    )
    check_json = report.to_json()
    problems = schema_problems(ws_json) or schema_problems(check_json, CHECK_REPORT_SCHEMA_FILE)
    if problems:
        raise PacketError("生成的数据文件不符合格式要求，未打包：\n" + "\n".join(f"  {p}" for p in problems))
    with tempfile.TemporaryDirectory(prefix="sydw-rollup-") as tmp:
        bag_dir = Path(tmp) / header.bag_name
        data_dir = bag_dir / B.DATA
        (bag_dir / SUBORDINATES_DIR).mkdir(parents=True)
        if snapshot.before or snapshot.after:  # the league's own 本级 reform, when it has one
            export_all(snapshot, data_dir, formats={"pdf", "xlsx"}, draft=False, report=report)
        for name, content in (("workspace.json", ws_json), ("check-report.json", check_json),
                              ("aggregate.json", {**agg.to_json(), "rounds": [
                                  {"code": c, "name": n, "round": r, "status": s} for c, n, r, s in chosen]})):
            (data_dir / name).write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", "utf-8")
        save_aggregate_pdf(agg, data_dir / "汇总表.pdf")
        save_aggregate_xlsx(agg, data_dir / "汇总表.xlsx")
        for name, blob in packets:
            (bag_dir / SUBORDINATES_DIR / name).write_bytes(blob)
        seal_bag(bag_dir, header.fields(), identity, location=j.name)
        digest, _ = write_packet(bag_dir, identity, out, what="汇总报送包", overwrite=overwrite)
    return digest, number, len(packets)
