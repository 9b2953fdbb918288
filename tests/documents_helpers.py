"""Shared helpers of the document tests: the demo snapshot, exports, and the real readers.

Readers are the independent tools a receiving office would use: ``pdftotext``/``pdffonts``/
``pdfinfo`` (poppler) for PDFs, LibreOffice headless for DOCX and XLSX, openpyxl for XLSX.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from sydw_desktop.demo import write_demo
from sydw_desktop.model import Snapshot
from sydw_desktop.workspace import Workspace

MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def approve(snap: Snapshot, doc_no: str = "示编委发〔2026〕16号", on: str = "2026-11-30") -> Snapshot:
    """The demo as it is after the level above has agreed (同意): documents print as issued, with the
    plan's 文号 and 成文日期."""
    from sydw_desktop.model import Round
    from sydw_desktop.vocab import RoundDirection

    number = snap.rounds[-1].number + 1 if snap.rounds else 1
    snap.rounds.append(Round(number, RoundDirection.APPROVED, on))
    snap.settings.update({"doc.doc_no": doc_no, "doc.date": on})
    return snap


def demo_snapshot(tmp: Path, *, flawed: bool = False) -> Snapshot:
    path = tmp / ("flawed.sydw" if flawed else "demo.sydw")
    write_demo(path, flawed=flawed)
    with Workspace.open(path, readonly=True) as ws:
        return ws.snapshot()


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice is required: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
    return exe


def convert(files: list[Path], target: str, outdir: Path) -> dict[Path, Path]:
    """Convert ``files`` with LibreOffice headless (one process); returns source → converted file.

    A file LibreOffice cannot open produces no output, so a missing key means a failed conversion.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / f"profile-{uuid.uuid4().hex[:8]}"
    ext = target.split(":")[0]
    out: dict[Path, Path] = {}
    for start in range(0, len(files), 40):
        batch = files[start:start + 40]
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), *map(str, batch)],
            check=True, capture_output=True, timeout=600,
        )
        for f in batch:
            converted = outdir / f"{f.stem}.{ext}"
            if converted.is_file() and converted.stat().st_size > 0:
                out[f] = converted
    shutil.rmtree(profile, ignore_errors=True)
    return out


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def pdffonts(pdf: Path) -> list[FontRow]:
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni id gen: emb is the 5th field from the end
        rows.append(FontRow(parts[0], parts[1], parts[-5] == "yes"))
    return rows


def squash(text: str) -> str:
    """Whitespace normalisation: remove every whitespace character."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def words(pdf: Path, page: int) -> list[Word]:
    """Words with their boxes (points, origin top-left) from ``pdftotext -bbox``."""
    html = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [Word(t, float(a), float(b), float(c), float(d)) for a, b, c, d, t in re.findall(pattern, html)]


def lines_of(ws: list[Word], tolerance: float = 1.0) -> list[list[Word]]:
    """Words grouped into lines by baseline."""
    lines: list[list[Word]] = []
    for w in sorted(ws, key=lambda w: (w.y1, w.x0)):
        if lines and abs(lines[-1][0].y1 - w.y1) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


# --- one demo export per test session ---------------------------------------------------------

_SESSION: dict[str, object] = {}


def session_dir() -> Path:
    import atexit
    import tempfile

    if "dir" not in _SESSION:
        path = Path(tempfile.mkdtemp(prefix="sydw-docs-"))
        atexit.register(shutil.rmtree, path, True)
        _SESSION["dir"] = path
    return _SESSION["dir"]  # type: ignore[return-value]


def demo_export():
    """The demo exported once as issued (approved; all formats, bundled fonts, default templates):
    (snapshot, result)."""
    if "export" not in _SESSION:
        from sydw_desktop.documents import TemplateStore, export_all
        from sydw_desktop.documents.fonts import FontBook

        base = session_dir()
        snap = approve(demo_snapshot(base))
        result = export_all(snap, base / "out", templates=TemplateStore(root=base / "no-installed"),
                            fonts=FontBook({}))
        _SESSION["export"] = (snap, result)
    return _SESSION["export"]


def demo_conversions(target: str) -> dict[Path, Path]:
    """LibreOffice conversions of every exported DOCX (``txt``) or XLSX (``csv``/``pdf``), cached."""
    key = f"convert:{target}"
    if key not in _SESSION:
        _snap, result = demo_export()
        suffix = ".xlsx" if target.startswith(("csv", "pdf")) else ".docx"
        files = [p for p in result.files if p.suffix == suffix]
        _SESSION[key] = convert(files, target, session_dir() / f"lo-{target.split(':')[0]}")
    return _SESSION[key]  # type: ignore[return-value]


def flawed_snapshot() -> Snapshot:
    """The training variant of the demo (it has ``error`` findings), built once."""
    if "flawed" not in _SESSION:
        folder = session_dir() / "flawed"
        folder.mkdir(exist_ok=True)
        _SESSION["flawed"] = demo_snapshot(folder, flawed=True)
    return _SESSION["flawed"]  # type: ignore[return-value]
