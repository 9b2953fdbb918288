"""The review cycle's documents: a template (``审核意见.docx``, ``修改说明.docx``) filled and laid out as PDF.

The template is the office's installed one (in the per-user ``templates`` folder) when there is
one, else the default in ``templates_docx/``; the wording is the template's (see
``scripts/make_review_templates.py``), the program supplies the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..documents.docx_render import fill, finish, save_atomic
from ..documents.fonts import FontBook
from ..documents.pdf_render import render_pdf
from ..documents.templates import TemplateStore
from ..errors import SydwError

REVIEW_TEMPLATE = "审核意见.docx"
CHANGE_NOTES_TEMPLATE = "修改说明.docx"


def template_path(filename: str, store: TemplateStore | None = None) -> Path:
    store = store or TemplateStore()
    installed = store.root / filename
    path = installed if installed.is_file() else store.defaults / filename
    if not path.is_file():
        raise SydwError(f"找不到模板“{filename}”（程序安装不完整？）。")
    return path


def render_template_pdf(filename: str, context: dict[str, Any], pdf: Path, *, title: str,
                        docx: Path | None = None, store: TemplateStore | None = None) -> int:
    """Fill ``filename`` with ``context`` and write it as PDF (and DOCX when asked); returns the page count."""
    filled = fill(template_path(filename, store), context)
    finish(filled.document, resolver=filled.resolver)
    if docx is not None:
        save_atomic(filled.document, docx)
    result = render_pdf(filled.document, pdf, fonts=FontBook(), title=title, resolver=filled.resolver)
    return result.pages
