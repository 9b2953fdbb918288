"""``sydw review-pack``: the upper office answers a subordinate's filing with a signed return packet.

The packet is the filing packet's container (BagIt + CMS over the tag manifest, PAdES PDFs;
``X-Sydw-Kind: review``, ``X-Sydw-To`` the subordinate): ``data/review.json`` (decision, opinion,
round, the comments with their targets, the answered filing's packet id and SHA-256) and the
审核意见 PDF from the template ``审核意见.docx`` (红头, 文号, signed). It is written USB-safely
and read back; then the workspace records the decision and marks the comments as sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..docno import normalize_doc_no
from ..model import Comment, ReviewRecord, SubordinateFiling
from ..progress import Progress, report_progress
from ..review.rendering import REVIEW_TEMPLATE
from ..review.rounds import DECISIONS
from ..review.targets import target_label
from ..vocab import RoundDirection
from ..workspace import Workspace
from . import bag as B
from .assemble import PacketHeader
from .errors import PacketError
from .identity import Identity, check_usable
from .pack import _check_destination
from .results import VerifyResult
from .return_packet import check_own_identity, write_return_packet
from .review_json import FORMAT

REVIEW_PDF = "审核意见.pdf"


@dataclass(frozen=True)
class ReviewPackResult:
    path: Path
    bag: str
    sha256: str
    record: ReviewRecord
    comments: int
    verification: VerifyResult


def latest_filing(ws: Workspace, code: str, round_number: int | None = None) -> SubordinateFiling:
    """The received filing of ``code`` (its latest round, or ``round_number``); PacketError when none."""
    filings = [f for f in ws.subordinate_filings() if f.region_code == code]
    if round_number is not None:
        filings = [f for f in filings if f.round == round_number]
    if not filings:
        which = f"第{round_number}轮" if round_number is not None else "任何"
        raise PacketError(f"本工作区没有收到行政区划代码 {code} {which}的报送材料（sydw subordinates 可查看已接收的材料）。")
    return max(filings, key=lambda f: f.round)


def review_data(ws: Workspace, filing: SubordinateFiling, decision: str, opinion: str, doc_no: str,
                office: str, comments: list[Comment], issued_at: str) -> dict[str, Any]:
    j = ws.jurisdiction()
    return {
        "format": FORMAT,
        "format_version": 1,
        "decision": decision,
        "opinion": opinion,
        "doc_no": doc_no,
        "round": filing.round,
        "issued_at": issued_at,
        "from": {"code": j.code, "name": j.name, "office": office},
        "to": {"code": filing.region_code, "name": filing.name},
        "answers": {"packet_id": filing.packet_id, "packet_sha256": filing.packet_sha256, "bag": filing.bag,
                    "signed_at": filing.signed_at},
        "comments": [
            {"uid": c.uid, "unit": c.unit, "document": c.document, "field": c.field, "text": c.text,
             "author": c.author}
            for c in comments
        ],
    }


def review_context(data: dict[str, Any], filing: SubordinateFiling, comments: list[Comment],
                   today: date) -> dict[str, Any]:
    """The template context of ``审核意见.docx``."""
    return {
        "review": {
            "issuer": data["from"]["office"], "doc_no": data["doc_no"], "round": data["round"],
            "approved": data["decision"] == RoundDirection.APPROVED.value, "decision": data["decision"],
            "opinion": data["opinion"],
            "comments": [{"no": n, "target": target_label(c), "text": c.text} for n, c in enumerate(comments, 1)],
            "date": {"year": today.year, "month": today.month, "day": today.day, "iso": today.isoformat()},
        },
        "filing": {"name": filing.name, "office": filing.signer_office, "code": filing.region_code,
                   "bagging_date": filing.bagging_date},
    }


def review_pack(
    upper: Path,
    from_code: str,
    decision: str,
    opinion: str,
    identity: Identity,
    out: Path,
    *,
    round_number: int | None = None,
    doc_no: str = "",
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ReviewPackResult:
    """Make, sign, write and verify the return packet answering ``from_code``'s filing; record it."""
    with Workspace.open(Path(upper)) as ws:
        return review_pack_into(ws, from_code, decision, opinion, identity, out, round_number=round_number,
                                doc_no=doc_no, overwrite=overwrite, progress=progress)


def review_pack_into(
    ws: Workspace,
    from_code: str,
    decision: str,
    opinion: str,
    identity: Identity,
    out: Path,
    *,
    round_number: int | None = None,
    doc_no: str = "",
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ReviewPackResult:
    """:func:`review_pack` on an open upper workspace (the GUI's)."""
    out = Path(out)
    if decision not in DECISIONS:
        raise PacketError(f"审核结论应为“{'”或“'.join(DECISIONS)}”，而不是“{decision}”。")
    opinion = opinion.strip()
    if not opinion:
        raise PacketError("请填写总体意见（--opinion）。")
    doc_no = normalize_doc_no(doc_no) if doc_no.strip() else ""
    check_usable(identity.certificate)
    _check_destination(out, overwrite)
    j = ws.jurisdiction()
    info = identity.info
    check_own_identity(identity, j)
    filing = latest_filing(ws, from_code, round_number)
    if any(r.region_code == filing.region_code and r.round == filing.round for r in ws.review_records("out")):
        raise PacketError(f"{filing.name}第{filing.round}轮的审核意见已经发出过，不能重复发出。")
    comments = [c for c in ws.comments("out", filing.region_code, filing.round) if c.record is None]
    now = datetime.now().astimezone()
    issued_at = now.isoformat(timespec="seconds")
    data = review_data(ws, filing, decision, opinion, doc_no, info.office, comments, issued_at)
    header = PacketHeader(
        region_code=j.code, jurisdiction=j.name, level=j.level.value, round_number=filing.round,
        bagging_date=now.date().isoformat(), source_organization=info.office,
        rules_version=filing.rules_version or "-", external_identifier=f"urn:uuid:{uuid.uuid4()}",
        note=f"{decision}：{opinion}", material=B.REVIEW_MATERIAL, kind=B.KIND_REVIEW,
        to_code=filing.region_code, issued_at=issued_at,
    )
    digest, verification = write_return_packet(
        header, identity, out, template=REVIEW_TEMPLATE, context=review_context(data, filing, comments, now.date()),
        pdf_name=REVIEW_PDF, title="审核意见", data_json={"review.json": data}, what="审核意见包", overwrite=overwrite,
        progress=progress)
    record = ReviewRecord(
        direction="out", region_code=filing.region_code, round=filing.round, decision=decision, opinion=opinion,
        packet_id=header.external_identifier, answers=filing.packet_id, issued_at=issued_at, doc_no=doc_no,
        office=info.office,
    )
    ws.record_review_sent(record, [c.id for c in comments if c.id is not None])
    report_progress(progress, 1.0, "完成")
    return ReviewPackResult(out, header.bag_name, digest, record, len(comments), verification)
