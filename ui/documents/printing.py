"""Printing PDFs through the system print dialog (QPrinter), page by page as QtPdf renders them.

The pages printed are the PDFs the documents package wrote — the same pages the preview shows — in
order: for the filing packet the cover with the 报送材料目录 first, then the documents as listed.
Each page is rendered by QtPdf at the printer's resolution (at most :data:`MAX_DPI`) and drawn onto
a sheet of the page's own size and orientation (横排附表 print landscape). Page ranges count through
the whole set (第 1 页 = the first page of the first PDF); copies are made here when the print
system cannot make them itself. :func:`print_pdfs` runs on the worker thread (QPainter on a QPrinter
may be used off the GUI thread); the dialog and the progress stay on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from sydw_desktop.errors import SydwError
from ui.documents.rendering import PdfBundle, render_page
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress

MAX_DPI = 300


@dataclass(frozen=True)
class PrintOutcome:
    sheets: int
    """Pages sent to the printer (all copies)."""
    pages: list[int]
    """The set's page numbers printed, 1-based, in order (one copy)."""
    copies: int


def selected_pages(total: int, printer: QPrinter) -> list[int]:
    """The 1-based page numbers the printer's settings ask for, in order."""
    pages = list(range(1, total + 1))
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            pages = [p for p in pages if ranges.contains(p)]
        elif printer.fromPage() > 0:
            last = printer.toPage() or total
            pages = [p for p in pages if printer.fromPage() <= p <= last]
    return pages


def print_pdfs(paths: Sequence[Path], printer: QPrinter, token: CancelToken | None = None,
               max_dpi: int = MAX_DPI) -> PrintOutcome:
    """Print the pages of ``paths`` (one set, in order) with ``printer``'s range and copies."""
    docs: list[QPdfDocument] = []
    try:
        for path in paths:
            doc = QPdfDocument()
            if doc.load(str(path)) != QPdfDocument.Error.None_:
                raise SydwError(f"无法打开要打印的文件“{Path(path).name}”。")
            docs.append(doc)
        index = [(d, i) for d in docs for i in range(d.pageCount())]
        pages = selected_pages(len(index), printer)
        if not pages:
            raise SydwError("所选页码范围内没有可打印的页。")
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        order = pages * copies if printer.collateCopies() else [p for p in pages for _ in range(copies)]
        printer.setFullPage(True)
        painter = QPainter()
        for n, number in enumerate(order):
            if token is not None:
                token.raise_if_cancelled()
                token.report(f"正在打印第 {n + 1}/{len(order)} 页……")
            doc, page = index[number - 1]
            size = doc.pagePointSize(page)
            landscape = size.width() > size.height()
            portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
            printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                       else QPageLayout.Orientation.Portrait)
            if n == 0:
                if not painter.begin(printer):
                    raise SydwError("无法开始打印：打印机不可用或输出文件无法写入。")
            elif not printer.newPage():
                raise SydwError("打印机拒绝了新的一页，打印已中止。")
            _draw_page(painter, printer, doc, page, max_dpi)
        painter.end()
        return PrintOutcome(len(order), pages, copies)
    finally:
        for doc in docs:
            doc.close()  # made on the worker thread (no event loop there): deleted with the Python objects


def _draw_page(painter: QPainter, printer: QPrinter, doc: QPdfDocument, page: int, max_dpi: int) -> None:
    full = printer.pageLayout().fullRectPixels(printer.resolution())
    target = QRectF(0, 0, full.width(), full.height())
    painter.setViewport(full)
    painter.setWindow(full)
    painter.setClipRect(target)
    size = doc.pagePointSize(page)
    dpi = min(printer.resolution(), max_dpi)
    image = render_page(doc, page, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
    painter.drawImage(target, image)


def print_dialog(parent: QWidget, printer: QPrinter, pages: int, title: str) -> QPrintDialog:
    """The system print dialog for a set of ``pages`` pages (range, copies, collation)."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setMinMax(1, max(1, pages))
    dialog.setFromTo(1, max(1, pages))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(option.PrintPageRange, True)
    dialog.setOption(option.PrintCollateCopies, True)
    dialog.setOption(option.PrintToFile, True)
    dialog.setOption(option.PrintShowPageSize, True)
    dialog.setOption(option.PrintSelection, False)
    dialog.setOption(option.PrintCurrentPage, False)
    return dialog


def start_print(parent: QWidget, runner: TaskRunner, bundle: PdfBundle, printer: QPrinter,
                on_done: Callable[[PrintOutcome], None], on_failed: Callable[[BaseException], None]) -> QProgressDialog:
    """Print ``bundle`` with an already configured ``printer`` on the worker, with a progress dialog.

    The task holds the printer (and the bundle's files must stay) until ``on_done``/``on_failed``.
    """
    paths = [s.path for s in bundle.sources]
    printer.setDocName(bundle.title)
    printer.setCreator("事业单位改革材料编审系统（离线版）")
    task = Task(work=lambda token: print_pdfs(paths, printer, token), on_success=on_done, on_failure=on_failed)
    return run_with_progress(parent, runner, task, "打印", f"正在打印“{bundle.title}”……")


def ask_and_print(parent: QWidget, runner: TaskRunner, bundle: PdfBundle,
                  on_done: Callable[[PrintOutcome], None], on_failed: Callable[[BaseException], None]) -> bool:
    """Show the print dialog for ``bundle``; print in the background when the clerk confirms."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = print_dialog(parent, printer, bundle.pages, f"打印 — {bundle.title}（共 {bundle.pages} 页）")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    start_print(parent, runner, bundle, printer, on_done, on_failed)
    return True


def outcome_text(outcome: PrintOutcome) -> str:
    pages = outcome.pages
    span = f"第 {pages[0]}–{pages[-1]} 页" if len(pages) > 1 else f"第 {pages[0]} 页"
    copies = f"，{outcome.copies} 份" if outcome.copies > 1 else ""
    return f"已送打印：{span}（{len(pages)} 页{copies}，共 {outcome.sheets} 张）。"
