"""Generate the default format templates in ``templates_docx/`` (run: ``python scripts/make_templates.py``).

The templates are the product's wording: every sentence of the four document types lives here
and, after generation, in the ``.docx`` files — the program only supplies data (see
``docs/documents.md`` for the fields). Layout follows GB/T 9704-2012 through the style set of
``template_kit``. An office replaces a template with its region's own by installing another
``.docx`` that uses the same style names and fields.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from template_kit import (
    Column,
    HeaderCell,
    R,
    append,
    landscape_section,
    new_document,
    paragraph,
    register_style_ids,
    table,
)

OUT = Path(__file__).resolve().parent.parent / "templates_docx"

P = paragraph

# --- shared pieces -------------------------------------------------------------------------------

ISSUER = "{{ doc.issuer }}"
COMMITTEE = "{{ doc.committee }}"
OFFICE = "{{ doc.office }}"
DATE = "{{ d.year }}年{{ d.month }}月{{ d.day }}日"
ISSUED = "{%p if status.issued %}"


def dated(expr: str) -> str:
    """成文日期 in Arabic numerals, 月日不编虚位; blank placeholders while undated."""
    return f"{{% if {expr} %}}{{% set d = {expr} %}}{DATE}{{% else %}}　　年　月　日{{% endif %}}"


def masthead(issuer: str, doc_no: str) -> list:
    """版头 of an issued document: 发文机关标志 (red), two blank lines, 发文字号 over the red rule, two
    blank lines. Until the level above has agreed (``status.issued``) the document is a 送审稿: the
    mark 送审稿 instead of the 版头, no 文号."""
    return [
        P("正文", ISSUED),
        P("发文机关标志", f"{issuer}文件"),
        P("正文"),
        P("发文字号", doc_no),
        P("正文"),
        P("正文"),
        P("正文", "{%p else %}"),
        P("送审稿标识", "送审稿"),
        P("正文"),
        P("正文", "{%p endif %}"),
    ]


def signature(issuer: str, date_expr: str, *, always: bool = False) -> list:
    """署名 and 成文日期 (加盖印章 layout: date 右空四字, 署名 centred over the date); a 送审稿 has no date."""
    if always:
        return [P("正文"), P("正文"), P("署名", issuer), P("成文日期", dated(date_expr))]
    # the date paragraph stays (empty in a 送审稿): it may carry the section break of the document
    return [
        P("正文"), P("正文"), P("署名", issuer),
        P("成文日期", f"{{% if status.issued %}}{dated(date_expr)}{{% endif %}}"),
    ]


def record(copy_to: str, printer: str, date_expr: str) -> list:
    """版记 at the foot of the last page: 抄送 (when given) and 印发机关/印发日期, between rules.
    Only an issued document has one. The 印发机关 is the issuing body's 办公室 (its 送印机关)."""
    printed = f"{printer}\t{dated(date_expr)}印发"
    return [
        P("正文", ISSUED),
        P("正文", f"{{%p if {copy_to} %}}"),
        P("版记抄送", f"抄送：{{{{ {copy_to} }}}}。"),
        P("版记印发", printed),
        P("正文", "{%p else %}"),
        P("版记印发单行", printed),
        P("正文", "{%p endif %}"),
        P("正文", "{%p endif %}"),
    ]


def join(expr: str, sep: str = "、") -> str:
    return f'{{{{ {expr}|join("{sep}") }}}}'


def names(expr: str) -> str:
    """A list of units written as 甲、乙、丙."""
    return f'{{% for u in {expr} %}}{{{{ u.name }}}}{{% if not loop.last %}}、{{% endif %}}{{% endfor %}}'


def counted(expr: str, lead: str, sep: str = "，") -> str:
    """``；按…分，label N个，…`` for a breakdown list; nothing when the list is empty."""
    return (
        f"{{% if {expr} %}}；{lead}，{{% for c in {expr} %}}{{{{ c.label }}}}{{{{ c.count }}}}个"
        f"{{% if not loop.last %}}{sep}{{% endif %}}{{% endfor %}}{{% endif %}}"
    )


def breakdowns(summary: str) -> str:
    return (counted(f"{summary}.by_category", "按单位类别分") + counted(f"{summary}.by_funding", "按经费形式分")
            + counted(f"{summary}.by_spec", "按机构规格分"))


# --- 改革方案 -------------------------------------------------------------------------------------


