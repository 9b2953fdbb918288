"""Read a filled DOCX into the blocks the PDF renderer lays out: sections, paragraphs, tables.

Only what the PDF needs is read: text (with tabs, line breaks and PAGE fields), each run's
effective East Asian font, size, bold and colour, each paragraph's effective layout properties,
table grids with horizontal and vertical merges and header rows, and per section the page size,
margins, document grid and footers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn

from .docx_styles import ParaProps, RunProps, StyleResolver

PAGE_FIELD = "\ue000"  # stands for the current page number in footer text


@dataclass
class Run:
    text: str
    props: RunProps


@dataclass
class Para:
    props: ParaProps
    base: RunProps  # the paragraph's own run properties (size of an empty line)
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    paras: list[Para]
    col: int
    span: int = 1
    vmerge: str | None = None  # restart | continue | None
    rows: int = 1  # rows covered (set on the restart cell)


@dataclass
class Table:
    widths: list[int]  # twips per grid column
    rows: list[list[Cell]]
    header_rows: int = 0


@dataclass
class PageBreak:
    pass


Block = Para | Table | PageBreak


@dataclass
class Section:
    width: int  # twips
    height: int
    top: int
    bottom: int
    left: int
    right: int
    footer: int  # footer distance, twips
    line_pitch: int | None  # docGrid linePitch, twips
    char_space: int | None  # docGrid charSpace, 1/4096 pt
    grid_chars: bool
    title_page: bool
    footers: dict[str, list[Para]] = field(default_factory=dict)  # default | even | first
    blocks: list[Block] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class DocumentModel:
    sections: list[Section]
    even_odd: bool
    base_size: float  # Normal style size: the document grid's character unit


class DocxReader:
    def __init__(self, document: DocumentObject, resolver: StyleResolver | None = None) -> None:
        self.document = document
        self.resolver = resolver or StyleResolver(document)

    # -- text ----------------------------------------------------------------------------------

    def paragraph(self, p: Any) -> list[Block]:
        """A paragraph; a page break inside it splits it into two paragraphs around a PageBreak."""
        props = self.resolver.para_props(p)
        base = self.resolver.paragraph_run_props(p)
        out: list[Block] = []
        current = Para(props, base)
        field_state: list[str] = []  # stack of "instr"/"result" for complex fields
        instr = ""
        for r in p.iter(qn("w:r")):
            if _deleted(r):
                continue
            rprops = self.resolver.run_props(r, p)
            buf: list[str] = []
            for child in r:
                tag = child.tag
                if tag == qn("w:fldChar"):
                    kind = child.get(qn("w:fldCharType"))
                    if kind == "begin":
                        field_state.append("instr")
                        instr = ""
                    elif kind == "separate" and field_state:
                        field_state[-1] = "result"
                        if instr.strip().split(" ")[0].upper() == "PAGE":
                            buf.append(PAGE_FIELD)
                    elif kind == "end" and field_state:
                        field_state.pop()
                elif tag == qn("w:instrText"):
                    instr += child.text or ""
                elif field_state and field_state[-1] == "result":
                    continue  # the cached field result is replaced by the live value
                elif tag == qn("w:t"):
                    buf.append(child.text or "")
                elif tag == qn("w:tab"):
                    buf.append("\t")
                elif tag in (qn("w:br"), qn("w:cr")):
                    if child.get(qn("w:type")) == "page":
                        if buf:
                            current.runs.append(Run("".join(buf), rprops))
                            buf = []
                        out.append(current)
                        out.append(PageBreak())
                        current = Para(props, base)
                    else:
                        buf.append("\n")
                elif tag == qn("w:noBreakHyphen"):
                    buf.append("-")
            if buf:
                current.runs.append(Run("".join(buf), rprops))
        for simple in p.iter(qn("w:fldSimple")):
            if (simple.get(qn("w:instr")) or "").strip().split(" ")[0].upper() == "PAGE":
                current.runs.append(Run(PAGE_FIELD, base))
        out.append(current)
        return out

    def table(self, tbl: Any) -> Table:
        grid = tbl.find(qn("w:tblGrid"))
        widths = [int(gc.get(qn("w:w")) or 0) for gc in grid.findall(qn("w:gridCol"))] if grid is not None else []
        rows: list[list[Cell]] = []
        header_rows = 0
        counting_header = True
        for tr in tbl.findall(qn("w:tr")):
            trpr = tr.find(qn("w:trPr"))
            is_header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            row: list[Cell] = []
            col = 0
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    gs = tcpr.find(qn("w:gridSpan"))
                    if gs is not None:
                        span = int(gs.get(qn("w:val")) or 1)
                    vm = tcpr.find(qn("w:vMerge"))
                    if vm is not None:
                        vmerge = "restart" if vm.get(qn("w:val")) == "restart" else "continue"
                paras: list[Para] = []
                for child in tc:
                    if child.tag == qn("w:p"):
                        paras += [b for b in self.paragraph(child) if isinstance(b, Para)]
                    elif child.tag == qn("w:tbl"):
                        # nested tables are flattened into their paragraphs
                        for inner in child.iter(qn("w:p")):
                            paras += [b for b in self.paragraph(inner) if isinstance(b, Para)]
                row.append(Cell(paras, col, span, vmerge))
                col += span
            rows.append(row)
        if not widths:
            ncols = max((sum(c.span for c in r) for r in rows), default=1)
            widths = [1440] * ncols
        _count_row_spans(rows)
        return Table(widths, rows, header_rows)

    # -- sections --------------------------------------------------------------------------------

    def footers(self, sect: Any) -> dict[str, list[Para]]:
        out: dict[str, list[Para]] = {}
        for ref in sect.findall(qn("w:footerReference")):
            kind = ref.get(qn("w:type")) or "default"
            rid = ref.get(qn("r:id"))
            part = self.document.part.related_parts.get(rid)
            if part is None:
                continue
            paras: list[Para] = []
            for p in part.element.iter(qn("w:p")):
                paras += [b for b in self.paragraph(p) if isinstance(b, Para)]
            out[kind] = paras
        return out

    def section(self, sect: Any, previous: Section | None) -> Section:
        pg = sect.find(qn("w:pgSz"))
        mar = sect.find(qn("w:pgMar"))
        grid = sect.find(qn("w:docGrid"))

        def num(el: Any, attr: str, default: int) -> int:
            value = el.get(qn(attr)) if el is not None else None
            return int(float(value)) if value is not None else default

        grid_type = grid.get(qn("w:type")) if grid is not None else None
        footers = dict(previous.footers) if previous is not None else {}
        footers.update(self.footers(sect))
        return Section(
            width=num(pg, "w:w", 11906), height=num(pg, "w:h", 16838),
            top=abs(num(mar, "w:top", 1440)), bottom=abs(num(mar, "w:bottom", 1440)),
            left=num(mar, "w:left", 1800), right=num(mar, "w:right", 1800),
            footer=num(mar, "w:footer", 720),
            line_pitch=num(grid, "w:linePitch", 0) or None if grid_type in ("lines", "linesAndChars", "snapToChars") else None,
            char_space=num(grid, "w:charSpace", 0) if grid_type in ("linesAndChars", "snapToChars") else None,
            grid_chars=grid_type in ("linesAndChars", "snapToChars"),
            title_page=_on(sect.find(qn("w:titlePg"))),
            footers=footers,
        )

    def read(self) -> DocumentModel:
        body = self.document.element.body
        sections: list[Section] = []
        blocks: list[Block] = []
        for child in body:
            if child.tag == qn("w:p"):
                blocks += self.paragraph(child)
                ppr = child.find(qn("w:pPr"))
                sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
                if sect is not None:
                    section = self.section(sect, sections[-1] if sections else None)
                    section.blocks = blocks
                    sections.append(section)
                    blocks = []
            elif child.tag == qn("w:tbl"):
                blocks.append(self.table(child))
            elif child.tag == qn("w:sectPr"):
                section = self.section(child, sections[-1] if sections else None)
                section.blocks = blocks
                sections.append(section)
                blocks = []
        if blocks and sections:
            sections[-1].blocks += blocks
        base = self.resolver.default_run_props().size
        return DocumentModel(sections, bool(self.document.settings.odd_and_even_pages_header_footer), base)


def _on(el: Any) -> bool:
    return el is not None and el.get(qn("w:val")) in (None, "1", "true", "on")


def _deleted(r: Any) -> bool:
    parent = r.getparent()
    while parent is not None:
        if parent.tag in (qn("w:del"), qn("w:moveFrom")):
            return True
        if parent.tag == qn("w:p"):
            return False
        parent = parent.getparent()
    return False


def _count_row_spans(rows: list[list[Cell]]) -> None:
    """Set ``rows`` on each vMerge restart cell: how many rows it covers."""
    for r, row in enumerate(rows):
        for cell in row:
            if cell.vmerge != "restart":
                continue
            n = 1
            for below in rows[r + 1:]:
                match = next((c for c in below if c.col == cell.col and c.span == cell.span), None)
                if match is None or match.vmerge != "continue":
                    break
                n += 1
            cell.rows = n
