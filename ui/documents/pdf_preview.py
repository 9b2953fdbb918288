"""In-app preview of one document or of the whole filing packet, with thumbnails, zoom and printing.

What it shows are the PDFs the documents package writes (QtPdf renders them; there is no second
layout). The packet reads as one set of pages: the cover with the 报送材料目录, then each document in
the order of that list; the thumbnails run through the whole set and the page numbers count through
it, as the print dialog's page range does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from ui.documents.printing import PrintOutcome, ask_and_print, outcome_text
from ui.documents.rendering import THUMB_WIDTH, PdfBundle, document_bundle, packet_bundle
from ui.screen import fit_to_screen, remember_splitter
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress
from ui.session.session import WorkspaceSession

ZOOMS = [("适合宽度", 0.0), ("整页", -1.0), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("125%", 1.25),
         ("150%", 1.5), ("200%", 2.0)]
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class PdfPreview(QWidget):
    """The viewer: a document picker, page thumbnails, the pages, zoom."""

    def __init__(self, bundle: PdfBundle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle = bundle
        self.source = -1
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)

        self.documents = QComboBox()
        self.documents.setObjectName("documents")
        for n, s in enumerate(bundle.sources, 1):
            self.documents.addItem(f"{n}. {s.title}（{s.pages} 页）", n - 1)
        self.documents.activated.connect(lambda i: self.go_to(bundle.first_page(i)))
        self.prev_button = QPushButton("上一页")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("下一页")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoom")
        for text, value in ZOOMS:
            self.zoom.addItem(text, value)
        self.zoom.activated.connect(lambda i: self.set_zoom(self.zoom.itemData(i)))
        zoom_out = QPushButton("缩小")
        zoom_out.clicked.connect(lambda: self.set_zoom(max(0.25, self._factor() / 1.25)))
        zoom_in = QPushButton("放大")
        zoom_in.clicked.connect(lambda: self.set_zoom(min(4.0, self._factor() * 1.25)))
        self.print_button = QPushButton("打印…")
        self.print_button.setObjectName("print")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("文书："))
        bar.addWidget(self.documents, 1)
        for w in (self.prev_button, self.page_label, self.next_button, zoom_out, self.zoom, zoom_in,
                  self.print_button):
            bar.addWidget(w)

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("thumbnails")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        self.thumbs.setSpacing(6)
        self.thumbs.setFixedWidth(THUMB_WIDTH + 46)
        for page in range(bundle.pages):
            n, local = bundle.locate(page)
            item = QListWidgetItem(f"{page + 1}")
            item.setToolTip(f"{bundle.sources[n].title}　第 {local + 1} 页")
            item.setData(PAGE_ROLE, page)
            if page < len(bundle.thumbnails):
                pixmap = QPixmap.fromImage(bundle.thumbnails[page])
                icon = QIcon(pixmap)
                icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the page untinted; the number shows the selection
                item.setIcon(icon)
            self.thumbs.addItem(item)
        self.thumbs.currentRowChanged.connect(self._thumb_picked)

        splitter = QSplitter()
        splitter.addWidget(self.thumbs)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        remember_splitter(splitter, "pdf_preview")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, lambda: self.set_zoom(self._factor() * 1.25))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, lambda: self.set_zoom(self._factor() / 1.25))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.step(-1))
        self._syncing = False
        self.set_zoom(-1.0)  # a whole page, as it will print
        self.go_to(0)

    # -- pages ---------------------------------------------------------------------------------------

    @property
    def current_page(self) -> int:
        """The page shown, counted through the whole set (0-based)."""
        if self.source < 0:
            return 0
        return self.bundle.first_page(self.source) + self.view.pageNavigator().currentPage()

    def load_source(self, source: int) -> None:
        if source == self.source:
            return
        self.document.close()
        if self.document.load(str(self.bundle.sources[source].path)) != QPdfDocument.Error.None_:
            raise SydwError(f"无法打开“{self.bundle.sources[source].path.name}”。")
        self.source = source
        self.documents.setCurrentIndex(source)

    def go_to(self, page: int) -> None:
        """Show page ``page`` of the set (0-based)."""
        if not self.bundle.pages:
            return
        page = max(0, min(page, self.bundle.pages - 1))
        source, local = self.bundle.locate(page)
        self.load_source(source)
        self.view.pageNavigator().jump(local, QPointF(), self.view.pageNavigator().currentZoom())
        self._show_position(page)

    def step(self, delta: int) -> None:
        self.go_to(self.current_page + delta)

    def _page_changed(self, _local: int) -> None:
        self._show_position(self.current_page)

    def _show_position(self, page: int) -> None:
        source, local = self.bundle.locate(page)
        s = self.bundle.sources[source]
        self.page_label.setText(f"第 {page + 1}/{self.bundle.pages} 页（本文书第 {local + 1}/{s.pages} 页）")
        self._syncing = True
        self.thumbs.setCurrentRow(page)
        self._syncing = False

    def _thumb_picked(self, row: int) -> None:
        if not self._syncing and row >= 0:
            self.go_to(row)

    # -- zoom ----------------------------------------------------------------------------------------

    def _factor(self) -> float:
        return self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom else 1.0

    def set_zoom(self, value: float) -> None:
        if value == 0.0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value < 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(value)
        index = next((i for i, (_t, v) in enumerate(ZOOMS) if v == value), -1)
        self.zoom.setCurrentIndex(index)  # -1 (blank) for a factor not in the list


class PreviewWindow(QMainWindow):
    """A window of its own for one bundle; its temporary PDFs go when it closes."""

    def __init__(self, bundle: PdfBundle, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bundle = bundle
        self.runner = runner
        self.last_outcome: PrintOutcome | None = None
        self.setWindowTitle(f"预览 — {bundle.title}" + ("（草稿）" if bundle.draft else ""))
        self.preview = PdfPreview(bundle)
        self.setCentralWidget(self.preview)
        self.preview.print_button.clicked.connect(self.print_)
        status = QStatusBar()
        self.setStatusBar(status)
        note = "　".join(t for t in (f"共 {len(bundle.sources)} 份文书、{bundle.pages} 页", bundle.note) if t)
        if bundle.warnings:
            note += f"　另有 {len(bundle.warnings)} 条提示（悬停查看）"
            status.setToolTip("\n".join(bundle.warnings[:40]))
        status.showMessage(note)
        self.destroyed.connect(lambda _o=None, b=bundle: b.discard())
        fit_to_screen(self, QSize(1100, 900))

    def print_(self) -> bool:
        return ask_and_print(self, self.runner, self.bundle, self._printed, self._print_failed)

    def _printed(self, outcome: PrintOutcome) -> None:
        self.last_outcome = outcome
        self.statusBar().showMessage(outcome_text(outcome), 10_000)

    def _print_failed(self, error: BaseException) -> None:
        text = error.message if isinstance(error, SydwError) else f"打印失败：{error}"
        self.statusBar().showMessage(text, 15_000)


def _open(parent: QWidget, session: WorkspaceSession, work: Callable[[CancelToken], PdfBundle],
          title: str, label: str) -> None:
    """Run ``work`` with a progress dialog; show its bundle in a :class:`PreviewWindow` (a child of ``parent``)."""
    def done(bundle: PdfBundle) -> None:
        PreviewWindow(bundle, session.runner, parent).show()

    def failed(error: BaseException) -> None:
        session.failed.emit(error.message if isinstance(error, SydwError) else f"生成预览失败：{error}")

    run_with_progress(parent, session.runner, Task(work=work, on_success=done, on_failure=failed), title, label)


def preview_document(parent: QWidget, session: WorkspaceSession, kind: str, unit_id: int | None) -> None:
    """Render one document in the background, then show it."""
    snap = session.ws.snapshot()
    _open(parent, session, lambda token: document_bundle(snap, kind, unit_id, token), "预览", "正在生成文书 PDF……")


def preview_packet(parent: QWidget, session: WorkspaceSession) -> None:
    """Render the whole filing packet in the background, then show it."""
    snap = session.ws.snapshot()
    _open(parent, session, lambda token: packet_bundle(snap, token), "预览报送材料", "正在生成报送材料……")
