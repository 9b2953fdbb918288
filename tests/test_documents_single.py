"""One document laid out alone (the preview's path) is the document the export writes; 文号 checking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from documents_helpers import demo_snapshot, pdf_pages, pdftotext, squash

from sydw_desktop.docno import doc_no_problem, normalize_doc_no
from sydw_desktop.documents import export_all
from sydw_desktop.documents.single import document_job, render_document
from sydw_desktop.errors import SydwError

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.mark.parametrize(("typed", "stored"), [
    ("示编发〔2026〕3号", "示编发〔2026〕3号"),
    ("示编发[2026]3号", "示编发〔2026〕3号"),
    ("示编发【2026】12号", "示编发〔2026〕12号"),
    ("示编发（２０２６）１２号", "示编发〔2026〕12号"),
    (" 内机编委发 〔2020〕 22号 ", "内机编委发〔2020〕22号"),
])
def test_doc_no_repaired(typed: str, stored: str) -> None:
    assert normalize_doc_no(typed) == stored
    assert doc_no_problem(stored) is None


@pytest.mark.parametrize(("typed", "why"), [
    ("示编发2026年3号", "六角括号"),
    ("示编发〔26〕3号", "四位"),
    ("示编发〔2026〕03号", "虚位"),
    ("示编发〔2026〕第3号", "第"),
    ("示编发〔2026〕3", "号"),
    ("〔2026〕3号", "机关代字"),
])
def test_doc_no_refused_with_the_reason(typed: str, why: str) -> None:
    problem = doc_no_problem(normalize_doc_no(typed))
    assert problem is not None and why in problem


def test_no_document_no_job(tmp_path: Path) -> None:
    snap = demo_snapshot(tmp_path)
    unit = snap.after[0]
    assert document_job(snap, "charter", unit.id).unit == unit.name
    del snap.charters[unit.id]
    with pytest.raises(SydwError, match="尚未起草章程"):
        document_job(snap, "charter", unit.id)
    with pytest.raises(SydwError):
        document_job(snap, "sanding", None)


@needs_poppler
def test_one_document_is_the_exported_document(tmp_path: Path) -> None:
    snap = demo_snapshot(tmp_path)
    unit = snap.after[0]
    alone = render_document(snap, "sanding", unit.id, tmp_path / "alone.pdf", docx_path=tmp_path / "alone.docx")
    exported = export_all(snap, tmp_path / "out", {"pdf"})  # the demo has no errors: a final export
    entry = next(e for e in exported.entries if e.kind == "sanding" and e.unit == unit.name)
    assert alone.title == entry.title and alone.pages == entry.pages == pdf_pages(alone.path)
    assert squash(pdftotext(alone.path)) == squash(pdftotext(entry.path))
    assert (tmp_path / "alone.docx").stat().st_size > 10_000
    draft = render_document(snap, "plan", None, tmp_path / "plan.pdf", draft=True)
    assert draft.pages > 10 and pdftotext(draft.path).count("稿") >= draft.pages  # the 草稿 watermark on every page
