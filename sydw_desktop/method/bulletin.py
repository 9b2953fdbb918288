"""The 通报 as a GB/T 9704 document (PDF, and DOCX if asked) and its Excel table.

The document is laid out by the program's own document machinery: it is built on the styles of the
bundled “三定”规定 印发通知 template (发文机关标志, 发文字号, 标题, 主送机关, 一级标题, 正文, 署名,
成文日期, 版记), finished and rendered to PDF exactly like the packet's documents. The full list
of what happened in the period is the Excel table; the document sums it up by kind.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from ..documents.docx_render import finish, save_atomic
from ..documents.docx_styles import StyleResolver
from ..documents.fonts import FontBook
from ..documents.numerals import cnum
from ..documents.pdf_render import render_pdf
from ..documents.templates import TemplateStore
from ..documents.xlsx_tables import Column, TableSheet, _write
from ..files import atomic_path
from ..rules.findings import Severity
from .league_progress import SILENT, LeagueProgress, SubordinateRow
from .progress_report import ProgressSummary
from .records import cn_date, quoted
from .steps import StepState

#: The template whose styles the 通报 is set in.
STYLE_TEMPLATE = "sanding_notice"


@dataclass(frozen=True)
class Bulletin:
    pdf: Path
    pages: int
    xlsx: Path | None
    warnings: list[str]


def bulletin_paragraphs(s: ProgressSummary, office: str) -> list[tuple[str, str]]:
    """The 通报's body as (style, text) pairs."""
    body: list[tuple[str, str]] = []
    add = body.append
    add(("正文", f"按照“周调度、旬推进、月通报”的工作安排，现将{cn_date(s.start)}至{cn_date(s.end)}"
                 f"{s.region}事业单位改革工作进展情况通报如下。"))
    # an office that only oversees (no 改革前单位 of its own) reports on its subordinates alone
    sections = _own_sections(s) if s.own_reform or s.subordinates is None else []
    if s.subordinates is not None:
        sections.append((s.subordinates.title, subordinate_paragraphs(s.subordinates)))
    for number, (title, lines) in enumerate(sections, 1):
        add(("一级标题", f"{cnum(number)}、{title}"))
        body += [("正文", line) for line in lines]
    if s.own_reform or s.subordinates is None:
        add(("正文", f"本期各项进展的明细见所附《进展明细表》，共{len(s.events)}项。"))
    else:
        add(("正文", "各下级的进度明细见所附《进展明细表》中的“下级进度”表。"))
    return body


def _own_sections(s: ProgressSummary) -> list[tuple[str, list[str]]]:
    """The office's own reform: its nine steps, 三定 审理, decisions, problems, transfers."""
    sections: list[tuple[str, list[str]]] = []
    done = [x for x in s.steps if x.state is StepState.DONE]
    steps = [f"九步工作法中，已完成{len(done)}步（{'、'.join(x.step.value for x in done) or '无'}）。"]
    if s.advanced:
        steps.append(f"本期完成：{'、'.join(f'{x.step.value}（{cn_date(x.done_on or s.end)}）' for x in s.advanced)}。")
    going = [x for x in s.steps if x.state in (StepState.IN_PROGRESS, StepState.BLOCKED)]
    for x in going:
        steps.append(f"{quoted(x.step.value)}{x.state.label}，还需：{'；'.join(x.missing)}。")
    sections.append(("总体进展", steps))
    current = "，".join(f"{k}{v}个" for k, v in s.stage_counts.items() if v) or "无"
    moved = "，".join(f"进入“{k}”{v}个" for k, v in s.stage_reached.items() if v) or "无变化"
    kinds = Counter(e.category for e in s.events)
    review = [f"改革后单位的“三定”按当前步骤：{current}。本期{moved}。"]
    if kinds["征求意见"] or kinds["协商会议"]:
        review.append(f"本期征求意见和回复{kinds['征求意见']}项，召开协商会议{kinds['协商会议']}次。")
    sections.append(("“三定”审理", review))
    decisions = [f"{e.subject}（{cn_date(e.day)}）：{e.text}。" for e in s.events if e.category in ("决策程序", "方案报批")]
    if decisions:
        sections.append(("决策和报批", decisions))
    errors, warnings = s.count(Severity.ERROR), s.count(Severity.WARNING)
    if s.previous is None:
        problems = [f"本期为首次通报。检查现有“错误”{errors}条、“警告”{warnings}条。"]
    else:
        problems = [f"上次通报以来，检查新发现问题{len(s.opened)}条，已解决{len(s.closed)}条；"
                    f"现有“错误”{errors}条、“警告”{warnings}条。"]
    sections.append(("问题整改", problems))
    work = [f"本期确认人员转隶{s.people_transferred}人（{kinds['人员转隶']}个单位）。" if kinds["人员转隶"]
            else "本期没有确认人员转隶。"]
    if kinds["机构运行"]:
        work.append(f"{kinds['机构运行']}个单位按新“三定”开始运行。")
    if kinds["督查评估"]:
        work.append(f"督查评估{kinds['督查评估']}个单位：" + "；".join(
            f"{e.subject}，{e.text}" for e in s.events_of("督查评估")) + "。")
    sections.append(("人员转隶、运行和督查评估", work))
    return sections