def plan_template() -> list:
    f = "plan.figures"
    body = [
        *masthead(ISSUER, "{{ doc.doc_no }}"),
        P("标题", "{{ jurisdiction.name }}深化事业单位改革试点实施方案"),
        P("正文"),
        P("主送机关", "{{ doc.recipient or (\"各苏木镇党委、人民政府，\" ~ jurisdiction.suffix ~ \"委各部门，\" ~ "
          "jurisdiction.suffix ~ \"直各部门、各单位\") }}："),
        P("正文", "为深入推进事业单位改革，根据《中共中央办公厅 国务院办公厅关于深化事业单位改革试点工作的指导意见》"
          "（中办发〔2020〕13号）和自治区有关部署要求，结合我{{ jurisdiction.suffix }}实际，制定本方案。"),
        P("一级标题", "一、总体要求"),
        P("正文", R("二级标题字", "（一）指导思想。"),
          "坚持以习近平新时代中国特色社会主义思想为指导，坚持和加强党的全面领导，坚持以人民为中心，"
          "坚持优化协同高效，坚持稳步扎实推进，推进政事分开、事企分开、管办分离，"
          "强化事业单位公益属性，提升公益服务能力和水平。"),
        P("正文", R("二级标题字", "（二）基本原则。"),
          "坚持党的全面领导，把党的领导贯穿改革全过程；坚持以人民为中心，把满足群众基本公益服务需求作为出发点和落脚点；"
          "坚持优化协同高效，科学合理设置事业单位；坚持稳步扎实推进，确保思想不乱、工作不断、队伍不散、干劲不减。"),
        P("正文", R("二级标题字", "（三）目标任务。"),
          f"通过改革，全{{{{ jurisdiction.suffix }}}}事业单位由{{{{ {f}.units.before }}}}个调整为{{{{ {f}.units.after }}}}个，"
          f"{{% if {f}.units.reduced >= 0 %}}精简{{{{ {f}.units.reduced }}}}个，精简比例{{{{ {f}.units.ratio }}}}"
          f"{{% else %}}增加{{{{ -{f}.units.reduced }}}}个{{% endif %}}；"
          f"事业编制由{{{{ {f}.staffing.before }}}}名调整为{{{{ {f}.staffing.after }}}}名，"
          f"{{% if {f}.staffing.reduced >= 0 %}}精简{{{{ {f}.staffing.reduced }}}}名，精简比例{{{{ {f}.staffing.ratio }}}}"
          f"{{% else %}}增加{{{{ -{f}.staffing.reduced }}}}名{{% endif %}}；"
          f"内设机构由{{{{ {f}.depts.before }}}}个调整为{{{{ {f}.depts.after }}}}个；"
          f"领导职数由{{{{ {f}.leaders.before }}}}名调整为{{{{ {f}.leaders.after }}}}名。"
          "逐步形成基本服务优先、供给水平适度、布局结构合理、服务公平公正的公益服务体系。"),
        P("一级标题", "二、基本情况"),
        P("正文", R("二级标题字", "（一）现有事业单位情况。"),
          "全{{ jurisdiction.suffix }}现有事业单位{{ plan.before.count }}个，核定事业编制{{ plan.before.staffing }}名，"
          "实有{{ plan.before.actual }}人" + breakdowns("plan.before") + "。"),
        P("正文", R("二级标题字", "（二）存在的问题。"),
          "事业单位布局结构不够合理，部分单位规模偏小、职能交叉重叠，公益属性不够突出，"
          "{% if plan.before.overstaffed %}有{{ plan.before.overstaffed }}个单位实有人数超过核定编制，{% endif %}"
          "管理体制和运行机制有待进一步完善。"),
        P("一级标题", "三、主要任务"),
        P("二级标题", "（一）承担行政职能事业单位改革"),
        P("正文", "{%p if plan.functions_to_admin or plan.to_admin %}"),
        P("正文", "{%p if plan.functions_to_admin %}"),
        P("正文", "将" + names("plan.functions_to_admin") +
          "{% if plan.functions_to_admin|length > 1 %}等{{ plan.functions_to_admin|length }}个单位{% endif %}"
          "承担的行政职能划归相关行政机构，其公益服务职能按照“公益性质不变、编随事走”的原则调整。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p if plan.to_admin %}"),
        P("正文", "将" + names("plan.to_admin") +
          "{% if plan.to_admin|length > 1 %}等{{ plan.to_admin|length }}个单位{% endif %}转为行政机构，"
          "按照有关规定办理机构编制事项。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p else %}"),
        P("正文", "经全面清理，全{{ jurisdiction.suffix }}没有需要调整的承担行政职能事业单位。"),
        P("正文", "{%p endif %}"),
        P("二级标题", "（二）从事生产经营活动事业单位改革"),
        P("正文", "{%p if plan.to_enterprise or plan.abolished %}"),
        P("正文", "{%p if plan.to_enterprise %}"),
        P("正文", "将" + names("plan.to_enterprise") +
          "{% if plan.to_enterprise|length > 1 %}等{{ plan.to_enterprise|length }}个单位{% endif %}"
          "转企改制，核销事业编制，人员按照有关规定妥善安置。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p if plan.abolished %}"),
        P("正文", "撤销职能消失、弱化或者无实际工作任务的" + names("plan.abolished") +
          "{% if plan.abolished|length > 1 %}等{{ plan.abolished|length }}个单位{% endif %}，"
          "核销事业编制，职责和人员按照改革方案划转安置。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p else %}"),
        P("正文", "经全面清理，全{{ jurisdiction.suffix }}没有需要转企改制或者撤销的事业单位。"),
        P("正文", "{%p endif %}"),
        P("二级标题", "（三）公益类事业单位优化整合"),
        P("正文", "按照“优化协同高效”的要求，对职能相近、规模偏小、布局分散的公益类事业单位进行整合："),
        P("正文", "{%p for g in plan.integrations %}"),
        P("正文", R("三级标题字", "{{ loop.index }}. "),
          "将" + names("g.sources") + "整合组建为{{ g.unit.name }}，为{{ g.unit.affiliation }}的{{ g.unit.category }}事业单位，"
          "机构规格为{{ g.unit.spec }}，经费形式为{{ g.unit.funding }}，核定事业编制{{ g.unit.staffing }}名。"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p for g in plan.mergers %}"),
        P("正文", R("三级标题字", "{{ plan.integrations|length + loop.index }}. "),
          "将" + names("g.sources") + "并入{{ g.unit.name }}，核定事业编制调整为{{ g.unit.staffing }}名。"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p if plan.renames %}"),
        P("正文", "{% for g in plan.renames %}{{ g.source.name }}更名为{{ g.unit.name }}"
          "{% if not loop.last %}；{% endif %}{% endfor %}。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p if plan.dept_transfers %}"),
        P("正文", "{% for g in plan.dept_transfers %}将{{ g.source.name }}整建制划转，调整为{{ g.unit.affiliation }}的"
          "{{ g.unit.name }}{% if not loop.last %}；{% endif %}{% endfor %}。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p if plan.new_units %}"),
        P("正文", "新设" + names("plan.new_units") + "，所需编制在全{{ jurisdiction.suffix }}事业编制总量内调剂解决。"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p if plan.kept %}"),
        P("正文", "保留" + names("plan.kept") +
          "{% if plan.kept|length > 1 %}等{{ plan.kept|length }}个单位{% endif %}，进一步明确职责任务，规范机构编制管理。"),
        P("正文", "{%p endif %}"),
        P("二级标题", "（四）强化公益属性，完善管理制度"),
        P("正文", "推进政事分开，厘清主管部门与事业单位的权责边界，落实事业单位法人自主权。"
          "{% if plan.quanxian_units %}在" + names("plan.quanxian_units") +
          "{% if plan.quanxian_units|length > 1 %}等{{ plan.quanxian_units|length }}个单位{% endif %}"
          "开展政事权限清单试点。{% endif %}改革后的事业单位按照规定制定或者修订章程，依法办理法人登记。"),
        P("一级标题", "四、改革后机构编制设置"),
        P("正文", "改革后，全{{ jurisdiction.suffix }}设置事业单位{{ plan.after.count }}个，核定事业编制{{ plan.after.staffing }}名，"
          "领导职数{{ plan.after.leaders }}名，内设机构{{ plan.after.depts }}个" + breakdowns("plan.after") +
          "。各单位机构编制情况见附件2。"),
        P("一级标题", "五、人员安置与编制管理"),
        P("正文", R("二级标题字", "（一）编制管理。"),
          "改革前核定事业编制{{ plan.ledger.before_total }}名，改革后核定事业编制{{ plan.ledger.after_total }}名。"
          "{% if plan.ledger.written_off %}因撤销、转企改制核销事业编制{{ plan.ledger.written_off }}名；{% endif %}"
          "{% if plan.ledger.moved_out %}因职能划归行政机构或者转为行政机构划出事业编制{{ plan.ledger.moved_out }}名；{% endif %}"
          "{% if plan.ledger.recovered %}整合后收回事业编制{{ plan.ledger.recovered }}名；{% endif %}"
          "{% if plan.ledger.added %}调剂新增事业编制{{ plan.ledger.added }}名；{% endif %}"
          "收回的事业编制由" + COMMITTEE + "统一管理、统筹使用。"),
        P("正文", R("二级标题字", "（二）人员安置。"),
          "坚持“人随编走、编随事走”，"
          "{% if plan.people.total %}改革涉及人员转隶{{ plan.people.total }}人，其中转入改革后事业单位{{ plan.people.to_units }}人"
          "{% if plan.people.to_enterprise %}，随转企改制安置{{ plan.people.to_enterprise }}人{% endif %}"
          "{% if plan.people.to_admin %}，随职能或者机构划入行政机关{{ plan.people.to_admin }}人{% endif %}"
          "{% if plan.people.retire %}，办理退休{{ plan.people.retire }}人{% endif %}"
          "{% if plan.people.other %}，以其他方式安置{{ plan.people.other }}人{% endif %}。{% endif %}"
          "改革单位的人员转隶、实名制信息调整与机构调整同步进行，改革单位明细见附件3。"),
        P("一级标题", "六、组织实施"),
        P("正文", R("二级标题字", "（一）加强组织领导。"),
          "在{{ jurisdiction.suffix }}委的统一领导下，机构编制部门牵头，组织、财政、人力资源社会保障等部门和各主管部门"
          "按照职责分工，协同推进改革。"),
        P("正文", R("二级标题字", "（二）稳步有序推进。"),
          "改革按照动员部署、方案批复、“三定”审理、人员转隶、机构运行、督查评估等步骤推进，"
          "各主管部门要按照时间节点完成所属事业单位改革任务。"),
        P("正文", R("二级标题字", "（三）严肃工作纪律。"),
          "改革期间，严禁突击进人、突击提拔干部，严禁违规处置国有资产，确保改革平稳有序。"),
        P("正文"),
        P("附件说明", "附件：1. {{ jurisdiction.name }}改革前后事业单位机构编制对照表"),
        P("附件说明续", "2. {{ jurisdiction.name }}改革后事业单位机构编制一览表"),
        P("附件说明续", "3. {{ jurisdiction.name }}改革单位明细表"),
        *signature(ISSUER, "doc.date"),
    ]
    return body


