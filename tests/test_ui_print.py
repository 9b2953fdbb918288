"""Preview of the filing packet, and printing it through QPrinter: same pages, same order, same look."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from document_ui_helpers import needs_poppler, pdf_text, small_workspace
from PIL import Image, ImageChops, ImageFilter, ImageStat
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter
from ui_helpers import open_window

from ui.documents import printing
from ui.documents.pdf_preview import PreviewWindow
from ui.documents.printing import PrintOutcome, print_dialog, selected_pages, start_print

pytestmark = needs_poppler
COMPARE_DPI = 50
#: mean absolute grey difference (0–255) between a printed page and its packet page, both rendered by
#: pdftoppm and blurred a little (the printed page is a 150 dpi raster of QtPdf's rendering).
TOLERANCE = 4.5


@pytest.fixture(name="small")
def small_fixture(qtbot, tmp_path: Path):
    window = open_window(qtbot, small_workspace(tmp_path / "小旗.sydw"), tmp_path)
    yield window
    window.close()


def packet_preview(qtbot, window) -> PreviewWindow:
    window.actions_.doc_preview_packet.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(PreviewWindow)), timeout=60_000)
    (preview,) = window.findChildren(PreviewWindow)
    return preview


def pages_of(pdf: Path, folder: Path, stem: str) -> list[Image.Image]:
    """Every page rendered by pdftoppm (grey, thin lines as drawn), slightly blurred."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(COMPARE_DPI), "-gray", "-thinlinemode", "shape", str(pdf),
                    str(folder / stem)], check=True)
    blur = ImageFilter.GaussianBlur(1.5)
    return [Image.open(p).convert("L").filter(blur) for p in sorted(folder.glob(f"{stem}-*.pgm"))]


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute grey difference; A4 sizes may differ by a pixel (595.3 pt vs 595 pt)."""
    return ImageStat.Stat(ImageChops.difference(a, b if b.size == a.size else b.resize(a.size))).mean[0]


def print_to_file(qtbot, window, monkeypatch, target: Path, setup=None) -> PrintOutcome:
    """Run 打印报送材料 with the print dialog answered: a PDF file, at 150 dpi."""
    outcomes: list[PrintOutcome] = []
    errors: list[BaseException] = []
    bundles = []

    def answer(parent, runner, bundle, on_done, on_failed) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(150)
        if setup is not None:
            setup(printer)
        bundles.append(bundle)
        start_print(parent, runner, bundle, printer, lambda o: (outcomes.append(o), on_done(o)),
                    lambda e: (errors.append(e), on_failed(e)))
        return True

    monkeypatch.setattr(printing, "ask_and_print", answer)  # the 文书 menu imports it when it prints
    window.actions_.doc_print_packet.trigger()
    qtbot.waitUntil(lambda: bool(outcomes or errors), timeout=90_000)
    assert not errors, errors
    assert not bundles[0].folder.exists(), "the packet's temporary files are removed after printing"
    return outcomes[0]


def test_packet_preview_in_the_order_of_the_contents(qtbot, small) -> None:
    preview = packet_preview(qtbot, small)
    bundle = preview.bundle
    titles = [s.title for s in bundle.sources]
    # cover, 请示, plan, 三定, 清单, 章程
    assert titles[0] == "封面及报送材料目录" and len(titles) == 1 + 1 + 1 + 2 + 2 + 2
    assert "实施方案" in titles[1]
    contents = pdf_text(bundle.sources[0].path)
    # each title's head (a long title, the 请示's, wraps inside its table cell) after the one before
    positions = [-1]
    for t in titles[1:]:
        positions.append(contents.find(t.replace(" ", "")[:12], positions[-1] + 1))
    assert all(p >= 0 for p in positions[1:]), "listed in the same order"
    assert bundle.pages == sum(s.pages for s in bundle.sources)
    assert len(bundle.thumbnails) == bundle.pages == preview.preview.thumbs.count()
    assert bundle.thumbnails[0].width() > 50 and not bundle.thumbnails[0].isNull()

    viewer = preview.preview
    assert viewer.current_page == 0 and viewer.documents.currentIndex() == 0
    last_of_first = bundle.sources[0].pages - 1
    viewer.go_to(last_of_first)
    viewer.step(1)  # over the edge into the next document
    assert viewer.source == 1 and viewer.current_page == last_of_first + 1
    assert viewer.documents.currentIndex() == 1 and viewer.thumbs.currentRow() == last_of_first + 1
    assert f"第 {last_of_first + 2}/{bundle.pages} 页" in viewer.page_label.text()
    viewer.thumbs.setCurrentRow(bundle.first_page(3))
    assert viewer.source == 3 and viewer.view.pageNavigator().currentPage() == 0
    viewer.set_zoom(1.5)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom and viewer.view.zoomFactor() == 1.5
    viewer.set_zoom(0.0)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    folder = bundle.folder
    preview.close()
    qtbot.waitUntil(lambda: not folder.exists())


def test_printed_packet_matches_the_packet_page_by_page(qtbot, small, monkeypatch, tmp_path: Path) -> None:
    preview = packet_preview(qtbot, small)
    sources = [s.path for s in preview.bundle.sources]
    expected = [img for n, path in enumerate(sources) for img in pages_of(path, tmp_path / "packet", f"d{n}")]
    target = tmp_path / "printed.pdf"
    outcome = print_to_file(qtbot, small, monkeypatch, target)
    assert outcome.sheets == len(expected) and outcome.pages == list(range(1, len(expected) + 1))
    printed = pages_of(target, tmp_path / "printed", "p")
    assert len(printed) == len(expected)
    for k, page in enumerate(printed):
        assert page.size[0] > page.size[1] if expected[k].size[0] > expected[k].size[1] else page.size[0] < page.size[1]
        own = difference(page, expected[k])
        assert own < TOLERANCE, f"printed page {k + 1} differs from the packet's page ({own:.2f})"
        others = [difference(page, e) for j, e in enumerate(expected)
                  if j != k and e.size == expected[k].size and difference(expected[k], e) >= TOLERANCE]
        assert all(own < o for o in others), f"printed page {k + 1} looks more like another page ({own:.2f}, {others})"
    preview.close()


def test_page_range_and_copies(qtbot, small, monkeypatch, tmp_path: Path) -> None:
    preview = packet_preview(qtbot, small)
    sources = [s.path for s in preview.bundle.sources]
    expected = [img for n, path in enumerate(sources[:3]) for img in pages_of(path, tmp_path / "packet", f"d{n}")]

    def setup(printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(4, 6)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)

    target = tmp_path / "range.pdf"
    outcome = print_to_file(qtbot, small, monkeypatch, target, setup)
    assert outcome.pages == [4, 5, 6] and outcome.copies == 2 and outcome.sheets == 6
    printed = pages_of(target, tmp_path / "printed", "r")
    assert len(printed) == 6
    for page, number in zip(printed, [4, 5, 6, 4, 5, 6], strict=True):
        assert difference(page, expected[number - 1]) < TOLERANCE
    assert small.document_menu.last_print == outcome
    preview.close()


def test_selected_pages_from_the_printer_settings(qtbot) -> None:
    printer = QPrinter()
    assert selected_pages(5, printer) == [1, 2, 3, 4, 5]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 9)
    assert selected_pages(5, printer) == [2, 3, 4, 5]


def test_print_dialog_offers_range_copies_and_file(qtbot, small) -> None:
    printer = QPrinter()
    dialog = print_dialog(small, printer, 34, "打印")
    qtbot.addWidget(dialog)
    assert (dialog.minPage(), dialog.maxPage()) == (1, 34) and (dialog.fromPage(), dialog.toPage()) == (1, 34)
    option = QAbstractPrintDialog.PrintDialogOption
    assert dialog.testOption(option.PrintPageRange) and dialog.testOption(option.PrintCollateCopies)
    assert dialog.testOption(option.PrintToFile)
    assert not dialog.testOption(option.PrintSelection) and not dialog.testOption(option.PrintCurrentPage)
