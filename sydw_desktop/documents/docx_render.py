"""Fill a template with docxtpl and finish the document the way both DOCX and PDF show it.

Finishing is layout, never wording: the East Asian font is written on every run, table cells
holding only ``〃`` (同上) are merged into the cell above, the 发文机关标志 shrinks to one line, the
署名 is centred over the 成文日期, and a draft gets a 草稿 watermark in every header.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import Environment, Template, TemplateError
from jinja2.exceptions import SecurityError

from ..errors import SydwError
from ..files import atomic_path
from .docx_styles import StyleResolver
from .template_env import Audit, jinja_source, make_environment, mark_missing, paragraph_lines
from .templates import UNSAFE_HINT, TemplateProblem, paragraph_at, template_lineno


class RenderError(SydwError):
    """A template failed while being filled with this workspace's data."""


DITTO = "〃"
MASTHEAD_STYLE = "发文机关标志"
SIGNATURE_STYLE = "署名"
DATE_STYLE = "成文日期"
TITLE_STYLES = ("标题", "另面标题", "附件标题")
MASTHEAD_TOP_PT = 35 * 72 / 25.4  # 发文机关标志 top edge 35 mm below the text block (GB/T 9704 7.2.4)

_COMPILED: dict[tuple[int, str], Template] = {}


class _Template(DocxTemplate):  # type: ignore[misc]  # the library has no type hints
    """docxtpl with a compiled-template cache (one template renders a hundred units) and line capture."""

    sources: list[str]

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Environment | None = None) -> str:
        assert jinja_env is not None
        source = jinja_source(src_xml)
        self.sources.append(source)
        key = (id(jinja_env), source)
        template = _COMPILED.get(key)
        if template is None:
            template = jinja_env.from_string(source)
            if len(_COMPILED) > 64:
                _COMPILED.clear()
            _COMPILED[key] = template
        self.current_rendering_part = part
        dst_xml = template.render(context)
        dst_xml = dst_xml.replace("\n<w:p", "<w:p")
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return str(self.resolve_listing(dst_xml))


_ENVS: dict[int, tuple[Environment, Audit]] = {}


def _environment() -> tuple[Environment, Audit]:
    """One environment per thread; its audit is reset before each fill."""
    import threading

    key = threading.get_ident()
    if key not in _ENVS:
        audit = Audit()
        _ENVS[key] = (make_environment(audit), audit)
    return _ENVS[key]


@dataclass
class Filled:
    """A filled template: the python-docx document and the data it lacked."""

    document: DocumentObject
    gaps: list[TemplateProblem] = field(default_factory=list)

    @property
    def resolver(self) -> StyleResolver:
        """The document's style resolver (styles do not change after filling)."""
        cached = getattr(self, "_resolver", None)
        if cached is None:
            cached = StyleResolver(self.document)
            self._resolver = cached
        return cached


def fill(template_path: Path, context: dict[str, Any]) -> Filled:
    """Render ``template_path`` with ``context``; errors name the paragraph."""
    env, audit = _environment()
    audit.gaps.clear()
    tpl = _Template(str(template_path))
    tpl.sources = []
    try:
        tpl.render(mark_missing(context), env, autoescape=True)
    except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        source = tpl.sources[-1] if tpl.sources else ""
        para = paragraph_at(paragraph_lines(source), template_lineno(exc))
        reason = f"{UNSAFE_HINT}（已拒绝执行）" if isinstance(exc, SecurityError) else str(exc)
        raise RenderError(f"模板“{Path(template_path).name}”填充失败：{reason}（所在段落：“{para[:60]}”）") from exc
    gaps: list[TemplateProblem] = []
    seen: set[tuple[str, str]] = set()
    for gap in audit.gaps:
        source = next((s for s in tpl.sources if gap.template is not None and _COMPILED.get((id(env), s)) is gap.template), "")
        para = paragraph_at(paragraph_lines(source), gap.line) if source else ""
        if (gap.field, para) not in seen:
            seen.add((gap.field, para))
            gaps.append(TemplateProblem("数据缺少", f"“{gap.field}”没有数据，输出为空", para))
    audit.gaps.clear()
    return Filled(tpl.docx, gaps)


# --- finishing ----------------------------------------------------------------------------------