def plan_request() -> list:
    """请示 (上行文): carries the plan up to the level above, as the cover document of a submission."""
    f = "plan.figures"
    return [
        P("发文机关标志", COMMITTEE + "文件"),
        P("正文"),
        P("发文字号上行", "{{ doc.request_no }}\t签发人：", R("签发人姓名", "{{ doc.signatory }}")),
        P("正文"),
        P("正文"),
        P("标题", "关于报送《{{ jurisdiction.name }}深化事业单位改革试点实施方案》的请示"),
        P("正文"),
        P("主送机关", "{{ doc.upper }}："),
        P("正文", "根据《中共中央办公厅 国务院办公厅关于深化事业单位改革试点工作的指导意见》（中办发〔2020〕13号）"
          "和自治区有关部署要求，我{{ jurisdiction.suffix }}在全面摸底、逐个单位研究的基础上，制定了"
          "《{{ jurisdiction.name }}深化事业单位改革试点实施方案》（以下简称《方案》），经" + COMMITTEE + "研究同意，现报上。"),
        P("正文", f"《方案》拟将全{{{{ jurisdiction.suffix }}}}事业单位由{{{{ {f}.units.before }}}}个调整为{{{{ {f}.units.after }}}}个，"
          f"事业编制由{{{{ {f}.staffing.before }}}}名调整为{{{{ {f}.staffing.after }}}}名"
          f"{{% if {f}.staffing.reduced > 0 %}}，精简{{{{ {f}.staffing.reduced }}}}名{{% endif %}}；"
          "改革涉及的机构编制事项和人员安置情况见《方案》及其附件。"),
        P("正文", "{%p if status.round > 1 %}"),
        P("正文", "本次为第{{ status.round }}轮报送，已按照上级审核意见对《方案》作了修改。"),
        P("正文", "{%p endif %}"),
        P("正文", "妥否，请批示。"),
        P("正文"),
        P("附件说明", "附件：{{ jurisdiction.name }}深化事业单位改革试点实施方案"),
        *signature(COMMITTEE, "doc.request_date", always=True),
        P("正文", "{%p if doc.signer %}"),
        P("附注", "（联系人：{{ doc.signer }}）"),
        P("正文", "{%p endif %}"),
    ]


