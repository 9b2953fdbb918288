"""Generate ``templates_docx/检查验收意见.docx`` (run: ``python scripts/make_acceptance_template.py``).

The upper office's 检查验收意见 to a subordinate (issue 17 item 5): 红头 with the 文号, the result
(通过 / 限期整改 / 不通过), the overall opinion, the table of checklist items and what is to be
rectified by when. Built like ``审核意见.docx`` (``make_review_templates.py``): the wording lives
here and in the ``.docx``; the program supplies data only (fields: ``docs/acceptance.md``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from make_templates import OUT, P, masthead, signature
from template_kit import Column, HeaderCell, append, new_document, register_style_ids, table

FILENAME = "检查验收意见.docx"


def acceptance_opinion() -> list:
    issuer = "{{ acceptance.issuer }}"
    items = table(
        [
            Column(11, "{{ i.no }}"),
            Column(31, "{{ i.label }}", "表格文字左"),
            Column(18, "{{ i.conclusion }}"),
            Column(36, "{{ i.problem }}{% if i.target %}（{{ i.target }}）{% endif %}", "表格文字左"),
            Column(32, "{{ i.demand }}", "表格文字左"),
            Column(28, "{{ i.deadline }}"),
        ],
        [[HeaderCell("序号"), HeaderCell("检查项目"), HeaderCell("结论"), HeaderCell("存在问题"),
          HeaderCell("整改要求"), HeaderCell("整改期限")]],
        "i in acceptance.rows",
    )
    return [
        *masthead(issuer, "{{ acceptance.doc_no }}"),
        P("标题", "关于{{ to.name }}深化事业单位改革检查验收情况的意见"),
        P("正文"),
        P("主送机关", "{{ to.office }}："),
        P("正文", "根据深化事业单位改革工作安排，{{ acceptance.team }}于{{ acceptance.held }}对{{ to.name }}"
          "事业单位改革情况进行了检查验收（第{{ acceptance.number }}次）。现将检查验收意见通知如下："),
        P("一级标题", "一、验收结论"),
        P("正文", "{% if acceptance.result == '通过' %}通过验收。"
          "{% elif acceptance.result == '限期整改' %}限期整改。请对下列存在问题的项目按整改要求和期限完成整改。"
          "{% else %}不予通过。请对下列存在问题的项目认真整改，整改完成后重新申请检查验收。{% endif %}"),
        P("正文", "{%p if acceptance.opinion %}"),
        P("一级标题", "二、总体意见"),
        P("正文", "{{ acceptance.opinion }}"),
        P("正文", "{%p endif %}"),
        P("一级标题", "{{ acceptance.table_heading }}"),
        P("正文", "本次检查验收共检查{{ acceptance.rows|length }}个项目，符合{{ acceptance.conforming }}项，"
          "存在问题{{ acceptance.problems }}项。"),
        items,
        P("正文", "{%p if acceptance.problems %}"),
        P("正文", "请你{{ to.suffix }}对存在问题的项目逐项整改，在整改期限内将整改结果（已整改或已说明，"
          "并写明整改情况）随下一次报送材料一并报送我办。"),
        P("正文", "{%p endif %}"),
        *kept_together([P("正文", "特此通知。"), *signature(issuer, "acceptance.date", always=True)]),
    ]


def kept_together(paragraphs: list) -> list:
    """The 署名 block (blank lines, 署名, 成文日期) on one page: each paragraph but the last keeps with
    the next, so the date never stands alone on a page of its own."""
    for p in paragraphs[:-1]:
        ppr = p.find(qn("w:pPr"))
        ppr.insert(1, OxmlElement("w:keepNext"))  # after w:pStyle (CT_PPrBase order)
    return paragraphs


def build():
    doc = new_document()
    register_style_ids(doc)
    append(doc, *acceptance_opinion())
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    build().save(OUT / FILENAME)
    print(OUT / FILENAME)


if __name__ == "__main__":
    main()
