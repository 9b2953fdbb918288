"""Render page images of every document type of the demo into ``docs/images/`` (for ``docs/documents.md``).

Exports the demo with the bundled fonts and the default templates, then rasterises pages with
``pdftoppm`` (and the comparison table through LibreOffice). The demo's plan is under review, so its
documents are 送审稿 (one image shows that); the other images show the same data as issued, after a
round of 同意 with the plan's 文号 and date (added to the snapshot, not to the demo).
Run: ``python scripts/document_images.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.documents import TemplateStore, export_all  # noqa: E402
from sydw_desktop.documents.fonts import FontBook  # noqa: E402
from sydw_desktop.model import Round  # noqa: E402
from sydw_desktop.vocab import RoundDirection  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402

OUT = ROOT / "docs" / "images"
DPI = "60"


def _png(pdf: Path, page: int, name: str) -> None:
    stem = OUT / name
    subprocess.run(["pdftoppm", "-r", DPI, "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                   check=True)
    print(stem.with_suffix(".png"))


def _starts_with(pdf: Path, page: int, text: str) -> bool:
    raw = subprocess.run(["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [line for line in raw.splitlines() if line.strip() and "—" not in line]
    return bool(lines) and lines[0].strip() == text


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_demo(work / "demo.sydw")
        with Workspace.open(work / "demo.sydw", readonly=True) as ws:
            snap = ws.snapshot()
        draft = export_all(snap, work / "draft", {"pdf"}, templates=TemplateStore(root=work / "none"),
                           fonts=FontBook({}))
        _png(next(e.path for e in draft.entries if e.kind == "sanding"), 1, "sanding-draft-p1")
        snap.rounds.append(Round(snap.rounds[-1].number + 1 if snap.rounds else 1, RoundDirection.APPROVED,
                                 "2026-11-30"))
        snap.settings.update({"doc.doc_no": "示编委发〔2026〕16号", "doc.date": "2026-11-30",
                              "doc.request_date": "2026-11-20"})
        result = export_all(snap, work / "out", templates=TemplateStore(root=work / "none"), fonts=FontBook({}))
        pdfs = [e for e in result.entries if e.format == "pdf"]
        _png(next(e.path for e in pdfs if e.path.stem.endswith("请示")), 1, "request-p1")
        first = {
            "plan": next(e for e in pdfs if e.path.name == "改革方案.pdf"),
            "sanding-reply": next(e for e in pdfs if e.kind == "sanding" and e.title.endswith("批复")),
            "sanding-notice": next(e for e in pdfs if e.kind == "sanding" and e.title.endswith("通知")),
            "quanxian": next(e for e in pdfs if e.kind == "quanxian"),
            "charter": next(e for e in pdfs if e.kind == "charter"),
            "contents": next(e for e in pdfs if e.kind == "contents"),
        }
        for name, entry in first.items():
            _png(entry.path, 1, f"{name}-p1")
        _png(first["sanding-notice"].path, 2, "sanding-notice-p2")
        _png(first["contents"].path, 2, "contents-p2")
        attachments = first["plan"].path
        page = next(p for p in range(1, (first["plan"].pages or 1) + 1) if _starts_with(attachments, p, "附件1"))
        _png(attachments, page, "plan-attachment1-p1")
        soffice = shutil.which("soffice")
        if soffice:
            table = work / "out" / "改革前后机构编制对照表.xlsx"
            subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'lo'}", "--headless", "--convert-to",
                            "pdf", "--outdir", str(work / "lo-out"), str(table)], check=True, capture_output=True)
            _png(work / "lo-out" / "改革前后机构编制对照表.pdf", 1, "table-comparison-p1")


if __name__ == "__main__":
    main()
