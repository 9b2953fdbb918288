"""Paragraph layout for the PDF: Chinese line breaking on the document grid, as Word lays it out.

A paragraph becomes lines of glyphs. On a document with a character grid (GB/T 9704: 28
characters in 156 mm) every glyph of a grid-snapped paragraph advances by its width scaled to the
grid pitch; lines are filled greedily, never start with closing punctuation or end with opening
punctuation, keep Latin words and numbers whole, and are justified except the last. Each line
takes the paragraph's exact line height with the glyphs' em box centred in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor, black
from reportlab.platypus.flowables import Flowable

EM_ASCENT = 0.88  # the ideographic em box: 0.88 above the baseline, 0.12 below
NO_START = set("。，、；：？！）》」』”’〕】〉…—·%．,.;:?!)]}")
NO_END = set("（《「『“‘〔【〈([{")
EPS = 0.01


@dataclass(slots=True)
class Glyph:
    ch: str
    font: str
    size: float
    advance: float  # natural width plus ``spacing``
    color: str | None = None
    bold: bool = False
    spacing: float = 0.0  # extra advance of this glyph (document-grid compression)


@dataclass
class Line:
    glyphs: list[Glyph]
    indent: float  # x offset of the line within the paragraph box
    avail: float  # width available to the line
    justify: bool
    tab_x: list[tuple[int, float]] = field(default_factory=list)  # (glyph index, absolute x) for tabbed lines

    @property
    def width(self) -> float:
        return sum(g.advance for g in self.glyphs)

    @property
    def size(self) -> float:
        return max((g.size for g in self.glyphs), default=0.0)


@dataclass
class ParaLayout:
    """Layout properties of one paragraph, in points."""

    align: str = "both"
    first: float = 0.0  # first-line offset relative to ``left`` (negative = hanging)
    left: float = 0.0
    right: float = 0.0
    line: float = 28.95  # exact line height
    size: float = 16.0  # size of an empty line's text
    before: float = 0.0
    after: float = 0.0
    border_top: tuple[float, str, float] | None = None  # (width, colour, space)
    border_bottom: tuple[float, str, float] | None = None
    tabs: list[tuple[str, float]] = field(default_factory=list)  # (alignment, position from the left edge)
    default_tab: float = 21.0
    keep_next: bool = False
    bottom: bool = False  # belongs to a block set at the foot of the page (版记)


def _tokens(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Break units: a Latin word or number stays whole; every other glyph is its own unit."""
    out: list[list[Glyph]] = []
    word: list[Glyph] = []
    for g in glyphs:
        if g.ch.isascii() and (g.ch.isalnum() or g.ch in "./-_%:@#&+'") and g.ch not in "\t\n":
            word.append(g)
            continue
        if word:
            out.append(word)
            word = []
        out.append([g])
    if word:
        out.append(word)
    return out


def break_lines(glyphs: list[Glyph], layout: ParaLayout, width: float) -> list[Line]:
    """Greedy line filling with Chinese line-breaking rules."""
    lines: list[Line] = []
    tokens = _tokens(glyphs)
    i = 0
    first = True

    def new_line(items: list[Glyph], justify: bool) -> None:
        nonlocal first
        indent = layout.left + (layout.first if first else 0.0)
        lines.append(Line(items, indent, width - indent - layout.right, justify))
        first = False

    if not tokens:
        new_line([], False)
        return lines
    while i < len(tokens):
        indent = layout.left + (layout.first if first else 0.0)
        avail = width - indent - layout.right
        start = i
        used = 0.0
        forced = False
        while i < len(tokens):
            tok = tokens[i]
            if tok[0].ch == "\n":
                i += 1
                forced = True
                break
            w = sum(g.advance for g in tok)
            if used + w > avail + EPS and i > start:
                break
            if used + w > avail + EPS and len(tok) > 1:
                # a word longer than the line: split it by glyphs
                fit: list[Glyph] = []
                for g in tok:
                    if used + g.advance > avail + EPS and fit:
                        break
                    fit.append(g)
                    used += g.advance
                tokens[i] = tok[len(fit):]
                tokens.insert(i, fit)
                i += 1
                break
            used += w
            i += 1
        end = i - 1 if forced else i
        if not forced and i < len(tokens):
            # kinsoku: no closing punctuation at the start of the next line, no opening at this end
            for _ in range(3):
                nxt = tokens[end][0].ch if end < len(tokens) else ""
                last = tokens[end - 1][-1].ch if end - 1 >= start else ""
                if (nxt in NO_START or last in NO_END) and end - 1 > start:
                    end -= 1
                else:
                    break
            i = end
        items = [g for tok in tokens[start:end] for g in tok]
        while items and items[-1].ch == " ":
            items.pop()
        new_line(items, layout.align == "both" and not forced and i < len(tokens))
        if forced and i >= len(tokens):
            new_line([], False)
    return lines


def tab_line(glyphs: list[Glyph], layout: ParaLayout, width: float) -> Line:
    """One line with tab stops: each tab moves to the next stop; a right stop right-aligns what follows."""
    segments: list[list[Glyph]] = [[]]
    for g in glyphs:
        if g.ch == "\t":
            segments.append([])
        else:
            segments[-1].append(g)
    x = layout.left + layout.first
    placed: list[Glyph] = []
    tab_x: list[tuple[int, float]] = []
    for n, seg in enumerate(segments):
        seg_w = sum(g.advance for g in seg)
        if n:
            stop = next(((a, p) for a, p in layout.tabs if p > x + EPS), None)
            if stop is None:
                step = layout.default_tab or 21.0
                stop = ("left", (int(x / step) + 1) * step)
            align, pos = stop
            x = pos - seg_w if align == "right" else pos - seg_w / 2 if align == "center" else pos
        tab_x.append((len(placed), x))
        placed += seg
        x += seg_w
    return Line(placed, 0.0, width, False, tab_x)


