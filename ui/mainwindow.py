"""The main window: menus, tool bar, status bar, the workspace tree, the editors and the problems panel.

It owns at most one :class:`WorkspaceSession`. Pages refresh themselves from the session's
``operation_did_execute`` signal; the window only keeps the undo texts, the workflow step and the
status bar in step with it.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from sydw_desktop.errors import ImportRefused, SydwError, WorkspaceNotWritable
from sydw_desktop.league.facts import attach_league
from sydw_desktop.live_snapshot import LiveSnapshot
from sydw_desktop.logs import log_exception
from sydw_desktop.rules.engine import CheckState, check
from sydw_desktop.rules.findings import CheckReport, Finding, Severity
from sydw_desktop.store.backups import DAILY, due_daily, list_backups
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Phase, WorkflowStep
from sydw_desktop.workspace import Workspace
from ui.actions import MainActions
from ui.backups_dialog import RestoreDialog
from ui.changelog_page import ChangelogPage
from ui.documents.document_menu import build_document_menu
from ui.file_outputs import build_file_outputs
from ui.method.method_menu import build_method_menu
from ui.new_workspace_dialog import NewWorkspaceDialog
from ui.packets.packet_menu import build_packet_menu
from ui.plan.import_dialog import ImportResultsDialog
from ui.plan.plan_page import PlanPage
from ui.plan.units_page import UnitsPage
from ui.problems import ProblemsPanel
from ui.review.review_menu import build_review_menu
from ui.screen import fit_to_screen, keep_on_screen, screen_key, screen_of
from ui.session.findings_index import FindingsIndex
from ui.session.navigation import locate
from ui.session.operations import CancelToken, Task, TaskRunner, run_with_progress
from ui.session.session import WorkspaceSession
from ui.settings import AppSettings
from ui.welcome_page import WelcomePage
from ui.workspace_tree import Node, TreePanel, WorkspaceTree

if TYPE_CHECKING:
    from ui.help import HelpWindow

APP_TITLE = "事业单位改革材料编审系统（离线版）"
#: how long after opening a workspace its daily backup (if due) is made
DAILY_BACKUP_DELAY_MS = 3000


def _document_page(session: WorkspaceSession) -> QWidget:
    # the editors (and the numerals they show) load on first use
    from ui.editors.document_page import DocumentPage

    return DocumentPage(session)


def _comparison_page(session: WorkspaceSession) -> QWidget:
    from ui.plan.comparison import ComparisonPage  # QtCharts loads only when the view is first shown

    return ComparisonPage(session)


class Pages:
    """The editor pages of the open workspace, each built the first time it is asked for."""

    def __init__(self, stack: QStackedWidget, factories: dict[str, Callable[[], QWidget]]) -> None:
        self._stack = stack
        self._factories = factories
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = self._factories[name]()
            self._stack.addWidget(page)
        return page

    def built(self) -> list[QWidget]:
        return list(self._built.values())

    def name_of(self, page: QWidget | None) -> str:
        return next((name for name, built in self._built.items() if built is page), "")

    def clear(self) -> None:
        for page in self._built.values():
            self._stack.removeWidget(page)
            page.deleteLater()
        self._built.clear()
        self._factories = {}


class MainWindow(QMainWindow):
    _opening_text = Signal(str)  # progress of the opening worker, to the GUI thread

    def __init__(self, settings: AppSettings | None = None, check_delay_ms: int = 400) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or AppSettings()
        self.runner = TaskRunner(self)
        self.check_delay_ms = check_delay_ms
        self.session: WorkspaceSession | None = None
        self.opening: Path | None = None  # a workspace being opened in the background
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self._cleanup_on_close: list[Path] = []
        self._backup_timer = QTimer(self)  # the daily backup, for a workspace left open for days
        self._backup_timer.timeout.connect(self._daily_backup)
        self._backup_timer.start(3_600_000)

        self.actions_ = MainActions(self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("editor_area")
        self.pages = Pages(self.stack, {})
        self.help_window: HelpWindow | None = None
        self.welcome = WelcomePage()
        self.welcome.open_requested.connect(self.open_in_background)
        self.welcome.new_button.clicked.connect(self.new_workspace)
        self.welcome.open_button.clicked.connect(self.choose_and_open)
        self.welcome.demo_button.clicked.connect(self.open_demo)
        self.welcome.template_button.clicked.connect(lambda: self.export_template())
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)

        self.tree = WorkspaceTree()
        self.tree.node_activated.connect(self.show_node)
        self.tree_dock = QDockWidget("工作区", self)
        self.tree_dock.setObjectName("tree_dock")
        self.tree_panel = TreePanel(self.tree)  # the tree with a 查找单位 box over it
        self.tree_dock.setWidget(self.tree_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)

        self.problems = ProblemsPanel()
        self.problems.navigate_requested.connect(self.navigate)
        self.problems.exported.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.problems.tall_button.toggled.connect(self.set_problems_tall)
        self.problems_dock = QDockWidget("问题", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)

        self.workflow_combo = QComboBox()
        self.workflow_combo.setObjectName("workflow_step")
        self.workflow_combo.setToolTip("工作区所处的工作步骤（九步工作法），修改会记入台账")
        for number, step in enumerate(WorkflowStep, 1):
            self.workflow_combo.addItem(f"{number}. {step.value}", step.value)
        self.workflow_combo.activated.connect(
            lambda i: self.set_workflow_step(WorkflowStep(self.workflow_combo.itemData(i)))
        )

        self._build_menus()
        self._build_toolbar()
        self._build_statusbar()
        self._connect_actions()
        self._restore_layout()
        self._refresh_recent()
        self._update_for_session()

    # -- construction ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.actions_
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([a.file_new, a.file_open])
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        file_menu.addSeparator()
        file_menu.addActions([a.file_import, a.file_template])
        file_menu.addSeparator()
        self.file_outputs = build_file_outputs(self, file_menu)  # 导出 / 另存为 / 备份到 (ui/file_outputs.py)
        file_menu.addSeparator()
        self.restore_action = file_menu.addAction("从备份恢复(&B)…")
        self.restore_action.setObjectName("file_restore")
        self.restore_action.triggered.connect(lambda: self.restore_from_backup())
        file_menu.addSeparator()
        file_menu.addActions([a.file_close, a.file_quit])
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([a.edit_undo, a.edit_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(a.edit_find)
        view_menu = bar.addMenu("视图(&V)")
        view_menu.addActions([a.view_plan, a.view_before, a.view_after, a.view_comparison, a.view_changelog])
        view_menu.addSeparator()
        view_menu.addActions([self.tree_dock.toggleViewAction(), self.problems_dock.toggleViewAction()])
        check_menu = bar.addMenu("检查(&C)")
        check_menu.addAction(a.check_all)
        self.packet_menu = build_packet_menu(self)  # 报送 (ui/packet_menu.py)
        self.document_menu = build_document_menu(self)  # 文书 (ui/document_menu.py)
        self.review_menu = build_review_menu(self)  # 审核 (ui/review/review_menu.py)
        step_menu = bar.addMenu("工作步骤(&W)")
        step_menu.addActions(list(a.workflow.values()))
        self.method_menu = build_method_menu(self, self, self.workflow_combo)  # 改革工作 (ui/method/)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([a.help_manual, a.help_about])
        # the dock toggles get the shortcuts kept under their action names
        self.tree_dock.toggleViewAction().setShortcuts(a.view_tree.shortcuts())
        self.problems_dock.toggleViewAction().setShortcuts(a.view_problems.shortcuts())

    def _build_toolbar(self) -> None:
        a = self.actions_
        tools = QToolBar("工具栏", self)
        tools.setObjectName("main_toolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.setIconSize(QSize(16, 16))
        tools.addActions([a.file_new, a.file_open, a.file_import])
        tools.addSeparator()
        tools.addActions([a.edit_undo, a.edit_redo])
        tools.addSeparator()
        tools.addActions([a.check_all, a.view_comparison, a.view_changelog])
        tools.addSeparator()
        tools.addWidget(QLabel(" 工作步骤："))
        tools.addWidget(self.workflow_combo)
        tools.addWidget(self.method_menu.indicator)
        self.addToolBar(tools)
        self.toolbar = tools

    def _build_statusbar(self) -> None:
        self.status_path = QLabel()
        self.status_step = QLabel()
        self.status_step.setObjectName("status_step")
        self.status_saved = QLabel()
        self.status_saved.setObjectName("status_saved")
        self.status_check = QLabel()
        self.status_check.setObjectName("status_check")
        self.status_selection = QLabel()  # sum and count of the selected table cells, as in Excel
        self.status_selection.setObjectName("status_selection")
        self.open_progress = QProgressBar()
        self.open_progress.setObjectName("open_progress")
        self.open_progress.setRange(0, 0)  # busy: reading a file has no known length
        self.open_progress.setMaximumWidth(220)
        self.open_progress.setTextVisible(True)
        self.open_progress.setVisible(False)
        self._opening_text.connect(self._show_opening, Qt.ConnectionType.QueuedConnection)
        bar = self.statusBar()
        bar.addWidget(self.status_path, 1)
        bar.addPermanentWidget(self.open_progress)
        bar.addPermanentWidget(self.status_selection)
        bar.addPermanentWidget(self.status_check)
        bar.addPermanentWidget(self.status_step)
        bar.addPermanentWidget(self.status_saved)

    def _connect_actions(self) -> None:
        a = self.actions_
        a.file_new.triggered.connect(self.new_workspace)
        a.file_open.triggered.connect(self.choose_and_open)
        a.file_import.triggered.connect(lambda: self.import_excel())
        a.file_template.triggered.connect(lambda: self.export_template())
        a.file_close.triggered.connect(self.close_workspace)
        a.file_quit.triggered.connect(self.close)
        a.edit_undo.triggered.connect(self.undo)
        a.edit_redo.triggered.connect(self.redo)
        a.edit_find.triggered.connect(self.focus_search)
        a.check_all.triggered.connect(self.check_all)
        a.view_plan.triggered.connect(lambda: self.show_node(("plan",), select=True))
        a.view_before.triggered.connect(lambda: self.show_node(("before",), select=True))
        a.view_after.triggered.connect(lambda: self.show_node(("after",), select=True))
        a.view_comparison.triggered.connect(lambda: self.show_node(("comparison",), select=True))
        a.view_changelog.triggered.connect(lambda: self.show_node(("changelog",), select=True))
        a.help_manual.triggered.connect(lambda: self.show_help())
        a.help_about.triggered.connect(self.about)
        for step, action in a.workflow.items():
            action.triggered.connect(lambda _checked=False, s=step: self.set_workflow_step(s))

    def _restore_layout(self) -> None:
        fit_to_screen(self, QSize(1360, 860))
        screen = screen_key(screen_of(self))
        geometry = self.settings.window_geometry(screen)
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)
        state = self.settings.window_state(screen)
        if state is None or not self.restoreState(state):
            self.resizeDocks([self.tree_dock], [270], Qt.Orientation.Horizontal)
            self.resizeDocks([self.problems_dock], [230], Qt.Orientation.Vertical)

    # -- errors: the one place that shows them -------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.statusBar().showMessage(message, 10_000)
        if self._error_box is not None:
            self._error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, "提示", message, QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText("确定")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._error_box = box

    def show_unexpected(self, error: BaseException) -> None:
        if isinstance(error, SydwError):
            self.show_error(error.message)
            return
        log = log_exception(error)
        self.show_error(f"程序内部错误：{error}\n详细信息已写入日志：{log}")

    # -- workspace lifecycle ---------------------------------------------------------------------

    def choose_and_open(self) -> None:
        start = str(self.settings.recent_files()[0].parent) if self.settings.recent_files() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "打开工作区", start, "工作区 (*.sydw);;所有文件 (*)")
        if path:
            self.open_in_background(Path(path))

    def new_workspace(self) -> None:
        folder = self.settings.recent_files()[0].parent if self.settings.recent_files() else Path.home()
        dialog = NewWorkspaceDialog(self, folder)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        try:
            ws = Workspace.create(dialog.target(), dialog.jurisdiction())
        except SydwError as err:
            self.show_error(err.message)
            return
        self.set_workspace(ws)
        self.show_node(("before",), select=True)  # a new workspace starts with its units: 从 Excel 导入

    def _units_page(self, session: WorkspaceSession, phase: Phase) -> UnitsPage:
        page = UnitsPage(session, phase)
        page.empty.import_requested.connect(lambda: self.import_excel())
        page.empty.template_requested.connect(lambda: self.export_template())
        page.sheet.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.sheet.summary_changed.connect(self.status_selection.setText)
        return page

    def open_demo(self) -> None:
        """A fresh copy of the demo (示例旗), built on the worker the first time."""
        from ui.app import write_demo_copy

        def opened(path: Path) -> None:
            self.open_workspace(path, remember=False)

        task = Task(work=lambda token: write_demo_copy(), on_success=opened, on_failure=self.show_unexpected)
        self._progress = run_with_progress(self, self.runner, task, "打开示例", "正在准备示例工作区……",
                                           cancellable=False)

    def open_workspace(self, path: Path, *, remember: bool = True) -> bool:
        """Open ``path`` here and now (the first check follows in the background)."""
        path = Path(path)
        if self.session is not None and self.session.ws.path.resolve() == path.resolve():
            return True
        try:
            ws = Workspace.open(path)
        except WorkspaceNotWritable as err:
            self.offer_readonly(path, err.message, remember=remember)
            return False
        except SydwError as err:
            self._open_failed(path, err)
            return False
        self.set_workspace(ws, remember=remember)
        return True

    def _open_failed(self, path: Path, err: SydwError, *, remember: bool = True) -> None:
        if isinstance(err, WorkspaceNotWritable):
            self.offer_readonly(path, err.message, remember=remember)
            return
        self.show_error(err.message)
        if path.exists() and list_backups(path):
            self._offer_restore(path)
        if not path.exists():
            self.settings.remove_recent(path)
            self._refresh_recent()

    def open_in_background(self, path: Path, *, remember: bool = True) -> None:
        """Open ``path`` on the worker — the file, its snapshot, the first check — while the window
        stays live and shows the progress; the workspace appears when all three are done."""
        path = Path(path)
        if self.opening is not None or (self.session is not None
                                        and self.session.ws.path.resolve() == path.resolve()):
            return
        self.opening = path

        def work(token: CancelToken) -> tuple[Workspace, LiveSnapshot, CheckState, FindingsIndex]:
            # The read makes millions of long-lived objects and no cycles: the cyclic collector stays
            # off until they are frozen (set_workspace), else its scans would hold the GUI thread too.
            gc.disable()
            token.report(f"正在打开“{path.name}”……")
            ws = Workspace.open(path)
            try:
                token.report(f"正在读取“{path.name}”……")
                live = LiveSnapshot.read(ws)
                token.report("正在按全部规则检查……")
                state = check(attach_league(ws, live.snapshot), cancel=token.is_cancelled)
            except BaseException:
                ws.close()
                raise
            return ws, live, state, FindingsIndex(state.report)

        def done(result: tuple[Workspace, LiveSnapshot, CheckState, FindingsIndex]) -> None:
            self._opened()
            ws, live, state, index = result
            self.set_workspace(ws, remember=remember, live=live, state=state, index=index, page_later=True)

        def failed(error: BaseException) -> None:
            self._opened()
            gc.enable()
            if isinstance(error, SydwError):
                self._open_failed(path, error, remember=remember)
            else:
                self.show_unexpected(error)

        task = Task(work=work, on_success=done, on_failure=failed)
        task.token._progress = self._opening_text.emit
        self.open_progress.setVisible(True)
        self.status_path.setText(f"正在打开“{path.name}”……")
        self.welcome.setEnabled(False)
        self.runner.submit(task)

    def _opened(self) -> None:
        self.opening = None
        self.open_progress.setVisible(False)
        self.welcome.setEnabled(True)

    def offer_readonly(self, path: Path, message: str, *, remember: bool = True) -> QMessageBox:
        """Say why ``path`` cannot be opened for writing, offering 以只读方式打开 instead."""
        self.show_error(message)
        box = self._error_box
        assert box is not None
        readonly = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
        readonly.setObjectName("open_readonly")
        box.button(QMessageBox.StandardButton.Ok).setText("取消")
        readonly.clicked.connect(lambda: self.open_readonly(path, remember=remember))
        return box

    def _offer_restore(self, path: Path) -> None:
        box = self._error_box
        assert box is not None
        button = box.addButton("从备份恢复…", QMessageBox.ButtonRole.ActionRole)
        button.setObjectName("offer_restore")
        button.clicked.connect(lambda: self.restore_from_backup(path))

    def restore_from_backup(self, path: Path | None = None) -> RestoreDialog | None:
        """从备份恢复: for ``path``, else the open workspace, else a file the clerk picks."""
        if path is None and self.session is not None:
            path = self.session.ws.path
        if path is None:
            start = str(self.settings.recent_files()[0].parent) if self.settings.recent_files() else str(Path.home())
            chosen, _ = QFileDialog.getOpenFileName(self, "选择要恢复的工作区", start, "工作区 (*.sydw);;所有文件 (*)")
            if not chosen:
                return None
            path = Path(chosen)
        target = path

        def close_if_open() -> None:
            if self.session is not None and self.session.ws.path.resolve() == target.resolve():
                self.close_workspace()

        dialog = RestoreDialog(target, self, before_restore=close_if_open,
                               restored=lambda p: self.open_workspace(p))
        dialog.open()
        return dialog

    def _daily_backup(self) -> None:
        """Once a day while a workspace is open for writing (also right after opening)."""
        session = self.session
        if session is None or session.ws.readonly or not due_daily(session.ws.path):
            return
        try:
            session.ws.backup(DAILY)
        except SydwError as err:
            self.statusBar().showMessage(err.message, 10_000)

    def open_readonly(self, path: Path, *, remember: bool = True) -> bool:
        try:
            ws = Workspace.open(path, readonly=True)
        except SydwError as err:
            self.show_error(err.message)
            return False
        self.set_workspace(ws, remember=remember)
        return True

    def set_workspace(self, ws: Workspace, *, remember: bool = True, live: LiveSnapshot | None = None,
                      state: CheckState | None = None, index: FindingsIndex | None = None,
                      page_later: bool = False) -> None:
        """Show ``ws``; ``page_later``: build the first page in the next turn of the event loop (at
        region scale the session and the page each take about 0.1 s: two short stalls, not one)."""
        self.close_workspace()
        session = WorkspaceSession(ws, self.runner, self.check_delay_ms, self, live=live, state=state, index=index)
        session.failed.connect(self.show_error)
        session.operation_did_execute.connect(self._on_operation)
        session.check_running.connect(self._on_check_running)
        session.report_changed.connect(self._on_report)
        self.session = session
        self.pages = Pages(self.stack, {
            "plan": lambda: PlanPage(session),
            "before": lambda: self._units_page(session, Phase.BEFORE),
            "after": lambda: self._units_page(session, Phase.AFTER),
            "comparison": lambda: _comparison_page(session),
            "changelog": lambda: ChangelogPage(session),
            "document": lambda: _document_page(session),
        })
        self.tree.set_session(session)
        self.problems.set_session(session)
        self.method_menu.attach(session)
        if remember:
            self.settings.add_recent(ws.path)
            self._refresh_recent()
        self._update_for_session()
        if page_later:
            QTimer.singleShot(0, lambda: self.show_node(("after",), select=True) if self.session is session else None)
        else:
            self.show_node(("after",), select=True)
        if state is None:
            QTimer.singleShot(0, session.checker.check_now)  # after the window has painted
        else:
            self._on_report(state.report)
        # What is open now lives as long as the workspace: keep the cyclic collector off it, so its
        # full scans (seconds over a region's millions of objects) never freeze the window.
        gc.freeze()
        gc.enable()
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, self, self._daily_backup)  # not in the way of showing the workspace

    def close_workspace(self) -> None:
        if self.session is None:
            return
        session = self.session
        self.session = None
        self.tree.set_session(None)
        self.problems.set_session(None)
        self.method_menu.attach(None)
        self.pages.clear()
        session.close()
        session.deleteLater()
        self.stack.setCurrentWidget(self.welcome)
        self._update_for_session()

    def _show_opening(self, text: str) -> None:
        if self.opening is not None:
            self.status_path.setText(text)
            self.open_progress.setFormat(text)

    def _refresh_recent(self) -> None:
        recent = self.settings.recent_files()
        self.recent_menu.clear()
        for number, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{number} {path.name}　{path.parent}")
            action.triggered.connect(lambda _c=False, p=path: self.open_in_background(p))
        self.recent_menu.setEnabled(bool(recent))
        self.welcome.set_recent(recent)

    # -- keeping the chrome in step --------------------------------------------------------------

    def _update_for_session(self) -> None:
        a = self.actions_
        has = self.session is not None
        writable = has and not self.session.ws.readonly  # type: ignore[union-attr]
        for action in (a.file_import, a.file_close, a.check_all, a.edit_find, a.view_plan, a.view_before,
                       a.view_after, a.view_comparison, a.view_changelog, *self.file_outputs.actions()):
            action.setEnabled(has)
        a.file_import.setEnabled(writable)
        self.workflow_combo.setEnabled(writable)
        for action in a.workflow.values():
            action.setEnabled(writable)
        self.document_menu.update_actions()
        if self.session is None:
            self.setWindowTitle(APP_TITLE)
            a.set_undo_text(None)
            a.set_redo_text(None)
            self.status_path.setText("未打开工作区")
            self.status_step.clear()
            self.status_saved.clear()
            self.status_check.clear()
            return
        ws = self.session.ws
        self.setWindowTitle(f"{ws.path.name}{'（只读）' if ws.readonly else ''} — {APP_TITLE}")
        shown = location_text(ws.path)
        self.status_path.setText(shown)
        self.status_path.setToolTip(str(ws.path) if shown == str(ws.path) else "")
        self._update_undo()
        self._update_step()

    def _update_undo(self) -> None:
        ws = self.session.ws if self.session else None
        self.actions_.set_undo_text(ws.undo_name if ws else None)
        self.actions_.set_redo_text(ws.redo_name if ws else None)

    def _update_step(self) -> None:
        if self.session is None:
            return
        step = self.session.ws.workflow_step()
        number = list(WorkflowStep).index(step) + 1
        self.workflow_combo.setCurrentIndex(number - 1)
        self.actions_.workflow[step].setChecked(True)
        self.status_step.setText(f"工作步骤：{number}/9 {step.value}")
        self.method_menu.step_changed()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        self._update_undo()
        if changes.settings:
            self._update_step()
        self.status_saved.setText(f"已自动保存 {datetime.now():%H:%M:%S}")
        self.statusBar().showMessage(f"已完成：{changes.operation}", 4000)

    def _on_check_running(self, running: bool) -> None:
        if running:
            self.status_check.setText("正在检查……")

    def _on_report(self, report: CheckReport) -> None:
        found = self.session.index.counts if self.session and self.session.report is report else {
            s: report.count(s) for s in Severity}
        counts = "　".join(f"{s.label} {found[s]}" for s in Severity)
        if report.findings:
            self.status_check.setText(counts)
        elif self.session is not None and not self.session.ws.unit_count(Phase.BEFORE):
            self.status_check.setText("尚未导入单位")  # nothing checked is not “no problems”
        else:
            self.status_check.setText("未发现问题")
        self.problems_dock.setWindowTitle(f"问题（{len(report.findings)}）")

    # -- navigation ------------------------------------------------------------------------------

    def show_node(self, node: Node, *, select: bool = False) -> None:
        if self.session is None or not node:
            return
        self.status_selection.clear()  # the selection summary belongs to the table left behind
        if select:
            self.tree.select_node(node, emit=False)
        kind = node[0]
        if kind in ("jurisdiction", "comparison"):
            self.stack.setCurrentWidget(self.pages["comparison"])
        elif kind in ("plan", "before", "after", "changelog"):
            self.stack.setCurrentWidget(self.pages[kind])
        elif kind == "before_unit":
            page = self.pages["plan"]
            assert isinstance(page, PlanPage)
            page.select_unit(node[1])
            self.stack.setCurrentWidget(page)
        elif kind == "after_unit":
            page = self.pages["after"]
            assert isinstance(page, UnitsPage)
            page.select_cell(node[1], "name")
            self.stack.setCurrentWidget(page)
        elif kind == "document":
            document: Any = self.pages["document"]
            document.show_document(node[1], node[2])
            self.stack.setCurrentWidget(document)

    def navigate(self, finding: Finding) -> None:
        """Open the document a finding is about and land on its field, highlighted."""
        if self.session is None:
            return
        target = locate(finding, self.session.ws)
        if target.page in ("before", "after"):
            page = self.pages[target.page]
            assert isinstance(page, UnitsPage)
            self.tree.select_node((f"{target.page}_unit", target.unit_id) if target.page == "after" else ("before",), emit=False)
            self.stack.setCurrentWidget(page)
            page.select_cell(target.unit_id, target.field, highlight=True)  # type: ignore[arg-type]
        elif target.page == "plan":
            plan = self.pages["plan"]
            assert isinstance(plan, PlanPage)
            self.tree.select_node(("before_unit", target.unit_id), emit=False)
            self.stack.setCurrentWidget(plan)
            plan.select_unit(target.unit_id, target.field, highlight=True)  # type: ignore[arg-type]
        elif target.page == "document":
            doc: Any = self.pages["document"]
            self.tree.select_node(("document", target.unit_id, target.document), emit=False)
            doc.show_document(target.unit_id, target.document, target.field)
            self.stack.setCurrentWidget(doc)
        else:
            self.show_node(("comparison",), select=True)
        self.statusBar().showMessage(f"定位到：{finding.message}", 6000)

    def focus_search(self) -> None:
        page: Any = self.stack.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    # -- editing ---------------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session is not None:
            self.session.undo()

    def redo(self) -> None:
        if self.session is not None:
            self.session.redo()

    def set_workflow_step(self, step: WorkflowStep) -> None:
        if self.session is None:
            return
        if step is not self.session.ws.workflow_step():
            self.session.perform(lambda ws: ws.set_workflow_step(step), initiator=self)
        self._update_step()

    # -- slow work -------------------------------------------------------------------------------

    def check_all(self) -> None:
        """Run every rule over the whole workspace with a cancellable progress dialog."""
        if self.session is None:
            return
        session = self.session
        snap = session.live.snapshot
        task = Task(work=lambda token: check(snap, cancel=token.is_cancelled), on_success=session.set_state,
                    on_failure=self.show_unexpected)
        self._progress = run_with_progress(self, self.runner, task, "全面检查", "正在按全部规则检查工作区……")

    def import_excel(self, path: Path | None = None) -> None:
        """Import an inventory/plan workbook in the background; show every problem if refused."""
        if self.session is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "导入 Excel", str(Path.home()), "Excel 工作簿 (*.xlsx)")
            if not chosen:
                return
            path = Path(chosen)
        from sydw_desktop.workbook import import_workbook_with_notes, read_workbook

        session = self.session
        session.begin_collection_op()

        def work(token: CancelToken) -> tuple[OpChanges, list[str]]:
            token.report("正在检查工作簿……")
            read_workbook(path)  # every problem is found here, before anything is written
            token.commit()
            token.report("正在写入工作区……")
            return import_workbook_with_notes(session.ws, path)

        def done(result: tuple[OpChanges, list[str]]) -> None:
            session.end_collection_op()
            changes, notes = result
            session.did_execute(changes, self)
            self.show_node(("before",), select=True)
            snap = session.live.snapshot
            summary = f"已导入“{path.name}”：改革前单位 {len(snap.before)} 个，" \
                      f"改革后单位 {len(snap.after)} 个。可用“撤销”恢复导入前的内容。"
            if notes:
                self.import_dialog = ImportResultsDialog("导入完成", summary + f"\n另有 {len(notes)} 条提示：", notes, self)
                self.import_dialog.open()
            else:
                self.statusBar().showMessage(summary, 8000)

        def failed(error: BaseException) -> None:
            session.end_collection_op()
            if isinstance(error, ImportRefused):
                self.import_dialog = ImportResultsDialog(
                    "导入被拒绝",
                    f"“{error.source}”有 {len(error.problems)} 处问题，工作区未作任何修改。请修改工作簿后重新导入。",
                    error.problems, self,
                )
                self.import_dialog.open()
            else:
                self.show_unexpected(error)

        def cancelled() -> None:
            session.end_collection_op()
            self.statusBar().showMessage("已取消导入，工作区未作任何修改。", 6000)

        task = Task(work=work, on_success=done, on_failure=failed, on_cancelled=cancelled)
        self._progress = run_with_progress(self, self.runner, task, "导入 Excel", f"正在导入“{path.name}”……")

    def export_template(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "导出导入模板", str(Path.home() / "事业单位改革导入模板.xlsx"), "Excel 工作簿 (*.xlsx)"
            )
            if not chosen:
                return
            path = Path(chosen if chosen.endswith(".xlsx") else chosen + ".xlsx")
        from sydw_desktop.workbook import write_template

        target = path
        task = Task(
            work=lambda token: write_template(target),
            on_success=lambda written: self.statusBar().showMessage(f"已导出导入模板：{written}", 8000),
            on_failure=self.show_unexpected,
        )
        self._progress = run_with_progress(self, self.runner, task, "导出导入模板", "正在写入模板……",
                                           cancellable=False)

    # -- misc ------------------------------------------------------------------------------------

    def set_problems_tall(self, tall: bool) -> None:
        """The problems panel over most of the window (to work through a long list), or back."""
        if tall:
            self._problems_height = self.problems_dock.height()
            height = (self.stack.height() + self.problems_dock.height()) * 3 // 4
        else:
            height = getattr(self, "_problems_height", 230)
        self.resizeDocks([self.problems_dock], [height], Qt.Orientation.Vertical)

    def help_topic(self) -> str:
        """The manual's topic for what is shown: the page, or the document editor's kind."""
        if self.session is None:
            return "welcome"
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.problems or self.problems.isAncestorOf(focus)):
            return "problems"
        current = self.stack.currentWidget()
        name = self.pages.name_of(current)
        return str(getattr(current, "kind", name)) if name == "document" else name

    def show_help(self, topic: str | None = None) -> HelpWindow:
        """帮助 → 使用说明 (F1), opened at the section for ``topic`` (default: what is shown)."""
        from ui.help import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_topic(topic if topic is not None else self.help_topic())
        return self.help_window

    def about(self) -> None:
        QMessageBox.about(
            self, "关于",
            f"<b>{APP_TITLE}</b><p>离线编制、检查和报送事业单位改革材料。</p>"
            "<p>界面字体：Noto Sans SC（SIL Open Font License 1.1）。</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window(screen_key(screen_of(self)), self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.close_workspace()
        self.runner.shutdown()
        super().closeEvent(event)


def location_text(path: Path) -> str:
    """Where the workspace lives, as the status bar says it: a temporary demo copy is not a path to remember."""
    try:
        temporary = path.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    except OSError:
        temporary = False
    if temporary:
        return f"{path.stem}（临时文件）"
    return str(path)