def plan_attachments() -> list:
    S, SL, H = "表格文字小", "表格文字小左", "表头小"
    comparison = table(
        [
            Column(7, "{{ r.no }}", S),
            Column(17, "{{ r.dept }}", SL),
            Column(28, "{{ r.name }}", SL),
            Column(11, "{{ r.category }}", S),
            Column(10, "{{ r.spec }}", S),
            Column(12, "{{ r.funding }}", S),
            Column(9, "{{ r.staffing }}", S),
            Column(9, "{{ r.actual }}", S),
            Column(9, "{{ r.leaders }}", S),
            Column(11, "{{ r.disposition }}", S),
            Column(28, "{% if r.after %}{% if r.after_first %}{{ r.after.name }}{% else %}〃{% endif %}{% else %}—{% endif %}", SL),
            Column(11, "{% if r.after %}{% if r.after_first %}{{ r.after.category }}{% else %}〃{% endif %}{% endif %}", S),
            Column(10, "{% if r.after %}{% if r.after_first %}{{ r.after.spec }}{% else %}〃{% endif %}{% endif %}", S),
            Column(12, "{% if r.after %}{% if r.after_first %}{{ r.after.funding }}{% else %}〃{% endif %}{% endif %}", S),
            Column(9, "{% if r.after %}{% if r.after_first %}{{ r.after.staffing }}{% else %}〃{% endif %}{% endif %}", S),
            Column(9, "{% if r.after %}{% if r.after_first %}{{ r.after.leaders }}{% else %}〃{% endif %}{% endif %}", S),
            Column(23, "{{ r.remark }}", SL),
        ],
        [
            [HeaderCell("序号", rows=2), HeaderCell("主管部门", rows=2), HeaderCell("改革前", span=7),
             HeaderCell("改革方式", rows=2), HeaderCell("改革后", span=6), HeaderCell("备注", rows=2)],
            [HeaderCell("单位名称"), HeaderCell("类别"), HeaderCell("规格"), HeaderCell("经费形式"),
             HeaderCell("编制"), HeaderCell("实有"), HeaderCell("领导职数"),
             HeaderCell("单位名称"), HeaderCell("类别"), HeaderCell("规格"), HeaderCell("经费形式"),
             HeaderCell("编制"), HeaderCell("领导职数")],
        ],
        "r in plan.comparison",
        totals=[
            [("合计", 2, H), ("{{ plan.before.count }}个", 4, S), ("{{ plan.before.staffing }}", 1, S),
             ("{{ plan.before.actual }}", 1, S), ("{{ plan.before.leaders }}", 1, S), ("", 1, S),
             ("{{ plan.after.count }}个", 4, S), ("{{ plan.after.staffing }}", 1, S),
             ("{{ plan.after.leaders }}", 1, S), ("", 1, S)],
            [("精简", 2, H),
             ("事业单位精简{{ plan.figures.units.reduced }}个，精简比例{{ plan.figures.units.ratio }}；"
              "事业编制精简{{ plan.figures.staffing.reduced }}名，精简比例{{ plan.figures.staffing.ratio }}；"
              "内设机构精简{{ plan.figures.depts.reduced }}个，精简比例{{ plan.figures.depts.ratio }}；"
              "领导职数精简{{ plan.figures.leaders.reduced }}名，精简比例{{ plan.figures.leaders.ratio }}。", 15, SL)],
        ],
        header_style=H,
    )
    after = table(
        [
            Column(10, "{{ u.no }}"),
            Column(44, "{{ u.name }}", "表格文字左"),
            Column(30, "{{ u.dept }}", "表格文字左"),
            Column(18, "{{ u.category }}"),
            Column(15, "{{ u.spec }}"),
            Column(18, "{{ u.funding }}"),
            Column(12, "{{ u.staffing }}"),
            Column(11, "{{ u.leaders_principal }}"),
            Column(11, "{{ u.leaders_deputy }}"),
            Column(12, "{{ u.depts }}"),
            Column(26, '{{ u.paizi|join("、") }}', "表格文字左"),
            Column(18, "{{ u.remark }}", "表格文字左"),
        ],
        [
            [HeaderCell("序号", rows=2), HeaderCell("单位名称", rows=2), HeaderCell("主管部门", rows=2),
             HeaderCell("单位类别", rows=2), HeaderCell("机构规格", rows=2), HeaderCell("经费形式", rows=2),
             HeaderCell("核定编制", rows=2), HeaderCell("领导职数", span=2), HeaderCell("内设机构", rows=2),
             HeaderCell("加挂牌子", rows=2), HeaderCell("备注", rows=2)],
            [HeaderCell("正职"), HeaderCell("副职")],
        ],
        "u in plan.after_units",
        totals=[
            [("合计", 2, "表头"), ("{{ plan.after.count }}个", 4, "表格文字"),
             ("{{ plan.after.staffing }}", 1, "表格文字"), ("{{ plan.after.principals }}", 1, "表格文字"),
             ("{{ plan.after.deputies }}", 1, "表格文字"), ("{{ plan.after.depts }}", 1, "表格文字"),
             ("", 2, "表格文字")],
        ],
    )
    changes = table(
        [
            Column(10, "{{ r.no }}"),
            Column(44, "{{ r.name }}", "表格文字左"),
            Column(28, "{{ r.dept }}", "表格文字左"),
            Column(20, "{{ r.disposition }}"),
            Column(44, "{{ r.destination or \"—\" }}", "表格文字左"),
            Column(14, "{{ r.staffing }}"),
            Column(14, "{{ r.actual }}"),
            Column(51, "{% for t in r.people %}{{ t.to }}{{ t.count }}人{% if not loop.last %}；{% endif %}{% endfor %}",
                   "表格文字左"),
        ],
        [[HeaderCell("序号"), HeaderCell("原单位名称"), HeaderCell("主管部门"), HeaderCell("改革方式"),
          HeaderCell("去向单位"), HeaderCell("原核定编制"), HeaderCell("实有人数"), HeaderCell("人员去向")]],
        "r in plan.changes",
    )
    return [
        P("附件标识", "附件1"),
        P("正文"),
        P("附件标题", "{{ jurisdiction.name }}改革前后事业单位机构编制对照表"),
        P("正文"),
        comparison,
        P("附件标识", "附件2"),
        P("正文"),
        P("附件标题", "{{ jurisdiction.name }}改革后事业单位机构编制一览表"),
        P("正文"),
        after,
        P("附件标识", "附件3"),
        P("正文"),
        P("附件标题", "{{ jurisdiction.name }}改革单位明细表"),
        P("正文"),
        changes,
    ]


