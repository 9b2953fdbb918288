"""The packet wizard's first page, 检查: the check that decides whether the workspace may be packed.

It runs the whole rule catalogue on the worker (the same check ``pack_snapshot`` repeats) and lists
the 错误 (which block) and the 警告 with the state of their 说明 (an unexplained or stale one blocks).
When the rules pass, it fills every document in memory and reads them with the ``doc.*`` lint
(the reading ``pack`` does before it writes a file), so that a 文书 error is found here rather than
after the clerk has chosen a drive and typed the passphrase.
A finding can be opened in its editor through the main window's problems navigation, and a
warning's 说明 can be written right here (stored through ``session.perform`` like the problems
panel does). The page re-checks after every operation on the workspace.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWizardPage,
)

from sydw_desktop.documents.export import lint_snapshot
from sydw_desktop.documents.lint import LintReport
from sydw_desktop.method.decisions import committee_warning
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.model import Snapshot
from sydw_desktop.packets.pack import refusal_reasons
from sydw_desktop.rules.findings import CheckReport, Finding, Severity
from sydw_desktop.store.undo import OpChanges
from ui.packets.packet_common import BLOCK_STYLE, OK_STYLE, describe_error
from ui.plan.unit_model import SEVERITY_COLORS
from ui.problems import explanation_state
from ui.session.checker import check_snapshot
from ui.session.operations import CancelToken, Task
from ui.session.session import WorkspaceSession

HEADERS = ["级别", "问题", "单位", "文书", "说明"]
#: Above this many 改革后单位 (a league's own workspace: ~0.1 s a unit, so minutes) the page does not
#: fill the documents itself: ``pack`` reads them anyway before it writes a file, and the clerk should
#: not wait twice. 文书 → 文书成文检查 does the same reading on request.
LINT_ON_PAGE_MAX_UNITS = 300
POSITION_ROLE = Qt.ItemDataRole.UserRole + 20


def blocking(f: Finding) -> bool:
    """Whether ``f`` alone keeps the workspace from being packed."""
    if f.severity is Severity.ERROR:
        return True
    return f.severity is Severity.WARNING and (f.explanation is None or f.explanation_stale)


def lint_refusal_text(lint: LintReport) -> str:
    return (f"不能报送：文书检查发现 {len(lint.errors)} 项“错误”（文书中的文号、日期、名称或版式），须先改正。\n"
            "双击一条问题打开它所在的文书和字段。")


def refusal_text(report: CheckReport) -> str:
    """Why packing is refused and what to do, in the GUI's terms (the core's message names the CLI)."""
    errors = report.count(Severity.ERROR)
    if errors:
        return (f"不能报送：检查发现 {errors} 项“错误”，须先改正。\n"
                "双击一条问题（或选中后点“在编辑器中定位”）打开它所在的文书和字段。")
    return (f"不能报送：有 {len(report.unexplained_warnings)} 项“警告”还没有填写说明（或说明在数据变化后需要复核）。\n"
            "选中警告在下方填写说明，也可以在主窗口的“问题”面板中填写。")


class CheckPage(QWizardPage):
    navigate_requested = Signal(object)  # Finding

    def __init__(self, session: WorkspaceSession) -> None:
        super().__init__()
        self.setObjectName("check_page")
        self.setTitle("检查")
        self.setSubTitle("报送前按全部规则检查一遍：有“错误”不能报送；“警告”都要填写说明。")
        self.session = session
        self.report: CheckReport | None = None
        self.lint: LintReport | None = None
        """The doc.* reading of the documents, once the rules pass (None before and while it runs)."""
        self.shown: list[Finding] = []
        self._generation = 0
        self._lint_token: CancelToken | None = None
        self._checked: Snapshot | None = None
        """The snapshot the shown report (and the reading of the documents) is of."""
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(300)
        self._recheck.timeout.connect(self.run_check)

        self.verdict = QLabel("正在检查……")
        self.verdict.setObjectName("check_verdict")
        self.verdict.setWordWrap(True)
        self.committee_note = QLabel()  # issue 17: packed for 报批 before the 编委会议 is recorded
        self.committee_note.setObjectName("committee_note")
        self.committee_note.setWordWrap(True)
        self.committee_note.setStyleSheet("color: #b3261e")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.view = QTreeView()
        self.view.setObjectName("check_findings")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setColumnWidth(0, 60)
        self.view.setColumnWidth(1, 430)
        self.view.setColumnWidth(2, 170)
        self.view.setColumnWidth(3, 90)
        self.view.activated.connect(lambda _i: self.go_to_current())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._on_current())

        self.recheck_button = QPushButton("重新检查")
        self.recheck_button.clicked.connect(self.run_check)
        self.locate_button = QPushButton("在编辑器中定位")
        self.locate_button.setObjectName("locate_finding")
        self.locate_button.setToolTip("打开这条问题所在的文书和字段（同“问题”面板中双击）")
        self.locate_button.clicked.connect(self.go_to_current)
        self.explain_label = QLabel()
        self.explain_label.setWordWrap(True)
        self.explain_edit = QPlainTextEdit()
        self.explain_edit.setObjectName("wizard_explanation")
        self.explain_edit.setPlaceholderText("说明：为什么这一情况是合理的，依据哪个文件……")
        self.explain_edit.setMaximumHeight(70)
        self.explain_save = QPushButton("保存说明")
        self.explain_save.setObjectName("wizard_save_explanation")
        self.explain_save.clicked.connect(self.save_explanation)

        buttons = QHBoxLayout()
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.locate_button)
        buttons.addStretch()
        explain_row = QHBoxLayout()
        explain_row.addWidget(self.explain_edit, 1)
        explain_row.addWidget(self.explain_save, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.committee_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.explain_label)
        layout.addLayout(explain_row)
        session.operation_did_execute.connect(self._on_operation)
        self._on_current()

    # -- checking -------------------------------------------------------------------------------

    def initializePage(self) -> None:
        if self.report is None:
            self.run_check()

    def run_check(self) -> None:
        """Check a fresh snapshot on the worker; a result overtaken by a newer request is dropped."""
        self._generation += 1
        generation = self._generation
        snapshot = self.session.ws.snapshot()
        self._checked = snapshot
        ws = self.session.ws
        committee = committee_warning(MethodRecords(ws).decisions(), ws.rounds(), date.today().isoformat())
        self.committee_note.setText(f"注意：{committee}" if committee else "")
        self.committee_note.setVisible(committee is not None)
        self.verdict.setText("正在检查……")
        self.verdict.setStyleSheet("")
        self.recheck_button.setEnabled(False)
        self.lint = None
        if self._lint_token is not None:  # a reading of older documents is of no use now
            self._lint_token.cancel()
            self._lint_token = None

        def done(report: CheckReport) -> None:
            if generation == self._generation:
                self.set_report(report)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.recheck_button.setEnabled(True)
                self.verdict.setText(f"检查出错：{describe_error(error)}")
                self.verdict.setStyleSheet(BLOCK_STYLE)

        self.session.runner.submit(Task(work=lambda token: check_snapshot(snapshot, token),
                                        on_success=done, on_failure=failed))

    def stop(self) -> None:
        """The wizard is closing: a reading of the documents still running would only hold up the worker."""
        self._generation += 1
        if self._lint_token is not None:
            self._lint_token.cancel()
            self._lint_token = None

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.kinds and self.isVisible():
            self._recheck.start()

    def set_report(self, report: CheckReport) -> None:
        self.report = report
        self.recheck_button.setEnabled(True)
        if refusal_reasons(report) is None and self._checked is not None and len(self._checked.after) > LINT_ON_PAGE_MAX_UNITS:
            self.lint = LintReport()
            self.verdict.setText("规则检查通过。文书较多，生成报送包时会逐份检查文书（文号、日期、名称、版式），"
                                 "有错误则不生成；也可以先用“文书 → 文书成文检查”查看。可以进入下一步。")
            self.verdict.setStyleSheet(OK_STYLE)
        elif refusal_reasons(report) is None:
            self.verdict.setText("规则检查通过，正在逐份检查文书（文号、日期、名称、版式）……")
            self.verdict.setStyleSheet("")
            self._run_lint()
        else:
            self.verdict.setText(refusal_text(report))
            self.verdict.setStyleSheet(BLOCK_STYLE)
        self._fill()
        self.completeChanged.emit()

    def _run_lint(self) -> None:
        generation = self._generation
        snapshot = self._checked
        assert snapshot is not None

        def done(lint: LintReport) -> None:
            if generation == self._generation:
                self.set_lint(lint)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.verdict.setText(f"文书检查出错：{describe_error(error)}")
                self.verdict.setStyleSheet(BLOCK_STYLE)

        task = Task(work=lambda token: lint_snapshot(snapshot, cancel=token.is_cancelled),
                    on_success=done, on_failure=failed)
        self._lint_token = task.token
        self.session.runner.submit(task)

    def set_lint(self, lint: LintReport) -> None:
        self.lint = lint
        self._lint_token = None
        assert self.report is not None
        warnings = [f for f in self.report.findings if f.severity is Severity.WARNING]
        if lint.has_errors:
            self.verdict.setText(lint_refusal_text(lint))
            self.verdict.setStyleSheet(BLOCK_STYLE)
        else:
            self.verdict.setText(
                f"检查通过：没有“错误”，{len(warnings)} 项“警告”都已填写说明；文书检查通过。可以进入下一步。"
                if warnings else "检查通过：没有“错误”，也没有“警告”；文书检查通过。可以进入下一步。"
            )
            self.verdict.setStyleSheet(OK_STYLE)
        self._fill()
        self.completeChanged.emit()

    def _fill(self) -> None:
        current = self.current_finding()
        self.model.removeRows(0, self.model.rowCount())
        found = [*(self.report.findings if self.report else []), *(self.lint.findings if self.lint else [])]
        self.shown = [f for f in found if f.severity in (Severity.ERROR, Severity.WARNING)]
        self.shown.sort(key=lambda f: (f.severity is not Severity.ERROR, not self._blocking(f)))
        restore = None
        for position, f in enumerate(self.shown):
            cells = [
                QStandardItem(f.severity.label),
                QStandardItem(f.message),
                QStandardItem(f.unit or "（全方案）"),
                QStandardItem(f.document.label),
                QStandardItem("文书须改正" if self._from_lint(f) else explanation_state(f) or "须改正"),
            ]
            cells[0].setBackground(QBrush(SEVERITY_COLORS[f.severity]))
            if self._blocking(f):
                cells[4].setForeground(QBrush(Qt.GlobalColor.red))
            for cell in cells:
                cell.setData(position, POSITION_ROLE)
                cell.setToolTip(f"{f.message}\n\n依据：{f.basis or '（未注明）'}\n规则：{f.rule}"
                                + (f"\n说明：{f.explanation}" if f.explanation else ""))
            self.model.appendRow(cells)
            if current is not None and f.key == current.key:
                restore = cells[0].index()
        if restore is not None:
            self.view.setCurrentIndex(restore)
        self._on_current()

    def _from_lint(self, f: Finding) -> bool:
        return self.lint is not None and any(f is x for x in self.lint.findings)

    def _blocking(self, f: Finding) -> bool:
        # a doc.* warning has no 说明 to write: only its errors hold the packet back
        return f.severity is Severity.ERROR if self._from_lint(f) else blocking(f)

    @property
    def settled(self) -> bool:
        """Whether the check has said its last word (the rules refuse, or the documents were read)."""
        return self.report is not None and (refusal_reasons(self.report) is not None or self.lint is not None)

    def isComplete(self) -> bool:
        return (self.report is not None and refusal_reasons(self.report) is None
                and self.lint is not None and not self.lint.has_errors)

    # -- the selected finding -------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        position = self.view.currentIndex().data(POSITION_ROLE)
        return self.shown[position] if isinstance(position, int) and position < len(self.shown) else None

    def select(self, finding: Finding) -> None:
        for row, f in enumerate(self.shown):
            if f.key == finding.key:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    def go_to_current(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.navigate_requested.emit(finding)

    def _on_current(self) -> None:
        f = self.current_finding()
        self.locate_button.setEnabled(f is not None)
        writable = (f is not None and f.severity is Severity.WARNING and not self._from_lint(f)
                    and not self.session.ws.readonly)
        self.explain_edit.setEnabled(writable)
        self.explain_save.setEnabled(writable)
        if f is None:
            self.explain_label.setText("选中一条警告，可在这里直接填写说明。")
            self.explain_edit.clear()
        elif f.severity is not Severity.WARNING:
            self.explain_label.setText("“错误”不能靠说明放行，须改正。")
            self.explain_edit.clear()
        elif self._from_lint(f):
            self.explain_label.setText("文书检查的提示：核对后改正即可，不需要填写说明。")
            self.explain_edit.clear()
        else:
            self.explain_label.setText(f"说明（{explanation_state(f)}）：{f.message}")
            self.explain_edit.setPlainText(f.explanation or "")

    def save_explanation(self) -> None:
        f = self.current_finding()
        text = self.explain_edit.toPlainText()
        if f is None or f.severity is not Severity.WARNING:
            return
        if not text.strip():
            self.explain_label.setText(f"说明不能为空：{f.message}")
            return
        self.session.perform(
            lambda ws: ws.set_explanation(f.rule, f.unit, f.field, text, f.fingerprint), initiator=self
        )
