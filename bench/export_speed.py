"""Benchmark: our PDF rendering against LibreOffice converting the same DOCX files.

The demo (示例旗, 35 units after the reform) is scaled to ≥ 100 after-units by copying every unit
with its documents under a new name. Every document is exported as DOCX; then the PDFs are made
twice from those DOCX files: by our renderer (reading each DOCX and laying it out with reportlab)
and by LibreOffice headless (one warmed-up process converting the whole batch). The last line
printed is JSON: {"units", "pages", "ours_s", "libreoffice_s", "ratio"} (ratio = LibreOffice ÷ ours).

Usage: python bench/export_speed.py [--copies 3] [--out DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.documents import TemplateStore, export_all  # noqa: E402
from sydw_desktop.documents.fonts import FontBook  # noqa: E402
from sydw_desktop.documents.pdf_render import render_pdf  # noqa: E402
from sydw_desktop.model import Snapshot, UnitId  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402

COPY_NAMES = "甲乙丙丁戊己庚辛壬癸"


def scaled_demo(folder: Path, copies: int) -> Snapshot:
    """The demo with every unit (before and after) and its documents repeated ``copies`` times."""
    path = folder / "demo.sydw"
    write_demo(path)
    with Workspace.open(path, readonly=True) as ws:
        snap = ws.snapshot()
    before, after, transfers = [], [], []
    sanding, charters, quanxian = {}, {}, {}
    for k in range(copies):
        offset = k * 100_000

        def renamed(name: str, k: int = k) -> str:
            return name if k == 0 else name.replace("示例旗", f"示例旗{COPY_NAMES[k % 10]}区", 1)

        def new_id(uid: int | None, offset: int = offset) -> UnitId | None:
            return None if uid is None else UnitId(uid + offset)

        for u in snap.before:
            c = copy.deepcopy(u)
            c.id, c.destination, c.name = new_id(u.id), new_id(u.destination), renamed(u.name)
            before.append(c)
        for u in snap.after:
            c = copy.deepcopy(u)
            c.id, c.name = new_id(u.id), renamed(u.name)
            after.append(c)
            for source, target in ((snap.sanding, sanding), (snap.charters, charters), (snap.quanxian, quanxian)):
                if u.id in source:
                    target[new_id(u.id)] = copy.deepcopy(source[u.id])
        for t in snap.transfers:
            c = copy.deepcopy(t)
            c.source, c.target = new_id(t.source), new_id(t.target)
            transfers.append(c)
    return Snapshot(snap.jurisdiction, before, after, transfers, sanding, charters, quanxian,
                    snap.explanations, snap.param_overrides, snap.settings, snap.rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=3, help="copies of the demo's units (3 → 105 after-units)")
    parser.add_argument("--out", type=Path, help="keep the files here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="sydw-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        snap = scaled_demo(work, args.copies)
        docx_dir, ours_dir, lo_dir = work / "docx", work / "ours", work / "libreoffice"
        for d in (docx_dir, ours_dir, lo_dir):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir()
        store = TemplateStore(root=work / "no-installed-templates")
        fonts = FontBook({})

        t0 = time.perf_counter()
        result = export_all(snap, docx_dir, {"docx"}, draft=True, templates=store, fonts=fonts)
        docx_s = time.perf_counter() - t0
        docx_files = sorted(p for p in result.files if p.suffix == ".docx")
        print(f"{len(snap.after)} after-units, {len(docx_files)} DOCX files filled and saved in {docx_s:.1f} s")

        render_pdf(Document(str(docx_files[0])), ours_dir / "warm-up.pdf", fonts=fonts)  # load fonts once
        (ours_dir / "warm-up.pdf").unlink()
        pages = 0
        t0 = time.perf_counter()
        for path in docx_files:
            pages += render_pdf(Document(str(path)), ours_dir / f"{path.stem}.pdf", fonts=fonts).pages
        ours_s = time.perf_counter() - t0
        print(f"ours: {pages} pages in {ours_s:.1f} s ({ours_s / len(docx_files) * 1000:.0f} ms per document)")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise SystemExit("LibreOffice (soffice) is needed for the comparison")
        profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work / "lo-warm"),
                        str(docx_files[0])], check=True, capture_output=True)
        t0 = time.perf_counter()
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(lo_dir),
                        *map(str, docx_files)], check=True, capture_output=True)
        lo_s = time.perf_counter() - t0
        converted = len(list(lo_dir.glob("*.pdf")))
        print(f"LibreOffice: {converted} of {len(docx_files)} files in {lo_s:.1f} s")

        t0 = time.perf_counter()
        full = export_all(snap, work / "all", draft=True, templates=store, fonts=fonts)
        print(f"whole export (DOCX + PDF + XLSX + contents): {len(full.files)} files, "
              f"{full.pages} PDF pages in {time.perf_counter() - t0:.1f} s")
        print(json.dumps({
            "units": len(snap.after),
            "pages": pages,
            "ours_s": round(ours_s, 2),
            "libreoffice_s": round(lo_s, 2),
            "ratio": round(lo_s / ours_s, 2),
        }))
    finally:
        if args.out is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
