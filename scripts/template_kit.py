"""Building blocks for ``make_templates.py``: the GB/T 9704 page, the style set, paragraphs, tables.

Every template shares one page set-up and one small set of named styles; the PDF renderer lays out
each style by its name and properties, so an office's own template keeps working as long as it
uses these style names (it may change their fonts, sizes, colours and bold).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips

# --- page: GB/T 9704-2012 ---------------------------------------------------------------------

TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
LINE = 579  # one line of the 22-line grid, in twips (28.95 pt)
CHAR_SPACE = -849  # docGrid charSpace: 16 pt − 849/4096 pt = 15.79 pt → 28 characters in 156 mm
FOOTER = 1307  # twips from the page edge to the bottom of the page-number line (top 7 mm below the text block)

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
RED = "FF0000"


@dataclass
class StyleSpec:
    name: str
    font: str = FANGSONG
    size: float = 16
    bold: bool = False
    color: str | None = None
    align: str | None = None  # both | center | right | left
    first_chars: int | None = None  # first-line indent, hundredths of a character
    left_chars: int | None = None
    right_chars: int | None = None
    hanging_chars: int | None = None
    line: int | None = LINE  # exact line height (twips)
    snap: bool = True
    keep_next: bool = False
    break_before: bool = False
    before: int | None = None  # space before, twips
    borders: dict[str, tuple[int, str, int]] = field(default_factory=dict)  # side → (sz, color, space)
    frame_bottom: bool = False
    tab_right: int | None = None  # a right-aligned tab stop at this position (twips)
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH


def _fonts_element(font: str) -> OxmlElement:
    rfonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")
    return rfonts


def _set_rpr(rpr, spec: StyleSpec) -> None:
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_fonts_element(spec.font))
    if spec.bold:
        rpr.append(OxmlElement("w:b"))
        rpr.append(OxmlElement("w:bCs"))
    if spec.color:
        color = OxmlElement("w:color")
        color.set(qn("w:val"), spec.color)
        rpr.append(color)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(round(spec.size * 2))))
        rpr.append(el)


def _set_ppr(ppr, spec: StyleSpec) -> None:
    for child in list(ppr):
        ppr.remove(child)
    # element order follows CT_PPrBase
    if spec.keep_next:
        ppr.append(OxmlElement("w:keepNext"))
    if spec.break_before:
        ppr.append(OxmlElement("w:pageBreakBefore"))
    if spec.frame_bottom:
        frame = OxmlElement("w:framePr")
        for k, v in (("w:wrap", "around"), ("w:vAnchor", "margin"), ("w:hAnchor", "margin"),
                     ("w:xAlign", "center"), ("w:yAlign", "bottom"), ("w:w", "8845")):
            frame.set(qn(k), v)
        ppr.append(frame)
    widow = OxmlElement("w:widowControl")
    widow.set(qn("w:val"), "0")
    ppr.append(widow)
    if spec.borders:
        pbdr = OxmlElement("w:pBdr")
        for side in ("top", "bottom"):
            if side in spec.borders:
                sz, color, space = spec.borders[side]
                el = OxmlElement(f"w:{side}")
                for k, v in (("w:val", "single"), ("w:sz", str(sz)), ("w:space", str(space)), ("w:color", color)):
                    el.set(qn(k), v)
                pbdr.append(el)
        ppr.append(pbdr)
    if spec.tab_right is not None:
        tabs = OxmlElement("w:tabs")
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "right")
        tab.set(qn("w:pos"), str(spec.tab_right))
        tabs.append(tab)
        ppr.append(tabs)
    if not spec.snap:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.append(snap)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), str(spec.before or 0))
    spacing.set(qn("w:after"), "0")
    if spec.line is not None:
        spacing.set(qn("w:line"), str(spec.line))
        spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)
    ind_attrs = {}
    if spec.first_chars is not None:
        ind_attrs["w:firstLineChars"] = spec.first_chars
    if spec.hanging_chars is not None:
        ind_attrs["w:hangingChars"] = spec.hanging_chars
    if spec.left_chars is not None:
        ind_attrs["w:leftChars"] = spec.left_chars
    if spec.right_chars is not None:
        ind_attrs["w:rightChars"] = spec.right_chars
    if ind_attrs:
        ind = OxmlElement("w:ind")
        for k, v in ind_attrs.items():
            ind.set(qn(k), str(v))
        ppr.append(ind)
    if spec.align:
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), spec.align)
        ppr.append(jc)


BODY = dict(first_chars=200, align="both")

#: The style set of every template. Names are the contract with the PDF renderer.
STYLES: list[StyleSpec] = [
    StyleSpec("正文", **BODY),
    StyleSpec("条文", **BODY),
    StyleSpec("发文机关标志", font=XIAOBIAOSONG, size=36, color=RED, align="center", line=1200, snap=False,
              before=1760),
    StyleSpec("发文字号", align="center", borders={"bottom": (12, RED, 5)}),
    StyleSpec("发文字号上行", align="left", left_chars=100, right_chars=100, borders={"bottom": (12, RED, 5)},
              tab_right=8560),
    StyleSpec("送审稿标识", font=HEITI, align="left"),
    StyleSpec("标题", font=XIAOBIAOSONG, size=22, align="center", snap=False, keep_next=True),
    StyleSpec("主送机关", align="both"),
    StyleSpec("一级标题", font=HEITI, keep_next=True, **BODY),
    StyleSpec("二级标题", font=KAITI, keep_next=True, **BODY),
    StyleSpec("三级标题", **BODY),
    StyleSpec("章标题", font=HEITI, align="center", keep_next=True),
    StyleSpec("附件说明", align="both", left_chars=500, hanging_chars=300),
    StyleSpec("附件说明续", align="both", left_chars=500),
    StyleSpec("署名", align="right", right_chars=400),
    StyleSpec("成文日期", align="right", right_chars=400),
    StyleSpec("附注", **BODY),
    StyleSpec("附件标识", font=HEITI, align="left", break_before=True),
    StyleSpec("另面标题", font=XIAOBIAOSONG, size=22, align="center", snap=False, keep_next=True,
              break_before=True),
    StyleSpec("附件标题", font=XIAOBIAOSONG, size=22, align="center", snap=False, keep_next=True),
    StyleSpec("版记抄送", size=14, align="both", left_chars=100, right_chars=100,
              borders={"top": (8, "000000", 1), "bottom": (6, "000000", 1)}, frame_bottom=True),
    StyleSpec("版记印发", size=14, align="left", left_chars=100, right_chars=100,
              borders={"bottom": (8, "000000", 1)}, frame_bottom=True, tab_right=8560),
    StyleSpec("版记印发单行", size=14, align="left", left_chars=100, right_chars=100,
              borders={"top": (8, "000000", 1), "bottom": (8, "000000", 1)}, frame_bottom=True, tab_right=8560),
    StyleSpec("封面标题", font=XIAOBIAOSONG, size=36, align="center", line=1200, snap=False),
    StyleSpec("封面文字", align="center"),
    StyleSpec("封面信息", align="left", left_chars=400),
    StyleSpec("表头", font=HEITI, size=10.5, align="center", line=300, snap=False),
    StyleSpec("表格文字", size=10.5, align="center", line=300, snap=False),
    StyleSpec("表格文字左", size=10.5, align="left", line=300, snap=False),
    StyleSpec("表头小", font=HEITI, size=9, align="center", line=260, snap=False),
    StyleSpec("表格文字小", size=9, align="center", line=260, snap=False),
    StyleSpec("表格文字小左", size=9, align="left", line=260, snap=False),
    StyleSpec("页码", font=SONGTI, size=14, line=280, snap=False),
    StyleSpec("条号", font=HEITI, kind=WD_STYLE_TYPE.CHARACTER),
    StyleSpec("二级标题字", font=KAITI, kind=WD_STYLE_TYPE.CHARACTER),
    StyleSpec("三级标题字", font=FANGSONG, kind=WD_STYLE_TYPE.CHARACTER),
    StyleSpec("签发人姓名", font=KAITI, kind=WD_STYLE_TYPE.CHARACTER),
]


def _setup_defaults(doc: DocumentObject) -> None:
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_rpr(rpr, StyleSpec("defaults"))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_ppr(ppr, StyleSpec("defaults", align="both"))
    normal = doc.styles["Normal"]
    _set_rpr(normal.element.get_or_add_rPr(), StyleSpec("Normal"))
    _set_ppr(normal.element.get_or_add_pPr(), StyleSpec("Normal", align="both"))
    for spec in STYLES:
        style = doc.styles.add_style(spec.name, spec.kind)
        if spec.kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = normal
            style.quick_style = True
            _set_ppr(style.element.get_or_add_pPr(), spec)
        _set_rpr(style.element.get_or_add_rPr(), spec)


def _page_number_paragraph(odd: bool) -> OxmlElement:
    """``— N —`` in 4号宋体: odd pages right (右空一字), even pages left (左空一字)."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), "页码")
    ppr.append(pstyle)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:rightChars" if odd else "w:leftChars"), "100")
    ppr.append(ind)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "right" if odd else "left")
    ppr.append(jc)
    p.append(ppr)

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = OxmlElement("w:r")
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r.append(el)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r.append(el)
        else:
            el = OxmlElement("w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            r.append(el)
        p.append(r)

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")
    return p


def _setup_section(doc: DocumentObject, *, cover: bool) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = Twips(FOOTER)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        body = footer._element
        for child in list(body):
            body.remove(child)
        body.append(_page_number_paragraph(odd))
    if cover:
        section.different_first_page_header_footer = True
        first = section.first_page_footer._element
        for child in list(first):
            child.getparent().remove(child)
        empty = OxmlElement("w:p")
        first.append(empty)


def new_document(*, cover: bool = False) -> DocumentObject:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _setup_defaults(doc)
    _setup_section(doc, cover=cover)
    core = doc.core_properties
    core.author = "事业单位改革材料编审系统"
    core.title = ""
    core.comments = ""
    return doc


# --- content ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class R:
    """A run with a character style."""

    style: str
    text: str


Run = str | R


def _run(text: str, char_style: str | None = None) -> OxmlElement:
    r = OxmlElement("w:r")
    if char_style:
        rpr = OxmlElement("w:rPr")
        rs = OxmlElement("w:rStyle")
        rs.set(qn("w:val"), doc_style_id(char_style))
        rpr.append(rs)
        r.append(rpr)
    parts = text.split("\t")
    for i, part in enumerate(parts):
        if i:
            r.append(OxmlElement("w:tab"))
        if part:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = part
            r.append(t)
    return r


_STYLE_IDS: dict[str, str] = {}


def doc_style_id(name: str) -> str:
    return _STYLE_IDS.get(name, name)


def paragraph(style: str, *runs: Run) -> OxmlElement:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ps = OxmlElement("w:pStyle")
    ps.set(qn("w:val"), doc_style_id(style))
    ppr.append(ps)
    p.append(ppr)
    for run in runs:
        if isinstance(run, R):
            p.append(_run(run.text, run.style))
        elif run:
            p.append(_run(run))
    return p


def register_style_ids(doc: DocumentObject) -> None:
    for style in doc.styles:
        _STYLE_IDS[style.name] = style.style_id


@dataclass
class Column:
    width_mm: float
    cell: str  # the data row's cell text (Jinja)
    style: str = "表格文字"


@dataclass
class HeaderCell:
    text: str
    span: int = 1
    rows: int = 1  # 2 = merged down into the second header row


def _tc(width: int, paragraphs: list[OxmlElement], *, span: int = 1, vmerge: str | None = None) -> OxmlElement:
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), str(width))
    tcw.set(qn("w:type"), "dxa")
    tcpr.append(tcw)
    if span > 1:
        gs = OxmlElement("w:gridSpan")
        gs.set(qn("w:val"), str(span))
        tcpr.append(gs)
    if vmerge:
        vm = OxmlElement("w:vMerge")
        if vmerge == "restart":
            vm.set(qn("w:val"), "restart")
        tcpr.append(vm)
    va = OxmlElement("w:vAlign")
    va.set(qn("w:val"), "center")
    tcpr.append(va)
    tc.append(tcpr)
    for p in paragraphs:
        tc.append(p)
    return tc


