"""Fonts: role discovery, bundled fallbacks, and the coverage check with a 喆/堃 name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from documents_helpers import demo_snapshot, pdffonts, pdftotext, squash
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from pyhanko.pdf_utils.reader import PdfFileReader

from sydw_desktop.documents.context import charter_context
from sydw_desktop.documents.docx_render import fill, finish
from sydw_desktop.documents.fonts import (
    BUNDLED_FILES,
    FontBook,
    FontFile,
    Role,
    bundled_face,
    coverage,
    installed_fonts,
    missing_chars,
    role_of,
)
from sydw_desktop.documents.pdf_render import render_pdf
from sydw_desktop.documents.templates import TemplateStore
from sydw_desktop.paths import resources

RARE_NAME = "示例旗喆堃文化服务中心"


def test_font_names_map_to_roles() -> None:
    assert role_of("仿宋_GB2312") is Role.FANGSONG
    assert role_of("FangSong") is Role.FANGSONG
    assert role_of("方正小标宋简体") is Role.XIAOBIAOSONG
    assert role_of("华文中宋") is Role.XIAOBIAOSONG
    assert role_of("黑体") is Role.HEITI
    assert role_of("SimHei") is Role.HEITI
    assert role_of("楷体_GB2312") is Role.KAITI
    assert role_of("宋体") is Role.SONGTI
    assert role_of("Some Unknown Face") is Role.FANGSONG


def test_bundled_fonts_are_truetype_subsets_with_licences_under_25mb() -> None:
    folder = resources() / "fonts"
    total = 0
    for name in set(BUNDLED_FILES.values()):
        path = folder / name
        total += path.stat().st_size
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        assert "glyf" in font and "CFF " not in font
    assert total < 25_000_000
    for licence in ("OFL-NotoSerifSC.txt", "OFL-NotoSansSC.txt", "OFL-LXGWWenKai.txt"):
        assert "SIL OPEN FONT LICENSE" in (folder / licence).read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "pyftsubset" in readme or "subset_fonts.py" in readme
    body = bundled_face(Role.FANGSONG)
    assert not missing_chars(body, "喆堃珺玥镕昇〔〕—")
    assert missing_chars(bundled_face(Role.XIAOBIAOSONG), "喆堃") == ["喆", "堃"]


def test_without_installed_fonts_every_role_uses_its_bundled_face() -> None:
    book = FontBook({})
    for name, role in (("仿宋_GB2312", Role.FANGSONG), ("方正小标宋简体", Role.XIAOBIAOSONG),
                       ("黑体", Role.HEITI), ("楷体_GB2312", Role.KAITI), ("宋体", Role.SONGTI)):
        resolved = book.resolve(name)
        assert resolved.role is role
        assert resolved.face == bundled_face(role) and resolved.substituted


def _cff_font(path: Path, family: str) -> None:
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({ord("A"): "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((250, 700))
    pen.closePath()
    glyph = pen.getCharString()
    fb.setupCFF(family, {"FullName": family}, {".notdef": glyph, "A": glyph}, {})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))


def test_installed_fonts_are_found_by_family_and_cff_fonts_are_skipped(tmp_path: Path) -> None:
    shutil.copy(resources() / "fonts" / BUNDLED_FILES[Role.KAITI], tmp_path / "kai.ttf")
    _cff_font(tmp_path / "cff.otf", "CffOnly")
    found = installed_fonts((tmp_path,))
    assert "sydw kai gb2312" in found
    assert "cffonly" not in found
    book = FontBook(found)
    resolved = book.resolve("Sydw Kai GB2312")
    assert resolved.face.path == tmp_path / "kai.ttf" and not resolved.substituted
    # a 楷体 request finds no installed 楷体 family here, so the bundled stand-in serves
    assert book.resolve("楷体_GB2312").face.bundled


def _resolve(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _unit_chars_by_font(pdf: Path) -> dict[str, set[str]]:
    """Characters each embedded font maps (its ToUnicode CMap): which font drew what."""
    out: dict[str, set[str]] = {}
    with pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        for page in reader.root["/Pages"]["/Kids"]:
            fonts = _resolve(_resolve(_resolve(page)["/Resources"])["/Font"])
            for key in fonts:
                font = _resolve(fonts[key])
                name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
                cmap = font["/ToUnicode"].data.decode("latin-1")
                chars = {chr(int(u, 16)) for u in re.findall(r"<[0-9A-Fa-f]{2}> <([0-9A-Fa-f]{4,})>", cmap)}
                out.setdefault(name, set()).update(chars)
    return out


def _charter_pdf(tmp_path: Path, book: FontBook, **charter_changes: str):
    snap = demo_snapshot(tmp_path)
    unit = snap.after[0]
    unit.name = RARE_NAME
    for key, value in charter_changes.items():
        setattr(snap.charters[unit.id], key, value)
    filled = fill(TemplateStore(root=tmp_path / "t").path("charter"), charter_context(snap, unit.id))
    finish(filled.document)
    pdf = tmp_path / "章程.pdf"
    return pdf, render_pdf(filled.document, pdf, fonts=book)


def test_rare_name_characters_are_warned_and_drawn_with_a_covering_font(tmp_path: Path) -> None:
    pdf, result = _charter_pdf(tmp_path, FontBook({}))
    title_issue = next(i for i in result.issues if i.requested == "方正小标宋简体")
    assert title_issue.chars == "喆堃"
    assert title_issue.face == "思源宋体（粗）"
    assert title_issue.fallback == "思源宋体"
    assert "喆堃" in title_issue.text() and "改用" in title_issue.text()
    assert RARE_NAME + "章程" in squash(pdftotext(pdf, "-raw"))
    drawn = _unit_chars_by_font(pdf)
    assert {"喆", "堃"} <= drawn["NotoSerifSC-Regular"]
    assert not {"喆", "堃"} & drawn["NotoSerifSC-Bold"]
    assert all(f.embedded for f in pdffonts(pdf))


def test_a_gb2312_only_installed_body_font_falls_back_per_character(tmp_path: Path) -> None:
    """Like a clerk's 仿宋_GB2312: the body keeps it, 喆 and 堃 come from the bundled GBK face."""
    gb2312_only = FontFile(resources() / "fonts" / BUNDLED_FILES[Role.KAITI], 0, "仿宋_GB2312")
    book = FontBook({"仿宋_gb2312": gb2312_only})
    assert ord("喆") not in coverage(gb2312_only)
    pdf, result = _charter_pdf(tmp_path, book, address="示例旗巴彦镇喆堃路8号")
    body_issue = next(i for i in result.issues if i.requested == "仿宋_GB2312")
    assert body_issue.face == "仿宋_GB2312" and body_issue.chars == "喆堃"
    assert body_issue.fallback == "思源宋体"
    text = squash(pdftotext(pdf, "-raw"))
    assert "本单位住所：示例旗巴彦镇喆堃路8号。" in text
    drawn = _unit_chars_by_font(pdf)
    assert {"喆", "堃"} <= drawn["NotoSerifSC-Regular"]
    assert "住" in drawn["SydwKai-Regular"]  # the "installed" face draws the rest of the body
    assert not any(s.requested == "仿宋_GB2312" for s in result.substitutions)


def test_characters_no_font_has_are_reported(tmp_path: Path) -> None:
    _pdf, result = _charter_pdf(tmp_path, FontBook({}), address="示例旗𠀾路1号")
    issue = next(i for i in result.issues if "𠀾" in i.chars)
    assert issue.fallback == "" and "没有可用字体" in issue.text()
