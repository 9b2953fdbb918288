"""Helpers for the packet tests: identities, small real payloads, and zip surgery for tampering."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from sydw_desktop.packets.identity import Identity, generate_identity, save_identity

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "测试口令-2026-packet"
OFFICE = "示例旗机构编制委员会办公室"
DEMO_CODE = "159901"


@cache
def identity(office: str = OFFICE, code: str | None = DEMO_CODE) -> Identity:
    """One identity per (office, code) per test session: key generation is cheap, but reuse keeps
    fingerprints stable within a session."""
    return generate_identity(office, code)


def write_identity(folder: Path, name: str = "office", ident: Identity | None = None) -> tuple[Path, Path]:
    files = save_identity(ident or identity(), folder / f"{name}.p12", PASSPHRASE)
    return files.p12, files.certificate_pem


def run_cli(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None,
            passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sydw_desktop`` in a child process (the real entry point)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    full_env.pop("SYDW_PASSPHRASE", None)
    if passphrase is not None:
        full_env["SYDW_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "sydw_desktop", *map(str, args)],
        capture_output=True, text=True, env=full_env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=900,
    )


# -- small real payloads -----------------------------------------------------------------------

FONT = ROOT / "resources" / "fonts" / "ui" / "NotoSansSC-Regular-GB2312.ttf"


def cli_ok(r: subprocess.CompletedProcess[str]) -> str:
    """The stdout of a CLI run that must succeed (exit 0); otherwise fail with what it said."""
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def cli_refused(r: subprocess.CompletedProcess[str], *words: str) -> str:
    """The stderr of a CLI run that must be refused (exit 1) naming each of ``words``."""
    assert r.returncode == 1, r.stdout + r.stderr
    for w in words:
        assert w in r.stderr, r.stderr
    return r.stderr


def small_pdf(text: str) -> bytes:
    """A one-page PDF with Chinese text in an embedded font (no base-14 font in its resources)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "NotoTest" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("NotoTest", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName="NotoTest")
    c.setFont("NotoTest", 14)
    c.drawString(72, 700, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def small_xlsx(rows: Iterable[Iterable[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- zip surgery -------------------------------------------------------------------------------

Entry = tuple[zipfile.ZipInfo, bytes]


def read_entries(packet: Path) -> list[Entry]:
    with zipfile.ZipFile(packet) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def write_entries(out: Path, entries: Iterable[Entry]) -> Path:
    with zipfile.ZipFile(out, "w") as z:
        for info, data in entries:
            z.writestr(info, data)
    return out


def rewrite(packet: Path, out: Path, change: Callable[[list[Entry]], list[Entry]]) -> Path:
    """Copy ``packet`` to ``out`` with its entries passed through ``change``."""
    return write_entries(out, change(read_entries(packet)))


def bag_prefix(packet: Path) -> str:
    with zipfile.ZipFile(packet) as z:
        return z.namelist()[0].split("/")[0] + "/"


def entry_info(name: str, *, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 11, 29, 0, 0, 0))
    info.external_attr = mode << 16
    info.create_system = 3
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def flip_byte(data: bytes, at: int | None = None) -> bytes:
    """``data`` with one byte changed (by default in the middle)."""
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]


def unzip(packet: Path, into: Path) -> Path:
    """Extract a (trusted, self-made) packet with the system's ``unzip``-equivalent; return the bag."""
    with zipfile.ZipFile(packet) as z:
        z.extractall(into)
        top = z.namelist()[0].split("/")[0]
    return into / top


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


# -- packets -----------------------------------------------------------------------------------


def build_small_packet(folder: Path, ident: Identity | None = None, *, name: str = "small.zip",
                       round_number: int = 1) -> Path:
    """A real signed packet of a small workspace, from hand-made PDFs and a table.

    For the mechanics (assembly, zip, verify); the acceptance tests pack the real demo instead.
    """
    from datetime import date

    from workspace_helpers import new_workspace, small_plan

    from sydw_desktop.packets.assemble import PacketHeader, assemble_bag
    from sydw_desktop.packets.workspace_json import workspace_to_json
    from sydw_desktop.packets.zipwrite import zip_bag
    from sydw_desktop.rules.findings import CheckReport

    ident = ident or identity("测试旗机构编制委员会办公室", "159999")
    ws_path = folder / f"{name}.sydw"
    with new_workspace(ws_path, small_plan()) as ws:
        snapshot = ws.snapshot()
    report = CheckReport(snapshot.jurisdiction.name, date.today().isoformat(), "test-rules")
    header = PacketHeader(
        region_code="159999", jurisdiction="测试旗", level="旗县", round_number=round_number,
        bagging_date=date.today().isoformat(), source_organization=ident.info.office,
        rules_version="test-rules", external_identifier="urn:uuid:00000000-0000-4000-8000-000000000001",
    )
    build = folder / f"{name}.build"
    bag_dir = build / header.bag_name
    (bag_dir / "data").mkdir(parents=True)
    (bag_dir / "data" / "改革方案.pdf").write_bytes(small_pdf("测试旗事业单位改革方案"))
    (bag_dir / "data" / "“三定”规定-测试旗综合服务中心.pdf").write_bytes(small_pdf("测试旗综合服务中心“三定”规定"))
    (bag_dir / "data" / "改革前后对照表.xlsx").write_bytes(small_xlsx([["单位名称", "核定编制"], ["测试旗综合服务中心", 24]]))
    assemble_bag(bag_dir, header, ident, workspace_json=workspace_to_json(snapshot), check_report=report.to_json())
    out = folder / name
    zip_bag(bag_dir, out)
    shutil.rmtree(build)
    return out


_PACKED: dict[Path, tuple[Path, Path]] = {}


def packed_demo(base: Path) -> tuple[Path, Path]:
    """The real demo workspace packed with the demo office's identity (once per ``base`` folder).

    Returns the packet and the signer's ``.cert.pem``.
    """
    if base not in _PACKED:
        from sydw_desktop.demo import write_demo
        from sydw_desktop.packets.pack import pack_workspace

        base.mkdir(parents=True, exist_ok=True)
        write_demo(base / "示例旗.sydw")
        _, pem = write_identity(base, "示例旗编办")
        packet = base / "示例旗报送包.zip"
        pack_workspace(base / "示例旗.sydw", identity(), packet, note="第一轮上报")
        _PACKED[base] = (packet, pem)
    return _PACKED[base]
