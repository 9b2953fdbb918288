"""The document editors end to end, in their own process on a real (Xvfb) display.

``python tests/e2e/scenario_documents.py OUT_DIR`` opens a fresh demo, opens 示例旗融媒体中心's “三定”,
types a new duty (as an input method commits it) and presses Enter, moves it up twice with Ctrl+↑,
changes the 核定编制 in the 三定 and looks at the plan's preview and the before/after figures, opens
the 章程, types a new 开办资金 and reads the capital numerals, and previews the whole filing packet.
It saves a screenshot after each step (and of the 清单 editor and the two dialogs) and writes what it
saw to ``OUT_DIR/result.json``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from scenario_window import open_demo_window, take_shot  # noqa: E402

from sydw_desktop.figures import headline_figures  # noqa: E402
from sydw_desktop.vocab import Phase  # noqa: E402
from tests.eventloop import settle, wait  # noqa: E402
from ui.documents.pdf_preview import PreviewWindow  # noqa: E402
from ui.editors.document_page import DocumentPage  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402

UNIT = "示例旗融媒体中心"
DUTY = "负责全旗网络视听节目的审听和安全播出监测工作。"






def commit_text(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method does: one commit string (QTest key clicks are ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())
    QApplication.processEvents()


def broken_template(path: Path) -> Path:
    """The bundled 章程 template with two typical mistakes of a hand-edited one."""
    from docx import Document

    from sydw_desktop.paths import templates_dir

    document = Document(str(templates_dir() / "章程.docx"))
    document.add_paragraph("本单位法定代表人为{{ charter.legal_representative }}。")
    document.add_paragraph("{% if charter.scope %}本单位的业务范围以登记管理机关核准的为准。")
    document.save(str(path))
    return path


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=False)
    return "".join(out.stdout.split())


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    result: dict[str, object] = {"platform": QGuiApplication.platformName(), "shots": []}

    def shot(name: str) -> None:
        take_shot(out, name, result["shots"], pause=0.2)  # type: ignore[arg-type]

    window = open_demo_window(out)
    session = window.session
    assert session is not None
    ws = session.ws
    demo = ws.path
    unit = ws.find_unit(Phase.AFTER, UNIT)
    assert unit is not None and unit.id is not None
    original = ws.sanding(unit.id).duties
    figures = headline_figures(ws.snapshot())

    # 1. the 三定 editor
    window.show_node(("document", unit.id, "sanding"), select=True)
    page = window.pages["document"]
    assert isinstance(page, DocumentPage)
    editor = page.current_editor
    shot("20-sanding-editor")

    # 2. add a duty: type it, Enter
    duties = editor.duties  # type: ignore[attr-defined]
    editor.scroll_area.ensureWidgetVisible(duties.new_duty)
    click(duties.new_duty)
    commit_text(duties.new_duty, DUTY)
    QTest.keyClick(duties.new_duty, Qt.Key.Key_Return)
    wait("保存新职责", lambda: DUTY in ws.sanding(unit.id).duties)
    stored = ws.sanding(unit.id).duties
    result["added"] = {"index": stored.index(DUTY), "count": len(stored), "closing_last": stored[-1] == original[-1]}
    shot("21-duty-added")

    # 3. reorder it with the keyboard: select it, Ctrl+↑ twice
    row = stored.index(DUTY)
    rect = duties.view.visualRect(duties.model.index(row))
    QTest.mouseClick(duties.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for _ in range(2):
        QTest.keyClick(duties.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    wait("职责上移", lambda: ws.sanding(unit.id).duties.index(DUTY) == row - 2)
    stored = ws.sanding(unit.id).duties
    result["moved"] = {"index": stored.index(DUTY), "closing_last": stored[-1] == original[-1],
                       "undo_text": window.actions_.edit_undo.text()}
    shot("22-duty-moved")

    # 4. change the 核定编制 in the 三定: the plan and the figures follow
    staffing = editor.bindings["staffing"].widget
    editor.scroll_area.ensureWidgetVisible(staffing)
    QApplication.processEvents()
    QTest.mouseDClick(staffing, Qt.MouseButton.LeftButton, pos=staffing.rect().center())
    QTest.keyClick(staffing, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(staffing, str(unit.staffing + 3))
    QTest.keyClick(staffing, Qt.Key.Key_Return)
    wait("保存核定编制", lambda: ws.unit(unit.id).staffing == unit.staffing + 3)
    wait("重新检查", lambda: not session.checker.pending)
    editor.scroll_area.ensureWidgetVisible(editor.structure, 50, 200)  # type: ignore[attr-defined]
    result["structure_note"] = editor.structure.total.text()  # type: ignore[attr-defined]
    shot("23-sanding-staffing")
    window.show_node(("plan",), select=True)
    plan = window.pages["plan"]
    preview_row = next(r for r in range(plan.preview_model.rowCount())  # type: ignore[attr-defined]
                       if plan.preview_model.item(r, 0).text() == UNIT)  # type: ignore[attr-defined]
    plan.preview_view.scrollTo(plan.preview_model.index(preview_row, 0))  # type: ignore[attr-defined]
    plan.preview_view.selectRow(preview_row)  # type: ignore[attr-defined]
    result["plan_staffing"] = plan.preview_model.item(preview_row, 3).data(Qt.ItemDataRole.DisplayRole)  # type: ignore[attr-defined]
    shot("24-plan-follows")
    window.show_node(("comparison",), select=True)
    comparison = window.pages["comparison"]
    result["figures"] = {"before": figures[1].after,
                         "after": comparison.figures_model.item(1, 2).data(Qt.ItemDataRole.DisplayRole)}  # type: ignore[attr-defined]
    shot("25-figures-follow")

    # 5. the 章程: a new 开办资金, in capital numerals
    window.show_node(("document", unit.id, "charter"), select=True)
    charter = page.current_editor
    capital = charter.bindings["capital"].widget
    charter.scroll_area.ensureWidgetVisible(capital)
    QApplication.processEvents()
    QTest.mouseDClick(capital, Qt.MouseButton.LeftButton, pos=capital.rect().center())
    QTest.keyClick(capital, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(capital, "63")
    QTest.keyClick(capital, Qt.Key.Key_Return)
    wait("保存开办资金", lambda: ws.charter(unit.id).capital == 63.0)
    wait("重新检查", lambda: not session.checker.pending)
    result["capital"] = {"stored": ws.charter(unit.id).capital, "words": charter.capital_upper.text()}  # type: ignore[attr-defined]
    shot("26-charter-capital")

    # the 清单 editor, for the documentation
    window.show_node(("document", unit.id, "quanxian"), select=True)
    listing = page.current_editor
    listing.nav.setCurrentRow(1)  # 权限事项
    shot("27-quanxian-editor")
    listing.views.setCurrentIndex(1)  # type: ignore[attr-defined]  # the table view of the same items
    listing.scroll_area.verticalScrollBar().setValue(listing.scroll_area.verticalScrollBar().maximum())
    shot("27b-quanxian-table-library")

    # 6. preview the whole filing packet
    window.actions_.doc_preview_packet.trigger()
    wait("报送材料预览", lambda: bool(window.findChildren(PreviewWindow)), timeout=120)
    (preview,) = window.findChildren(PreviewWindow)
    preview.move(0, 0)
    preview.resize(1600, 1000)
    preview.raise_()
    preview.activateWindow()
    bundle = preview.bundle
    titles = [s.title for s in bundle.sources]
    sanding_no = next(i for i, s in enumerate(bundle.sources) if UNIT in s.title and "机构职能编制规定" in s.title)
    charter_no = next(i for i, s in enumerate(bundle.sources) if s.title == f"{UNIT}章程")
    result["packet"] = {
        "documents": len(titles), "pages": bundle.pages, "first": titles[0], "thumbnails": len(bundle.thumbnails),
        "duty_in_pdf": DUTY.rstrip("。") in pdf_text(bundle.sources[sanding_no].path),
        "capital_in_pdf": "人民币陆拾叁万元" in pdf_text(bundle.sources[charter_no].path),
        "draft": bundle.draft,
    }
    settle(1.5)  # QPdfView renders pages on its own threads
    shot("28-packet-preview")
    preview.preview.set_zoom(1.0)
    preview.preview.go_to(bundle.first_page(sanding_no) + 1)
    settle(1.5)
    shot("29-packet-preview-sanding")
    preview.close()

    # the two dialogs, for the documentation
    window.actions_.doc_params.trigger()
    params = window.document_menu.params_dialog
    assert params is not None
    params.move(0, 0)
    params.select_rule("plan.min_unit_size")
    params.param.setCurrentIndex(params.param.findData("T"))
    params.value.setText("6")
    commit_text(params.doc_no, "示编发〔2026〕20号")
    commit_text(params.reason, "本旗按盟编委批复的口径执行")
    result["override_applied"] = params.apply()
    result["override_logged"] = ws.changelog(limit=1)[0].doc_no
    shot("30-params-dialog")
    params.close()
    window.actions_.doc_templates.trigger()
    templates = window.document_menu.template_dialog
    assert templates is not None
    templates.move(0, 0)
    templates.resize(1200, 760)
    templates.select_kind("charter")
    finished: list[str] = []
    templates.finished_job.connect(finished.append)
    templates.install("charter", broken_template(out / "本地区章程（有误）.docx"))
    wait("模板校验", lambda: bool(finished))
    result["template_refused"] = finished[0]
    shot("31-templates-dialog")
    templates.close()

    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    window.close()
    shutil.rmtree(demo.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
