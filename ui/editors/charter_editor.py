"""The 章程 editor of one after-unit (documents.md §5), chapter by chapter.

开办资金 is entered in 万元 and shown in capital numerals as the charter prints it (人民币陆拾叁万元).
经费来源 (registration wording) is kept apart from the plan's 经费形式; the usual correspondence is
offered as a hint only, never enforced. 名称, 类型 and 党组织形式 are the unit's own values.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton

from sydw_desktop.documents.numerals import wan_upper
from sydw_desktop.vocab import FUNDING_SOURCE_HINT, Category, FundingSource, LeadershipSystem, PartyOrg
from ui.editors.document_editor import DocumentEditor
from ui.editors.editor_fields import (
    DOC,
    UNIT,
    AmountEdit,
    FieldError,
    TextArea,
    combo_binding,
    enum_combo,
    line_binding,
    list_line_binding,
    parse_amount,
    show_amount,
    text_binding,
)

DEFAULT_TEXT = "留空时使用模板的默认条文"


def capital_words(text: str) -> str:
    """The capital-numeral form of an amount typed in 万元, or why there is none."""
    try:
        value = parse_amount(text)
    except FieldError as err:
        return str(err)
    if value is None:
        return "（未填写开办资金）"
    return f"人民币{wan_upper(value)}"


class CharterEditor(DocumentEditor):
    kind = "charter"

    def _text(self, form: QFormLayout, label: str, field: str, *, lines: int = 4, as_lines: bool = False,
              placeholder: str = DEFAULT_TEXT) -> None:
        box = TextArea(lines=lines)
        box.setPlaceholderText(placeholder)
        self.bind(text_binding(field, DOC, box, as_lines=as_lines))
        form.addRow(label, box)

    def build(self) -> None:
        form = self.section("第一章　总则")
        self.bind(line_binding("name", UNIT, QLineEdit()))
        form.addRow("名称：", self.bindings["name"].widget)
        paizi = QLineEdit()
        paizi.setPlaceholderText("加挂的牌子（其他名称），用顿号分隔")
        self.bind(list_line_binding("paizi", UNIT, paizi))
        form.addRow("其他名称：", paizi)
        address = QLineEdit()
        address.setPlaceholderText("写到门牌号，须能邮寄送达")
        self.bind(line_binding("address", DOC, address))
        form.addRow("住所：", address)
        self.bind(combo_binding("category", UNIT, enum_combo(Category), Category))
        form.addRow("类型：", self.bindings["category"].widget)
        funding_source = enum_combo(FundingSource, optional=True)
        self.bind(combo_binding("funding_source", DOC, funding_source, FundingSource))
        self.funding_hint = QLabel()
        self.funding_hint.setObjectName("funding_hint")
        self.funding_hint.setWordWrap(True)
        self.use_hint = QPushButton("按提示填写")
        self.use_hint.setObjectName("use_funding_hint")
        self.use_hint.clicked.connect(self._use_hint)
        row = QHBoxLayout()
        row.addWidget(funding_source, 1)
        row.addWidget(self.use_hint)
        row.addStretch(1)
        form.addRow("经费来源：", row)
        form.addRow("", self.funding_hint)
        capital = AmountEdit()
        capital.setMaximumWidth(160)
        self.bind(line_binding("capital", DOC, capital, parse=parse_amount, show=show_amount))
        self.capital_upper = QLabel()
        self.capital_upper.setObjectName("capital_upper")
        capital.textChanged.connect(lambda t: self.capital_upper.setText(capital_words(t)))
        row = QHBoxLayout()
        row.addWidget(capital)
        row.addWidget(QLabel("万元　大写："))
        row.addWidget(self.capital_upper, 1)
        form.addRow("开办资金：", row)
        registrar = QLineEdit()
        self.bind(line_binding("registrar", DOC, registrar))
        form.addRow("登记管理机关：", registrar)

        form = self.section("第二章　党的建设")
        self.bind(combo_binding("party_org", UNIT, enum_combo(PartyOrg, optional=True), PartyOrg))
        form.addRow("党组织形式：", self.bindings["party_org"].widget)
        self._text(form, "党的建设：", "party_building")

        form = self.section("第三章　宗旨和业务范围")
        self._text(form, "宗旨：", "purpose", lines=3, placeholder="本单位的宗旨（必填）")
        self._text(form, "业务范围：", "scope", lines=5, as_lines=True,
                   placeholder="每行一项；应与“三定”主要职责对应，不超出核准的登记业务范围")

        form = self.section("第四章　举办单位")
        self._text(form, "举办单位：", "sponsors", lines=2, as_lines=True,
                   placeholder="每行一个；多个时按责任主次排列，第一个应为方案中的主管部门")
        self.bind(line_binding("supervisor", DOC, QLineEdit()))
        form.addRow("业务主管单位：", self.bindings["supervisor"].widget)
        note = QLabel("举办单位的权利和义务按模板条文（提出宗旨和业务范围、审核章程、任免领导人员、监督运行等）。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)

        form = self.section("第五章　组织机构")
        self.bind(combo_binding("leadership", DOC, enum_combo(LeadershipSystem), LeadershipSystem))
        form.addRow("领导体制：", self.bindings["leadership"].widget)
        self.bind(line_binding("legal_rep_title", DOC, QLineEdit()))
        form.addRow("法定代表人职务：", self.bindings["legal_rep_title"].widget)
        self.bind(line_binding("legal_rep_name", DOC, QLineEdit()))
        form.addRow("法定代表人：", self.bindings["legal_rep_name"].widget)
        self._text(form, "组织机构：", "organization", lines=5)

        for title, label, field in (("第六章　资产管理和使用", "资产管理和使用的原则：", "assets"),
                                    ("第七章　信息公开", "信息公开：", "disclosure"),
                                    ("第八章　章程修改", "修改程序：", "amendment"),
                                    ("第九章　终止", "终止程序和终止后资产的处理：", "termination"),
                                    ("第十章　附则", "附则：", "supplementary")):
            self._text(self.section(title), label, field)

        form = self.section("变更登记")
        previous = AmountEdit()
        previous.setMaximumWidth(160)
        self.bind(line_binding("previous_capital", DOC, previous, parse=parse_amount, show=show_amount))
        form.addRow("变更前开办资金（万元）：", previous)
        self._text(form, "变更登记材料：", "change_materials", lines=3, as_lines=True,
                   placeholder="每行一份，如：验资证明、审批机关批准文件、任免文件")

    def after_reload(self) -> None:
        unit, doc = self.unit, self.current_document()
        assert unit is not None
        hint = FUNDING_SOURCE_HINT[unit.funding]
        differs = doc.funding_source is not None and doc.funding_source is not hint
        self.funding_hint.setText(
            f"方案中的经费形式为“{unit.funding.value}”，通常对应“{hint.value}”（仅作提示，可以不同"
            + ("；当前填写的与此不同" if differs else "") + "）。经费来源是登记口径，与经费形式分开保存。"
        )
        self.use_hint.setEnabled(doc.funding_source is not hint)
        self.capital_upper.setText(capital_words(cast(QLineEdit, self.bindings["capital"].widget).text()))
        cast(QLineEdit, self.bindings["registrar"].widget).setPlaceholderText(
            f"默认：{self.session.ws.jurisdiction().name}事业单位登记管理局")
        cast(QLineEdit, self.bindings["legal_rep_title"].widget).setPlaceholderText(
            "默认为“三定”的正职职务名称")

    def _use_hint(self) -> None:
        if self.unit is not None:
            self.store(DOC, funding_source=FUNDING_SOURCE_HINT[self.unit.funding])
