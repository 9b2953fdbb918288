"""Screenshots of the method's windows for docs/method.md, on a real display (Xvfb + xcb).

    Xvfb :96 -screen 0 1600x1000x24 &
    QT_QPA_PLATFORM=xcb DISPLAY=:96 .venv/bin/python scripts/method_screenshots.py OUT_DIR

Opens the demo in the main window and saves ``method-main.png`` (the computed step beside the
工作步骤 drop-down), ``method-steps.png`` (工作进度), ``method-review.png`` (“三定”审理 with the
融媒体中心's consultation records), ``method-decisions.png``, ``method-evaluations.png`` and
``method-report.png`` (调度和通报), then writes a 月通报 and renders its first page to
``method-bulletin-p1.png`` (pdftoppm). Look at them, then copy the good ones to ``docs/screenshots/``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QDate, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sydw_desktop.demo import write_demo  # noqa: E402
from tests.eventloop import wait  # noqa: E402
from ui.fonts import load_ui_font  # noqa: E402
from ui.mainwindow import MainWindow  # noqa: E402
from ui.method.report_dialog import ReportDialog  # noqa: E402
from ui.method.review_dialog import ReviewDialog  # noqa: E402
from ui.settings import AppSettings  # noqa: E402


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    load_ui_font(app)
    tmp = Path(tempfile.mkdtemp(prefix="sydw-method-shots-"))

    def shot(widget: QWidget, name: str) -> None:
        widget.move(40, 40)
        widget.raise_()
        for _ in range(3):
            QApplication.processEvents()
            time.sleep(0.1)
        widget.grab().save(str(out / f"method-{name}.png"))
        print("saved", name)

    settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=100)
    window.resize(1400, 900)
    write_demo(tmp / "示例旗.sydw")
    window.open_workspace(tmp / "示例旗.sydw")
    window.show()
    session = window.session
    assert session is not None
    wait("the first check", lambda: session.report is not None and bool(window.method_menu.statuses))
    shot(window, "main")
    menu = window.method_menu
    menu.open_steps()
    assert menu.steps_dialog is not None
    shot(menu.steps_dialog, "steps")
    menu.steps_dialog.close()
    review = menu.open_dialog("review")
    assert isinstance(review, ReviewDialog)
    review.select_unit("示例旗融媒体中心")
    shot(review, "review")
    review.close()
    for name in ("decisions", "evaluations"):
        dialog = menu.open_dialog(name)
        assert dialog is not None
        shot(dialog, name)
        dialog.close()
    report = menu.open_dialog("report")
    assert isinstance(report, ReportDialog)
    report.period.setCurrentIndex(report.period.findData("月"))
    report.end.setDate(QDate(2026, 10, 31))
    report.doc_no.setText("示编办发〔2026〕30号")
    shot(report, "report")
    result = report.write(tmp / "通报.pdf")
    assert result is not None
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(result.pdf),
                    str(out / "method-bulletin-p")], check=True)
    print("saved bulletin pages:", result.pages)
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
