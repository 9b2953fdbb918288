"""Turning a folder of exported documents into a signed bag.

:func:`assemble_bag` takes a bag folder whose ``data/`` already holds the exported PDFs, tables
and documents, adds ``workspace.json`` and ``check-report.json``, signs every PDF (PAdES B-B),
writes the BagIt tag files, signs the tag manifest (detached CMS) and adds the certificate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..progress import CancelCheck, Progress, check_cancel, report_progress
from . import bag as B
from .cms import sign_detached
from .errors import PacketError
from .identity import Identity, certificate_pem
from .pdf_sign import PdfSigningSession
from .workspace_json import CHECK_REPORT_SCHEMA_FILE, reference_problems, schema_problems


@dataclass(frozen=True)
class PacketHeader:
    """What bag-info.txt says about a packet."""

    region_code: str
    """行政区划代码 of the filing office's jurisdiction."""
    jurisdiction: str
    """行政区划名称."""
    level: str
    """层级 label (旗县 / 盟市 / 自治区)."""
    round_number: int
    bagging_date: str
    """YYYY-MM-DD."""
    source_organization: str
    """The filing office, as named on its certificate."""
    rules_version: str
    external_identifier: str
    """A unique id for this packet (``urn:uuid:…``)."""
    note: str = ""
    """The clerk's 说明 for this filing (``--note``)."""
    material: str = B.MATERIAL
    kind: str = B.KIND_FILING
    """``X-Sydw-Kind``: filing | review (chain.md)."""
    to_code: str = ""
    """``X-Sydw-To``: the addressee's 行政区划代码."""
    issued_at: str = ""
    """``X-Sydw-Issued-At``: when the packet was made (ISO 8601)."""

    @property
    def bag_name(self) -> str:
        return B.bag_name(self.region_code, self.round_number, self.bagging_date, self.material)

    def fields(self) -> list[tuple[str, str]]:
        """bag-info.txt fields in order (Payload-Oxum is added when the payload is complete)."""
        fields = [
            ("Source-Organization", self.source_organization),
            ("Bagging-Date", self.bagging_date),
            ("External-Identifier", self.external_identifier),
            ("External-Description", f"{self.jurisdiction}第{self.round_number}轮{self.material}"),
            ("Bag-Software-Agent", f"sydw-desktop {__version__}"),
        ]
        if self.note.strip():
            fields.append(("Internal-Sender-Description", self.note.strip()))
        fields += [
            ("X-Sydw-Region-Code", self.region_code),
            ("X-Sydw-Jurisdiction", self.jurisdiction),
            ("X-Sydw-Level", self.level),
            ("X-Sydw-Round", str(self.round_number)),
            ("X-Sydw-Rules-Version", self.rules_version),
            ("X-Sydw-Format-Version", "1"),
            ("X-Sydw-Kind", self.kind),
        ]
        if self.to_code:
            fields.append(("X-Sydw-To", self.to_code))
        if self.issued_at:
            fields.append(("X-Sydw-Issued-At", self.issued_at))
        return fields


@dataclass(frozen=True)
class AssembledBag:
    """What :func:`assemble_bag` produced."""

    path: Path
    payload_files: int
    payload_octets: int
    pdfs: int
    notes: tuple[str, ...] = ()


def _write_json(path: Path, data: Any) -> None:
    if path.exists():
        raise PacketError(f"导出的文书中已有“{path.name}”，与报送包的数据文件重名。")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def assemble_bag(
    bag_dir: Path,
    header: PacketHeader,
    identity: Identity,
    *,
    workspace_json: dict[str, Any] | None,
    check_report: dict[str, Any] | None,
    data_json: dict[str, Any] | None = None,
    visible_signature: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> AssembledBag:
    """Complete ``bag_dir`` (whose ``data/`` holds the exported files) into a signed bag.

    A filing carries ``workspace_json`` and ``check_report``; a return packet neither. ``data_json``
    adds more JSON files to ``data/`` by name (``review.json``, ``replies.json``).
    """
    data_dir = bag_dir / B.DATA
    data_dir.mkdir(parents=True, exist_ok=True)
    if workspace_json is not None:
        problems = schema_problems(workspace_json) or reference_problems(workspace_json)
        if problems:  # our own output: a program error, reported plainly rather than packed
            raise PacketError("生成的 workspace.json 不符合格式要求，未打包：\n" + "\n".join(f"  {p}" for p in problems))
        _write_json(data_dir / "workspace.json", workspace_json)
    if check_report is not None:
        problems = schema_problems(check_report, CHECK_REPORT_SCHEMA_FILE)
        if problems:
            raise PacketError("生成的 check-report.json 不符合格式要求，未打包：\n" + "\n".join(f"  {p}" for p in problems))
        _write_json(data_dir / "check-report.json", check_report)
    for name, data in (data_json or {}).items():
        _write_json(data_dir / name, data)

    pdfs = sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    if not pdfs:
        raise PacketError("没有可签名的 PDF 文书，未打包。")
    notes: list[str] = []
    with PdfSigningSession(identity, visible=visible_signature, location=header.jurisdiction) as session:
        if session.note:
            notes.append(session.note)
        for index, pdf in enumerate(pdfs):
            check_cancel(cancel)
            report_progress(progress, index / len(pdfs), f"签名 PDF：{pdf.name}")
            try:
                signed = session.sign(pdf.read_bytes())
            except Exception as exc:  # pyHanko raises many kinds on a malformed PDF
                raise PacketError(f"无法对“{pdf.name}”签名（{type(exc).__name__}：{exc}）。") from exc
            pdf.write_bytes(signed)

    written = B.write_tag_files(bag_dir, header.fields())
    (bag_dir / B.SIGNATURE).write_bytes(sign_detached(written.tagmanifest, identity))
    (bag_dir / B.SIGNER_CERT).write_bytes(certificate_pem(identity.certificate))
    return AssembledBag(bag_dir, written.payload_count, written.payload_octets, len(pdfs), tuple(notes))
