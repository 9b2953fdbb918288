"""模板管理: the format templates in use, installing the region's own, rolling back, checking.

An office installs the templates its region issued (“自治区答示范卷、市县做填空题”). A template is
validated before it is installed — Jinja syntax, fields the program does not provide, and (with
this workspace's data) fields left empty — and every problem is listed with the text of the
paragraph it is in. An invalid template is refused and the one in use stays; installing keeps the
replaced template so that 恢复上一版 can bring it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.documents import context as ctx
from sydw_desktop.documents.templates import (
    KINDS,
    TemplateInvalid,
    TemplateProblem,
    TemplateReport,
    TemplateStore,
    validate_template,
)
from sydw_desktop.errors import SydwError
from sydw_desktop.model import Snapshot, UnitId
from sydw_desktop.vocab import SandingForm
from ui.screen import fit_to_screen
from ui.session.operations import Task
from ui.session.session import WorkspaceSession

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_COLOR = QColor("#f8d0d0")
WARNING_COLOR = QColor("#fbecc0")


def sample_context(snap: Snapshot, kind: str) -> dict[str, Any] | None:
    """This workspace's data for a template of ``kind`` (the first unit that has such a document)."""
    if kind == "plan":
        return ctx.plan_context(snap)
    if kind == "contents":
        return ctx.contents_context(snap, [{"title": "示例", "kind": "改革方案", "file": "改革方案.pdf", "pages": 1}], [])
    if kind.startswith("sanding"):
        form = SandingForm.NOTICE if kind == "sanding_notice" else SandingForm.REPLY
        units = [u for u in snap.after if u.id in snap.sanding and snap.sanding[u.id].form is form] or \
            [u for u in snap.after if u.id in snap.sanding]
        return ctx.sanding_context(snap, units[0].id) if units and units[0].id is not None else None
    by_schema: dict[str, dict[UnitId, Any]] = {"quanxian": snap.quanxian, "charter": snap.charters}
    documents = by_schema[KINDS[kind].schema]
    unit = next((u for u in snap.after if u.id in documents), None)
    if unit is None or unit.id is None:
        return None
    return (ctx.quanxian_context if kind == "quanxian" else ctx.charter_context)(snap, unit.id)


