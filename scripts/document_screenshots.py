"""Screenshots of the 文书 menu's issue-14 dialogs for docs/gui.md, on a real display (Xvfb + xcb).

    .venv/bin/python scripts/document_screenshots.py OUT_DIR

(on an Xvfb display of its own unless ``QT_QPA_PLATFORM=xcb`` and ``DISPLAY`` name one: scripts/shot_run.py).

Opens the demo, plants a blank 批准机关, runs 文书成文检查 (the problems panel lists the doc.* finding),
opens 文书设置, and imports a 三定 edited in Word (python-docx) through 导入 Word 文书. Writes
``doc-*.png`` to OUT_DIR; look at them, then copy the good ones to ``docs/screenshots/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from shot_run import ShotRun, run_on_display

from sydw_desktop.demo import write_demo
from sydw_desktop.documents.export import export_all
from tests.eventloop import wait
from ui.documents.document_menu import checked_and_linted


def main(out: Path) -> int:
    run = ShotRun(out, "doc")
    shot, window, tmp = run.shot, run.window, run.tmp
    path = tmp / "示例旗.sydw"
    write_demo(path)
    session = run.open(path)

    snap = session.ws.snapshot()
    export_all(snap, tmp / "out", {"docx"})
    library = next(u for u in snap.after if u.name == "示例旗图书馆")
    sd = snap.sanding[library.id]  # type: ignore[index]
    sd.approver = ""
    session.perform(lambda ws: ws.set_document(library.id, sd))  # type: ignore[arg-type]
    wait("检查", lambda: not session.checker.pending, timeout=180.0)
    window.document_menu._linted(checked_and_linted(session.ws.snapshot()))
    shot(window, "lint-problems")

    window.document_menu.open_settings()
    shot(window.document_menu.settings_dialog, "settings")
    window.document_menu.settings_dialog.reject()

    doc = Document(str(tmp / "out" / "三定规定-示例旗融媒体中心.docx"))
    for p in doc.paragraphs:
        for r in p.runs:
            r.text = r.text.replace("负责广播电视节目的制作", "负责广播电视和网络视听节目的制作")
        if p.text.startswith("第一条"):
            p.runs[-1].text += "（经研究）"
    edited = tmp / "三定规定-示例旗融媒体中心（修改）.docx"
    doc.save(str(edited))
    window.document_menu.import_document(str(edited))
    shot(window.document_menu.import_dialog, "import")
    return 0


if __name__ == "__main__":
    sys.exit(run_on_display(main, "shots"))
