"""One document to PDF (and optionally DOCX), exactly as :func:`export_all` would write it.

The GUI's preview of a single 三定, 清单 or 章程 uses this instead of exporting the whole packet: the
same template, the same filled document, the same PDF layout — only one file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import SydwError
from ..model import Snapshot, UnitId
from ..vocab import UNIT_DOCUMENT_KINDS, DocumentKind
from .contents import document_title
from .docx_render import fill, finish, save_atomic
from .export import WATERMARK, _check_templates, _Job, _jobs
from .fonts import FontBook
from .pdf_render import render_pdf
from .templates import TemplateStore

#: The documents one can preview alone: the plan and the per-unit documents (by :attr:`DocumentKind.key`).
DOCUMENT_KINDS = tuple(k.key for k in (DocumentKind.PLAN, *UNIT_DOCUMENT_KINDS))


@dataclass(frozen=True)
class RenderedDocument:
    path: Path
    doc_kind: str
    """plan | sanding | quanxian | charter"""
    title: str
    """The document's own title (its 标题 paragraph)."""
    unit: str | None
    pages: int
    warnings: list[str] = field(default_factory=list)
    """Font substitutions, missing characters and data gaps, in Chinese."""


def document_job(snapshot: Snapshot, doc_kind: str, unit_id: int | None, today: date | None = None) -> _Job:
    """The export job of one document; raises :class:`SydwError` when the workspace has no such document."""
    if doc_kind not in DOCUMENT_KINDS:
        raise SydwError(f"不认识的文书类型“{doc_kind}”。")
    label = DocumentKind.from_key(doc_kind).label
    name = None
    if doc_kind != "plan":
        if unit_id is None:
            raise SydwError(f"{label}属于一个改革后单位，请先选择单位。")
        name = snapshot.unit(UnitId(unit_id)).name
    for job in _jobs(snapshot, today):
        if job.doc_kind == doc_kind and job.unit == name:
            return job
    raise SydwError(f"“{name}”尚未起草{label}，没有可以预览的内容。")


def render_document(
    snapshot: Snapshot,
    doc_kind: str,
    unit_id: int | None,
    pdf_path: Path,
    *,
    docx_path: Path | None = None,
    draft: bool = False,
    templates: TemplateStore | None = None,
    fonts: FontBook | None = None,
    today: date | None = None,
) -> RenderedDocument:
    """Fill the document's template and lay it out into ``pdf_path`` (and save ``docx_path``)."""
    job = document_job(snapshot, doc_kind, unit_id, today)
    store = templates or TemplateStore()
    _check_templates(store, [job.kind])
    watermark = WATERMARK if draft else None
    filled = fill(store.path(job.kind), job.build())
    finish(filled.document, watermark=watermark, resolver=filled.resolver)
    title = document_title(filled.document, filled.resolver) or job.stem
    if docx_path is not None:
        save_atomic(filled.document, Path(docx_path))
    pdf = render_pdf(filled.document, Path(pdf_path), fonts=fonts or FontBook(), watermark=watermark,
                     title=title, resolver=filled.resolver)
    warnings = [s.text() for s in pdf.substitutions] + [i.text() for i in pdf.issues]
    warnings += [f"{job.stem}：{gap.text()}" for gap in filled.gaps]
    return RenderedDocument(Path(pdf_path), job.doc_kind, title, job.unit, pdf.pages, warnings)
