"""``sydw acceptance-pack``: the upper office sends its 检查验收意见 down as a signed packet.

The container is the filing packet's (BagIt + CMS over the tag manifest, PAdES PDFs) with
``X-Sydw-Kind: acceptance`` and ``X-Sydw-To`` the subordinate; the payload is ``data/acceptance.json``
(:mod:`.acceptance_json`) and the 检查验收意见 PDF from ``检查验收意见.docx`` (红头, 文号, the
table of items). It is written USB-safely and read back; then the acceptance is marked sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..method.acceptance import CONFORMS, PROBLEM, Acceptance
from ..method.acceptance_records import AcceptanceRecords
from ..method.records import cn_date
from ..progress import Progress, report_progress
from ..review.targets import target_label
from ..workspace import Workspace
from .acceptance_json import FORMAT, MATERIAL
from .assemble import PacketHeader
from .errors import PacketError
from .identity import Identity, check_usable
from .kinds import ACCEPTANCE
from .pack import _check_destination
from .results import VerifyResult
from .return_packet import check_own_identity, write_return_packet

TEMPLATE = "检查验收意见.docx"
PDF = "检查验收意见.pdf"


@dataclass(frozen=True)
class AcceptancePackResult:
    path: Path
    bag: str
    sha256: str
    acceptance: Acceptance
    packet_id: str
    verification: VerifyResult


def acceptance_data(ws: Workspace, a: Acceptance, office: str, issued_at: str) -> dict[str, Any]:
    j = ws.jurisdiction()
    return {
        "format": FORMAT, "format_version": 1, "uid": a.uid, "number": a.number, "date": a.held_on,
        "team": a.team, "doc_no": a.doc_no, "result": a.result, "opinion": a.opinion, "issued_at": issued_at,
        "from": {"code": j.code, "name": j.name, "office": office},
        "to": {"code": a.region_code, "name": a.name},
        "items": [i.to_json() for i in a.items],
    }


def acceptance_context(data: dict[str, Any], a: Acceptance, to_office: str, today: date) -> dict[str, Any]:
    """The template context of ``检查验收意见.docx``."""
    problems = len(a.problems)
    return {
        "status": {"issued": True},
        "acceptance": {
            "issuer": data["from"]["office"], "doc_no": a.doc_no, "number": a.number, "result": a.result,
            "opinion": a.opinion, "team": a.team or "检查组", "held": cn_date(a.held_on),
            "table_heading": f"{'三' if a.opinion else '二'}、检查项目及意见",
            "conforming": sum(1 for i in a.items if i.conclusion == CONFORMS), "problems": problems,
            "rows": [
                {"no": n, "label": i.label, "conclusion": i.conclusion, "problem": i.problem or "—",
                 "target": target_label(i) if i.conclusion == PROBLEM and (i.unit or i.field) else "",
                 "demand": i.demand or "—", "deadline": cn_date(i.deadline) if i.deadline else "—"}
                for n, i in enumerate(a.items, 1)
            ],
            "date": {"year": today.year, "month": today.month, "day": today.day, "iso": today.isoformat()},
        },
        "to": {"name": a.name, "office": to_office, "suffix": a.name[-1:]},
    }


def _to_office(ws: Workspace, a: Acceptance) -> str:
    """The subordinate office as its latest filing's certificate names it, else by its jurisdiction."""
    filings = [f for f in ws.subordinate_filings() if f.region_code == a.region_code]
    if filings:
        return max(filings, key=lambda f: f.round).signer_office
    return f"{a.name}机构编制委员会办公室"


def acceptance_pack(upper: Path, acceptance_id: int, identity: Identity, out: Path, *, overwrite: bool = False,
                    progress: Progress | None = None) -> AcceptancePackResult:
    with Workspace.open(Path(upper)) as ws:
        return acceptance_pack_into(ws, acceptance_id, identity, out, overwrite=overwrite, progress=progress)


def latest_draft(ws: Workspace, to_code: str) -> Acceptance:
    """The draft (not yet sent) 检查验收 of ``to_code``, the latest when there are several."""
    drafts = [a for a in AcceptanceRecords(ws).acceptances("out", to_code) if not a.sent]
    if not drafts:
        raise PacketError(f"没有对行政区划代码 {to_code} 尚未发出的检查验收记录：请先登记（sydw acceptance … add）。")
    return drafts[-1]


def acceptance_pack_into(ws: Workspace, acceptance_id: int, identity: Identity, out: Path, *,
                         overwrite: bool = False, progress: Progress | None = None) -> AcceptancePackResult:
    """:func:`acceptance_pack` on an open upper workspace (the GUI's)."""
    out = Path(out)
    records = AcceptanceRecords(ws)
    a = records.acceptance(acceptance_id)
    if a.direction != "out":
        raise PacketError("这是上级对本级的检查验收，不能由本级发出。")
    if a.sent:
        raise PacketError(f"对{a.name}的第{a.number}次检查验收意见已经发出过，不能重复发出。")
    check_usable(identity.certificate)
    _check_destination(out, overwrite)
    j = ws.jurisdiction()
    check_own_identity(identity, j)
    office = identity.info.office
    now = datetime.now().astimezone()
    issued_at = now.isoformat(timespec="seconds")
    data = acceptance_data(ws, a, office, issued_at)
    filings = [f for f in ws.subordinate_filings() if f.region_code == a.region_code]
    header = PacketHeader(
        region_code=j.code, jurisdiction=j.name, level=j.level.value, round_number=a.number,
        bagging_date=now.date().isoformat(), source_organization=office,
        rules_version=max(filings, key=lambda f: f.round).rules_version if filings else "-",
        external_identifier=f"urn:uuid:{uuid.uuid4()}", note=f"检查验收：{a.result}", material=MATERIAL,
        kind=ACCEPTANCE, to_code=a.region_code, issued_at=issued_at,
    )
    digest, verification = write_return_packet(
        header, identity, out, template=TEMPLATE, context=acceptance_context(data, a, _to_office(ws, a), now.date()),
        pdf_name=PDF, title="检查验收意见", data_json={"acceptance.json": data}, what="检查验收意见包",
        overwrite=overwrite, progress=progress)
    assert a.id is not None
    records.record_sent(a.id, header.external_identifier, issued_at, office)
    report_progress(progress, 1.0, "完成")
    return AcceptancePackResult(out, header.bag_name, digest, records.acceptance(a.id), header.external_identifier,
                                verification)