class TemplateDialog(QDialog):
    finished_job = Signal(str)  # what happened, in Chinese (for the status line and tests)

    def __init__(self, session: WorkspaceSession, store: TemplateStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("template_dialog")
        self.setWindowTitle("模板管理")
        self.session = session
        self.store = store or TemplateStore()
        self.busy = False
        self.last_report: TemplateReport | None = None

        intro = QLabel("四类文书和封面目录的格式模板。安装本地区下发的模板前先校验，有错误的不安装；"
                       "被替换的模板保留为“上一版”，可随时恢复。模板对这台电脑上的所有工作区生效。")
        intro.setWordWrap(True)
        self.kinds = QStandardItemModel(self)
        self.kinds_view = QTableView()
        self.kinds_view.setObjectName("template_kinds")
        self.kinds_view.setModel(self.kinds)
        self.kinds_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.kinds_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.kinds_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kinds_view.verticalHeader().hide()
        self.kinds_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.install_button = QPushButton("安装本地区模板…")
        self.install_button.setObjectName("install")
        self.install_button.clicked.connect(self.choose_and_install)
        self.check_button = QPushButton("用本工作区数据检查")
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(lambda: self.check(self.current_kind()))
        self.rollback_button = QPushButton("恢复上一版")
        self.rollback_button.setObjectName("rollback")
        self.rollback_button.clicked.connect(lambda: self.rollback(self.current_kind()))
        self.reset_button = QPushButton("改回默认模板")
        self.reset_button.setObjectName("reset")
        self.reset_button.clicked.connect(lambda: self.reset(self.current_kind()))
        buttons = QHBoxLayout()
        for b in (self.install_button, self.check_button, self.rollback_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addWidget(close)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.problems = QStandardItemModel(self)
        self.problems_view = QTableView()
        self.problems_view.setObjectName("template_problems")
        self.problems_view.setModel(self.problems)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.verticalHeader().hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kinds_view, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_view, 3)
        self.refresh()
        self.kinds_view.selectRow(0)
        fit_to_screen(self, QSize(980, 640))

    # -- status ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_kind() if self.kinds.rowCount() else ""
        self.kinds.clear()
        self.kinds.setHorizontalHeaderLabels(["文书类型", "正在使用", "文件", "上一版"])
        for status in self.store.status():
            row = [QStandardItem(status.kind.title),
                   QStandardItem("本地安装的模板" if status.installed else "内置默认模板"),
                   QStandardItem(str(status.path)),
                   QStandardItem("可恢复" if status.has_previous else "—")]
            for item in row:
                item.setData(status.kind.key, KIND_ROLE)
            self.kinds.appendRow(row)
        self.kinds_view.resizeColumnToContents(0)
        self.kinds_view.resizeColumnToContents(1)
        self.kinds_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if current:
            self.select_kind(current)
        self._update_buttons()

    def select_kind(self, kind: str) -> None:
        for r in range(self.kinds.rowCount()):
            if self.kinds.item(r, 0).data(KIND_ROLE) == kind:
                self.kinds_view.selectRow(r)
                return

    def current_kind(self) -> str:
        row = self.kinds_view.currentIndex().row()
        item = self.kinds.item(max(row, 0), 0)
        return str(item.data(KIND_ROLE)) if item is not None else "plan"

    def _update_buttons(self) -> None:
        kind = self.current_kind()
        statuses = {s.kind.key: s for s in self.store.status()}
        status = statuses.get(kind)
        for b in (self.install_button, self.check_button):
            b.setEnabled(not self.busy)
        self.rollback_button.setEnabled(not self.busy and status is not None and status.has_previous)
        self.reset_button.setEnabled(not self.busy and status is not None and status.installed)

    def show_problems(self, problems: list[TemplateProblem]) -> None:
        self.problems.clear()
        self.problems.setHorizontalHeaderLabels(["类别", "问题", "所在段落"])
        for p in problems:
            row = [QStandardItem(p.kind), QStandardItem(p.message), QStandardItem(p.paragraph)]
            for item in row:
                item.setBackground(QBrush(ERROR_COLOR if p.is_error else WARNING_COLOR))
            self.problems.appendRow(row)
        self.problems_view.resizeColumnToContents(0)
        self.problems_view.setColumnWidth(1, 380)
        self.problems_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems_view.resizeRowsToContents()

    def _finish(self, text: str) -> None:
        self.busy = False
        self.summary.setText(text)
        self.refresh()
        self.finished_job.emit(text)

    # -- jobs (validation reads and renders the .docx: on the worker) ----------------------------------

    def _run(self, work: Any, done: Any) -> None:
        self.busy = True
        self._update_buttons()
        self.summary.setText("正在校验模板……")

        def failed(error: BaseException) -> None:
            if isinstance(error, TemplateInvalid):
                self.last_report = error.report
                self.show_problems(error.report.problems)
                self._finish(f"模板“{error.report.path.name}”有 {len(error.report.errors)} 处错误，未安装；"
                             "正在使用的模板保持不变。问题及所在段落见下表。")
            else:
                self._finish(error.message if isinstance(error, SydwError) else f"操作失败：{error}")

        self.session.runner.submit(Task(work=lambda _token: work(), on_success=done, on_failure=failed))

    def choose_and_install(self) -> None:
        kind = self.current_kind()
        path, _ = QFileDialog.getOpenFileName(self, f"安装“{KINDS[kind].title}”模板", str(Path.home()),
                                              "Word 文档 (*.docx)")
        if path:
            self.install(kind, Path(path))

    def install(self, kind: str, path: Path) -> None:
        """Validate ``path`` with this workspace's data and install it as the template of ``kind``."""
        data = sample_context(self.session.ws.snapshot(), kind)

        def done(report: TemplateReport) -> None:
            self.last_report = report
            self.show_problems(report.problems)
            gaps = f"另有 {len(report.warnings)} 处本工作区数据缺少（输出为空），见下表。" if report.warnings else ""
            self._finish(f"已安装“{path.name}”为“{KINDS[kind].title}”模板；原模板已保留，可“恢复上一版”。{gaps}")

        self._run(lambda: self.store.install(kind, path, data), done)

    def check(self, kind: str) -> None:
        """Validate the template in use for ``kind`` against this workspace's data."""
        data = sample_context(self.session.ws.snapshot(), kind)
        path = self.store.path(kind)

        def done(report: TemplateReport) -> None:
            self.last_report = report
            self.show_problems(report.problems)
            self._finish(report.text().splitlines()[0])

        self._run(lambda: validate_template(path, kind, data), done)

    def rollback(self, kind: str) -> None:
        try:
            self.store.rollback(kind)
        except SydwError as err:
            self._finish(err.message)
            return
        self.show_problems([])
        self._finish(f"已恢复“{KINDS[kind].title}”的上一版模板（刚才的模板保留为上一版）。")

    def reset(self, kind: str) -> None:
        self.store.reset(kind)
        self.show_problems([])
        self._finish(f"“{KINDS[kind].title}”已改回内置默认模板（本地模板保留为上一版）。")
