"""Effective paragraph and run properties of a WordprocessingML document.

Word resolves a property by layering document defaults, the paragraph style chain (``basedOn``),
the run's character style chain and direct formatting. The DOCX finisher (fonts on every run) and
the PDF renderer both read properties through :class:`StyleResolver`, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from lxml import etree

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TRUE = {None, "1", "true", "on"}


def _on(el: Any) -> bool | None:
    if el is None:
        return None
    return el.get(qn("w:val")) in _TRUE


def _int(el: Any, attr: str) -> int | None:
    if el is None:
        return None
    value = el.get(qn(attr))
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


@dataclass
class Border:
    width: float  # pt
    color: str
    space: float  # pt


@dataclass
class ParaProps:
    style_name: str = ""
    align: str = "both"
    first_line: int | None = None  # twips (negative = hanging)
    first_line_chars: int | None = None  # hundredths of a character (negative = hanging)
    left: int | None = None
    left_chars: int | None = None
    right: int | None = None
    right_chars: int | None = None
    line: int | None = None  # twips
    line_rule: str = "auto"  # auto | exact | atLeast
    before: int = 0  # twips
    before_lines: int | None = None  # hundredths of a line
    after: int = 0
    after_lines: int | None = None
    page_break_before: bool = False
    keep_next: bool = False
    snap: bool = True
    borders: dict[str, Border] = field(default_factory=dict)
    frame_bottom: bool = False
    tabs: list[tuple[str, int]] = field(default_factory=list)  # (alignment, position twips)


@dataclass
class RunProps:
    font: str = "宋体"  # East Asian font name
    latin_font: str = ""
    size: float = 10.5  # pt
    bold: bool = False
    color: str | None = None  # hex RGB


class StyleResolver:
    """Resolves effective properties against one document's styles and theme."""

    def __init__(self, document: DocumentObject) -> None:
        styles_el = document.styles.element
        self._styles: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self._default_para: str | None = None
        for st in styles_el.findall(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            self._styles[sid] = st
            name_el = st.find(qn("w:name"))
            self._names[sid] = name_el.get(qn("w:val")) if name_el is not None else sid
            if st.get(qn("w:type")) == "paragraph" and st.get(qn("w:default")) in ("1", "true", "on"):
                self._default_para = sid
        defaults = styles_el.find(qn("w:docDefaults"))
        self._default_rpr = None
        self._default_ppr = None
        if defaults is not None:
            rd = defaults.find(qn("w:rPrDefault"))
            pd = defaults.find(qn("w:pPrDefault"))
            self._default_rpr = rd.find(qn("w:rPr")) if rd is not None else None
            self._default_ppr = pd.find(qn("w:pPr")) if pd is not None else None
        self._theme = _theme_fonts(document)
        self._para_cache: dict[tuple[str | None, bytes], ParaProps] = {}
        self._run_cache: dict[tuple[str | None, bytes], RunProps] = {}

    # -- chains --------------------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> list[Any]:
        """Style elements from the root of the ``basedOn`` chain down to ``style_id``."""
        chain = []
        seen = set()
        sid = style_id
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            st = self._styles[sid]
            chain.append(st)
            based = st.find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else None
        return list(reversed(chain))

    def paragraph_style_id(self, p: Any) -> str | None:
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return ps.get(qn("w:val")) if ps is not None else self._default_para

    def style_name(self, style_id: str | None) -> str:
        return self._names.get(style_id or "", style_id or "")

    # -- paragraph -----------------------------------------------------------------------------

    def para_props(self, p: Any) -> ParaProps:
        sid = self.paragraph_style_id(p)
        direct = p.find(qn("w:pPr"))
        key = (sid, etree.tostring(direct) if direct is not None else b"")
        cached = self._para_cache.get(key)
        if cached is not None:
            return cached
        props = ParaProps(style_name=self.style_name(sid))
        layers = [self._default_ppr] + [st.find(qn("w:pPr")) for st in self._chain(sid)] + [direct]
        for ppr in layers:
            if ppr is not None:
                _apply_ppr(props, ppr)
        self._para_cache[key] = props
        return props

    # -- run -----------------------------------------------------------------------------------

    def run_props(self, r: Any, p: Any) -> RunProps:
        """Effective properties of run ``r`` in paragraph ``p`` (shared, do not modify)."""
        rpr = r.find(qn("w:rPr"))
        sid = self.paragraph_style_id(p)
        key = (sid, etree.tostring(rpr) if rpr is not None else b"")
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        props = RunProps()
        layers = [self._default_rpr]
        layers += [st.find(qn("w:rPr")) for st in self._chain(sid)]
        if rpr is not None:
            rs = rpr.find(qn("w:rStyle"))
            if rs is not None:
                layers += [st.find(qn("w:rPr")) for st in self._chain(rs.get(qn("w:val")))]
        layers.append(rpr)
        for layer in layers:
            if layer is not None:
                self._apply_rpr(props, layer)
        self._run_cache[key] = props
        return props

    def default_run_props(self) -> RunProps:
        """Run properties of the default paragraph style (Normal): the grid's character unit."""
        props = RunProps()
        layers = [self._default_rpr] + [st.find(qn("w:rPr")) for st in self._chain(self._default_para)]
        for layer in layers:
            if layer is not None:
                self._apply_rpr(props, layer)
        return props

    def paragraph_run_props(self, p: Any) -> RunProps:
        """Run properties a run with no formatting of its own would have in ``p``."""
        empty = etree.Element(qn("w:r"))
        return self.run_props(empty, p)

    def _apply_rpr(self, props: RunProps, rpr: Any) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            theme = fonts.get(qn("w:eastAsiaTheme"))
            east = fonts.get(qn("w:eastAsia"))
            if theme and self._theme.get(theme):
                props.font = self._theme[theme]
            elif east:
                props.font = east
            latin_theme = fonts.get(qn("w:asciiTheme"))
            latin = fonts.get(qn("w:ascii"))
            if latin_theme and self._theme.get(latin_theme):
                props.latin_font = self._theme[latin_theme]
            elif latin:
                props.latin_font = latin
        size = _int(rpr.find(qn("w:sz")), "w:val")
        if size is not None:
            props.size = size / 2
        bold = _on(rpr.find(qn("w:b")))
        if bold is not None:
            props.bold = bold
        color = rpr.find(qn("w:color"))
        if color is not None:
            value = color.get(qn("w:val"))
            props.color = None if value in (None, "auto") else value


def _apply_ppr(props: ParaProps, ppr: Any) -> None:
    jc = ppr.find(qn("w:jc"))
    if jc is not None:
        value = jc.get(qn("w:val"))
        props.align = {"start": "left", "end": "right", "distribute": "both", "justify": "both"}.get(value, value)
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        for attr, name in (("w:left", "left"), ("w:start", "left"), ("w:right", "right"), ("w:end", "right")):
            v = _int(ind, attr)
            if v is not None:
                setattr(props, name, v)
        for attr, name in (("w:leftChars", "left_chars"), ("w:startChars", "left_chars"),
                           ("w:rightChars", "right_chars"), ("w:endChars", "right_chars")):
            v = _int(ind, attr)
            if v is not None:
                setattr(props, name, v)
        first = _int(ind, "w:firstLine")
        hanging = _int(ind, "w:hanging")
        first_chars = _int(ind, "w:firstLineChars")
        hanging_chars = _int(ind, "w:hangingChars")
        if first is not None:
            props.first_line = first
        if hanging:
            props.first_line = -hanging
        if first_chars is not None:
            props.first_line_chars = first_chars
        if hanging_chars:
            props.first_line_chars = -hanging_chars
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        line = _int(spacing, "w:line")
        if line is not None:
            props.line = line
            props.line_rule = spacing.get(qn("w:lineRule")) or "auto"
        for attr, name in (("w:before", "before"), ("w:after", "after"),
                           ("w:beforeLines", "before_lines"), ("w:afterLines", "after_lines")):
            v = _int(spacing, attr)
            if v is not None:
                setattr(props, name, v)
    for tag, name in (("w:pageBreakBefore", "page_break_before"), ("w:keepNext", "keep_next")):
        v = _on(ppr.find(qn(tag)))
        if v is not None:
            setattr(props, name, v)
    snap = _on(ppr.find(qn("w:snapToGrid")))
    if snap is not None:
        props.snap = snap
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is not None:
        props.borders = {}
        for side in ("top", "bottom"):
            el = pbdr.find(qn(f"w:{side}"))
            if el is not None and el.get(qn("w:val")) not in (None, "nil", "none"):
                color = el.get(qn("w:color")) or "000000"
                props.borders[side] = Border(
                    (_int(el, "w:sz") or 4) / 8, "000000" if color == "auto" else color, float(_int(el, "w:space") or 0)
                )
    frame = ppr.find(qn("w:framePr"))
    if frame is not None:
        props.frame_bottom = frame.get(qn("w:yAlign")) == "bottom"
    tabs = ppr.find(qn("w:tabs"))
    if tabs is not None:
        props.tabs = [
            (t.get(qn("w:val")) or "left", _int(t, "w:pos") or 0)
            for t in tabs.findall(qn("w:tab")) if t.get(qn("w:val")) != "clear"
        ]


def _theme_fonts(document: DocumentObject) -> dict[str, str]:
    """Theme font slots (``minorEastAsia`` …) → typeface, preferring the simplified-Chinese one."""
    out: dict[str, str] = {}
    part = document.part
    for rel in part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            try:
                root = etree.fromstring(rel.target_part.blob)
            except etree.XMLSyntaxError:
                return out
            for kind in ("major", "minor"):
                font = root.find(f".//{{{A_NS}}}{kind}Font")
                if font is None:
                    continue
                latin = font.find(f"{{{A_NS}}}latin")
                ea = font.find(f"{{{A_NS}}}ea")
                hans = next((f.get("typeface") for f in font.findall(f"{{{A_NS}}}font") if f.get("script") == "Hans"), "")
                east = (ea.get("typeface") if ea is not None else "") or hans or "宋体"
                out[f"{kind}EastAsia"] = east
                out[f"{kind}HAnsi"] = latin.get("typeface") if latin is not None else ""
                out[f"{kind}Ascii"] = out[f"{kind}HAnsi"]
                out[f"{kind}Bidi"] = ""
    return out