# --- "三定"规定 -----------------------------------------------------------------------------------

SANDING_ISSUER = "{{ sanding.approver or doc.office }}"


def duties_list(prefix_style: str = "正文") -> list:
    return [
        P(prefix_style, "{%p for d in sanding.duties %}"),
        P(prefix_style, "（{{ loop.index|cnum }}）{{ d }}。"),
        P(prefix_style, "{%p endfor %}"),
        P(prefix_style, "{%p if not sanding.other_tasks_given %}"),
        P(prefix_style, "（{{ (sanding.duties|length + 1)|cnum }}）完成{{ unit.dept }}交办的其他任务。"),
        P(prefix_style, "{%p endif %}"),
    ]


def organs_list() -> list:
    return [
        P("正文", "{%p for o in sanding.organs %}"),
        P("正文", "（{{ loop.index|cnum }}）{{ o.name }}。{% if o.duties %}" + join("o.duties", "；") + "。{% endif %}"),
        P("正文", "{%p endfor %}"),
    ]


SETUP = (
    "{{ unit.name }}是{{ unit.affiliation }}的{{ unit.category }}事业单位，机构规格为{{ unit.spec }}，"
    "经费形式为{{ unit.funding }}。{% if unit.paizi %}加挂" + join("unit.paizi") + "牌子。{% endif %}"
)
STAFFING = (
    "{{ unit.name }}核定事业编制{{ unit.staffing }}名"
    "{% if sanding.structure %}，其中{% for s in sanding.structure %}{{ s.label }}{{ s.count }}名"
    "{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}"
    "{% if unit.by_funding|length > 1 %}（{% for s in unit.by_funding %}{{ s.label }}{{ s.count }}名"
    "{% if not loop.last %}、{% endif %}{% endfor %}）{% endif %}。"
    "领导职数{{ unit.leaders }}名，其中{{ sanding.leaders_text }}"
    "{% if sanding.organ_leaders %}；内设机构领导职数{{ sanding.organ_leaders }}名{% endif %}。"
)
OTHER = "{{ unit.name }}要严格按照核定的职责、机构、编制和领导职数开展工作，不得擅自增设机构、超编进人、超职数配备干部。"
EXPLAIN = f"本规定由{OFFICE}负责解释，其调整按规定程序办理。"


