"""The four document types (改革方案, “三定”规定, 政事权限清单, 章程) and the Excel tables.

Templates in ``templates_docx/`` hold the wording; :mod:`.context` supplies data only. A filled
template is saved as DOCX and laid out as PDF (GB/T 9704) by :mod:`.pdf_render` from the same
document, so both say the same thing. Entry point: :func:`export_all`.
"""

from __future__ import annotations

from .export import (
    CONTENTS_NAME,
    FORMATS,
    ExportedFile,
    ExportRefused,
    ExportResult,
    export_all,
    safe_name,
)
from .templates import KINDS, TemplateInvalid, TemplateReport, TemplateStore, validate_template

__all__ = [
    "CONTENTS_NAME",
    "FORMATS",
    "KINDS",
    "ExportRefused",
    "ExportResult",
    "ExportedFile",
    "TemplateInvalid",
    "TemplateReport",
    "TemplateStore",
    "export_all",
    "safe_name",
    "validate_template",
]
