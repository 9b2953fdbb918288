"""The DOCX files: fonts on every run, GB/T 9704 page set-up, finishing steps, data from the workspace."""

from __future__ import annotations

import zipfile

from documents_helpers import demo_export
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from sydw_desktop.documents.docx_render import _title_breaks, fill, finish
from sydw_desktop.documents.numerals import cnum, wan_upper
from sydw_desktop.documents.templates import TemplateStore
from sydw_desktop.figures import headline_figures

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(result, name):
    return next(p for p in result.files if p.name == name)


def test_every_run_has_an_east_asian_font() -> None:
    _snap, result = demo_export()
    for path in [p for p in result.files if p.suffix == ".docx"]:
        with zipfile.ZipFile(path) as z:
            for part in [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
                         and ("document" in n or "header" in n or "footer" in n)]:
                root = etree.fromstring(z.read(part))
                for run in root.iter(f"{W}r"):
                    fonts = run.find(f"{W}rPr/{W}rFonts")
                    assert fonts is not None and fonts.get(f"{W}eastAsia"), (path.name, part)


def test_page_setup_follows_gbt_9704() -> None:
    _snap, result = demo_export()
    doc = Document(str(_docx(result, "章程-示例旗融媒体中心.docx")))
    s = doc.sections[0]
    mm = 36000
    assert (round(s.page_width / mm), round(s.page_height / mm)) == (210, 297)
    assert round(s.top_margin / mm) == 37 and round(s.left_margin / mm) == 28
    assert round((s.page_width - s.left_margin - s.right_margin) / mm) == 156
    assert round((s.page_height - s.top_margin - s.bottom_margin) / mm) == 225
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right, left
    assert "PAGE" in odd._p.xml and odd.text.startswith("— ") and odd.text.endswith(" —")
    assert doc.styles["正文"].font.size.pt == 16
    assert doc.styles["标题"].font.size.pt == 22


def test_plan_attachments_are_landscape_and_ditto_cells_are_merged() -> None:
    _snap, result = demo_export()
    doc = Document(str(_docx(result, "改革方案.docx")))
    assert [s.orientation for s in doc.sections] == [0, 1]
    body = doc.element.body
    assert "〃" not in "".join(t.text or "" for t in body.iter(f"{W}t"))
    table = body.find(f"{W}tbl")
    assert table.findall(f".//{W}vMerge"), "after-units spanning several rows are merged"


def test_plan_figures_come_from_the_workspace() -> None:
    snap, result = demo_export()
    text = "".join(p.text for p in Document(str(_docx(result, "改革方案.docx"))).paragraphs)
    units, staffing, _depts, _leaders = headline_figures(snap)
    assert f"事业单位由{units.before}个调整为{units.after}个，精简{units.reduced}个，精简比例{units.ratio_text()}" in text
    assert f"事业编制由{staffing.before}名调整为{staffing.after}名" in text


def test_signature_is_centred_over_the_date_and_titles_are_balanced() -> None:
    snap, _ = demo_export()
    uid = snap.after[0].id
    from sydw_desktop.documents.context import sanding_context

    filled = fill(TemplateStore(root=None).default_path("sanding_reply"), sanding_context(snap, uid))
    finish(filled.document)
    paras = filled.document.paragraphs
    sig = next(p for p in paras if p.style.name == "署名")
    date = next(p for p in paras if p.style.name == "成文日期")
    units = lambda t: sum(0.5 if ord(c) < 0x2E80 else 1 for c in t)  # noqa: E731
    right = int(sig._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    assert right == max(0, round(400 + (units(date.text) - units(sig.text)) * 50))
    title = next(p for p in paras if p.style.name == "标题")
    assert title._p.findall(f".//{W}br"), "a two-line title is broken at a balanced point"
    lines = _title_breaks("关于示例旗融媒体中心机构职能编制规定的批复", 20.1)
    assert lines == [10]


def test_number_formats() -> None:
    assert [cnum(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
    assert wan_upper(63) == "陆拾叁万元"
    assert wan_upper(12.5) == "壹拾贰万伍仟元"
    assert wan_upper(1005) == "壹仟零伍万元"
    assert wan_upper(0.35) == "叁仟伍佰元"
