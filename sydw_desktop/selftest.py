"""``sydw --self-test``: run the whole chain once in a temporary folder and say what worked.

Write the demo workspace, check it, export every document and table, make a throw-away signing
identity, pack, verify the packet and read back one PDF page. One line per step, the last line
``self-test: N passed, M failed``; exit 0 only when every step passed. A step that cannot run
because an earlier one failed counts as failed. Nothing outside the temporary folder is written
(the user's templates are read, as a real export would).

The GUI adds its own steps (``ui/selftest.py``) by passing them to :func:`run`.
"""

from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import SydwError

# The temporary folder's name has Chinese characters and a space, as a clerk's folders do.
FOLDER_NAME = "自检 材料"
A4_POINTS = (595.28, 841.89)


@dataclass
class Chain:
    """What the steps hand on to each other."""

    folder: Path
    workspace: Path | None = None
    snapshot: Any = None
    report: Any = None
    exported: list[Path] = field(default_factory=list)
    first_pdf: Path | None = None
    identity: Any = None
    certificate: Path | None = None
    packet: Path | None = None


Step = tuple[str, Callable[[Chain], str]]
"""A step: its name (Chinese) and a function returning a one-line detail or raising."""


class StepFailed(Exception):
    """A step's check did not hold; the message says what was wrong."""


# -- the core steps ----------------------------------------------------------------------------


def write_demo_step(chain: Chain) -> str:
    from .demo import write_demo

    chain.workspace = chain.folder / "示例旗 工作区.sydw"
    write_demo(chain.workspace)
    return f"{chain.workspace.name}（{chain.workspace.stat().st_size // 1024} KB）"


def check_step(chain: Chain) -> str:
    from .rules import load_catalogue, run_checks
    from .rules.findings import Severity
    from .workspace import Workspace

    assert chain.workspace is not None
    with Workspace.open(chain.workspace, readonly=True) as ws:
        chain.snapshot = ws.snapshot()
    rules = sum(1 for r in load_catalogue().rules if r.stage == "check")  # doc.* run at export
    chain.report = report = run_checks(chain.snapshot)
    if report.has_errors:
        raise StepFailed(f"示例工作区有 {report.count(Severity.ERROR)} 项错误")
    return (f"规则 {rules} 条，错误 0 项，警告 {report.count(Severity.WARNING)} 项，"
            f"提示 {report.count(Severity.INFO)} 项")


def export_step(chain: Chain) -> str:
    from .documents.export import export_all
    from .documents.xlsx_tables import TABLES

    out = chain.folder / "导出 文书"
    result = export_all(chain.snapshot, out, {"pdf", "docx", "xlsx"}, report=chain.report)
    kinds = {e.kind for e in result.entries}
    missing = {"plan", "sanding", "quanxian", "charter", "contents", "table", "findings"} - kinds
    if missing:
        raise StepFailed(f"没有导出：{'、'.join(sorted(missing))}")
    tables = sum(1 for e in result.entries if e.kind == "table")
    if tables != len(TABLES):
        raise StepFailed(f"表格 {tables} 张，应为 {len(TABLES)} 张")
    docx = {e.path.stem for e in result.entries if e.format == "docx"}
    pdf = {e.path.stem for e in result.entries if e.format == "pdf"}
    if not docx <= pdf:
        raise StepFailed(f"这些文书没有 PDF：{'、'.join(sorted(docx - pdf))}")
    empty = [p.name for p in result.files if not p.is_file() or p.stat().st_size == 0]
    if empty:
        raise StepFailed(f"文件为空或不存在：{'、'.join(empty)}")
    chain.exported = result.files
    chain.first_pdf = out / "改革方案.pdf"
    return f"文件 {len(result.files)} 个（文书 {len(docx)} 份，表格 {tables} 张），PDF 共 {result.pages} 页"


def identity_step(chain: Chain) -> str:
    from .packets.identity import generate_identity, load_identity, save_identity

    assert chain.snapshot is not None
    jurisdiction = chain.snapshot.jurisdiction
    passphrase = secrets.token_urlsafe(16)
    made = generate_identity(f"{jurisdiction.name}机构编制委员会办公室（自检）", jurisdiction.code)
    files = save_identity(made, chain.folder / "自检 身份.p12", passphrase)
    chain.identity = load_identity(files.p12, passphrase)  # read back, as packing from a file does
    chain.certificate = files.certificate_pem
    return f"{chain.identity.info.office}，{chain.identity.info.algorithm}"


