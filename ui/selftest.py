"""``sydw-desktop --self-test``: the core self-test (``sydw_desktop.selftest``) plus two GUI steps.

Runs offscreen (no display needed): renders the first page of the exported plan with QtPdf and
checks that it has ink on it, then opens the demo workspace in the main window, waits for its
check, shows the comparison chart (QtCharts) and a document editor, and closes the window. The
window's settings go to a file in the temporary folder, never to the user's settings. Without a
stdout (the windowed Windows program started by a double click), the lines go to
``<user data>/logs/self-test.txt``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from sydw_desktop.selftest import Chain, Step, StepFailed, run

RENDER_WIDTH = 600  # pixels; a multiple of 4, so the grey image's rows carry no padding


def render_pdf_step(chain: Chain) -> str:
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    assert chain.first_pdf is not None
    document = QPdfDocument()
    status = document.load(str(chain.first_pdf))
    if status != QPdfDocument.Error.None_:
        raise StepFailed(f"QtPdf 打不开 {chain.first_pdf.name}：{status.name}")
    points = document.pagePointSize(0)
    height = round(RENDER_WIDTH * points.height() / points.width())
    rendered = document.render(0, QSize(RENDER_WIDTH, height))
    document.close()
    if rendered.isNull() or rendered.width() != RENDER_WIDTH:
        raise StepFailed("QtPdf 没有渲染出页面")
    page = QImage(rendered.size(), QImage.Format.Format_Grayscale8)
    page.fill(Qt.GlobalColor.white)  # the rendering is transparent where the paper is
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    image = page
    pixels = bytes(image.constBits())[: RENDER_WIDTH * image.height()]
    ink = sum(1 for value in pixels if value < 160) / len(pixels)
    if not 0.002 < ink < 0.5:
        raise StepFailed(f"渲染出的页面不像一页文书（深色像素占 {ink:.1%}）")
    return f"{chain.first_pdf.name} 第 1 页 {RENDER_WIDTH}×{height} 像素，文字像素占 {ink:.1%}"


def wait(what: str, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the window's event loop run until ``condition()`` holds, or fail the step after ``timeout``."""
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise StepFailed(f"等待超时：{what}")
        QApplication.processEvents()
        time.sleep(0.01)


def window_step(chain: Chain) -> str:
    from PySide6.QtCore import QSettings

    from ui.documents import pdf_preview, printing  # noqa: F401 - QtPdfWidgets and QtPrintSupport load
    from ui.mainwindow import MainWindow
    from ui.settings import AppSettings

    assert chain.workspace is not None and chain.snapshot is not None
    settings = AppSettings(QSettings(str(chain.folder / "窗口设置.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, check_delay_ms=0)
    try:
        if not window.open_workspace(chain.workspace, remember=False):
            raise StepFailed(window.last_error or "主窗口打不开示例工作区")
        window.show()
        session = window.session
        assert session is not None
        wait("主窗口的检查结果", lambda: session.report is not None, timeout=60)
        assert session.report is not None
        if session.report.has_errors:
            raise StepFailed("主窗口的检查结果有错误")
        window.show_node(("comparison",))  # the bar chart: QtCharts
        unit = chain.snapshot.after[0]
        window.show_node(("document", unit.id, "charter"))
        wait("页面显示", lambda: window.isVisible())
        title = window.windowTitle()
        if window.last_error:
            raise StepFailed(window.last_error)
    finally:
        window.close()
    wait("主窗口关闭", lambda: not window.isVisible())
    window.deleteLater()
    return f"“{title}”已打开、检查、显示对照图和章程，并已关闭"


GUI_STEPS: list[Step] = [
    ("用 QtPdf 渲染 PDF 页面", render_pdf_step),
    ("打开并关闭主窗口", window_step),
]


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the self-test needs no display
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("sydw-desktop")
    if sys.stdout is not None:
        return run(GUI_STEPS)
    # A windowed program started without a console or redirection (Windows) has no stdout.
    from sydw_desktop.paths import logs_dir

    report = logs_dir() / "self-test.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    with report.open("w", encoding="utf-8") as out:
        return run(GUI_STEPS, out=out)
