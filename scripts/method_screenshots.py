"""Screenshots of the method's windows for docs/method.md, on a real display (Xvfb + xcb).

    .venv/bin/python scripts/method_screenshots.py OUT_DIR

(on an Xvfb display of its own unless ``QT_QPA_PLATFORM=xcb`` and ``DISPLAY`` name one: scripts/shot_run.py).

Opens the demo in the main window and saves ``method-main.png`` (the computed step beside the
工作步骤 drop-down), ``method-steps.png`` (工作进度), ``method-review.png`` (“三定”审理 with the
融媒体中心's consultation records), ``method-decisions.png``, ``method-evaluations.png`` and
``method-report.png`` (调度和通报), then writes a 月通报 and renders its first page to
``method-bulletin-p1.png`` (pdftoppm). Look at them, then copy the good ones to ``docs/screenshots/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QDate
from shot_run import ShotRun, run_on_display

from sydw_desktop.demo import write_demo
from tests.eventloop import wait
from ui.method.report_dialog import ReportDialog
from ui.method.review_dialog import ReviewDialog


def main(out: Path) -> int:
    run = ShotRun(out, "method")
    shot, window, tmp = run.shot, run.window, run.tmp
    write_demo(tmp / "示例旗.sydw")
    run.open(tmp / "示例旗.sydw")
    wait("the steps", lambda: bool(window.method_menu.statuses))
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
    return 0


if __name__ == "__main__":
    sys.exit(run_on_display(main, "method-shots"))
