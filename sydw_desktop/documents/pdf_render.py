"""Render a filled DOCX to PDF with reportlab, following the document's own styles and sections.

The renderer walks the document the DOCX export saves — paragraphs by their effective properties,
tables by their grids — so the PDF and the DOCX say the same thing word for word. Page geometry
(A4, margins, the 22-line grid), footers with the page number and odd/even placement come from the
DOCX sections; GB/T 9704 values are what the templates set. A draft gets a 草稿 watermark on every
page. All fonts are TrueType, embedded and subset.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty
from reportlab.platypus.tables import Table as RLTable
from reportlab.platypus.tables import TableStyle

from ..files import atomic_path
from . import docx_reader as dr
from .docx_styles import ParaProps, StyleResolver
from .fonts import FontBook
from .pdf_flow import BottomBlock, Glyph, ParaFlowable, ParaLayout
from .pdf_glyphs import FontIssue, GlyphFonts, Substitution, unit_width

TWIP = 1 / 20
CELL_PAD_X = 2.85
CELL_PAD_Y = 1.5
GRID_WIDTH = 0.5
WATERMARK_FONT = "黑体"

rl_config.useA85 = 0  # binary streams: smaller files, less work (every PDF reader accepts them)


@dataclass
class PdfResult:
    pages: int
    issues: list[FontIssue] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)


class _Builder:
    """Turns the document model into flowables, one section at a time."""

    def __init__(self, model: dr.DocumentModel, glyphs: GlyphFonts) -> None:
        self.model = model
        self.glyphs = glyphs
        self.section: dr.Section = model.sections[0]

    # -- paragraphs ------------------------------------------------------------------------------

    def _grid_scale(self, props: ParaProps) -> float:
        s = self.section
        if props.snap and s.grid_chars and s.char_space is not None and self.model.base_size:
            return (self.model.base_size + s.char_space / 4096) / self.model.base_size
        return 1.0

    def layout(self, para: dr.Para, *, in_table: bool = False) -> ParaLayout:
        p = para.props
        size = para.base.size
        scale = self._grid_scale(p)
        char = size * scale  # one "character" of indents

        def amount(chars: int | None, twips: int | None) -> float:
            if chars is not None:
                return chars / 100 * char
            return (twips or 0) * TWIP

        if p.line_rule == "exact" and p.line:
            line = p.line * TWIP
        else:
            natural = size * 1.3
            line = max(natural * (p.line or 240) / 240, p.line * TWIP if p.line_rule == "atLeast" and p.line else 0)
            pitch = (self.section.line_pitch or 0) * TWIP
            if p.snap and pitch and not in_table:
                line = max(pitch, pitch * -(-line // pitch))
        pitch = (self.section.line_pitch or 0) * TWIP or line
        before = p.before * TWIP + ((p.before_lines or 0) / 100 * pitch)
        after = p.after * TWIP + ((p.after_lines or 0) / 100 * pitch)
        border = {side: (b.width, b.color, b.space) for side, b in p.borders.items()}
        return ParaLayout(
            align=p.align if p.align in ("left", "center", "right", "both") else "left",
            first=amount(p.first_line_chars, p.first_line),
            left=amount(p.left_chars, p.left),
            right=amount(p.right_chars, p.right),
            line=line,
            size=size,
            before=before,
            after=after,
            border_top=border.get("top"),
            border_bottom=border.get("bottom"),
            tabs=[(a, pos * TWIP) for a, pos in p.tabs],
            default_tab=2 * char,
            keep_next=p.keep_next and not in_table,
            bottom=p.frame_bottom and not in_table,
        )

    def glyph_list(self, para: dr.Para, page: int | None = None) -> list[Glyph]:
        scale = self._grid_scale(para.props)
        out: list[Glyph] = []
        for run in para.runs:
            text = run.text
            if page is not None:
                text = text.replace(dr.PAGE_FIELD, str(page))
            rp = run.props
            spacing = rp.size * (scale - 1)
            for ch in text:
                if ch == dr.PAGE_FIELD:
                    continue
                if ch in "\t\n":
                    out.append(Glyph(ch, "", rp.size, 0.0))
                    continue
                font = self.glyphs.font_for(ch, rp.font)
                out.append(Glyph(ch, font, rp.size, unit_width(ch, font) * rp.size + spacing, rp.color, rp.bold,
                                 spacing))
        return out

    def paragraph(self, para: dr.Para, *, in_table: bool = False) -> ParaFlowable:
        return ParaFlowable(self.glyph_list(para), self.layout(para, in_table=in_table))

    # -- tables ----------------------------------------------------------------------------------

    def table(self, table: dr.Table) -> Flowable:
        s = self.section
        avail = (s.width - s.left - s.right) * TWIP
        widths = [w * TWIP for w in table.widths]
        total = sum(widths)
        if total > avail:
            widths = [w * avail / total for w in widths]
        ncols = len(widths)
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.glyphs.font_for("一", WATERMARK_FONT)),
            ("GRID", (0, 0), (-1, -1), GRID_WIDTH, Color(0, 0, 0)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ]
        for r, row in enumerate(table.rows):
            cells: list[Any] = [""] * ncols
            for cell in row:
                if cell.col >= ncols:
                    continue
                if cell.vmerge != "continue":
                    cells[cell.col] = [self.paragraph(p, in_table=True) for p in cell.paras] or ""
                end_col = min(cell.col + cell.span, ncols) - 1
                end_row = r + (cell.rows - 1 if cell.vmerge == "restart" else 0)
                if end_col > cell.col or end_row > r:
                    commands.append(("SPAN", (cell.col, r), (end_col, end_row)))
            data.append(cells)
        return RLTable(data, colWidths=widths, style=TableStyle(commands), repeatRows=table.header_rows,
                       hAlign="CENTER", splitByRow=1)

    # -- sections --------------------------------------------------------------------------------

    def flowables(self, section: dr.Section) -> list[Flowable]:
        self.section = section
        out: list[Flowable] = []
        bottom: list[ParaFlowable] = []
        for block in section.blocks:
            if isinstance(block, dr.Para):
                flow = self.paragraph(block)
                if flow.layout.bottom:
                    bottom.append(flow)
                    continue
                if bottom:
                    out.append(BottomBlock(bottom))
                    bottom = []
                if block.props.page_break_before:
                    out.append(PageBreakIfNotEmpty())
                out.append(flow)
            elif isinstance(block, dr.Table):
                if bottom:
                    out.append(BottomBlock(bottom))
                    bottom = []
                out.append(self.table(block))
            else:
                out.append(PageBreak())
        if bottom:
            out.append(BottomBlock(bottom))
        return out


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]  # the library has no type hints
    def __init__(self, target: Any, model: dr.DocumentModel, builder: _Builder, *, watermark: str | None,
                 title: str) -> None:
        first = model.sections[0]
        super().__init__(
            target, pagesize=(first.width * TWIP, first.height * TWIP), leftMargin=first.left * TWIP,
            rightMargin=first.right * TWIP, topMargin=first.top * TWIP, bottomMargin=first.bottom * TWIP,
            title=title, author="事业单位改革材料编审系统", creator="sydw-desktop",
            initialFontName=builder.glyphs.font_for("一", WATERMARK_FONT), initialFontSize=16, invariant=1,
        )
        self.model = model
        self.builder = builder
        self.watermark = watermark
        self._section_start: dict[int, int] = {}
        templates = []
        for i, s in enumerate(model.sections):
            w, h = s.width * TWIP, s.height * TWIP
            frame = Frame(s.left * TWIP, s.bottom * TWIP, w - (s.left + s.right) * TWIP, h - (s.top + s.bottom) * TWIP,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"f{i}")
            templates.append(PageTemplate(id=f"s{i}", frames=[frame], pagesize=(w, h), onPage=self._on_page(i)))
        self.addPageTemplates(templates)

    def _on_page(self, index: int) -> Any:
        def on_page(canv: Any, doc: Any) -> None:
            section = self.model.sections[index]
            page = canv.getPageNumber()
            first = index not in self._section_start
            if first:
                self._section_start[index] = page
            if self.watermark:
                self._draw_watermark(canv, section)
            if section.title_page and self._section_start[index] == page:
                kind = "first"
            elif self.model.even_odd and page % 2 == 0:
                kind = "even"
            else:
                kind = "default"
            paras = section.footers.get(kind)
            if paras is None and kind != "first":
                paras = section.footers.get("default", [])
            self._draw_footer(canv, section, paras or [], page)

        return on_page

    def _draw_footer(self, canv: Any, section: dr.Section, paras: list[dr.Para], page: int) -> None:
        builder = self.builder
        builder.section = section
        width = (section.width - section.left - section.right) * TWIP
        flows = [ParaFlowable(builder.glyph_list(p, page), builder.layout(p, in_table=True)) for p in paras]
        heights = [f.wrap(width, 1000)[1] for f in flows]
        y = section.footer * TWIP + sum(heights)
        for f, h in zip(flows, heights, strict=True):
            y -= h
            f.drawOn(canv, section.left * TWIP, y)

    def _draw_watermark(self, canv: Any, section: dr.Section) -> None:
        text = self.watermark or ""
        font = self.builder.glyphs.font_for(text[:1] or "草", WATERMARK_FONT)
        w, h = section.width * TWIP, section.height * TWIP
        size = min(w, h) * 0.28
        canv.saveState()
        canv.setFillColor(Color(0.55, 0.55, 0.55, alpha=0.25))
        canv.translate(w / 2, h / 2)
        canv.rotate(45)
        canv.setFont(font, size)
        canv.drawCentredString(0, -size * 0.38, text)
        canv.restoreState()


def render_pdf(
    document: DocumentObject,
    target: Path | io.BytesIO,
    *,
    fonts: FontBook,
    watermark: str | None = None,
    title: str = "",
    resolver: StyleResolver | None = None,
) -> PdfResult:
    """Lay out ``document`` (a filled, finished DOCX) into ``target``; returns pages and font reports."""
    model = dr.DocxReader(document, resolver).read()
    glyphs = GlyphFonts(fonts)
    builder = _Builder(model, glyphs)
    story: list[Flowable] = []
    for i, section in enumerate(model.sections):
        if i:
            story += [NextPageTemplate(f"s{i}"), PageBreak()]
        story += builder.flowables(section)
    if isinstance(target, io.BytesIO):
        doc = _DocTemplate(target, model, builder, watermark=watermark, title=title)
        doc.build(story)
    else:
        with atomic_path(Path(target), overwrite=True) as tmp:
            doc = _DocTemplate(str(tmp), model, builder, watermark=watermark, title=title)
            doc.build(story)
    return PdfResult(doc.page, glyphs.issues, glyphs.substitutions)
