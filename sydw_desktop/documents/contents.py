"""The packet's first PDF: a cover (jurisdiction, round, date, signer) and the 报送材料目录.

The 目录 lists every exported document with its page count, titled as the document itself is
titled (the 标题 paragraph of the filled template), and the Excel tables with their row counts.
Its wording is the ``封面及目录.docx`` template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

from ..model import Snapshot
from .context import contents_context
from .docx_render import TITLE_STYLES, Filled, fill, finish
from .docx_styles import StyleResolver
from .templates import TemplateStore


@dataclass(frozen=True)
class ListedDocument:
    title: str
    kind: str  # 改革方案 | “三定”规定 | 政事权限清单 | 章程
    file: str
    pages: int


@dataclass(frozen=True)
class ListedTable:
    title: str
    file: str
    rows: int


def document_title(document: DocumentObject, resolver: StyleResolver | None = None) -> str:
    """The text of the first title paragraph (line breaks removed), or ""."""
    resolver = resolver or StyleResolver(document)
    for p in document.element.body.iter(qn("w:p")):
        if resolver.para_props(p).style_name in TITLE_STYLES:
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text:
                return text
    return ""


def build_contents(
    snap: Snapshot,
    documents: list[ListedDocument],
    tables: list[ListedTable],
    *,
    store: TemplateStore,
    round_number: int | None = None,
    signer: str | None = None,
    today: date | None = None,
    watermark: str | None = None,
) -> Filled:
    """Fill the cover-and-contents template; the caller renders it to PDF."""
    docs: list[dict[str, Any]] = [
        {"title": d.title, "kind": d.kind, "file": d.file, "pages": d.pages} for d in documents
    ]
    rows: list[dict[str, Any]] = [{"title": t.title, "kind": "Excel", "file": t.file, "rows": t.rows} for t in tables]
    ctx = contents_context(snap, docs, rows, round_number=round_number, today=today)
    if signer:
        ctx["cover"]["signer"] = signer
    filled = fill(store.path("contents"), ctx)
    finish(filled.document, watermark=watermark, resolver=filled.resolver)
    return filled
