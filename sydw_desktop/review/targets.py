"""What a review comment is about, in words: a unit, one of its fields, or a document."""

from __future__ import annotations

from typing import Protocol

from ..model import DOCUMENT_FIELD_LABELS, UNIT_FIELD_LABELS
from ..vocab import DocumentKind


class Targeted(Protocol):
    """What a review comment or a 检查验收 item is about: a unit, one of its documents, a field."""

    @property
    def unit(self) -> str | None: ...
    @property
    def document(self) -> str: ...
    @property
    def field(self) -> str | None: ...

#: The documents a comment may name on the command line (``--document``), by label.
DOCUMENT_CHOICES = {
    k.label.replace("“", "").replace("”", ""): k.key
    for k in DocumentKind if k.key in ("plan", "sanding", "quanxian", "charter")
}


def document_key(text: str) -> str:
    """``三定规定`` / ``“三定”规定`` / ``sanding`` … → ``sanding``; ValueError otherwise."""
    cleaned = text.strip().replace("“", "").replace("”", "").replace('"', "")
    for label, key in DOCUMENT_CHOICES.items():
        if cleaned in (label, key):
            return key
    raise ValueError(text)


def field_key(text: str, document: str) -> str:
    """A field given by its Chinese label or its name → its name; ValueError when unknown."""
    labels = UNIT_FIELD_LABELS if document == "plan" else DOCUMENT_FIELD_LABELS.get(document, {})
    if text in labels:
        return text
    for name, label in labels.items():
        if label == text:
            return name
    raise ValueError(text)


def field_label(name: str | None, document: str) -> str:
    if not name:
        return ""
    labels = UNIT_FIELD_LABELS if document == "plan" else DOCUMENT_FIELD_LABELS.get(document, {})
    return labels.get(name, name)


def target_label(c: Targeted) -> str:
    """``示例旗烈士陵园管理所·核定编制`` / ``示例旗政务服务中心·“三定”规定`` / ``改革方案``."""
    parts = []
    if c.unit:
        parts.append(c.unit)
    if c.document and c.document != "plan":
        parts.append(DocumentKind.from_key(c.document).label)
    label = field_label(c.field, c.document or "plan")
    if label:
        parts.append(label)
    return "·".join(parts) or "改革方案（总体）"
