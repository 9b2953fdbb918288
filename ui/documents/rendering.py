"""Making the PDFs the preview shows and the printer prints — on the worker thread.

A :class:`PdfBundle` is a set of PDFs in reading order (one document, or the whole filing packet:
the cover with the 报送材料目录 first, then the documents in the order of that list) written by the
documents package into a temporary folder, with page thumbnails. The tasks here only take a
snapshot (read on the GUI thread) and never touch a widget.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from sydw_desktop.documents import ExportRefused, export_all
from sydw_desktop.documents.single import render_document
from sydw_desktop.documents.templates import TemplateStore
from sydw_desktop.errors import SydwError
from sydw_desktop.model import Snapshot
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.findings import Severity
from ui.session.operations import CancelToken

THUMB_WIDTH = 110


@dataclass(frozen=True)
class PdfSource:
    title: str
    path: Path
    pages: int


@dataclass
class PdfBundle:
    """PDFs in reading order, in a folder this bundle owns (removed by :meth:`discard`)."""

    title: str
    sources: list[PdfSource]
    folder: Path
    draft: bool = False
    note: str = ""
    warnings: list[str] = field(default_factory=list)
    thumbnails: list[QImage] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(s.pages for s in self.sources)

    def locate(self, page: int) -> tuple[int, int]:
        """(source, page in it) of packet page ``page`` (0-based)."""
        for n, s in enumerate(self.sources):
            if page < s.pages:
                return n, page
            page -= s.pages
        raise IndexError(page)

    def first_page(self, source: int) -> int:
        return sum(s.pages for s in self.sources[:source])

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _draft_note(snap: Snapshot) -> tuple[bool, str]:
    report = run_checks(snap)
    errors = report.count(Severity.ERROR)
    if errors:
        return True, f"检查有 {errors} 项错误，只能作为草稿：每页加“草稿”水印。"
    return False, ""


def render_page(doc: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page ``page`` as an opaque image of ``size`` (QtPdf leaves the paper transparent: make it white)."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, doc.render(page, size))
    painter.end()
    return image


def render_thumbnails(sources: list[PdfSource], token: CancelToken | None = None, width: int = THUMB_WIDTH) -> list[QImage]:
    """A small image of every page, in order (QtPdf; runs on the worker thread)."""
    images: list[QImage] = []
    for source in sources:
        doc = QPdfDocument()
        try:
            if doc.load(str(source.path)) != QPdfDocument.Error.None_:
                raise SydwError(f"无法打开生成的文件“{source.path.name}”。")
            for page in range(doc.pageCount()):
                if token is not None:
                    token.raise_if_cancelled()
                size = doc.pagePointSize(page)
                height = round(width * size.height() / size.width()) if size.width() else width
                images.append(render_page(doc, page, QSize(width, height)))
        finally:
            doc.close()  # made on this (worker) thread, which has no event loop: Python deletes it here
    return images


def document_bundle(snap: Snapshot, kind: str, unit_id: int | None, token: CancelToken,
                    templates: TemplateStore | None = None) -> PdfBundle:
    """One document as :func:`export_all` writes it (draft watermark while there are errors)."""
    draft, note = _draft_note(snap)
    folder = Path(tempfile.mkdtemp(prefix="sydw-preview-"))
    try:
        token.report("正在按格式模板生成 PDF……")
        name = "preview" if unit_id is None else f"preview-{unit_id}"
        done = render_document(snap, kind, unit_id, folder / f"{name}-{kind}.pdf", draft=draft, templates=templates)
        source = PdfSource(done.title, done.path, done.pages)
        token.report("正在生成页面缩略图……")
        return PdfBundle(done.title, [source], folder, draft, note, done.warnings, render_thumbnails([source], token))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def packet_bundle(snap: Snapshot, token: CancelToken, templates: TemplateStore | None = None) -> PdfBundle:
    """The filing packet's PDFs in order: cover and 报送材料目录, then the documents as listed."""
    draft, note = _draft_note(snap)
    folder = Path(tempfile.mkdtemp(prefix="sydw-packet-"))
    try:
        def progress(_fraction: float, text: str) -> None:
            token.report(f"正在生成报送材料 {text}")

        try:
            result = export_all(snap, folder, {"pdf"}, draft=draft, progress=progress,
                                cancel=token.is_cancelled, templates=templates)
        except ExportRefused:  # the doc.* lint refused the final form: preview the draft
            draft, note = True, "文书成文检查有错误（文书 → 文书成文检查），只能作为草稿：每页加“草稿”水印。"
            result = export_all(snap, folder, {"pdf"}, draft=True, progress=progress,
                                cancel=token.is_cancelled, templates=templates)
        sources = [PdfSource(e.title, e.path, e.pages or 0) for e in result.entries if e.format == "pdf"]
        token.report("正在生成页面缩略图……")
        title = f"{snap.jurisdiction.name}报送材料"
        return PdfBundle(title, sources, folder, draft, note, result.warnings(), render_thumbnails(sources, token))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
