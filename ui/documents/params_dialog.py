"""规则参数: every rule of the catalogue with its 依据, and this jurisdiction's parameter overrides.

The left lists the rules by topic; the right shows the chosen rule — what it checks, its basis and
sources, when it was last compared with them — its parameters (the level's default and the value in
force today) and the overrides recorded for it. An override needs the 文号 that allows it and a
reason; it is stored as one undoable operation and written in the 台账.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.docno import doc_no_problem, normalize_doc_no
from sydw_desktop.model import ParamOverride
from sydw_desktop.rules import RuleEntry, RuleParamError, effective_params, load_catalogue, validate_override
from sydw_desktop.rules.catalogue import CONFIDENCE_LABELS
from sydw_desktop.store.undo import OpChanges
from ui.editors.editor_fields import DocNoEdit
from ui.screen import fit_to_screen, remember_splitter
from ui.session.session import WorkspaceSession

RULE_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE_HINTS = {
    "int": "整数，如 6", "float": "数值，如 0.2 或 20%", "bool": "是 或 否", "str": "文字",
    "spec": "机构规格，如 正科级", "list": "用顿号分隔，如 中心、馆、所",
    "table": "查找表（照示例的格式填写），如 [{\"max\":10,\"value\":2},{\"value\":3}]",
    "map_int": "对照表（照示例的格式填写），如 {\"旗县\": 5}", "map_list": "对照表（照示例的格式填写），如 {\"名称\": [\"甲\", \"乙\"]}",
}


def show_value(value: object) -> str:
    if value is None:
        return "（未设）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def typed_value(text: str) -> object:
    """What the clerk typed: JSON where it parses (numbers, lists, tables), else the text itself."""
    text = text.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


class ParamsDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("params_dialog")
        self.setWindowTitle("规则参数")
        self.session = session
        self.catalogue = load_catalogue()
        self.rule: RuleEntry | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("按编号、名称或依据筛选")
        self.search.textChanged.connect(self._fill_rules)
        self.rules = QStandardItemModel(self)
        self.rules_view = QTreeView()
        self.rules_view.setObjectName("rules")
        self.rules_view.setModel(self.rules)
        self.rules_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_view.selectionModel().currentChanged.connect(self._rule_picked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.rules_view)

        self.detail = QTextBrowser()
        self.detail.setObjectName("rule_detail")
        self.detail.setOpenExternalLinks(False)
        self.params = QStandardItemModel(self)
        self.params_view = QTableView()
        self.params_view.setObjectName("rule_params")
        self.params_view.setModel(self.params)
        self.params_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.params_view.verticalHeader().hide()
        self.params_view.setWordWrap(True)
        self.params_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.overrides = QStandardItemModel(self)
        self.overrides_view = QTableView()
        self.overrides_view.setObjectName("rule_overrides")
        self.overrides_view.setModel(self.overrides)
        self.overrides_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overrides_view.verticalHeader().hide()
        self.overrides_view.horizontalHeader().setStretchLastSection(True)

        self.param = QComboBox()
        self.param.setObjectName("param")
        self.param.currentIndexChanged.connect(self._param_picked)
        self.value = QLineEdit()
        self.value.setObjectName("value")
        self.since = QDateEdit(QDate.currentDate())
        self.since.setObjectName("since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.doc_no = DocNoEdit()
        self.doc_no.setObjectName("doc_no")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("为什么本辖区按此口径执行")
        self.apply_button = QPushButton("调整参数")
        self.apply_button.setObjectName("apply")
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form_box = QGroupBox("为本辖区调整参数（记入台账，可撤销）")
        form = QFormLayout(form_box)
        form.addRow("参数：", self.param)
        form.addRow("新值：", self.value)
        form.addRow("生效日期：", self.since)
        form.addRow("依据文号：", self.doc_no)
        form.addRow("理由：", self.reason)
        form.addRow(self.apply_button)
        form.addRow(self.message)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 4)
        right_layout.addWidget(QLabel("<b>参数</b>（本级默认值与今天生效的值）"))
        right_layout.addWidget(self.params_view, 2)
        right_layout.addWidget(QLabel("<b>本辖区的调整记录</b>"))
        right_layout.addWidget(self.overrides_view, 1)
        right_layout.addWidget(form_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 780])
        remember_splitter(splitter, "params_dialog")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_rules()
        session.operation_did_execute.connect(self._on_operation)
        fit_to_screen(self, QSize(1320, 900))

    # -- the rule list -----------------------------------------------------------------------------

    def _fill_rules(self) -> None:
        wanted = self.search.text().strip().lower()
        level = self.session.ws.jurisdiction().level
        self.rules.clear()
        self.rules.setHorizontalHeaderLabels(["规则", "名称", "严重程度"])
        for theme, title in self.catalogue.themes.items():
            head = QStandardItem(title)
            for rule in self.catalogue.rules:
                if rule.theme != theme:
                    continue
                text = f"{rule.id} {rule.title} {rule.basis.text()}".lower()
                if wanted and wanted not in text:
                    continue
                applies = rule.applies_to(level)
                row = [QStandardItem(rule.id), QStandardItem(rule.title),
                       QStandardItem(rule.severity_for(level).label if applies else "本级不适用")]
                for item in row:
                    item.setData(rule.id, RULE_ROLE)
                    item.setToolTip(rule.check)
                head.appendRow(row)
            if head.rowCount():
                self.rules.appendRow([head, QStandardItem(f"{head.rowCount()} 条"), QStandardItem("")])
        self.rules_view.expandAll()
        self.rules_view.setColumnWidth(0, 230)
        self.rules_view.setColumnWidth(1, 230)

    def select_rule(self, rule_id: str) -> bool:
        found = self.rules.match(self.rules.index(0, 0), RULE_ROLE, rule_id, 1,
                                 Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        if not found:
            return False
        self.rules_view.setCurrentIndex(found[0])
        return True

    def _rule_picked(self, current: object, _previous: object) -> None:
        rule_id = self.rules_view.currentIndex().data(RULE_ROLE)
        self.rule = self.catalogue.get(rule_id) if rule_id else None
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.param_overrides or changes.jurisdiction:
            self.refresh()

    # -- the chosen rule ---------------------------------------------------------------------------

    def refresh(self) -> None:
        rule = self.rule
        self.params.clear()
        self.params.setHorizontalHeaderLabels(["参数", "含义", "本级默认", "现行值", "说明"])
        self.overrides.clear()
        self.overrides.setHorizontalHeaderLabels(["生效日期", "参数", "值", "文号", "理由", "调整人", "记录时间"])
        self.param.blockSignals(True)
        self.param.clear()
        self.param.blockSignals(False)
        if rule is None:
            self.detail.setHtml("<p>在左侧选择一条规则。</p>")
            self.apply_button.setEnabled(False)
            return
        snap = self.session.ws.snapshot()
        level = snap.jurisdiction.level
        self.detail.setHtml(self._rule_html(rule))
        current = effective_params(self.catalogue, snap, rule.id, dt.date.today())
        for spec in rule.params:
            default = spec.default_for(level)
            notes = "；".join(t for t in (
                spec.note, f"单位：{spec.unit}" if spec.unit else "",
                ("含本数" if spec.inclusive else "不含本数") if spec.inclusive is not None else "",
                f"可选：{'、'.join(spec.choices)}" if spec.choices else "") if t)
            row = [QStandardItem(spec.name), QStandardItem(spec.label), QStandardItem(show_value(default)),
                   QStandardItem(show_value(current.get(spec.name))), QStandardItem(notes)]
            if current.get(spec.name) != default:
                font = row[3].font()
                font.setBold(True)
                row[3].setFont(font)
            self.params.appendRow(row)
            self.param.addItem(f"{spec.label}（{spec.name}）", spec.name)
        self.params_view.resizeColumnsToContents()
        self.params_view.resizeRowsToContents()
        for o in snap.param_overrides:
            if o.rule == rule.id:
                self.overrides.appendRow([QStandardItem(x) for x in (
                    o.effective_from, o.param, show_value(o.value), o.doc_no, o.reason, o.author, o.created_at)])
        self.overrides_view.resizeColumnsToContents()
        editable = bool(rule.params) and not self.session.ws.readonly
        self.apply_button.setEnabled(editable)
        for w in (self.param, self.value, self.since, self.doc_no, self.reason):
            w.setEnabled(editable)
        if not rule.params:
            self.message.setText("这条规则没有可调整的参数。")
        self._param_picked()

    def _rule_html(self, rule: RuleEntry) -> str:
        e = html.escape
        level = self.session.ws.jurisdiction().level
        levels = "、".join(x.value for x in rule.levels)
        severity = rule.severity_for(level).label if rule.applies_to(level) else "本级不适用"
        sources = "".join(
            f"<li>{e(s.cite())}{('　' + e(s.note)) if s.note else ''}"
            + "".join(f"<br/><span style='color:#555'>{e(u)}</span>" for u in s.urls) + "</li>"
            for s in rule.basis.sources
        )
        effective = f"自 {rule.effective_from.isoformat()} 起" + (f"至 {rule.effective_to.isoformat()}" if rule.effective_to else "")
        caliber = "<p style='color:#8a5a00'>默认口径（试点或推定）：请按本地区规定确认，必要时调整参数。</p>" if rule.default_caliber else ""
        return (
            f"<h3>{e(rule.id)}　{e(rule.title)}</h3>"
            f"<p><b>严重程度：</b>{e(severity)}（适用层级：{e(levels)}）"
            + (f"　{e(rule.severity_note)}" if rule.severity_note else "") + "</p>"
            f"<p><b>检查内容：</b>{e(rule.check)}</p>"
            f"<p><b>依据：</b>{e(rule.basis.text())}</p>"
            + (f"<ul>{sources}</ul>" if sources else "")
            + (f"<p>{e(rule.basis.note)}</p>" if rule.basis.note else "")
            + f"<p><b>可信度：</b>{e(CONFIDENCE_LABELS[rule.basis.confidence])}　<b>最近核对：</b>{rule.verified_on.isoformat()}"
            f"　<b>施行：</b>{e(effective)}" + (f"（{e(rule.effective_note)}）" if rule.effective_note else "") + "</p>"
            + caliber
        )

    def _param_picked(self, _index: int = 0) -> None:
        if self.rule is None:
            return
        spec = self.rule.param(self.param.currentData() or "")
        if spec is None:
            return
        self.value.setPlaceholderText(TYPE_HINTS.get(spec.type, ""))
        self.message.setText(spec.note)

    # -- overriding --------------------------------------------------------------------------------

    def apply(self) -> bool:
        """Validate the form and store the override; the message line says what happened."""
        rule = self.rule
        name = self.param.currentData()
        if rule is None or not name:
            return False
        try:
            value = validate_override(rule.id, name, typed_value(self.value.text()))
        except RuleParamError as err:
            return self._refuse(err.message)
        doc_no = normalize_doc_no(self.doc_no.text())
        if not doc_no:
            return self._refuse("请填写允许调整的依据文号。")
        problem = doc_no_problem(doc_no)
        if problem:
            return self._refuse(problem)
        reason = self.reason.text().strip()
        if not reason:
            return self._refuse("请填写调整理由。")
        since = self.since.date().toString("yyyy-MM-dd")
        override = ParamOverride(rule.id, name, value, since, doc_no=doc_no, reason=reason)
        if self.session.perform(lambda ws: ws.add_param_override(override), initiator=self) is None:
            return self._refuse("未能保存（见提示）。")
        self.message.setStyleSheet("")
        self.message.setText(f"已将 {rule.id} 的参数 {name} 调整为 {show_value(value)}，自 {since} 起生效"
                             f"（{doc_no}），已记入台账。")
        self.value.clear()
        self.reason.clear()
        return True

    def _refuse(self, text: str) -> bool:
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setText(text)
        return False