def _tr(cells: list[OxmlElement], *, header: bool = False) -> OxmlElement:
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    tr.append(trpr)
    for c in cells:
        tr.append(c)
    return tr


def table(
    columns: list[Column],
    header: list[list[HeaderCell]],
    loop: str,
    totals: list[list[tuple[str, int, str]]] | None = None,
    header_style: str = "表头",
) -> OxmlElement:
    """A bordered table: header rows (repeated on every page), one data row per item of ``loop``
    (``{%tr for … %}`` / ``{%tr endfor %}`` rows), then total rows of (text, span, style) cells."""
    widths = [int(round(c.width_mm * 56.6929)) for c in columns]
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    for tag, attrs in (
        ("w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"}),
        ("w:jc", {"w:val": "center"}),
    ):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        tblpr.append(el)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
            el.set(qn(k), v)
        borders.append(el)
    tblpr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    mar = OxmlElement("w:tblCellMar")
    for side, w in (("left", 57), ("right", 57)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(w))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    tbl.append(tblpr)
    grid = OxmlElement("w:tblGrid")
    for w in widths:
        gc = OxmlElement("w:gridCol")
        gc.set(qn("w:w"), str(w))
        grid.append(gc)
    tbl.append(grid)

    # header rows; a cell with rows=2 is merged into the second header row
    continuing: dict[int, int] = {}  # column index → width span for the second row
    for level, row in enumerate(header):
        cells = []
        col = 0
        if level == 1:
            # place continue-cells where the first row had rows=2 cells
            pending = sorted(continuing.items())
            row_iter = iter(row)
            while col < len(columns):
                if pending and pending[0][0] == col:
                    _, span = pending.pop(0)
                    width = sum(widths[col:col + span])
                    cells.append(_tc(width, [paragraph(header_style)], span=span, vmerge="continue"))
                    col += span
                    continue
                cell = next(row_iter)
                width = sum(widths[col:col + cell.span])
                cells.append(_tc(width, [paragraph(header_style, cell.text)], span=cell.span))
                col += cell.span
        else:
            for cell in row:
                width = sum(widths[col:col + cell.span])
                vm = "restart" if cell.rows == 2 and len(header) > 1 else None
                if vm:
                    continuing[col] = cell.span
                cells.append(_tc(width, [paragraph(header_style, cell.text)], span=cell.span, vmerge=vm))
                col += cell.span
        tbl.append(_tr(cells, header=True))

    def tag_row(tag: str) -> OxmlElement:
        cells = [_tc(widths[0], [paragraph(columns[0].style, tag)])]
        cells += [_tc(w, [paragraph(c.style)]) for w, c in zip(widths[1:], columns[1:], strict=True)]
        return _tr(cells)

    tbl.append(tag_row(f"{{%tr for {loop} %}}"))
    tbl.append(_tr([_tc(w, [paragraph(c.style, c.cell)]) for w, c in zip(widths, columns, strict=True)]))
    tbl.append(tag_row("{%tr endfor %}"))
    for total in totals or []:
        cells = []
        col = 0
        for text, span, style in total:
            width = sum(widths[col:col + span])
            cells.append(_tc(width, [paragraph(style, text)], span=span))
            col += span
        assert col == len(columns), (col, len(columns))
        tbl.append(_tr(cells))
    return tbl


def landscape_section(doc: DocumentObject) -> None:
    """End the current (portrait) section at the last paragraph and start a landscape one.

    The text block keeps its GB/T 9704 size (225 × 156 mm turned); the binding margin is on top.
    """
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    portrait = copy.deepcopy(final)
    paragraphs = body.findall(qn("w:p"))
    last = paragraphs[-1]
    ppr = last.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        last.insert(0, ppr)
    ppr.append(portrait)
    section = doc.sections[-1]
    section.start_type = WD_SECTION.NEW_PAGE
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    section.footer_distance = Mm(14.06)  # page-number line top 7 mm below the text block


def append(doc: DocumentObject, *elements: OxmlElement) -> None:
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    for el in elements:
        sect.addprevious(el)
