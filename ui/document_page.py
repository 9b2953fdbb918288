"""A read-only view of one after-unit's 三定, 政事权限清单 or 章程, with its findings.

It shows what the workspace holds for the document, field by field, so a finding about a document
lands on the field it names.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import LabelEnum

from .session import WorkspaceSession
from .unit_model import HIGHLIGHT_COLOR, SEVERITY_COLORS, finding_tooltip

DOCUMENT_TITLES = {"sanding": "“三定”规定", "quanxian": "政事权限清单", "charter": "章程"}
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1

FIELD_LABELS: dict[str, dict[str, str]] = {
    "sanding": {
        "affiliation": "隶属类型", "duties": "主要职责", "legal_basis": "法律法规授权", "organs": "内设机构",
        "principal_title": "正职职务名称", "deputy_title": "副职职务名称", "organ_leaders": "内设机构领导职数",
        "staffing_structure": "编制结构", "other_matters": "其他事项", "supplementary": "附则",
        "form": "印发形式", "approver": "批准机关", "doc_no": "文号", "approved_on": "批准日期",
    },
    "quanxian": {
        "supervisor": "主管部门", "version": "版本", "drafted_on": "起草日期", "review_notes": "审核意见",
        "items": "权限事项",
    },
    "charter": {
        "address": "住所", "funding_source": "经费来源", "capital": "开办资金（万元）",
        "previous_capital": "变更前开办资金（万元）", "sponsors": "举办单位", "supervisor": "业务主管单位",
        "registrar": "登记管理机关", "leadership": "领导体制", "purpose": "宗旨", "scope": "业务范围",
        "party_building": "党的建设", "legal_rep_title": "法定代表人职务", "legal_rep_name": "法定代表人",
        "organization": "组织机构", "assets": "资产管理和使用的原则", "disclosure": "信息公开",
        "amendment": "修改程序", "termination": "终止程序和终止后资产的处理", "supplementary": "附则",
        "change_materials": "变更登记材料",
    },
}


def show_value(value: Any, *, nested: bool = False) -> str:
    """A document value as text: lists numbered one per line (inside an item: joined with ；)."""
    if value is None or value == "" or value == [] or value == {}:
        return "" if nested else "（未填写）"
    if isinstance(value, LabelEnum):
        return value.label
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [show_value(getattr(value, f.name), nested=True) for f in dataclasses.fields(value)]
        return "　".join(p for p in parts if p)
    if isinstance(value, dict):
        return "；".join(f"{show_value(k, nested=True)} {show_value(v, nested=True)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if nested:
            return "；".join(show_value(v, nested=True) for v in value)
        return "\n".join(f"{i}. {show_value(v, nested=True)}" for i, v in enumerate(value, 1))
    return str(value)


class DocumentPage(QWidget):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_page")
        self.session = session
        self.unit_id: int | None = None
        self.kind = "sanding"
        self.highlight: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.view = QTableView()
        self.view.setObjectName("document_fields")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        session.operation_did_execute.connect(self._on_operation)
        session.report_changed.connect(lambda _r: self.refresh())

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if self.unit_id is not None and (self.unit_id in changes.unit_ids or changes.touches("unit")):
            self.refresh()

    def show_document(self, unit_id: int, kind: str, field: str | None = None) -> None:
        self.unit_id, self.kind, self.highlight = unit_id, kind, field
        self.refresh()

    def field_row(self, field: str) -> int:
        for r in range(self.model.rowCount()):
            if self.model.item(r, 0).data(FIELD_ROLE) == field:
                return r
        return -1

    def refresh(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["项目", "内容"])
        if self.unit_id is None:
            return
        ws = self.session.ws
        try:
            unit = ws.unit(self.unit_id)
        except Exception:  # the unit was deleted (or undone away)
            self.unit_id = None
            self.heading.setText("该单位已不存在。")
            return
        title = DOCUMENT_TITLES[self.kind]
        self.heading.setText(f"<b>{unit.name}　{title}</b>")
        findings = [f for f in self.session.index.unit(unit.name) if f.document == self.kind]
        document = ws.document(self.unit_id, self.kind)
        if document is None:
            self.note.setText(f"尚未起草{title}。" + (f"　有 {len(findings)} 条相关问题。" if findings else ""))
        else:
            self.note.setText(f"相关问题 {len(findings)} 条（标色的项目有问题，悬停查看）。" if findings else "没有相关问题。")
        by_field: dict[str, list] = {}
        for f in findings:
            by_field.setdefault(f.field or "", []).append(f)
        labels = FIELD_LABELS[self.kind]
        for name, label in labels.items():
            value = getattr(document, name) if document is not None else None
            key_item = QStandardItem(label)
            key_item.setData(name, FIELD_ROLE)
            value_item = QStandardItem(show_value(value))
            found = by_field.get(name, [])
            worst = self.session.index.worst(found)
            for item in (key_item, value_item):
                if name == self.highlight:
                    item.setBackground(QBrush(HIGHLIGHT_COLOR))
                elif worst is not None:
                    item.setBackground(QBrush(SEVERITY_COLORS[worst]))
                if found:
                    item.setToolTip(finding_tooltip(found))
            self.model.appendRow([key_item, value_item])
        self.view.setColumnWidth(0, 200)
        self.view.resizeRowsToContents()
        row = self.field_row(self.highlight) if self.highlight else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 1))
            self.view.scrollTo(self.model.index(row, 1))