def _text_units(text: str) -> float:
    """Width in characters: full-width 1, ASCII ½."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch != "　" else 1.0 for ch in text)


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _parts(document: DocumentObject) -> list[Any]:
    """Root elements of the body, every header and every footer."""
    roots = [document.element.body]
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")) and not rel.is_external:
            roots.append(rel.target_part.element)
    return roots


def set_east_asian_fonts(document: DocumentObject, resolver: StyleResolver) -> int:
    """Write the effective East Asian font on every run (``w:rFonts/@w:eastAsia``); returns the count."""
    count = 0
    for root in _parts(document):
        for p in root.iter(qn("w:p")):
            for r in p.iter(qn("w:r")):
                props = resolver.run_props(r, p)
                rpr = r.find(qn("w:rPr"))
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    r.insert(0, rpr)
                fonts = rpr.find(qn("w:rFonts"))
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    rs = rpr.find(qn("w:rStyle"))
                    if rs is not None:
                        rs.addnext(fonts)
                    else:
                        rpr.insert(0, fonts)
                fonts.set(qn("w:eastAsia"), props.font)
                fonts.set(qn("w:hint"), "eastAsia")
                if qn("w:eastAsiaTheme") in fonts.attrib:
                    del fonts.attrib[qn("w:eastAsiaTheme")]
                count += 1
    return count


def _cell_grid(tbl: Any) -> list[list[tuple[int, int, Any]]]:
    """Per row: (first grid column, span, tc)."""
    grid = []
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        row = []
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            row.append((col, span, tc))
            col += span
        grid.append(row)
    return grid


def merge_ditto_cells(document: DocumentObject) -> int:
    """Merge each cell whose whole text is ``〃`` into the cell above it (vertical merge)."""
    merged = 0
    for tbl in document.element.body.iter(qn("w:tbl")):
        grid = _cell_grid(tbl)
        for r in range(1, len(grid)):
            above = {(c, s): tc for c, s, tc in grid[r - 1]}
            for col, span, tc in grid[r]:
                if "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip() != DITTO:
                    continue
                up = above.get((col, span))
                if up is None:
                    continue
                up_pr = up.find(qn("w:tcPr"))
                if up_pr.find(qn("w:vMerge")) is None:
                    vm = OxmlElement("w:vMerge")
                    vm.set(qn("w:val"), "restart")
                    _insert_tcpr(up_pr, vm)
                tcpr = tc.find(qn("w:tcPr"))
                old = tcpr.find(qn("w:vMerge"))
                if old is not None:
                    tcpr.remove(old)
                _insert_tcpr(tcpr, OxmlElement("w:vMerge"))
                for p in tc.findall(qn("w:p")):
                    for run in p.findall(qn("w:r")):
                        p.remove(run)
                merged += 1
    return merged


def _insert_tcpr(tcpr: Any, vm: Any) -> None:
    """Insert ``w:vMerge`` after tcW/gridSpan/hMerge (schema order)."""
    anchor = None
    for tag in ("w:tcW", "w:gridSpan", "w:hMerge"):
        el = tcpr.find(qn(tag))
        if el is not None:
            anchor = el
    if anchor is None:
        tcpr.insert(0, vm)
    else:
        anchor.addnext(vm)


def _set_spacing_before(p: Any, twips: int) -> None:
    ppr = p.get_or_add_pPr()
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.set(qn("w:before"), str(max(twips, 0)))
    for attr in ("w:beforeLines", "w:beforeAutospacing"):
        if qn(attr) in spacing.attrib:
            del spacing.attrib[qn(attr)]


def _text_width_pt(document: DocumentObject, p: Any) -> float:
    body = document.element.body
    sect = None
    for el in p.itersiblings():
        if el.tag == qn("w:p"):
            ppr = el.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                sect = ppr.find(qn("w:sectPr"))
                break
    if sect is None:
        sect = body.find(qn("w:sectPr"))
    pg = sect.find(qn("w:pgSz"))
    mar = sect.find(qn("w:pgMar"))
    return (int(pg.get(qn("w:w"))) - int(mar.get(qn("w:left"))) - int(mar.get(qn("w:right")))) / 20


def fit_masthead(document: DocumentObject, resolver: StyleResolver) -> None:
    """Shrink a long 发文机关标志 to one line and keep its top edge 35 mm below the text block."""
    for p in document.element.body.iter(qn("w:p")):
        props = resolver.para_props(p)
        if props.style_name != MASTHEAD_STYLE:
            continue
        text = _paragraph_text(p)
        if not text:
            continue
        run_size = resolver.paragraph_run_props(p).size
        width = _text_width_pt(document, p)
        size = min(run_size, int(width / _text_units(text) * 2) / 2)
        if size < run_size:
            for r in p.iter(qn("w:r")):
                rpr = r.find(qn("w:rPr"))
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    r.insert(0, rpr)
                for tag in ("w:sz", "w:szCs"):
                    el = rpr.find(qn(tag))
                    if el is None:
                        el = OxmlElement(tag)
                        rpr.append(el)
                    el.set(qn("w:val"), str(int(size * 2)))
        line = (props.line or 1200) / 20
        _set_spacing_before(p, round((MASTHEAD_TOP_PT - (line - size) / 2) * 20))


def center_signatures(document: DocumentObject, resolver: StyleResolver) -> None:
    """Centre each 署名 over the 成文日期 that follows it (GB/T 9704 7.3.5.1)."""
    paragraphs = list(document.element.body.iter(qn("w:p")))
    for i, p in enumerate(paragraphs):
        if resolver.para_props(p).style_name != SIGNATURE_STYLE:
            continue
        date = next((q for q in paragraphs[i + 1:i + 3] if resolver.para_props(q).style_name == DATE_STYLE), None)
        if date is None:
            continue
        name_units, date_units = _text_units(_paragraph_text(p)), _text_units(_paragraph_text(date))
        date_right = resolver.para_props(date).right_chars or 0
        right = max(0, round(date_right + (date_units - name_units) * 50))
        ppr = p.get_or_add_pPr()
        ind = ppr.find(qn("w:ind"))
        if ind is None:
            ind = OxmlElement("w:ind")
            jc = ppr.find(qn("w:jc"))
            if jc is not None:
                jc.addprevious(ind)
            else:
                ppr.append(ind)
        ind.set(qn("w:rightChars"), str(right))
        ind.set(qn("w:right"), "0")


_GOOD_AFTER = set("于的》、）心局馆所站院校队团园台社室位")
_GOOD_BEFORE = set("《（关")
_NO_START = set("。，、；：？！）》」』”’〕】…—")
_NO_END = set("（《「『“‘〔【")


def _title_breaks(text: str, max_units: float) -> list[int]:
    """Break positions that split a long title into balanced lines at natural points."""
    breaks: list[int] = []
    start = 0
    while _text_units(text[start:]) > max_units + 1e-6:
        rest = text[start:]
        lines_left = -(-_text_units(rest) // max_units)
        ideal = _text_units(rest) / lines_left
        best, best_score = None, None
        for i in range(1, len(rest)):
            head = _text_units(rest[:i])
            if head > max_units + 1e-6:
                break
            if _text_units(rest[i:]) > max_units * (lines_left - 1) + 1e-6:
                continue
            if rest[i - 1].isascii() and rest[i].isascii() and rest[i - 1].isalnum() and rest[i].isalnum():
                continue
            score = abs(head - ideal)
            score += 0 if rest[i - 1] in _GOOD_AFTER or rest[i] in _GOOD_BEFORE else 2.5
            score += 10 if rest[i] in _NO_START or rest[i - 1] in _NO_END else 0
            score += 0.5 if head < ideal else 0
            if best_score is None or score < best_score:
                best, best_score = i, score
        if best is None:
            break
        start += best
        breaks.append(start)
    return breaks


def balance_titles(document: DocumentObject, resolver: StyleResolver) -> None:
    """Break a title that needs more than one line at balanced, natural points (梯形/菱形)."""
    for p in document.element.body.iter(qn("w:p")):
        if resolver.para_props(p).style_name not in TITLE_STYLES or p.find(f".//{qn('w:br')}") is not None:
            continue
        texts = list(p.iter(qn("w:t")))
        text = "".join(t.text or "" for t in texts)
        size = resolver.paragraph_run_props(p).size
        if not text or size <= 0:
            continue
        breaks = _title_breaks(text, _text_width_pt(document, p) / size)
        for pos in reversed(breaks):
            offset = 0
            for t in texts:
                n = len(t.text or "")
                if offset < pos <= offset + n and pos != offset:
                    cut = pos - offset
                    head, tail = t.text[:cut], t.text[cut:]
                    t.text = head
                    br = OxmlElement("w:br")
                    t.addnext(br)
                    if tail:
                        nt = OxmlElement("w:t")
                        nt.set(qn("xml:space"), "preserve")
                        nt.text = tail
                        br.addnext(nt)
                    break
                offset += n


_WATERMARK = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
    "<w:r><w:pict>"
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>'
    '<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
    '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="SydwDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;rotation:315;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#c8c8c8" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/></v:shape>'
    "</w:pict></w:r></w:p>"
)


def add_watermark(document: DocumentObject, text: str, font: str) -> None:
    """Put ``text`` as a VML watermark into every header of every section."""
    xml = _WATERMARK.replace("{font}", font).replace("{text}", text)
    for section in document.sections:
        headers = [section.header, section.even_page_header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            element = header._element
            element.append(copy.deepcopy(parse_xml(xml)))


def finish(
    document: DocumentObject,
    *,
    watermark: str | None = None,
    watermark_font: str = "黑体",
    resolver: StyleResolver | None = None,
) -> None:
    """Apply every layout step; idempotent except for the watermark."""
    resolver = resolver or StyleResolver(document)
    merge_ditto_cells(document)
    fit_masthead(document, resolver)
    balance_titles(document, resolver)
    center_signatures(document, resolver)
    if watermark:
        add_watermark(document, watermark, watermark_font)
    set_east_asian_fonts(document, resolver)
    document.core_properties.revision = 1


def save_atomic(document: DocumentObject, target: Path) -> None:
    """Save to a temporary file beside ``target`` and move it into place (:mod:`sydw_desktop.files`)."""
    with atomic_path(Path(target), overwrite=True) as tmp:
        document.save(str(tmp))
