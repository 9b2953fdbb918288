"""Which embedded font draws each character of the PDF, and what had to fall back.

Each template font name resolves through :class:`FontBook` to a TrueType face; a character that
face lacks is drawn with the first face of the fallback chain that has it. Every decision is
recorded so the export can tell the clerk which characters fell back to which font.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import FontBook, FontFile, ResolvedFont, coverage

_REGISTERED: dict[FontFile, str] = {}
_WIDTHS: dict[tuple[str, str], float] = {}


def register(face: FontFile) -> str:
    """Register ``face`` with reportlab once per process; return its PDF font name."""
    name = _REGISTERED.get(face)
    if name is None:
        digest = hashlib.sha1(f"{face.path}:{face.index}".encode()).hexdigest()[:6]
        name = f"{face.key}-{digest}"
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
        _REGISTERED[face] = name
    return name


def unit_width(ch: str, font: str) -> float:
    """Advance width of ``ch`` at 1 pt."""
    key = (font, ch)
    width = _WIDTHS.get(key)
    if width is None:
        width = pdfmetrics.stringWidth(ch, font, 1.0)
        _WIDTHS[key] = width
    return width


@dataclass(frozen=True)
class FontIssue:
    """Characters a font could not draw, and what drew them instead."""

    requested: str
    face: str
    chars: str
    fallback: str  # "" when no available font has them

    def text(self) -> str:
        if self.fallback:
            return f"字体“{self.face}”（模板字体“{self.requested}”）缺少字符“{self.chars}”，已改用“{self.fallback}”显示。"
        return f"字体“{self.face}”（模板字体“{self.requested}”）缺少字符“{self.chars}”，且没有可用字体能显示这些字符。"


@dataclass(frozen=True)
class Substitution:
    """A template font drawn with another face (another installed font, or a bundled one)."""

    requested: str
    face: str
    bundled: bool

    def text(self) -> str:
        where = "内置字体" if self.bundled else "本机字体"
        return f"本机未安装“{self.requested}”，PDF 使用{where}“{self.face}”代替。"


class GlyphFonts:
    """Per-character font choice for one export run."""

    def __init__(self, book: FontBook) -> None:
        self.book = book
        self._resolved: dict[str, tuple[ResolvedFont, str, frozenset[int]]] = {}
        self._choice: dict[tuple[str, str], str] = {}
        self._missing: dict[tuple[str, str, str], list[str]] = {}

    def _primary(self, requested: str) -> tuple[ResolvedFont, str, frozenset[int]]:
        hit = self._resolved.get(requested)
        if hit is None:
            resolved = self.book.resolve(requested)
            hit = (resolved, register(resolved.face), coverage(resolved.face))
            self._resolved[requested] = hit
        return hit

    def font_for(self, ch: str, requested: str) -> str:
        """The registered font that draws ``ch`` for a run in font ``requested``."""
        key = (requested, ch)
        name = self._choice.get(key)
        if name is not None:
            return name
        resolved, name, cov = self._primary(requested)
        if ord(ch) not in cov and not ch.isspace() and ord(ch) >= 0x20:
            fallback = next((f for f in self.book.fallback_chain(resolved.face) if ord(ch) in coverage(f)), None)
            label = fallback.family if fallback is not None else ""
            self._missing.setdefault((requested, resolved.face.family, label), []).append(ch)
            if fallback is not None:
                name = register(fallback)
        self._choice[key] = name
        return name

    @property
    def issues(self) -> list[FontIssue]:
        return [
            FontIssue(req, face, "".join(dict.fromkeys(chars)), fb)
            for (req, face, fb), chars in self._missing.items()
        ]

    @property
    def substitutions(self) -> list[Substitution]:
        return [
            Substitution(req, r.face.family, r.face.bundled)
            for req, (r, _n, _c) in self._resolved.items() if r.substituted
        ]
