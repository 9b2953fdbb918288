"""The 通报's 署名 and 成文日期 stand on a page with 正文 (GB/T 9704 7.3.5): however long the body
grows, the signature block never lands alone on a page of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from method_helpers import demo_file_fixture, ws_fixture  # noqa: F401

from sydw_desktop.method.bulletin import write_bulletin
from sydw_desktop.method.model import Period
from sydw_desktop.method.progress_report import Event, build_summary
from sydw_desktop.method.records import MethodRecords, cn_date
from sydw_desktop.workspace import Workspace

LAST_BODY = "本期各项进展的明细见所附"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed")
def test_the_signature_never_stands_alone_on_a_page(ws: Workspace, tmp_path: Path) -> None:
    base = build_summary(MethodRecords(ws), Period.MONTH, dt.date(2026, 12, 20))
    date = cn_date(base.end)
    pages_seen = set()
    for extra in range(0, 26):  # the 督查评估 paragraph grows about a line per event: past a page's end
        events = [*base.events, *(Event(base.end, "督查评估", f"示例旗第{n}评估单位", "履职正常，编制使用规范，内设机构运行有序")
                                   for n in range(extra))]
        summary = dataclasses.replace(base, events=events)
        pdf = tmp_path / f"通报{extra}.pdf"
        office = "示例旗机构编制委员会办公室"
        write_bulletin(summary, pdf, office=office, doc_no="示编办发〔2026〕33号")
        pages = _pages(pdf)
        pages_seen.add(len([p for p in pages if p.strip()]))
        [signed] = [p for p in pages if any(line.strip() == date for line in p.splitlines())]
        assert office in signed and LAST_BODY in "".join(signed.split()), (extra, signed)
    assert len(pages_seen) > 1  # the body did cross a page boundary
