"""The 汇总表 of an upper office: the Excel table (like the other tables) and its PDF, print-ready.

The PDF is laid out from a DOCX built from the same :class:`TableSheet` — so the two say the same
thing cell for cell — through the documents' own renderer (A4 landscape, fonts embedded).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..documents.docx_render import save_atomic
from ..documents.fonts import FontBook
from ..documents.pdf_render import render_pdf
from ..documents.xlsx_tables import Column, TableSheet, save_workbook
from .aggregate import Aggregate, Counts, SubordinateRow

TITLE = "事业单位改革情况汇总表"


def _ratio(counts: Counts, key: str) -> float | None:
    return counts.ratio(key)


def _before_after(key: str) -> list[Column]:
    return [
        Column("改革前", lambda r: r[1].counts.__dict__[f"{key}_before"], "int"),
        Column("改革后", lambda r: r[1].counts.__dict__[f"{key}_after"], "int"),
    ]


def _figure_columns(key: str) -> list[Column]:
    return [
        *_before_after(key),
        Column("精简数", lambda r: r[1].counts.reduced(key), "int"),
        Column("精简比例", lambda r: _ratio(r[1].counts, key), "ratio"),
    ]


def _flat(rows: list[SubordinateRow], depth: int = 0) -> Iterator[tuple[int, SubordinateRow]]:
    for row in rows:
        yield depth, row
        yield from _flat(row.children, depth + 1)


def aggregate_sheet(agg: Aggregate) -> TableSheet:
    """汇总表: one row per subordinate (a league's banners indented under it), totals, missing offices."""
    columns = [
        Column("行政区划代码", lambda r: r[1].code),
        Column("名称", lambda r: ("　" * r[0] + ("└ " if r[0] else "")) + r[1].name),
        Column("轮次", lambda r: r[1].round, "int"),
        Column("状态", lambda r: r[1].status),
    ]
    groups: list[tuple[str, int, int]] = []
    for key, label in (("units", "事业单位数"), ("staff", "事业编制数")):
        groups.append((label, len(columns) + 1, len(columns) + 4))
        columns += _figure_columns(key)
    for key, label in (("organs", "内设机构数"), ("leaders", "领导职数")):
        groups.append((label, len(columns) + 1, len(columns) + 2))
        columns += _before_after(key)
    groups.append(("检查结果", len(columns) + 1, len(columns) + 3))
    columns += [
        Column("错误", lambda r: r[1].counts.errors, "int"),
        Column("警告", lambda r: r[1].counts.warnings, "int"),
        Column("已说明", lambda r: r[1].counts.explained, "int"),
    ]
    t = agg.total
    total: list[Any] = ["合计", f"{len(agg.rows)}个", None, None]
    for key in ("units", "staff"):
        total += [t.__dict__[f"{key}_before"], t.__dict__[f"{key}_after"], t.reduced(key), t.ratio(key)]
    for key in ("organs", "leaders"):
        total += [t.__dict__[f"{key}_before"], t.__dict__[f"{key}_after"]]
    total += [t.errors, t.warnings, t.explained]
    notes: list[list[Any]] = []
    if agg.missing:
        notes.append(["未报送", "、".join(f"{n}（{c}）" for c, n in agg.missing)])
    return TableSheet(f"{agg.name}{TITLE}", columns, list(_flat(agg.rows)), groups=groups,
                      totals=[total], notes=notes)


def save_aggregate_xlsx(agg: Aggregate, target: Path) -> int:
    return save_workbook(aggregate_sheet(agg), target)


def _cell_text(value: Any, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "ratio" and isinstance(value, float):
        return f"{value * 100:.1f}%"
    return str(value)


def _borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _put(cell: Any, text: str, *, font: str, size: float, center: bool, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def sheet_docx(sheet: TableSheet, subtitle: str) -> DocumentObject:
    """``sheet`` as a DOCX: A4 landscape, title, subtitle, a boxed table with two header rows."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(sheet.title)
    run.font.name, run.font.size = "方正小标宋简体", Pt(18)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _put_run(sub, subtitle, "仿宋_GB2312", 11)
    ncols = len(sheet.columns)
    table = doc.add_table(rows=2, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    grouped = {c for _label, a, b in sheet.groups for c in range(a, b + 1)}
    for col, column in enumerate(sheet.columns, 1):
        if col in grouped:
            _put(table.cell(1, col - 1), column.header, font="黑体", size=9, center=True)
        else:
            merged = table.cell(0, col - 1).merge(table.cell(1, col - 1))
            _put(merged, column.header, font="黑体", size=9, center=True)
    for label, a, b in sheet.groups:
        merged = table.cell(0, a - 1).merge(table.cell(0, b - 1))
        _put(merged, label, font="黑体", size=9, center=True)
    for item in sheet.rows:
        cells = table.add_row().cells
        for i, column in enumerate(sheet.columns):
            value = column.value(item)
            _put(cells[i], _cell_text(value, column.kind), font="仿宋_GB2312", size=9,
                 center=column.kind != "text")
    for total in sheet.totals:
        cells = table.add_row().cells
        for i, value in enumerate(total):
            _put(cells[i], _cell_text(value, sheet.columns[i].kind if isinstance(value, int | float) else "text"),
                 font="黑体", size=9, center=True)
    _widths(table, sheet, Mm(267))
    for note in sheet.notes:
        paragraph = doc.add_paragraph()
        _put_run(paragraph, "：".join(str(v) for v in note if v is not None), "仿宋_GB2312", 11)
    return doc


#: Relative widths of text columns by header (numbers share what is left equally).
_TEXT_WIDTHS = {"行政区划代码": 1.6, "名称": 3.0, "轮次": 0.9, "状态": 1.4, "项目": 3.2, "取值": 1.4}


def _widths(table: Any, sheet: TableSheet, total: int) -> None:
    table.autofit = False
    weights = [_TEXT_WIDTHS.get(c.header, 1.0) if c.kind == "text" else 1.0 for c in sheet.columns]
    scale = total / sum(weights)
    for i, weight in enumerate(weights):
        width = int(weight * scale)
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width


def _put_run(paragraph: Any, text: str, font: str, size: float) -> None:
    run = paragraph.add_run(text)
    run.font.name, run.font.size = font, Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def save_aggregate_pdf(agg: Aggregate, target: Path, *, docx: Path | None = None,
                       today: date | None = None) -> int:
    """Write the 汇总表 PDF (and, with ``docx``, its editable DOCX); returns the page count."""
    sheet = aggregate_sheet(agg)
    subtitle = f"{agg.name}（{agg.level}，行政区划代码 {agg.code}）　制表日期：{(today or date.today()).isoformat()}"
    document = sheet_docx(sheet, subtitle)
    if docx is not None:
        save_atomic(document, docx)
    return render_pdf(document, Path(target), fonts=FontBook(), title=sheet.title).pages
