"""The problems panel: findings grouped by severity, with counts, filters, basis and 说明.

Double-clicking a finding asks the main window to navigate to its document and field. Warnings get
their explanation (说明) written right here; it is stored through the workspace and travels in the
packet.

A region's report has 10,000 findings: :class:`ProblemsModel` keeps them in plain lists and answers
the view for the rows on screen; a new report is one model reset (no item objects are built).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.problems_list import rule_titles, write_problems_list
from sydw_desktop.rules.findings import CheckReport, Finding, Severity
from sydw_desktop.vocab import DocumentKind, Level
from ui.plan.unit_model import SEVERITY_COLORS
from ui.review.comment_findings import ANSWERABLE
from ui.session.session import WorkspaceSession

#: position of the finding in ``ProblemsPanel.shown`` (plain ints only: no Python objects in Qt items)
FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
ALL_DOCUMENTS = "全部文书"
ALL_UNITS = "全部单位"
HEADERS = ["问题", "单位", "文书", "规则", "说明"]


AnyIndex = QModelIndex | QPersistentModelIndex
#: internalId of a finding's index: its group's row + FINDING_ID (a group head's is its row)
FINDING_ID = 1 << 30  # far above any group count (grouping by unit makes thousands of groups)


def explanation_state(f: Finding) -> str:
    if f.severity is not Severity.WARNING:
        return ""
    if f.explanation is None:
        return "未填写"
    return "已过期，需重写" if f.explanation_stale else "已填写"


def finding_tip(f: Finding, fix: str = "") -> str:
    tip = f"{f.message}" + (f"\n\n如何修改：{fix}" if fix else "") + f"\n\n依据：{f.basis or '（未注明）'}"
    return tip + (f"\n说明：{f.explanation}" if f.explanation else "")


#: How the panel groups findings: key → the entry of the 分组 drop-down.
GROUPINGS = {"severity": "按严重程度", "rule": "按规则", "unit": "按单位"}


@dataclass
class Group:
    title: str
    severity: Severity | None  # the group's colour: its own severity, or the worst of its findings
    findings: list[Finding]


def group_findings(findings: list[Finding], by: str, titles: dict[str, tuple[str, str]]) -> list[Group]:
    """``findings`` (in panel order) grouped ``by`` severity, rule or unit; groups in a useful order."""
    if by == "severity":
        return [Group(s.label, s, [f for f in findings if f.severity is s]) for s in Severity]
    keyed: dict[str, list[Finding]] = {}
    for f in findings:
        if by == "rule":
            key = titles.get(f.rule, (f.rule, ""))[0]
        elif by == "subordinate":  # an upper office: the league rules speak of a subordinate each
            key = (f.unit or "（全部下级）") if f.rule.startswith("league.") else "本级"
        else:
            key = f.unit or "（全方案）"
        keyed.setdefault(key, []).append(f)
    order = list(Severity)
    groups = [Group(k, min((f.severity for f in v), key=order.index), v) for k, v in keyed.items()]
    groups.sort(key=lambda g: (order.index(g.severity) if g.severity else 9, -len(g.findings), g.title))
    return groups


class ProblemsModel(QAbstractItemModel):
    """Findings in groups (by severity, rule or unit): one head row per group, its findings as children."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.groups: list[Group] = [Group(s.label, s, []) for s in Severity]
        self._offsets = [0, 0, 0]  # position of each group's first finding in the shown list
        self.titles: dict[str, tuple[str, str]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_findings(self, findings: list[Finding], by: str = "severity") -> None:
        """Show ``findings`` (in panel order) grouped ``by``; one reset, whatever their number."""
        self.beginResetModel()
        self.groups = group_findings(findings, by, self.titles)
        offset = 0
        self._offsets = []
        for group in self.groups:
            self._offsets.append(offset)
            offset += len(group.findings)
        self.endResetModel()

    def rule_title(self, rule: str) -> str:
        return self.titles.get(rule, (rule, ""))[0]

    @property
    def shown(self) -> list[Finding]:
        return [f for group in self.groups for f in group.findings]

    def finding(self, index: AnyIndex) -> Finding | None:
        if not index.isValid() or index.internalId() < FINDING_ID:
            return None
        group = self.groups[index.internalId() - FINDING_ID].findings
        return group[index.row()] if index.row() < len(group) else None

    def index_of(self, position: int) -> QModelIndex:
        """The index of the ``position``-th finding shown (panel order)."""
        for g, group in enumerate(self.groups):
            if position < self._offsets[g] + len(group.findings):
                return self.createIndex(position - self._offsets[g], 0, FINDING_ID + g)
        return QModelIndex()

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # called for every row when the view lays a group out: the finding's case comes first
        if parent.isValid():
            g = parent.internalId()
            if g < FINDING_ID and 0 <= row < len(self.groups[g].findings) and 0 <= column < len(HEADERS):
                return self.createIndex(row, column, FINDING_ID + g)
            return QModelIndex()
        if 0 <= row < len(self.groups) and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, row)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() < FINDING_ID:
            return QModelIndex()
        g = index.internalId() - FINDING_ID
        return self.createIndex(g, 0, g)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() < FINDING_ID and parent.column() == 0:
            return len(self.groups[parent.row()].findings)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return True
        g = parent.internalId()
        return g < FINDING_ID and parent.column() == 0 and bool(self.groups[g].findings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        R = Qt.ItemDataRole
        if index.internalId() < FINDING_ID:  # a group head
            group = self.groups[index.row()]
            if role == R.DisplayRole:
                return f"{group.title}（{len(group.findings)}）" if index.column() == 0 else ""
            if role == R.BackgroundRole:
                return QBrush(SEVERITY_COLORS[group.severity]) if group.severity is not None else None
            if role == R.FontRole and index.column() == 0:
                return self._bold
            return None
        f = self.finding(index)
        if f is None:
            return None
        if role == R.DisplayRole:
            return (f.message, f.unit or "（全方案）", f.document.label, self.rule_title(f.rule),
                    explanation_state(f))[index.column()]
        if role == R.ToolTipRole:
            return finding_tip(f, self.titles.get(f.rule, (f.rule, ""))[1])
        if role == FINDING_ROLE:
            return self._offsets[index.internalId() - FINDING_ID] + index.row()
        return None


class UnitChoices(QAbstractListModel):
    """The unit filter's entries: 全部单位, then every unit with findings (value: its name)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.beginResetModel()
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.names) + 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.names[index.row() - 1] if index.row() else ALL_UNITS
        if role == Qt.ItemDataRole.UserRole:
            return self.names[index.row() - 1] if index.row() else ""
        return None


class ProblemsPanel(QWidget):
    navigate_requested = Signal(object)  # Finding
    exported = Signal(str)  # what the status bar says after 导出清单

    def __init__(self, session: WorkspaceSession | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems_panel")
        self.session: WorkspaceSession | None = None
        self._report: CheckReport | None = None
        self._checking = False
        self.shown: list[Finding] = []

        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.document = QComboBox()
        self.document.setObjectName("document_filter")
        self.document.addItem(ALL_DOCUMENTS, "")
        for kind in DocumentKind:
            self.document.addItem(kind.label, kind.key)
        self.document.currentIndexChanged.connect(self._rebuild)
        self.unit = QComboBox()
        self.unit.setObjectName("unit_filter")
        self.unit.setMinimumContentsLength(14)
        self.unit_choices = UnitChoices(self)
        self.unit.setModel(self.unit_choices)
        self.unit.currentIndexChanged.connect(self._rebuild)

        self.search = QLineEdit()
        self.search.setObjectName("problems_search")
        self.search.setPlaceholderText("搜索问题、单位、规则")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._rebuild)
        self.grouping = QComboBox()
        self.grouping.setObjectName("problems_grouping")
        for key, label in GROUPINGS.items():
            self.grouping.addItem(label, key)
        self.grouping.currentIndexChanged.connect(self._rebuild)
        self.export_button = QPushButton("导出清单…")
        self.export_button.setObjectName("export_problems")
        self.export_button.setToolTip("把当前列出的问题（含如何修改）导出为 Excel，逐条处理")
        self.export_button.clicked.connect(lambda: self.export_list())
        self.tall_button = QPushButton("放大")
        self.tall_button.setObjectName("tall_problems")
        self.tall_button.setCheckable(True)
        self.tall_button.setToolTip("把问题面板拉高到窗口的大部分，再点一次还原")
        self.tall_button.toggled.connect(lambda on: self.tall_button.setText("还原" if on else "放大"))

        self.model = ProblemsModel(self)
        self.model.titles = {**rule_titles(), **{rule: (a.title, a.fix) for rule, a in ANSWERABLE.items()}}
        self.tree = QTreeView()
        self.tree.setObjectName("problems_tree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 200)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self.context_menu(self.finding_at(self.tree.indexAt(pos))).popup(
                self.tree.viewport().mapToGlobal(pos)))
        # activated = double-click (or Enter) on a finding
        self.tree.activated.connect(self._on_double_click)
        self.tree.selectionModel().currentChanged.connect(
            lambda *_: self._set_explain_target(self.current_finding())
        )

        self.detail = QLabel()
        self.detail.setObjectName("finding_detail")
        self.detail.setWordWrap(True)  # the whole message, wrapped, with what to do about it
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explain_label = QLabel("选中一条警告后，在这里填写说明（警告须有说明才能报送）。")
        self.explain_label.setWordWrap(True)
        self.explain_edit = QPlainTextEdit()
        self.explain_edit.setObjectName("explanation_edit")
        self.explain_edit.setPlaceholderText("说明：为什么这一情况是合理的，依据哪个文件……")
        self.answer_status = QComboBox()  # a 上级意见 is answered 已修改 or 已说明 (see ANSWERABLE)
        self.answer_status.setObjectName("answer_status")
        self.answer_status.addItems(["已修改", "已说明"])
        self.answer_status.setVisible(False)
        self.explain_save = QPushButton("保存说明")
        self.explain_save.setObjectName("save_explanation")
        self.explain_save.clicked.connect(self.save_explanation)
        self.explain_clear = QPushButton("删除说明")
        self.explain_clear.clicked.connect(self.clear_explanation)

        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.search, 1)
        top.addWidget(self.grouping)
        top.addWidget(QLabel("文书："))
        top.addWidget(self.document)
        top.addWidget(QLabel("单位："))
        top.addWidget(self.unit)
        top.addWidget(self.export_button)
        top.addWidget(self.tall_button)
        explain_box = QWidget()
        explain_layout = QVBoxLayout(explain_box)
        explain_layout.setContentsMargins(0, 0, 0, 0)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        detail_scroll.setMinimumHeight(36)  # the panel stays small on a laptop screen; it scrolls
        self.explain_edit.setMinimumHeight(36)
        explain_layout.addWidget(detail_scroll, 1)
        explain_layout.addWidget(self.explain_label)
        explain_layout.addWidget(self.explain_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.answer_status)
        buttons.addStretch()
        buttons.addWidget(self.explain_clear)
        buttons.addWidget(self.explain_save)
        explain_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(explain_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter)
        QWidget.setTabOrder(self.document, self.unit)
        QWidget.setTabOrder(self.unit, self.tree)
        QWidget.setTabOrder(self.tree, self.explain_edit)
        QWidget.setTabOrder(self.explain_edit, self.explain_save)
        self._set_explain_target(None)
        self.set_session(session)

    # -- wiring ---------------------------------------------------------------------------------

    def set_session(self, session: WorkspaceSession | None) -> None:
        if self.session is not None:
            self.session.report_changed.disconnect(self.set_report)
            self.session.check_running.disconnect(self._on_checking)
            self.session.held_changed.disconnect(self._rebuild)
        self.session = session
        self._report = None
        self._offer_subordinate_grouping(session is not None and session.ws.jurisdiction().level is not Level.BANNER)
        if session is not None:
            session.report_changed.connect(self.set_report)
            session.check_running.connect(self._on_checking)
            session.held_changed.connect(self._rebuild)
            self._report = session.report
        self._rebuild()

    def _offer_subordinate_grouping(self, upper: bool) -> None:
        """按下级 is offered to a 盟市 or the 自治区 only."""
        index = self.grouping.findData("subordinate")
        if upper and index < 0:
            self.grouping.addItem("按下级", "subordinate")
        elif not upper and index >= 0:
            if self.grouping.currentIndex() == index:
                self.grouping.setCurrentIndex(0)
            self.grouping.removeItem(index)

    def _on_checking(self, running: bool) -> None:
        self._checking = running
        self._update_counts()

    def set_report(self, report: CheckReport) -> None:
        self._report = report
        self._fill_units()
        self._rebuild()

    # -- content --------------------------------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        """The findings that pass the filters, in panel order."""
        if self._report is None:
            return []
        doc = self.document.currentData() or ""
        unit = self.unit.currentData() or ""
        words = self.search.text().casefold().split()
        held = self.session.is_held if self.session is not None else (lambda _f: False)
        comments = self.session.comment_findings if self.session is not None else []
        merged = sorted((*comments, *self._report.findings), key=lambda f: -f.severity.weight)  # stable
        return [
            f for f in merged
            if (not doc or f.document.key == doc) and (not unit or f.unit == unit)
            and (not words or all(w in self._haystack(f) for w in words)) and not held(f)
        ]

    def _haystack(self, f: Finding) -> str:
        return f"{f.message}\x1f{f.unit or ''}\x1f{self.model.rule_title(f.rule)}\x1f{f.rule}".casefold()

    def _fill_units(self) -> None:
        names = sorted({f.unit for f in self._report.findings if f.unit}) if self._report else []
        if names == self.unit_choices.names:
            return
        current = self.unit.currentData() or ""
        self.unit.blockSignals(True)
        self.unit_choices.set_names(names)
        self.unit.setCurrentIndex(names.index(current) + 1 if current in names else 0)
        self.unit.blockSignals(False)

    def _update_counts(self) -> None:
        if self._report is None:
            text = "正在检查……" if self._checking else "尚未检查"
        else:
            index = self.session.index if self.session is not None else None
            counts = index.counts if index is not None and index.report is self._report else {
                s: self._report.count(s) for s in Severity}
            parts = [f"{s.label} {counts[s]}" for s in Severity]
            text = "　".join(parts) + ("　（正在重新检查……）" if self._checking else "")
            if self.session is not None and self.session.held is not None:
                text += "　（正在填写的一行，离开该行后再显示它的问题）"
        self.counts.setText(text)

    def _rebuild(self) -> None:
        selected = self.current_finding()
        self.model.set_findings(self.findings, self.grouping.currentData() or "severity")
        self.shown = self.model.shown
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))
        if selected is not None:
            position = next((i for i, f in enumerate(self.shown)
                             if f.key == selected.key and f.message == selected.message), None)
            if position is not None:
                self.tree.setCurrentIndex(self.model.index_of(position))
        self._set_explain_target(self.current_finding())
        self._update_counts()

    def finding_at(self, index: QModelIndex) -> Finding | None:
        position = index.data(FINDING_ROLE) if index.isValid() else None
        return self.shown[position] if isinstance(position, int) and position < len(self.shown) else None

    def current_finding(self) -> Finding | None:
        return self.finding_at(self.tree.currentIndex())

    def finding_index(self, rule: str, unit: str | None = None) -> QModelIndex:
        """The tree index of the first shown finding of ``rule`` (and ``unit``), or an invalid one."""
        for position, f in enumerate(self.shown):
            if f.rule == rule and (unit is None or f.unit == unit):
                return self.model.index_of(position)
        return QModelIndex()

    def _on_double_click(self, index: QModelIndex) -> None:
        finding = self.finding_at(index)
        if finding is not None:
            self.navigate_requested.emit(finding)

    # -- explanations ---------------------------------------------------------------------------

    def detail_html(self, finding: Finding | None) -> str:
        if finding is None:
            return "<p style='color:#666'>选中一条问题，这里显示完整的内容和修改方法；双击可直接打开对应的地方。</p>"
        title, fix = self.model.titles.get(finding.rule, (finding.rule, ""))
        e = html.escape
        parts = [f"<p><b>【{e(finding.severity.label)}】</b>{e(finding.message)}</p>",
                 f"<p><b>规则：</b>{e(title)}</p>"]
        if fix:
            parts.append(f"<p><b>如何修改：</b>{e(fix)}</p>")
        parts.append(f"<p><b>依据：</b>{e(finding.basis or '（未注明）')}</p>")
        return "".join(parts)

    def _set_explain_target(self, finding: Finding | None) -> None:
        self.detail.setText(self.detail_html(finding))
        self._explain_target = finding
        answerable = None if finding is None else ANSWERABLE.get(finding.rule)
        self.answer_status.setVisible(answerable is not None)
        self.explain_save.setText("保存答复" if answerable is not None else "保存说明")
        self.explain_clear.setVisible(answerable is None)
        if answerable is not None and finding is not None:
            writable = self.session is not None and not self.session.ws.readonly
            self.explain_edit.setEnabled(writable)
            self.explain_save.setEnabled(writable)
            if [self.answer_status.itemText(i) for i in range(self.answer_status.count())] != list(answerable.statuses):
                self.answer_status.clear()
                self.answer_status.addItems(list(answerable.statuses))
            status, _, reply = (finding.explanation or "").partition("：")
            if status:
                self.answer_status.setCurrentText(status)
            self.explain_label.setText(answerable.prompt)
            self.explain_edit.setPlainText(reply)
            return
        editable = (
            finding is not None and finding.severity is Severity.WARNING
            and self.session is not None and not self.session.ws.readonly
        )
        self.explain_edit.setEnabled(editable)
        self.explain_save.setEnabled(editable)
        self.explain_clear.setEnabled(editable and finding is not None and finding.explanation is not None)
        if finding is None:
            self.explain_label.setText("选中一条警告后，在这里填写说明（警告须有说明才能报送）。")
            self.explain_edit.clear()
        elif finding.severity is not Severity.WARNING:
            self.explain_label.setText(f"{finding.severity.label}不需要说明。")
            self.explain_edit.clear()
        else:
            state = explanation_state(finding)
            self.explain_label.setText(f"说明（{state}）：")
            self.explain_edit.setPlainText(finding.explanation or "")

    def save_explanation(self) -> None:
        f = self._explain_target
        if f is None or self.session is None:
            return
        text = self.explain_edit.toPlainText()
        answerable = ANSWERABLE.get(f.rule)
        if answerable is not None:  # the answer goes up with the next filing (修改说明 / 整改结果)
            status, fingerprint = self.answer_status.currentText(), f.fingerprint
            self.session.perform(lambda ws: answerable.answer(ws, fingerprint, status, text), initiator=self)
            return
        self.session.perform(
            lambda ws: ws.set_explanation(f.rule, f.unit, f.field, text, f.fingerprint), initiator=self
        )

    def clear_explanation(self) -> None:
        f = self._explain_target
        if f is None or self.session is None:
            return
        self.session.perform(lambda ws: ws.set_explanation(f.rule, f.unit, f.field, "", f.fingerprint), initiator=self)

    def context_menu(self, finding: Finding | None) -> QMenu:
        """Right-click on a finding: go to it, copy it, write its 说明; and the list's own entries."""
        menu = QMenu(self)
        if finding is not None:
            menu.addAction("定位到这里", lambda: self.navigate_requested.emit(finding))
            menu.addAction("复制问题", lambda: QGuiApplication.clipboard().setText(
                f"【{finding.severity.label}】{finding.message}"))
            if finding.severity is Severity.WARNING and self.explain_edit.isEnabled():
                menu.addAction("填写说明", self.explain_edit.setFocus)
            menu.addSeparator()
        menu.addAction("导出清单…", lambda: self.export_list())
        return menu

    # -- export ---------------------------------------------------------------------------------

    def export_list(self, target: Path | None = None) -> Path | None:
        """The findings shown (filters and search applied) as a 问题清单 workbook to work through."""
        if target is None:
            folder = self.session.ws.path.parent if self.session is not None else Path.home()
            chosen, _ = QFileDialog.getSaveFileName(self, "导出问题清单", str(folder / "问题清单.xlsx"),
                                                    "Excel 工作簿 (*.xlsx)")
            if not chosen:
                return None
            target = Path(chosen)
        try:
            written = write_problems_list(self.shown, target, self.model.titles)
        except (OSError, SydwError) as error:
            message = error.message if isinstance(error, SydwError) else f"写入“{target}”失败：{error.strerror or error}"
            QMessageBox.warning(self, "导出问题清单", message)
            return None
        self.exported.emit(f"已导出问题清单（{len(self.shown)} 条）：{written}")
        return written
