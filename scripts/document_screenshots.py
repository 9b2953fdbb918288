"""Screenshots of the 文书 menu's issue-14 dialogs for docs/gui.md, on a real display (Xvfb + xcb).

    Xvfb :96 -screen 0 1600x1000x24 &
    QT_QPA_PLATFORM=xcb DISPLAY=:96 .venv/bin/python scripts/document_screenshots.py OUT_DIR

Opens the demo, plants a blank 批准机关, runs 文书成文检查 (the problems panel lists the doc.* finding),
opens 文书设置, and imports a 三定 edited in Word (python-docx) through 导入 Word 文书. Writes
``doc-*.png`` to OUT_DIR; look at them, then copy the good ones to ``docs/screenshots/``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sydw_desktop.demo import write_demo  # noqa: E402
from sydw_desktop.documents.export import export_all  # noqa: E402
from tests.eventloop import wait  # noqa: E402
from ui.documents.document_menu import checked_and_linted  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.settings import AppSettings  # noqa: E402


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    tmp = Path(tempfile.mkdtemp(prefix="sydw-docshots-"))

    def shot(widget: QWidget, name: str) -> None:
        widget.raise_()
        for _ in range(3):
            QApplication.processEvents()
            time.sleep(0.1)
        widget.grab().save(str(out / f"doc-{name}.png"))
        print("saved", name)

    settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=100)
    window.resize(1400, 900)
    window.show()
    path = tmp / "示例旗.sydw"
    write_demo(path)
    assert window.open_workspace(path, remember=False), window.last_error
    session = window.session
    assert session is not None
    wait("检查", lambda: session.report is not None and not session.checker.pending, timeout=180.0)

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
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots")))
