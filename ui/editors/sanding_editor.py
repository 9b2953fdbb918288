"""The “三定”规定 editor of one after-unit (documents.md §3).

Sections follow the document: 机构设置, 主要职责, 内设机构, 人员编制和领导职数, 其他事项, 附则,
批准. Name, 主管部门, 规格, 类别, 经费形式, 加挂牌子, 核定编制 (and its split by 经费形式), the
numbers of 正职/副职 and the 内设机构数 are the unit's own values — the same ones the plan and the
unit tables edit — so the two can never disagree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from sydw_desktop.model import Organ
from sydw_desktop.vocab import Affiliation, Category, Funding, LabelEnum, SandingForm, Spec, StaffStructure
from ui.editors.document_editor import DocumentEditor
from ui.editors.duties_list import DutiesEditor
from ui.editors.editor_fields import (
    DOC,
    UNIT,
    Binding,
    DocNoEdit,
    FieldError,
    TextArea,
    combo_binding,
    date_binding,
    doc_no_binding,
    enum_combo,
    line_binding,
    list_line_binding,
    number_binding,
    text_binding,
)
from ui.editors.organs_table import ORGAN_SPEC_BELOW, OrgansEditor
from ui.plan.delegates import NumberEdit

WARN = "color: #b71c1c;"


class SplitEdit(QWidget):
    """One number per member of an enum (编制 by 经费形式 or by structure), with their sum."""

    editingFinished = Signal()

    def __init__(self, enum: type[LabelEnum], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum
        self.edits: dict[Any, NumberEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, member in enumerate(enum):
            edit = NumberEdit(required=False)
            edit.setObjectName(f"split_{member.name.lower()}")
            edit.setMaximumWidth(90)
            edit.editingFinished.connect(self.editingFinished)
            grid.addWidget(QLabel(member.label), 0, col)
            grid.addWidget(edit, 1, col)
            self.edits[member] = edit
        self.total = QLabel()
        self.total.setObjectName("split_total")
        grid.addWidget(self.total, 1, len(self.edits))
        grid.setColumnStretch(len(self.edits) + 1, 1)

    def value(self) -> dict[Any, int]:
        out: dict[Any, int] = {}
        for member, edit in self.edits.items():
            text = edit.text().strip()
            if text:
                if not edit.is_acceptable():
                    raise FieldError(f"{member.label}“{text}”不是不小于 0 的整数。")
                out[member] = int(text)
        return out

    def set_value(self, value: dict[Any, int] | None) -> None:
        value = value or {}
        for member, edit in self.edits.items():
            text = str(value[member]) if member in value else ""
            if edit.text() != text:
                edit.setText(text)

    def show_total(self, expected: int) -> None:
        value = {m: int(e.text()) for m, e in self.edits.items() if e.text().strip().isdigit()}
        if not value:
            self.total.setText("（未分列）")
            self.total.setStyleSheet("")
            return
        total = sum(value.values())
        self.total.setText(f"合计 {total} 名" + ("" if total == expected else f"，与核定编制 {expected} 名不一致"))
        self.total.setStyleSheet("" if total == expected else WARN)


def split_binding(field: str, target: str, widget: SplitEdit) -> Binding:
    return Binding(field, target, widget, widget.value, widget.set_value, widget.editingFinished)


class SandingEditor(DocumentEditor):
    kind = "sanding"
    aliases = {"depts": "organs", "leaders": "leaders_principal"}

    def build(self) -> None:
        # 一、机构设置
        form = self.section("机构设置")
        self.bind(line_binding("name", UNIT, QLineEdit()))
        form.addRow("单位名称：", self.bindings["name"].widget)
        self.bind(combo_binding("affiliation", DOC, enum_combo(Affiliation), Affiliation))
        form.addRow("隶属类型：", self.bindings["affiliation"].widget)
        self.bind(line_binding("dept", UNIT, QLineEdit()))
        form.addRow("主管部门：", self.bindings["dept"].widget)
        self.bind(combo_binding("spec", UNIT, enum_combo(Spec), Spec))
        form.addRow("机构规格：", self.bindings["spec"].widget)
        self.bind(combo_binding("category", UNIT, enum_combo(Category), Category))
        form.addRow("单位类别：", self.bindings["category"].widget)
        self.bind(combo_binding("funding", UNIT, enum_combo(Funding), Funding))
        form.addRow("经费形式：", self.bindings["funding"].widget)
        paizi = QLineEdit()
        paizi.setPlaceholderText("多个牌子用顿号分隔；不设的留空")
        self.bind(list_line_binding("paizi", UNIT, paizi))
        form.addRow("加挂牌子：", paizi)
        shared = QLabel("以上名称、主管部门、规格、类别、经费形式和加挂牌子与改革方案是同一份数据，在任一处修改，两处同时变化。")
        shared.setWordWrap(True)
        shared.setStyleSheet("color: #555;")
        form.addRow(shared)

        # 二、主要职责
        form = self.section("主要职责")
        self.duties = DutiesEditor()
        self.duties.model.edited.connect(lambda duties: self.store(DOC, duties=duties))
        self.duties.model.problem.connect(self.session.failed)
        self.bindings["duties"] = Binding("duties", DOC, self.duties, self.duties.model.duties,
                                          lambda v: self.duties.model.set_duties(v or [], self._dept()),
                                          self.duties.model.edited, self.duties.view)
        self.duties.setObjectName("duties")
        form.addRow(self.duties)
        hint = QLabel("拖动或按 Ctrl+↑/Ctrl+↓ 调整顺序，双击修改，Delete 删除；末条“完成……交办的其他任务”始终排在最后。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow(hint)
        basis = QLineEdit()
        basis.setPlaceholderText("职责含行政许可、处罚、检查等事项时，写明授权的法律法规及条款")
        self.bind(line_binding("legal_basis", DOC, basis))
        form.addRow("法律法规授权：", basis)

        # 三、内设机构
        form = self.section("内设机构")
        self.organs = OrgansEditor()
        self.organs.setObjectName("organs")
        self.organs.model.edited.connect(self._store_organs)
        self.organs.model.problem.connect(self.session.failed)
        self.organs.typing.connect(self._typing_organ)
        self.bindings["organs"] = Binding("organs", DOC, self.organs, lambda: list(self.organs.model.organs),
                                          lambda v: self.organs.model.set_organs(v or []),
                                          self.organs.model.edited, self.organs.view)
        form.addRow(self.organs)
        self.depts_note = self._number_with_note(form, "内设机构数（方案）：", "depts", UNIT, required=False)
        self.organ_leaders_note = self._number_with_note(form, "内设机构领导职数：", "organ_leaders", DOC)

        # 四、人员编制和领导职数
        form = self.section("人员编制和领导职数")
        form.addRow("核定事业编制（名）：", self._number("staffing", UNIT))
        self.by_funding = SplitEdit(Funding)
        self.bind(split_binding("staffing_by_funding", UNIT, self.by_funding))
        form.addRow("按经费形式分列：", self.by_funding)
        self.structure = SplitEdit(StaffStructure)
        self.bind(split_binding("staffing_structure", DOC, self.structure))
        form.addRow("编制结构：", self.structure)
        for kind, title_field, count_field in (("正职", "principal_title", "leaders_principal"),
                                               ("副职", "deputy_title", "leaders_deputy")):
            title = QLineEdit()
            title.setMaximumWidth(200)
            self.bind(line_binding(title_field, DOC, title))
            count = self._number(count_field, UNIT, required=False)
            row = QHBoxLayout()
            row.addWidget(QLabel("职务名称"))
            row.addWidget(title)
            row.addWidget(QLabel("职数（名）"))
            row.addWidget(count)
            row.addStretch(1)
            form.addRow(f"{kind}领导：", row)
        self.leaders_note = QLabel()
        form.addRow(self.leaders_note)

        # 五、其他事项；六、附则
        form = self.section("其他事项")
        other = TextArea(lines=5)
        other.setPlaceholderText("与主管部门的职责分工、党组织设置等；留空时使用模板的默认条文")
        self.bind(text_binding("other_matters", DOC, other))
        form.addRow(other)
        form = self.section("附则")
        supplementary = TextArea(lines=3)
        supplementary.setPlaceholderText("解释机关和调整程序；留空时使用模板的默认条文")
        self.bind(text_binding("supplementary", DOC, supplementary))
        form.addRow(supplementary)

        # 批准机关、文号、日期
        form = self.section("批准")
        self.bind(combo_binding("form", DOC, enum_combo(SandingForm), SandingForm))
        form.addRow("印发形式：", self.bindings["form"].widget)
        self.bind(line_binding("approver", DOC, QLineEdit()))
        form.addRow("批准机关：", self.bindings["approver"].widget)
        self.bind(doc_no_binding("doc_no", DOC, DocNoEdit()))
        form.addRow("文号：", self.bindings["doc_no"].widget)
        self.bind(date_binding("approved_on", DOC, QLineEdit()))
        form.addRow("批准日期：", self.bindings["approved_on"].widget)

    def _number(self, field: str, target: str, *, required: bool = True) -> NumberEdit:
        """A narrow number box bound to ``field`` of ``target``."""
        edit = NumberEdit(required=required)
        edit.setMaximumWidth(90)
        self.bind(number_binding(field, target, edit))
        return edit

    def _number_with_note(self, form: QFormLayout, label: str, field: str, target: str, *,
                          required: bool = True) -> QLabel:
        """A number box for ``field`` with a note beside it (returned, for :meth:`after_reload` to fill)."""
        note = QLabel()
        row = QHBoxLayout()
        row.addWidget(self._number(field, target, required=required))
        row.addWidget(note, 1)
        form.addRow(label, row)
        return note

    def _dept(self) -> str:
        return self.unit.dept if self.unit is not None else ""

    def _typing_organ(self, typing: bool) -> None:
        if typing and self.unit is not None:
            self.session.hold(self.unit.name, "organs")
        else:
            self.session.release()

    def _store_organs(self, organs: list[Organ]) -> None:
        """Store the new list; the plan's 内设机构数 follows when it agreed with the old list."""
        if self.unit is None:
            return
        old = self.current_document().organs
        if self.unit.depts == len(old) and len(organs) != len(old):
            self.store_both("修改内设机构", {"organs": organs}, {"depts": len(organs)})
        else:
            self.store(DOC, organs=organs)

    def after_reload(self) -> None:
        unit, doc = self.unit, self.current_document()
        assert unit is not None
        self.organs.default_spec = ORGAN_SPEC_BELOW.get(unit.spec)
        listed = len(doc.organs)
        agree = unit.depts is None or unit.depts == listed
        self.depts_note.setText(f"“三定”列出 {listed} 个" + ("" if agree else "，与方案不一致"))
        self.depts_note.setStyleSheet("" if agree else WARN)
        organ_sum = sum(o.leaders for o in doc.organs)
        self.organ_leaders_note.setText(f"各内设机构领导职数合计 {organ_sum} 名")
        self.organ_leaders_note.setStyleSheet("" if organ_sum == doc.organ_leaders else WARN)
        self.by_funding.show_total(unit.staffing)
        self.structure.show_total(unit.staffing)
        self.leaders_note.setText(f"单位领导职数共 {unit.leaders} 名（正职和副职的职数与改革方案是同一份数据）。")
