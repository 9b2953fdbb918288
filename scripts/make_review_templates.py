"""Generate the review cycle's templates in ``templates_docx/`` (run: ``python scripts/make_review_templates.py``).

``审核意见.docx`` is the upper office's answer to a filing (退回修改 or 同意), with its 红头 and
文号; ``修改说明.docx`` is the county's account, packed from round 2 on, of what it did with each
comment. As with ``make_templates.py`` the wording lives here and in the ``.docx``; the program
supplies data only (fields: ``docs/review.md``). Layout: GB/T 9704 through ``template_kit``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_templates import OUT, P, masthead, signature
from template_kit import Column, HeaderCell, append, new_document, register_style_ids, table


def review_opinion() -> list:
    issuer = "{{ review.issuer }}"
    comments = table(
        [
            Column(14, "{{ c.no }}"),
            Column(46, "{{ c.target }}", "表格文字左"),
            Column(96, "{{ c.text }}", "表格文字左"),
        ],
        [[HeaderCell("序号"), HeaderCell("针对"), HeaderCell("审核意见")]],
        "c in review.comments",
    )
    return [
        *masthead(issuer, "{{ review.doc_no }}"),
        P("标题", "关于{{ filing.name }}深化事业单位改革材料（第{{ review.round }}轮）的审核意见"),
        P("正文"),
        P("主送机关", "{{ filing.office }}："),
        P("正文", "你单位报送的{{ filing.name }}深化事业单位改革材料（第{{ review.round }}轮，"
          "{{ filing.bagging_date }}签发）收悉。经审核，意见如下："),
        P("一级标题", "一、审核结论"),
        P("正文", "{% if review.approved %}同意。请按审核通过的材料组织实施，实施中如需调整，应重新报审。"
          "{% else %}退回修改。请按下列意见修改完善后重新报送，并对每条意见逐条说明修改情况。{% endif %}"),
        P("一级标题", "二、总体意见"),
        P("正文", "{{ review.opinion }}"),
        P("正文", "{%p if review.comments %}"),
        P("一级标题", "三、具体意见"),
        P("正文"),
        comments,
        P("正文", "{%p endif %}"),
        *signature(issuer, "review.date"),
    ]


def change_notes() -> list:
    rows = table(
        [
            Column(12, "{{ c.no }}"),
            Column(30, "{{ c.target }}", "表格文字左"),
            Column(40, "{{ c.text }}", "表格文字左"),
            Column(18, "{{ c.status }}"),
            Column(56, "{{ c.reply }}{% if c.changes %}（{{ c.changes|join('；') }}）{% endif %}", "表格文字左"),
        ],
        [[HeaderCell("序号"), HeaderCell("针对"), HeaderCell("审核意见"), HeaderCell("处理情况"),
          HeaderCell("答复及所作修改")]],
        "c in notes.comments",
    )
    return [
        P("标题", "{{ jurisdiction.name }}深化事业单位改革材料修改说明"),
        P("正文"),
        P("正文", "根据{{ notes.reviewer }}对第{{ notes.answered_round }}轮报送材料的审核意见"
          "{% if notes.review_doc_no %}（{{ notes.review_doc_no }}）{% endif %}，我{{ jurisdiction.suffix }}"
          "对材料进行了修改完善，现将第{{ notes.round }}轮报送材料的修改情况说明如下："),
        P("正文"),
        rows,
        P("正文", "{%p if notes.other_changes %}"),
        P("一级标题", "其他修改"),
        P("正文", "{%p for t in notes.other_changes %}"),
        P("正文", "{{ loop.index }}. {{ t }}"),
        P("正文", "{%p endfor %}"),
        P("正文", "{%p endif %}"),
        *signature("{{ jurisdiction.name }}机构编制委员会办公室", "notes.date"),
    ]


TEMPLATES = {"审核意见.docx": review_opinion, "修改说明.docx": change_notes}


def build(filename: str):
    doc = new_document()
    register_style_ids(doc)
    append(doc, *TEMPLATES[filename]())
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for filename in TEMPLATES:
        build(filename).save(OUT / filename)
        print(OUT / filename)


if __name__ == "__main__":
    main()
