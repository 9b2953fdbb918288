"""The 文书 menu: preview the current document or the whole filing packet, print the packet in order,
and the 模板管理 and 规则参数 dialogs.

:func:`build_document_menu` is the one call the main window makes (in its menu order). Slow work —
laying out the packet's PDFs, printing — runs on the worker with a cancellable progress dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QStackedWidget

from sydw_desktop.errors import SydwError
from ui.documents.printing import PrintOutcome, ask_and_print, outcome_text
from ui.documents.rendering import PdfBundle, packet_bundle
from ui.editors.document_page import DocumentPage
from ui.plan.plan_page import PlanPage
from ui.session.operations import Task, run_with_progress

if TYPE_CHECKING:
    from ui.actions import MainActions
    from ui.documents.params_dialog import ParamsDialog
    from ui.documents.template_dialog import TemplateDialog
    from ui.session.operations import TaskRunner
    from ui.session.session import WorkspaceSession


class DocumentHost(Protocol):
    """What the 文书 menu needs of the main window."""

    session: WorkspaceSession | None
    runner: TaskRunner
    actions_: MainActions
    stack: QStackedWidget

    def show_error(self, message: str) -> None: ...


class DocumentMenu(QObject):
    def __init__(self, window: QMainWindow, host: DocumentHost) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.template_dialog: TemplateDialog | None = None
        self.params_dialog: ParamsDialog | None = None
        self.last_print: PrintOutcome | None = None
        a = host.actions_
        self.menu = QMenu("文书(&D)", window)
        self.menu.setObjectName("document_menu")
        self.menu.addAction(a.doc_preview)
        self.menu.addSeparator()
        self.menu.addActions([a.doc_preview_packet, a.doc_print_packet])
        self.menu.addSeparator()
        self.menu.addActions([a.doc_templates, a.doc_params])
        self.menu.addSeparator()
        # issue 14: the doc.* lint into the problems panel, and Word/WPS round trip
        self.lint_action = QAction("文书成文检查(&L)", self)
        self.lint_action.setObjectName("doc_lint")
        self.lint_action.setStatusTip("按上级审核的眼光检查全部文书的成文（模板代码、序号、重复段落、名称、文号），结果列入问题面板")
        self.import_action = QAction("导入 Word 文书(&W)…", self)
        self.import_action.setObjectName("doc_import")
        self.import_action.setStatusTip("读回在 Word/WPS 中修改过的“三定”规定、政事权限清单或章程，列出改动后写入工作区")
        self.settings_action = QAction("文书设置(&S)…", self)
        self.settings_action.setObjectName("doc_settings")
        self.settings_action.setStatusTip("编委、编办名称，方案和请示的文号、日期、主送机关，签发人、报送人")
        self.menu.addActions([self.settings_action, self.lint_action, self.import_action])
        self.settings_action.triggered.connect(self.open_settings)
        self.lint_action.triggered.connect(self.lint_documents)
        self.import_action.triggered.connect(self.import_document)
        self.menu.aboutToShow.connect(self.update_actions)
        a.doc_preview.triggered.connect(self.preview_current)
        a.doc_preview_packet.triggered.connect(self.preview_packet)
        a.doc_print_packet.triggered.connect(self.print_packet)
        a.doc_templates.triggered.connect(self.open_templates)
        a.doc_params.triggered.connect(self.open_params)
        self.update_actions()

    def update_actions(self) -> None:
        a = self.host.actions_
        has = self.host.session is not None
        for action in (a.doc_preview, a.doc_preview_packet, a.doc_print_packet, a.doc_templates, a.doc_params,
                       self.settings_action, self.lint_action, self.import_action):
            action.setEnabled(has)

    def _session(self) -> WorkspaceSession | None:
        session = self.host.session
        if session is None:
            self.host.show_error("请先打开一个工作区。")
        return session

    # -- preview -----------------------------------------------------------------------------------

    def preview_current(self) -> None:
        """Preview the document on screen (an after-unit's document, or the 改革方案)."""
        session = self._session()
        if session is None:
            return
        from ui.documents.pdf_preview import preview_document

        page = self.host.stack.currentWidget()
        if isinstance(page, DocumentPage) and page.unit_id is not None:
            preview_document(self.window, session, page.kind, page.unit_id)
        elif isinstance(page, PlanPage):
            preview_document(self.window, session, "plan", None)
        else:
            self.host.show_error("请先在工作区中打开一份文书（改革方案、“三定”规定、政事权限清单或章程），再预览。")

    def preview_packet(self) -> None:
        session = self._session()
        if session is not None:
            from ui.documents.pdf_preview import preview_packet

            preview_packet(self.window, session)

    # -- print -------------------------------------------------------------------------------------

    def print_packet(self) -> None:
        """Lay out the packet, then print it in order (cover and 目录 first) through the print dialog."""
        session = self._session()
        if session is None:
            return
        snap = session.ws.snapshot()

        def ready(bundle: PdfBundle) -> None:
            def done(outcome: PrintOutcome) -> None:
                bundle.discard()
                self.last_print = outcome
                self.window.statusBar().showMessage(outcome_text(outcome), 10_000)

            def failed(error: BaseException) -> None:
                bundle.discard()
                self._failed(error)

            if not ask_and_print(self.window, session.runner, bundle, done, failed):
                bundle.discard()

        task = Task(work=lambda token: packet_bundle(snap, token), on_success=ready, on_failure=self._failed)
        run_with_progress(self.window, session.runner, task, "打印报送材料", "正在生成报送材料……")

    def _failed(self, error: BaseException) -> None:
        self.host.show_error(error.message if isinstance(error, SydwError) else f"操作失败：{error}")

    # -- issue 14: lint and Word round trip --------------------------------------------------------

    def lint_documents(self) -> None:
        """Check the workspace and lint every document on the worker; the problems panel lists both."""
        session = self._session()
        if session is None:
            return
        snap = session.ws.snapshot()
        task = Task(work=lambda token: checked_and_linted(snap), on_success=self._linted, on_failure=self._failed)
        run_with_progress(self.window, session.runner, task, "文书成文检查", "正在填充并检查全部文书……")

    def _linted(self, report: object) -> None:
        from sydw_desktop.rules.findings import CheckReport

        session = self.host.session
        if session is None or not isinstance(report, CheckReport):
            return
        session.set_report(report)
        lint = sum(1 for f in report.findings if f.rule.startswith("doc."))
        self.window.statusBar().showMessage(f"文书成文检查完成：{lint} 项问题（已列入问题面板）", 10_000)

    def open_settings(self) -> None:
        session = self._session()
        if session is None:
            return
        from ui.documents.doc_settings_dialog import DocSettingsDialog

        self.settings_dialog = DocSettingsDialog(session, self.window)
        self.settings_dialog.open()

    def import_document(self, path: str | None = None) -> None:
        session = self._session()
        if session is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "导入 Word 文书", "", "Word 文档 (*.docx)")
            if not path:
                return
        from pathlib import Path

        from ui.documents.import_doc_dialog import ImportDocDialog

        try:
            dialog = ImportDocDialog(session, Path(path), self.window)
        except SydwError as error:
            self._failed(error)
            return
        self.import_dialog = dialog
        dialog.open()

    # -- dialogs -----------------------------------------------------------------------------------

    def open_templates(self) -> None:
        session = self._session()
        if session is None:
            return
        from ui.documents.template_dialog import TemplateDialog

        if self.template_dialog is None or self.template_dialog.session is not session:
            self.template_dialog = TemplateDialog(session, parent=self.window)
            session.destroyed.connect(self.template_dialog.close)  # bound to the workspace
        self.template_dialog.show()
        self.template_dialog.raise_()

    def open_params(self) -> None:
        session = self._session()
        if session is None:
            return
        from ui.documents.params_dialog import ParamsDialog

        if self.params_dialog is None or self.params_dialog.session is not session:
            self.params_dialog = ParamsDialog(session, self.window)
            session.destroyed.connect(self.params_dialog.close)
        self.params_dialog.show()
        self.params_dialog.raise_()


def checked_and_linted(snap: object) -> object:
    """The rule check plus the doc.* lint over the filled documents, as one report (worker side)."""
    import dataclasses

    from sydw_desktop.documents.export import lint_snapshot
    from sydw_desktop.model import Snapshot
    from sydw_desktop.rules import run_checks

    assert isinstance(snap, Snapshot)
    report = run_checks(snap)
    return dataclasses.replace(report, findings=report.findings + tuple(lint_snapshot(snap).findings))


def build_document_menu(window: QMainWindow) -> DocumentMenu:
    """Add the 文书 menu to ``window``'s menu bar (where the call is made in the menu order)."""
    controller = DocumentMenu(window, window)  # type: ignore[arg-type]  # MainWindow satisfies DocumentHost
    window.menuBar().addMenu(controller.menu)
    return controller