def sanding_reply() -> list:
    return [
        *masthead(SANDING_ISSUER, "{{ sanding.doc_no }}"),
        P("标题", "关于{{ unit.name }}机构职能编制规定的批复"),
        P("正文"),
        P("主送机关", "{{ unit.dept }}："),
        P("正文", "你单位关于{{ unit.name }}机构职能编制事项的请示收悉。根据《{{ jurisdiction.name }}深化事业单位改革试点实施方案》"
          "和有关规定，经研究，现批复如下："),
        P("一级标题", "一、机构设置"),
        P("正文", SETUP),
        P("一级标题", "二、主要职责"),
        *duties_list(),
        P("一级标题", "三、内设机构"),
        P("正文", "{%p if sanding.organs %}"),
        P("正文", "{{ unit.name }}设{{ sanding.organs|length }}个内设机构："),
        *organs_list(),
        P("正文", "{%p else %}"),
        P("正文", "{{ unit.name }}不设内设机构。"),
        P("正文", "{%p endif %}"),
        P("一级标题", "四、人员编制和领导职数"),
        P("正文", STAFFING),
        P("一级标题", "五、其他事项"),
        P("正文", "{%p for t in sanding.other_matters or [none] %}"),
        P("正文", "{% if t %}{{ t }}{% else %}" + OTHER + "{% endif %}"),
        P("正文", "{%p endfor %}"),
        P("一级标题", "六、附则"),
        P("正文", "{%p for t in sanding.supplementary or [none] %}"),
        P("正文", "{% if t %}{{ t }}{% else %}本批复由" + OFFICE + "负责解释。{% endif %}"),
        P("正文", "{%p endfor %}"),
        *signature(SANDING_ISSUER, "sanding.date"),
        *record("doc.copy_to", OFFICE, "sanding.date"),
    ]


def sanding_notice() -> list:
    art = "{% set ns.a = ns.a + 1 %}第{{ ns.a|cnum }}条"
    return [
        *masthead(SANDING_ISSUER, "{{ sanding.doc_no }}"),
        P("标题", "关于印发《{{ unit.name }}机构职能编制规定》的通知"),
        P("正文"),
        P("主送机关", "{{ unit.dept }}："),
        P("正文", "《{{ unit.name }}机构职能编制规定》已经" + COMMITTEE + "研究同意，现予印发，请认真贯彻执行。"),
        *signature(SANDING_ISSUER, "sanding.date"),
        P("另面标题", "{{ unit.name }}机构职能编制规定"),
        P("正文", "{%p set ns = namespace(a=0) %}"),
        P("正文"),
        P("条文", R("条号", art), "　根据《{{ jurisdiction.name }}深化事业单位改革试点实施方案》和有关规定，制定本规定。"),
        P("条文", R("条号", art), "　" + SETUP),
        P("条文", R("条号", art), "　{{ unit.name }}的主要职责是："),
        *duties_list(),
        P("正文", "{%p if sanding.organs %}"),
        P("条文", R("条号", art), "　{{ unit.name }}设{{ sanding.organs|length }}个内设机构："),
        *organs_list(),
        P("正文", "{%p else %}"),
        P("条文", R("条号", art), "　{{ unit.name }}不设内设机构。"),
        P("正文", "{%p endif %}"),
        P("条文", R("条号", art), "　" + STAFFING),
        P("正文", "{%p if sanding.other_matters|length > 1 %}"),
        P("条文", R("条号", art), "　其他事项："),
        P("正文", "{%p for t in sanding.other_matters %}"),
        P("正文", "{{ t }}"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p else %}"),
        P("条文", R("条号", art), "　{% if sanding.other_matters %}{{ sanding.other_matters[0] }}{% else %}" + OTHER + "{% endif %}"),
        P("正文", "{%p endif %}"),
        P("正文", "{%p for t in sanding.supplementary or [none] %}"),
        P("条文", R("条号", art), "　{% if t %}{{ t }}{% else %}" + EXPLAIN + "{% endif %}"),
        P("正文", "{%p endfor %}"),
        *record("doc.copy_to", OFFICE, "sanding.date"),
    ]


# --- 政事权限清单 ---------------------------------------------------------------------------------


def quanxian_side(groups: str, heading: str) -> list:
    return [
        P("正文", f"{{%p if {groups} %}}"),
        P("一级标题", "{% set ns.h = ns.h + 1 %}{{ ns.h|cnum }}、" + heading),
        P("正文", f"{{%p for g in {groups} %}}"),
        P("二级标题", "（{{ loop.index|cnum }}）{{ g.category }}"),
        P("正文", "{%p for i in g.entries %}"),
        P("正文", R("三级标题字", "{{ i.no }}. "),
          "{{ i.content }}{% if i.related_dept %}（{{ i.related_dept }}）{% endif %}。"
          "{% if i.basis %}依据：{{ i.basis }}。{% endif %}"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p endif %}"),
    ]


