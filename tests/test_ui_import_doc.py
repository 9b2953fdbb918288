"""The 文书 menu's 导入 Word 文书 and 文书成文检查 (issue 14) in the GUI."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from ui_helpers import demo_path_fixture, wait_report, window_fixture  # noqa: F401

from sydw_desktop.documents.export import export_all
from ui.documents.document_menu import checked_and_linted


def test_import_an_edited_sanding_as_one_undoable_operation(qtbot, window, tmp_path: Path) -> None:
    session = window.session
    snap = session.ws.snapshot()
    export_all(snap, tmp_path / "out", {"docx"})
    doc = Document(str(tmp_path / "out" / "三定规定-示例旗融媒体中心.docx"))
    for p in doc.paragraphs:
        for r in p.runs:
            r.text = r.text.replace("负责广播电视节目的制作", "负责广播电视和网络视听节目的制作")
    edited = tmp_path / "edited.docx"
    doc.save(str(edited))
    window.document_menu.import_document(str(edited))
    dialog = window.document_menu.import_dialog
    qtbot.waitUntil(dialog.isVisible)
    shown = dialog.changes.toPlainText()
    assert shown.startswith("主要职责") and "原：负责广播电视节目的制作" in shown
    assert "改：负责广播电视和网络视听节目的制作" in shown and "贯彻落实" not in shown  # only what changed
    window.grab().save(str(tmp_path / "window.png"))
    dialog.accept_import()
    uid = next(u.id for u in snap.after if u.name == "示例旗融媒体中心")
    assert "负责广播电视和网络视听节目的制作" in session.ws.snapshot().sanding[uid].duties[2]
    session.undo()
    assert session.ws.snapshot().sanding[uid].duties == snap.sanding[uid].duties


def test_lint_findings_reach_the_problems_panel(qtbot, window) -> None:
    session = window.session
    wait_report(qtbot, window)
    uid = next(u.id for u in session.ws.snapshot().after if u.name == "示例旗图书馆")
    sd = session.ws.sanding(uid)
    sd.approver = ""
    session.perform(lambda ws: ws.set_document(uid, sd))
    wait_report(qtbot, window)
    window.document_menu._linted(checked_and_linted(session.ws.snapshot()))
    shown = [f for f in window.problems.findings if f.rule.startswith("doc.")]
    assert [(f.rule, f.unit) for f in shown] == [("doc.approver", "示例旗图书馆")]


def test_doc_settings_dialog_stores_the_names_and_refuses_a_bad_doc_no(qtbot, window) -> None:
    session = window.session
    window.document_menu.open_settings()
    dialog = window.document_menu.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.edits["doc.office"].text() == "中共示例旗委员会机构编制委员会办公室"
    dialog.edits["doc.doc_no"].setText("示编委发2026年16号")
    dialog.save()
    assert "六角括号" in dialog.error.text() and dialog.isVisible()
    dialog.edits["doc.doc_no"].setText("示编委发[2026]16号")
    dialog.edits["doc.date"].setText("2026-11-30")
    dialog.save()
    assert not dialog.isVisible()
    settings = session.ws.settings()
    assert settings["doc.doc_no"] == "示编委发〔2026〕16号" and settings["doc.date"] == "2026-11-30"
    session.undo()
    assert session.ws.settings().get("doc.date", "") == ""