def pack_step(chain: Chain) -> str:
    from .packets.pack import pack_workspace

    assert chain.workspace is not None
    chain.packet = chain.folder / "报送包 自检.zip"
    result = pack_workspace(chain.workspace, chain.identity, chain.packet, note="自检", visible_signature=True)
    return f"{result.path.name}：文件 {result.payload_files} 个，已签名 PDF {result.pdfs} 个，{result.size // 1024} KB"


def verify_step(chain: Chain) -> str:
    from .packets.identity import load_certificate
    from .packets.verify import verify_packet

    assert chain.packet is not None and chain.certificate is not None
    result = verify_packet(chain.packet, trusted=[load_certificate(chain.certificate)])
    if not result.ok:
        raise StepFailed("；".join(str(p) for p in result.problems) or "签名证书不受信任")
    return f"通过：data/ 中文件 {result.payload_files} 个，PDF 签名 {result.pdfs_checked} 个"


def pdf_page_step(chain: Chain) -> str:
    """Read the first page of the plan's PDF: A4, text drawn, every font embedded (GB/T 9704)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert chain.first_pdf is not None
    with chain.first_pdf.open("rb") as handle:
        reader = PdfFileReader(handle, strict=True)
        page_ref, _ = reader.find_page_for_modification(0)  # type: ignore[no-untyped-call]  # unannotated in pyHanko
        page = page_ref.get_object()
        box = [float(v) for v in page["/MediaBox"]]
        size = (round(box[2] - box[0], 2), round(box[3] - box[1], 2))
        if any(abs(a - b) > 1 for a, b in zip(size, A4_POINTS, strict=True)):
            raise StepFailed(f"页面 {size[0]}×{size[1]} pt，不是 A4")
        contents = page["/Contents"]
        streams = contents if isinstance(contents, list) else [contents]
        data = b"".join(s.get_object().data for s in streams)
        if b"Tj" not in data and b"TJ" not in data:
            raise StepFailed("首页没有文字")
        fonts = page["/Resources"]["/Font"]
        not_embedded = [str(fonts[name].get("/BaseFont", name)) for name in fonts
                        if not _embedded(fonts[name])]
    if not fonts:
        raise StepFailed("首页没有字体")
    if not_embedded:
        raise StepFailed(f"字体未嵌入：{'、'.join(not_embedded)}")
    return f"{chain.first_pdf.name} 第 1 页：A4，正文 {len(data)} 字节，字体 {len(fonts)} 种均已嵌入"


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0]
    if "/FontDescriptor" not in font:  # one of the 14 standard fonts: never embedded
        return False
    descriptor = font["/FontDescriptor"]  # indexing resolves indirect objects; .get() does not
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


CORE_STEPS: list[Step] = [
    ("写出示例工作区", write_demo_step),
    ("按全部规则检查", check_step),
    ("导出全部文书和表格", export_step),
    ("生成临时签名身份", identity_step),
    ("生成报送包", pack_step),
    ("校验报送包", verify_step),
    ("读取 PDF 页面", pdf_page_step),
]


# -- running -----------------------------------------------------------------------------------


def run(extra_steps: Sequence[Step] = (), out: TextIO | None = None,
        folder: Path | None = None) -> int:
    """Run the core steps and ``extra_steps``; print one line each and the tally. Returns the exit code.

    ``folder``: where the temporary folder is made (default: the system's temporary folder).
    """
    stream = out if out is not None else sys.stdout
    steps = [*CORE_STEPS, *extra_steps]
    passed = failed = 0
    base = Path(tempfile.mkdtemp(prefix="sydw-selftest-", dir=folder))
    chain = Chain(base / FOLDER_NAME)
    try:
        chain.folder.mkdir()
        broken: str | None = None
        for index, (name, action) in enumerate(steps, start=1):
            label = f"[{index}/{len(steps)}] {name}"
            if broken is not None:
                failed += 1
                _line(stream, f"{label}：未运行（“{broken}”失败）")
                continue
            started = time.monotonic()
            try:
                detail = action(chain)
            except (StepFailed, SydwError) as exc:
                failed += 1
                broken = name
                _line(stream, f"{label}：失败 — {exc}")
            except Exception as exc:  # a self-test reports every failure and goes on
                failed += 1
                broken = name
                _line(stream, f"{label}：失败 — {type(exc).__name__}: {exc}")
            else:
                passed += 1
                _line(stream, f"{label}：通过 — {detail}（{time.monotonic() - started:.1f} 秒）")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    _line(stream, f"self-test: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def _line(stream: TextIO, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()