RELATED_DEFAULT = (
    "机构编制、组织、财政、人力资源社会保障等相关综合部门按照各自职责，对{{ unit.name }}的机构编制、"
    "干部人事、收入分配、财务资产等事项实施管理和监督，支持主管部门和本单位按照本清单履行职责。"
)


def quanxian() -> list:
    return [
        *masthead(OFFICE, "{{ quanxian.doc_no }}"),
        P("标题", "{{ unit.name }}政事权限清单"),
        P("正文"),
        P("正文", "{%p set ns = namespace(h=1) %}"),
        P("一级标题", "一、总则"),
        P("正文", "为推进政事分开、落实事业单位法人自主权，根据有关法律法规、规范性文件和《{{ unit.name }}机构职能编制规定》，"
          "制定本清单。{{ quanxian.supervisor }}（以下简称主管部门）、{{ unit.name }}（以下简称本单位）"
          "和相关综合部门按照本清单履行职责。"),
        *quanxian_side("quanxian.supervisor_groups", "主管部门（{{ quanxian.supervisor }}）举办监督职责"),
        *quanxian_side("quanxian.unit_groups", "事业单位（{{ unit.name }}）自主运营管理职责"),
        *quanxian_side("quanxian.shared_groups", "主管部门与事业单位共同职责"),
        *quanxian_side("quanxian.related_groups", "相关综合部门职责"),
        P("正文", "{%p if not quanxian.related_groups %}"),
        P("一级标题", "{% set ns.h = ns.h + 1 %}{{ ns.h|cnum }}、相关综合部门职责"),
        P("正文", RELATED_DEFAULT),
        P("正文", "{%p endif %}"),
        P("一级标题", "{% set ns.h = ns.h + 1 %}{{ ns.h|cnum }}、运行与监督"),
        P("正文", "本清单实行动态调整，法律法规和政策规定发生变化的，由主管部门会同本单位及时提出调整意见，"
          "按程序报" + OFFICE + "审核。主管部门和本单位应当按照清单履行职责，不得越权或者推诿。"),
        P("正文", "本清单由{{ quanxian.supervisor }}会同" + OFFICE + "负责解释。"),
        *signature(OFFICE, "quanxian.date"),
    ]


# --- 章程 ----------------------------------------------------------------------------------------


def charter() -> list:
    art = "{% set ns.a = ns.a + 1 %}第{{ ns.a|cnum }}条"

    def article(*text: str) -> object:
        return P("条文", R("条号", art), "　" + "".join(text))

    def free_text(field: str, default: str) -> list:
        return [
            P("正文", f"{{%p for t in charter.{field} or [none] %}}"),
            article("{% if t %}{{ t }}{% else %}" + default + "{% endif %}"),
            P("正文", "{%p endfor %}"),
        ]

    return [
        P("标题", "{{ unit.name }}章程"),
        P("正文"),
        P("正文", "{%p set ns = namespace(a=0) %}"),
        P("章标题", "第一章　总则"),
        article("为规范{{ unit.name }}（以下简称本单位）的组织和行为，根据《中国共产党机构编制工作条例》"
                "《中华人民共和国民法典》《事业单位登记管理暂行条例》及其实施细则等有关规定，制定本章程。"),
        article("本单位名称：{{ unit.name }}。{% if unit.paizi %}本单位加挂" + join("unit.paizi") + "牌子。{% endif %}"),
        article("本单位住所：{{ charter.address }}。"),
        article("本单位类型为{{ unit.category }}事业单位，经费来源为{{ charter.funding_source }}。"),
        article("本单位开办资金：人民币{{ charter.capital_upper }}。"),
        article("本单位举办单位：" + join("charter.sponsors") + "。"),
        P("正文", "{%p if charter.supervisor %}"),
        article("本单位业务主管单位：{{ charter.supervisor }}。"),
        P("正文", "{%p endif %}"),
        article('本单位登记管理机关：{{ charter.registrar or (jurisdiction.name ~ "事业单位登记管理局") }}。'),
        article("本单位实行{{ charter.leadership }}。本单位法定代表人由{{ charter.legal_rep_title }}担任。"),
        P("章标题", "第二章　党的建设"),
        *free_text("party_building",
                   "本单位坚持中国共产党的全面领导，{% if unit.party_org %}设立{{ unit.party_org }}，{% endif %}"
                   "加强党的政治建设、思想建设、组织建设、作风建设和纪律建设，发挥党组织把方向、管大局、保落实的作用。"),
        P("章标题", "第三章　宗旨和业务范围"),
        article("本单位宗旨：{{ charter.purpose }}。"),
        article("本单位业务范围：" + join("charter.scope", "；") + "。"),
        P("章标题", "第四章　举办单位"),
        article("举办单位享有以下权利：（一）提出本单位宗旨和业务范围；（二）审核本单位章程草案及修改草案；"
                "（三）按照干部管理权限任免本单位领导人员；（四）监督本单位的运行和资产管理使用。"),
        article("举办单位履行以下义务：（一）保障本单位依法开展业务活动；（二）按照规定为本单位提供经费保障；"
                "（三）不得干预本单位依法自主开展的业务活动。"),
        P("章标题", "第五章　组织机构"),
        # the office's own text replaces the whole default chapter (so nothing is said twice)
        P("正文", "{%p if charter.organization %}"),
        P("正文", "{%p for t in charter.organization %}"),
        article("{{ t }}"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p else %}"),
        article("本单位设{{ sanding.principal_title }}{{ unit.leaders_principal }}名"
                "{% if unit.leaders_deputy %}、{{ sanding.deputy_title }}{{ unit.leaders_deputy }}名{% endif %}，"
                "按照干部管理权限任免。"),
        P("正文", "{%p if sanding.organs %}"),
        article("本单位设" + names("sanding.organs") + "{{ sanding.organs|length }}个内设机构。"),
        P("正文", "{%p endif %}"),
        article("本单位建立职工大会或者职工代表大会制度，依法保障职工参与民主管理和监督。"),
        P("正文", "{%p endif %}"),
        P("章标题", "第六章　资产管理和使用"),
        *free_text("assets",
                   "本单位的资产来源为举办单位投入的开办资金和财政补助及其他合法收入。本单位严格执行国家有关财务、"
                   "资产管理制度，资产不得在举办单位以外的任何组织和个人之间分配。"),
        P("章标题", "第七章　信息公开"),
        *free_text("disclosure",
                   "本单位按照有关规定向社会公开年度报告、登记事项变更和其他应当公开的信息，接受社会监督。"),
        P("章标题", "第八章　章程修改"),
        *free_text("amendment",
                   "本章程的修改，由本单位拟订修改草案，经举办单位审核同意后，报登记管理机关核准或者备案。"),
        P("章标题", "第九章　终止程序和终止后资产的处理"),
        *free_text("termination",
                   "本单位有法律法规规定的终止情形的，经举办单位审查同意后，依法进行清算，并向登记管理机关申请注销登记。"
                   "清算后的剩余财产按照有关规定处理。"),
        P("章标题", "第十章　附则"),
        *free_text("supplementary", "本章程经举办单位审核、登记管理机关核准后生效，由本单位负责解释。"),
    ]