def subordinate_paragraphs(league: LeagueProgress) -> list[str]:
    """The upper office's section: its step dates, who is behind and by how many days (most behind
    first), who has not reported. D = the 通报's end − the due date (a step done late: done − due)."""
    behind, silent = league.behind, league.silent
    reported = len(league.rows) - len(silent)
    head = f"截至{cn_date(league.end)}，{reported}个下级报送了工作进度"
    head += f"，其中{len(behind)}个有步骤超过本级设定的完成时限" if behind else "，均未超过本级设定的完成时限"
    head += f"；{len(silent)}个{SILENT}。" if silent else "。"
    return [league.dues_text(formal=True), head, *(r.text(formal=True) for r in league.rows)]


def write_bulletin(s: ProgressSummary, pdf_path: Path, *, office: str, doc_no: str = "",
                   docx_path: Path | None = None, xlsx_path: Path | None = None,
                   templates: TemplateStore | None = None, fonts: FontBook | None = None) -> Bulletin:
    """Lay out the 通报 into ``pdf_path`` (and ``docx_path``) and its table into ``xlsx_path``."""
    store = templates or TemplateStore()
    document = Document(str(store.default_path(STYLE_TEMPLATE)))
    body = document.element.body
    section = copy.deepcopy(body[-1])  # the template's sectPr: page size, margins, page numbers
    for child in list(body):
        body.remove(child)
    body.append(section)
    title = f"关于{s.region}事业单位改革工作进展情况的{s.period.value}通报"

    def para(style: str, text: str = "", *, keep_next: bool = False) -> None:
        document.add_paragraph(text, style=style).paragraph_format.keep_with_next = keep_next or None

    para("发文机关标志", f"{office}文件")
    para("正文")
    para("发文字号", doc_no)
    para("正文")
    para("标题", title)
    para("正文")
    para("主送机关", addressees(s))
    body_paragraphs = bulletin_paragraphs(s, office)
    for n, (style, text) in enumerate(body_paragraphs, 1):  # the last one keeps with the 署名 block (GB/T 9704 7.3.5)
        para(style, text, keep_next=n == len(body_paragraphs))
    para("正文", keep_next=True)
    para("署名", office, keep_next=True)
    para("成文日期", cn_date(s.end))
    para("版记印发单行", f"{office}\t{cn_date(s.end)}印发")
    resolver = StyleResolver(document)
    finish(document, resolver=resolver)
    if docx_path is not None:
        save_atomic(document, Path(docx_path))
    pdf = render_pdf(document, Path(pdf_path), fonts=fonts or FontBook(), title=title, resolver=resolver)
    if xlsx_path is not None:
        write_bulletin_table(s, Path(xlsx_path))
    warnings = [x.text() for x in pdf.substitutions] + [i.text() for i in pdf.issues]
    return Bulletin(Path(pdf_path), pdf.pages, xlsx_path, warnings)


