"""Small generated banners, each as a real signed filing packet, for the league benchmarks.

A banner is :class:`region.Builder`'s reform at a small size (``--units`` after-units, 1.5 times
as many before), with its warnings explained as a clerk would, checked by the real rule engine
(no ``error``), and sealed by the real packet code (``workspace.json``, ``check-report.json``, one
signed PDF, BagIt, CMS) under its own identity and region code — so receiving it runs the full
verification. The documents are left out to keep generation quick: receiving does not render them.
"""

from __future__ import annotations

import dataclasses
import io
import random
import shutil
import uuid
from datetime import date
from pathlib import Path

from region import Builder  # type: ignore[import-not-found]
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from sydw_desktop.figures import headline_figures
from sydw_desktop.model import Explanation, Jurisdiction, Snapshot
from sydw_desktop.packets.assemble import PacketHeader, assemble_bag
from sydw_desktop.packets.identity import Identity, generate_identity
from sydw_desktop.packets.workspace_json import workspace_to_json
from sydw_desktop.packets.zipwrite import zip_bag
from sydw_desktop.paths import resources
from sydw_desktop.rules import run_checks
from sydw_desktop.rules.findings import CheckReport, Severity
from sydw_desktop.vocab import Level

FONT = resources() / "fonts" / "ui" / "NotoSansSC-Regular-GB2312.ttf"


def _pdf(text: str) -> bytes:
    if "BenchSC" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchSC", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName="BenchSC")
    c.setFont("BenchSC", 14)
    for i, line in enumerate(text.splitlines()):
        c.drawString(72, 760 - 22 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclasses.dataclass(frozen=True)
class BannerPacket:
    code: str
    name: str
    packet: Path
    identity: Identity


def banner_snapshot(code: str, name: str, seed: int, units: int) -> tuple[Snapshot, CheckReport]:
    """A generated banner with its warnings explained, and its check report (no ``error``)."""
    b = Builder(random.Random(seed), code)
    b.jurisdiction(name, units, 1.5)
    snap = b.snapshot(Jurisdiction(name, code, Level.BANNER, unit_cap=units * 2, staff_cap=units * 60))
    for f in run_checks(snap).findings:
        if f.severity is Severity.WARNING:
            snap.explanations[f.key] = Explanation(f.rule, f.key[1], f.key[2], "已核实，确需保留。", f.fingerprint)
    report = run_checks(snap)
    assert not report.has_errors and not report.unexplained_warnings, [f.message for f in report.findings][:5]
    return snap, report


def banner_packet(folder: Path, code: str, name: str, seed: int, units: int, round_number: int = 1
                  ) -> BannerPacket:
    """Generate, check and seal one banner's filing packet into ``folder``."""
    snap, report = banner_snapshot(code, name, seed, units)
    ident = generate_identity(f"{name}机构编制委员会办公室", code)
    header = PacketHeader(
        region_code=code, jurisdiction=name, level=Level.BANNER.value, round_number=round_number,
        bagging_date=date.today().isoformat(), source_organization=ident.info.office,
        rules_version=report.rules_version, external_identifier=f"urn:uuid:{uuid.uuid4()}",
    )
    build = folder / f"{code}-{round_number}.build"
    bag_dir = build / header.bag_name
    (bag_dir / "data").mkdir(parents=True)
    lines = [f"{name}事业单位改革情况"] + [f"{f.label}：改革前 {f.before}，改革后 {f.after}" for f in headline_figures(snap)]
    (bag_dir / "data" / "改革情况.pdf").write_bytes(_pdf("\n".join(lines)))
    assemble_bag(bag_dir, header, ident, workspace_json=workspace_to_json(snap), check_report=report.to_json())
    out = folder / f"{code}-{round_number}.zip"
    zip_bag(bag_dir, out)
    shutil.rmtree(build)
    return BannerPacket(code, name, out, ident)
