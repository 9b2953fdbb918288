"""Helpers for the tests of the document editors, the preview and printing (offscreen)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from ui_helpers import type_chinese

from sydw_desktop.codec import from_data
from sydw_desktop.demo import demo_data
from sydw_desktop.model import DOCUMENT_CLASSES, Jurisdiction, PlanData, TransferLine, Unit
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace
from ui.documents.pdf_preview import PreviewWindow
from ui.editors.document_editor import DocumentEditor
from ui.editors.document_page import DocumentPage

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) is not installed")


def open_document(window, unit_id: int, kind: str, field: str | None = None) -> DocumentEditor:
    """Open an after-unit's document the way the tree does; returns its editor."""
    window.show_node(("document", unit_id, kind), select=True)
    page = window.pages["document"]
    assert isinstance(page, DocumentPage) and window.stack.currentWidget() is page
    if field:
        page.show_document(unit_id, kind, field)
    editor = page.current_editor
    assert editor.unit_id == unit_id and editor.isVisible()
    return editor


def after_unit(ws: Workspace, name: str) -> Unit:
    unit = ws.find_unit(Phase.AFTER, name)
    assert unit is not None and unit.id is not None, name
    return unit


def type_line(qtbot, edit: QLineEdit, text: str, *, chinese: bool = True) -> None:
    """Replace the text of ``edit`` as a clerk would, and press Enter."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if chinese:
        type_chinese(edit, text)
    else:
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def leave(widget: QWidget) -> None:
    """Move the focus away (what ends editing of a text box)."""
    widget.clearFocus()
    QApplication.processEvents()


def preview_from(qtbot, window, button) -> PreviewWindow:
    """Click a 预览 button and wait for the preview window it opens."""
    before = set(window.findChildren(PreviewWindow))
    button.click()
    qtbot.waitUntil(lambda: bool(set(window.findChildren(PreviewWindow)) - before), timeout=60_000)
    (preview,) = set(window.findChildren(PreviewWindow)) - before
    return preview


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext extracts it, with all white space removed."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


def small_workspace(path: Path, keep: tuple[str, ...] = ("示例旗融媒体中心", "示例旗农牧业技术推广中心")) -> Path:
    """A workspace with only a few units of the demo (and their documents): a short packet."""
    data = demo_data()
    after = [u for u in data["after"] if u["name"] in keep]
    names = {u["name"] for u in after}
    destinations = {b: a for b, a in data["destinations"].items() if a in names}
    before = [u for u in data["before"] if u["name"] in destinations]
    sources = {u["name"] for u in before}
    transfers = [t for t in data["transfers"]
                 if t["source"] in sources and (t.get("target") is None or t["target"] in names)]
    plan = PlanData(
        before=[from_data(Unit, u) for u in before], after=[from_data(Unit, u) for u in after],
        destinations=destinations, transfers=[from_data(TransferLine, t) for t in transfers],
        jurisdiction=from_data(Jurisdiction, data["jurisdiction"]),
    )
    ws = Workspace.create(path, plan.jurisdiction)  # type: ignore[arg-type]
    try:
        ws.replace_plan(plan, operation="写入测试工作区")
        for name, docs in data["documents"].items():
            if name in names:
                unit = ws.find_unit(Phase.AFTER, name)
                assert unit is not None and unit.id is not None
                for kind, cls in DOCUMENT_CLASSES.items():
                    if kind in docs:
                        ws.set_document(unit.id, from_data(cls, docs[kind]))
        for setting in data["settings"]:  # the names of the 编委 and 编办, the 请示's 文号 … (doc.*)
            if setting["key"].startswith("doc."):
                ws.set_setting(setting["key"], setting["value"], setting["label"])
    finally:
        ws.close()
    return path