class ParaFlowable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A laid-out paragraph; splits between lines across pages."""

    def __init__(
        self,
        glyphs: list[Glyph],
        layout: ParaLayout,
        *,
        lines: list[Line] | None = None,
        continued: bool = False,
        last_part: bool = True,
    ) -> None:
        super().__init__()
        self.glyphs = glyphs
        self.layout = layout
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1.0
        self.continued = continued
        self.last_part = last_part
        self.keepWithNext = layout.keep_next

    # -- geometry --------------------------------------------------------------------------------

    def lines(self, width: float) -> list[Line]:
        if self._lines is None or (self._lines_width not in (-1.0, width)):
            if any(g.ch == "\t" for g in self.glyphs):
                self._lines = [tab_line(self.glyphs, self.layout, width)]
            else:
                self._lines = break_lines(self.glyphs, self.layout, width)
            self._lines_width = width
        return self._lines

    def _top_extra(self) -> float:
        lay = self.layout
        extra = 0.0 if self.continued else lay.before
        if lay.border_top and not self.continued:
            extra += lay.border_top[0] + lay.border_top[2]
        return extra

    def _bottom_extra(self) -> float:
        lay = self.layout
        if not self.last_part:
            return 0.0
        extra = lay.after
        if lay.border_bottom:
            extra += lay.border_bottom[0] + lay.border_bottom[2]
        return extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        n = len(self.lines(availWidth))
        self.height = self._top_extra() + n * self.layout.line + self._bottom_extra()
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines(availWidth)
        room = availHeight - self._top_extra()
        fit = int((room + EPS) // self.layout.line)
        if fit <= 0 or fit >= len(lines):
            return []
        head = ParaFlowable(self.glyphs, self.layout, lines=lines[:fit], continued=self.continued, last_part=False)
        tail = ParaFlowable(self.glyphs, self.layout, lines=lines[fit:], continued=True, last_part=self.last_part)
        head._lines_width = tail._lines_width = -1.0
        head.keepWithNext = False
        return [head, tail]

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self) -> None:
        canv = self.canv
        lay = self.layout
        y = self.height - self._top_extra()
        if lay.border_top and not self.continued:
            w, color, space = lay.border_top
            _rule(canv, 0, self.width, y + space + w / 2, w, color)
        for line in self.lines(self.width):
            draw_line(canv, line, lay, y)
            y -= lay.line
        if lay.border_bottom and self.last_part:
            w, color, space = lay.border_bottom
            _rule(canv, 0, self.width, y - space - w / 2, w, color)


def _rule(canv: Any, x0: float, x1: float, y: float, width: float, color: str) -> None:
    canv.saveState()
    canv.setStrokeColor(HexColor("#" + color))
    canv.setLineWidth(width)
    canv.line(x0, y, x1, y)
    canv.restoreState()


def draw_line(canv: Any, line: Line, lay: ParaLayout, top: float) -> None:
    """Draw one line whose line box starts ``top`` points above the flowable's origin."""
    if not line.glyphs:
        return
    size = line.size or lay.size
    baseline = top - (lay.line - size) / 2 - EM_ASCENT * size
    natural = line.width
    extra = 0.0
    x = line.indent
    if line.tab_x:
        pass
    elif lay.align == "center":
        x += (line.avail - natural) / 2
    elif lay.align == "right":
        x += line.avail - natural
    elif line.justify and len(line.glyphs) > 1 and natural < line.avail:
        extra = (line.avail - natural) / (len(line.glyphs) - 1)
    if any(g.bold for g in line.glyphs):
        canv.setLineWidth(size * 0.03)
    text = canv.beginText()
    text.setTextOrigin(x, baseline)
    starts = dict(line.tab_x)
    run: list[Glyph] = []

    def flush() -> None:
        if not run:
            return
        g0 = run[0]
        text.setFont(g0.font, g0.size)
        text.setCharSpace(g0.spacing + extra)
        color = _color(g0.color)
        text.setFillColor(color)
        if g0.bold:
            text.setStrokeColor(color)
            text.setTextRenderMode(2)
        text.textOut("".join(g.ch for g in run))
        if g0.bold:
            text.setTextRenderMode(0)
        run.clear()

    for i, g in enumerate(line.glyphs):
        if i in starts and i:
            flush()
            text.setTextOrigin(starts[i], baseline)
        elif i == 0 and i in starts:
            text.setTextOrigin(starts[0], baseline)
        if run:
            r = run[-1]
            if (r.font != g.font or r.size != g.size or r.color != g.color or r.bold != g.bold
                    or abs(r.spacing - g.spacing) > 1e-6):
                flush()
        run.append(g)
    flush()
    canv.drawText(text)


_COLORS: dict[str | None, Any] = {None: black}


def _color(hex_rgb: str | None) -> Any:
    color = _COLORS.get(hex_rgb)
    if color is None:
        color = _COLORS[hex_rgb] = HexColor(f"#{hex_rgb}")
    return color


class BottomBlock(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Paragraphs set at the foot of the page's text block (the 版记), taking the space above them."""

    def __init__(self, parts: list[ParaFlowable]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.content = sum(p.wrap(availWidth, availHeight)[1] for p in self.parts)
        self.height = max(self.content, availHeight - 0.5) if self.content <= availHeight else self.content
        return availWidth, self.height

    def draw(self) -> None:
        y = self.content
        for p in self.parts:
            y -= p.height
            p.drawOn(self.canv, 0, y)