# --- 封面及报送材料目录 ---------------------------------------------------------------------------


def contents() -> list:
    docs = table(
        [
            Column(14, "{{ d.no }}"),
            Column(96, "{{ d.title }}", "表格文字左"),
            Column(28, "{{ d.kind }}"),
            Column(18, "{{ d.pages }}"),
        ],
        [[HeaderCell("序号"), HeaderCell("材料名称"), HeaderCell("类别"), HeaderCell("页数")]],
        "d in documents",
        totals=[[("合计", 2, "表头"), ("{{ documents|length }}份", 1, "表格文字"),
                 ("{{ total_pages }}", 1, "表格文字")]],
    )
    tables = table(
        [
            Column(14, "{{ t.no }}"),
            Column(96, "{{ t.title }}", "表格文字左"),
            Column(28, "{{ t.kind }}"),
            Column(18, "{{ t.rows }}"),
        ],
        [[HeaderCell("序号"), HeaderCell("表格名称"), HeaderCell("格式"), HeaderCell("数据行数")]],
        "t in tables",
    )
    return [
        P("正文"),
        P("正文"),
        P("封面标题", "{{ jurisdiction.name }}"),
        P("封面标题", "深化事业单位改革"),
        P("封面标题", "报送材料"),
        P("正文"),
        P("封面文字", "（第{{ cover.round }}轮）"),
        P("正文"),
        P("正文"),
        P("正文"),
        P("正文"),
        P("封面信息", "报送单位：" + OFFICE),
        P("封面信息", "报送人：{{ cover.signer or \"　　　　\" }}"),
        P("封面信息", "报送日期：" + dated("cover.date")),
        P("另面标题", "报送材料目录"),
        P("正文"),
        docs,
        P("正文", "{%p if tables %}"),
        P("正文"),
        P("一级标题", "附表（电子表格）"),
        P("正文"),
        tables,
        P("正文", "{%p endif %}"),
    ]


# --- build ---------------------------------------------------------------------------------------

TEMPLATES = {
    "改革方案.docx": "plan",
    "改革方案-请示.docx": "plan_request",
    "三定规定-批复.docx": "sanding_reply",
    "三定规定-通知.docx": "sanding_notice",
    "政事权限清单.docx": "quanxian",
    "章程.docx": "charter",
    "封面及目录.docx": "contents",
}


def build(kind: str):
    doc = new_document(cover=kind == "contents")
    register_style_ids(doc)
    if kind == "plan":
        append(doc, *plan_template())
        landscape_section(doc)
        append(doc, *plan_attachments())
    elif kind == "plan_request":
        append(doc, *plan_request())
    elif kind == "sanding_reply":
        append(doc, *sanding_reply())
    elif kind == "sanding_notice":
        append(doc, *sanding_notice())
    elif kind == "quanxian":
        append(doc, *quanxian())
    elif kind == "charter":
        append(doc, *charter())
    elif kind == "contents":
        append(doc, *contents())
    else:
        raise ValueError(kind)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for filename, kind in TEMPLATES.items():
        doc = build(kind)
        doc.save(OUT / filename)
        print(OUT / filename)


if __name__ == "__main__":
    main()