def addressees(s: ProgressSummary) -> str:
    """主送机关: an upper office's 通报 goes to its subordinates' offices (各旗县（市、区） / 各盟市)."""
    if s.subordinates is None:
        return "各有关部门、单位："
    return f"{s.subordinates.title.removesuffix('进度')}机构编制委员会办公室："


def write_bulletin_table(s: ProgressSummary, target: Path) -> None:
    """进展明细 (every event of the period), 九步进度 and “三定”审理 counts, one sheet each."""
    from openpyxl import Workbook

    period = f"（{s.start} 至 {s.end}）"
    details = TableSheet(f"{s.region}事业单位改革工作进展明细表{period}", [
        Column("序号", lambda it: it[0], "int", 6),
        Column("日期", lambda it: it[1].day, max_width=12),
        Column("类别", lambda it: it[1].category, max_width=12),
        Column("单位或事项", lambda it: it[1].subject, max_width=28),
        Column("进展", lambda it: it[1].text, max_width=60),
    ], list(enumerate(s.events, 1)))
    steps = TableSheet(f"{s.region}九步工作法进度表（截至 {s.end}）", [
        Column("步骤", lambda x: f"{x.number}. {x.step.value}", max_width=16),
        Column("状态", lambda x: x.state.label, max_width=8),
        Column("完成日期", lambda x: x.done_on or "", max_width=12),
        Column("还需", lambda x: "；".join(x.missing), max_width=70),
    ], list(s.steps))
    stages = TableSheet(f"{s.region}“三定”审理进度表{period}", [
        Column("步骤", lambda it: it[0], max_width=12),
        Column("当前单位数", lambda it: it[1], "int", 10),
        Column("本期进入数", lambda it: s.stage_reached.get(it[0], 0), "int", 10),
    ], list(s.stage_counts.items()), totals=[["合计", sum(s.stage_counts.values()), sum(s.stage_reached.values())]])
    wb = Workbook()
    first = wb.active
    first.title = "进展明细"
    _write(first, details, draft=False)
    _write(wb.create_sheet("九步进度"), steps, draft=False)
    _write(wb.create_sheet("三定审理"), stages, draft=False)
    if s.subordinates is not None:
        _write(wb.create_sheet("下级进度"), subordinate_sheet(s), draft=False)
    with atomic_path(target, overwrite=True) as tmp:
        wb.save(tmp)


def subordinate_sheet(s: ProgressSummary) -> TableSheet:
    """下级进度: one row per subordinate, most behind first, the silent ones last."""
    assert s.subordinates is not None
    league = s.subordinates

    def of(r: SubordinateRow, attr: str) -> str:
        return "" if r.progress is None else str(getattr(r.progress, attr))

    return TableSheet(f"{s.region}{league.title}表（截至 {s.end}）", [
        Column("序号", lambda it: it[0], "int", 6),
        Column("行政区划代码", lambda it: it[1].region_code, max_width=10),
        Column("名称", lambda it: it[1].name, max_width=20),
        Column("进度截至", lambda it: of(it[1], "as_of"), max_width=12),
        Column("来源", lambda it: "" if it[1].progress is None else it[1].progress.source_label, max_width=12),
        Column("已完成步数", lambda it: it[1].done, "int", 8),
        Column("当前步骤", lambda it: it[1].current, max_width=24),
        Column("最长超期（天）", lambda it: it[1].max_days, "int", 10),
        Column("超期情况", lambda it: it[1].status(), max_width=60),
    ], list(enumerate(league.rows, 1)), notes=[[league.dues_text()]])
