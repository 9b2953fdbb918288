"""The Excel tables of the filing packet, print-ready (openpyxl).

Each table is one sheet: a title row, one or two header rows (repeated on every printed page and
frozen on screen), data rows with numbers stored as numbers, and a 合计 row. Pages are A4
landscape, fitted to the page width, with the footer "第 N 页 共 M 页". Column headings follow
``documents.md`` §2.4 and ``interfaces.md`` §3.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..figures import headline_figures
from ..files import atomic_path
from ..model import Snapshot, Unit
from ..rules.findings import CheckReport, Severity
from ..vocab import QuanxianSubject

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="方正小标宋简体", size=16)
HEAD_FONT = Font(name="黑体", size=11)
BODY_FONT = Font(name="仿宋_GB2312", size=11)
BOLD_FONT = Font(name="黑体", size=11)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RATIO_FORMAT = "0.0%"
FOOTER = "第 &P 页 共 &N 页"



@dataclass
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: str = "text"  # text | int | ratio
    max_width: int = 24  # Excel width units (one CJK character ≈ 2); longer text wraps


@dataclass
class TableSheet:
    """One printable table."""

    title: str
    columns: list[Column]
    rows: list[Any]
    groups: list[tuple[str, int, int]] = field(default_factory=list)  # (label, first col, last col) 1-based
    totals: list[list[Any]] = field(default_factory=list)  # rows of cell values (None = blank)
    merges_down: Sequence[int] = ()  # columns whose equal consecutive values (from ``group_key``) merge
    group_key: Callable[[Any], Any] | None = None
    notes: list[list[Any]] = field(default_factory=list)  # extra rows below the table (summary block)
    attachment: str = ""  # 附件N, above the title, when the table is filed as an attachment
    byline: str = ""  # 填报单位 and 填报日期, under the title


def _display_width(value: Any) -> int:
    text = "" if value is None else (f"{value:.1%}" if isinstance(value, float) else str(value))
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _write(ws: Worksheet, sheet: TableSheet, *, draft: bool) -> int:
    ncols = len(sheet.columns)
    header_rows = 2 if sheet.groups else 1
    title_row = 2 if sheet.attachment else 1
    top = title_row + (2 if sheet.byline else 1)  # the first header row
    first_data = top + header_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.7, 0.7
    ws.oddFooter.center.text = FOOTER
    ws.evenFooter.center.text = FOOTER
    if draft:
        ws.oddHeader.center.text = "草稿"
        ws.oddHeader.center.size = 20
        ws.evenHeader.center.text = "草稿"
    ws.print_title_rows = f"{top}:{top + header_rows - 1}"
    ws.freeze_panes = ws.cell(row=first_data, column=1)

    # 附件N, title, 填报单位/日期
    if sheet.attachment:
        ws.cell(row=1, column=1, value=sheet.attachment).font = HEAD_FONT
    ws.cell(row=title_row, column=1, value=sheet.title).font = TITLE_FONT
    ws.cell(row=title_row, column=1).alignment = CENTER
    ws.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=ncols)
    ws.row_dimensions[title_row].height = 30
    if sheet.byline:
        ws.cell(row=title_row + 1, column=1, value=sheet.byline).font = BODY_FONT
        ws.merge_cells(start_row=title_row + 1, start_column=1, end_row=title_row + 1, end_column=ncols)

    # header rows
    grouped_cols = {c for _l, a, b in sheet.groups for c in range(a, b + 1)}
    for col, column in enumerate(sheet.columns, 1):
        if sheet.groups and col not in grouped_cols:
            ws.cell(row=top, column=col, value=column.header)
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        else:
            ws.cell(row=top + header_rows - 1, column=col, value=column.header)
    for label, a, b in sheet.groups:
        ws.cell(row=top, column=a, value=label)
        ws.merge_cells(start_row=top, start_column=a, end_row=top, end_column=b)
    for r in range(top, first_data):
        for col in range(1, ncols + 1):
            cell = ws.cell(row=r, column=col)
            cell.font = HEAD_FONT
            cell.alignment = CENTER
            cell.border = BOX

    widths = [_display_width(c.header) for c in sheet.columns]
    row = first_data
    previous_key: Any = object()
    run_start = row
    for item in sheet.rows:
        key = sheet.group_key(item) if sheet.group_key else None
        if sheet.merges_down and (key is None or key != previous_key):
            _merge_run(ws, sheet.merges_down, run_start, row - 1)
            run_start = row
        previous_key = key
        for col, column in enumerate(sheet.columns, 1):
            value = column.value(item)
            _put(ws, row, col, value, column.kind)
            widths[col - 1] = max(widths[col - 1], _display_width(value))
        row += 1
    if sheet.merges_down:
        _merge_run(ws, sheet.merges_down, run_start, row - 1)
    for total in sheet.totals:
        for col, value in enumerate(total, 1):
            kind = sheet.columns[col - 1].kind if isinstance(value, int | float) and not isinstance(value, bool) else "text"
            _put(ws, row, col, value, kind, bold=True)
        row += 1
    if sheet.notes:
        row += 1
        for note in sheet.notes:
            for col, value in enumerate(note, 1):
                kind = "ratio" if isinstance(value, float) else "int" if isinstance(value, int) else "text"
                _put(ws, row, col, value, kind, bold=col == 1)
            row += 1
    final = [max(6, min(column.max_width, widths[i] + 2)) for i, column in enumerate(sheet.columns)]
    for col, width in enumerate(final, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for r in range(top, row):
        cells = [ws.cell(row=r, column=c).value for c in range(1, ncols + 1)]
        lines = max(
            (-(-_display_width(v) // max(final[c] - 1, 1)) for c, v in enumerate(cells) if v is not None),
            default=1,
        )
        ws.row_dimensions[r].height = 15 * max(lines, 1) + 3
    return len(sheet.rows)


def _put(ws: Worksheet, row: int, col: int, value: Any, kind: str, *, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    if value is None or value == "":
        cell.value = None
    elif kind == "int" and isinstance(value, int | float):
        cell.value = value
    elif kind == "ratio" and isinstance(value, float):
        cell.value = value
        cell.number_format = RATIO_FORMAT
    else:
        cell.value = value
    cell.font = BOLD_FONT if bold else BODY_FONT
    cell.alignment = CENTER if kind in ("int", "ratio") or isinstance(value, int | float) else LEFT
    cell.border = BOX


def _merge_run(ws: Worksheet, columns: Sequence[int], first: int, last: int) -> None:
    if last > first:
        for col in columns:
            ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def save_workbook(sheet: TableSheet, target: Path, *, draft: bool = False) -> int:
    """Write one table as a workbook (atomically); returns the number of data rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.title[:31]
    rows = _write(ws, sheet, draft=draft)
    with atomic_path(Path(target), overwrite=True) as tmp:
        wb.save(tmp)
    return rows


# --- the tables ---------------------------------------------------------------------------------


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def comparison_table(snap: Snapshot) -> TableSheet:
    """改革前后机构编制对照表: one row per unit before the reform, beside the unit it becomes."""
    after_no = {u.id: i for i, u in enumerate(snap.after)}
    rows = sorted(
        enumerate(snap.before),
        key=lambda p: (after_no.get(p[1].destination, 10**9), p[0]),
    )
    items = []
    for n, (_i, u) in enumerate(rows, 1):
        target = snap.unit(u.destination) if u.destination is not None and u.destination in after_no else None
        items.append((n, u, target))

    def after(attr: str) -> Callable[[Any], Any]:
        return lambda it: (getattr(it[2], attr) if it[2] is not None else None)

    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("主管部门", lambda it: it[1].dept, max_width=14),
        Column("单位名称", lambda it: it[1].name, max_width=20),
        Column("类别", lambda it: _s(it[1].category), max_width=9),
        Column("规格", lambda it: _s(it[1].spec), max_width=8),
        Column("经费形式", lambda it: _s(it[1].funding), max_width=9),
        Column("编制", lambda it: it[1].staffing, "int"),
        Column("实有", lambda it: it[1].actual, "int"),
        Column("领导职数", lambda it: it[1].leaders, "int", max_width=6),
        Column("改革方式", lambda it: _s(it[1].disposition), max_width=9),
        Column("单位名称", lambda it: it[2].name if it[2] is not None else "—", max_width=20),
        Column("类别", lambda it: _s(after("category")(it)), max_width=9),
        Column("规格", lambda it: _s(after("spec")(it)), max_width=8),
        Column("经费形式", lambda it: _s(after("funding")(it)), max_width=9),
        Column("编制", after("staffing"), "int"),
        Column("领导职数", lambda it: it[2].leaders if it[2] is not None else None, "int", max_width=6),
        Column("备注", lambda it: it[1].remark, max_width=16),
    ]
    before, after_units = snap.before, snap.after
    totals = [[
        "合计", None, f"{len(before)}个", None, None, None, sum(u.staffing for u in before),
        sum(u.actual or 0 for u in before), sum(u.leaders for u in before), None,
        f"{len(after_units)}个", None, None, None, sum(u.staffing for u in after_units),
        sum(u.leaders for u in after_units), None,
    ]]
    notes: list[list[Any]] = [["项目", "改革前", "改革后", "精简数", "精简比例"]]
    for f in headline_figures(snap):
        notes.append([f.label, f.before, f.after, f.reduced, f.ratio if f.ratio is not None else "—"])
    sheet = TableSheet(
        "改革前后机构编制对照表", columns, items,
        groups=[("改革前", 3, 9), ("改革后", 11, 16)], totals=totals,
        merges_down=(11, 12, 13, 14, 15, 16), group_key=lambda it: it[2].id if it[2] is not None else ("none", it[0]),
        notes=notes,
    )
    return sheet


def after_table(snap: Snapshot) -> TableSheet:
    """改革后事业单位机构编制一览表."""
    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("单位名称", lambda it: it[1].name),
        Column("统一社会信用代码", lambda it: it[1].uscc or "待赋码"),
        Column("主管部门", lambda it: it[1].dept),
        Column("单位类别", lambda it: _s(it[1].category)),
        Column("机构规格", lambda it: _s(it[1].spec)),
        Column("经费形式", lambda it: _s(it[1].funding)),
        Column("核定编制", lambda it: it[1].staffing, "int"),
        Column("正职领导职数", lambda it: it[1].leaders_principal, "int"),
        Column("副职领导职数", lambda it: it[1].leaders_deputy, "int"),
        Column("内设机构数", lambda it: it[1].depts, "int"),
        Column("加挂牌子", lambda it: "、".join(it[1].paizi)),
        Column("党组织形式", lambda it: _s(it[1].party_org)),
        Column("备注", lambda it: it[1].remark),
    ]
    units: list[Unit] = snap.after
    totals = [[
        "合计", f"{len(units)}个", None, None, None, None, None, sum(u.staffing for u in units),
        sum(u.leaders_principal or 0 for u in units), sum(u.leaders_deputy or 0 for u in units),
        sum(u.depts or 0 for u in units), None, None, None,
    ]]
    return TableSheet("改革后事业单位机构编制一览表", columns, list(enumerate(units, 1)), totals=totals)


def transfer_table(snap: Snapshot) -> TableSheet:
    """人员转隶情况表: where the people of each changed unit go."""
    items = []
    for n, t in enumerate(snap.transfers, 1):
        source = snap.unit(t.source)
        target = snap.unit(t.target).name if t.target is not None else _s(t.placement)
        items.append((n, source, target, t))
    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("原单位", lambda it: it[1].name),
        Column("原主管部门", lambda it: it[1].dept),
        Column("改革方式", lambda it: _s(it[1].disposition)),
        Column("去向", lambda it: it[2]),
        Column("人数", lambda it: it[3].count, "int"),
        Column("备注", lambda it: it[3].remark),
    ]
    totals = [["合计", None, None, None, None, sum(t.count for t in snap.transfers), None]]
    return TableSheet("人员转隶情况表", columns, items, totals=totals)


def quanxian_table(snap: Snapshot) -> TableSheet:
    """政事权限清单表: every item of every unit's 清单, numbered per unit and 责任主体."""
    items = []
    n = 0
    for unit in snap.after:
        qx = snap.quanxian.get(unit.id) if unit.id is not None else None
        if qx is None:
            continue
        for subject in QuanxianSubject:
            for item in qx.items:
                if item.subject is subject:
                    n += 1
                    items.append((n, unit, qx.supervisor or unit.dept, item))
    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("事业单位", lambda it: it[1].name),
        Column("主管部门", lambda it: it[2]),
        Column("责任主体", lambda it: _s(it[3].subject)),
        Column("类别", lambda it: _s(it[3].category)),
        Column("权限事项", lambda it: it[3].content, max_width=60),
        Column("行权方式", lambda it: _s(it[3].mode)),
        Column("依据", lambda it: it[3].basis, max_width=40),
        Column("相关部门", lambda it: it[3].related_dept),
    ]
    totals = [["合计", f"{len({it[1].name for it in items})}个单位", None, None, None, f"{len(items)}项", None, None, None]]
    return TableSheet("政事权限清单表", columns, items, totals=totals)


_DEV_NOTE = re.compile(r"（[^（）《》]*(?:本产品|本系统|类比|非事业单位)[^（）《》]*）")
_CONFIDENCE = re.compile(r"〔[^〔〕]*〕$")


def citation(basis: str) -> str:
    """A rule's 依据 as a filed table shows it: the citations only, without the notes meant for the
    program's readers (“（本产品所依据的试点材料）”, “（类比，非事业单位规定）”, the 〔confidence〕)."""
    return _CONFIDENCE.sub("", _DEV_NOTE.sub("", basis)).strip()


def for_filing(sheet: TableSheet, jurisdiction: str, office: str, when: str, number: int) -> TableSheet:
    """The table as filed: titled with the jurisdiction's name, numbered 附件N, with 填报单位 and 日期."""
    if not sheet.title.startswith(jurisdiction):
        sheet.title = f"{jurisdiction}{sheet.title}"
    sheet.attachment = f"附件{number}"
    sheet.byline = f"填报单位：{office}　　填报日期：{when}"
    return sheet


def findings_table(report: CheckReport) -> TableSheet:
    """检查结果表: every finding with its basis and the clerk's explanation."""
    items = list(enumerate(report.findings, 1))
    columns = [
        Column("序号", lambda it: it[0], "int"),
        Column("严重程度", lambda it: it[1].severity.label),
        Column("规则", lambda it: it[1].rule),
        Column("文书", lambda it: it[1].document.label),
        Column("单位", lambda it: it[1].unit or ""),
        Column("字段", lambda it: it[1].field or ""),
        Column("问题描述", lambda it: it[1].message, max_width=60),
        Column("依据", lambda it: citation(it[1].basis), max_width=40),
        Column("说明", lambda it: (it[1].explanation or "") + ("（说明已过期）" if it[1].explanation_stale else ""),
               max_width=50),
    ]
    totals = [["合计", None, None, None, None, None,
               "；".join(f"{s.label}{report.count(s)}项" for s in Severity), None, None]]
    return TableSheet("检查结果表", columns, items, totals=totals)


#: file stem → builder; the order is the order of the 报送材料目录.
TABLES: dict[str, Callable[..., TableSheet]] = {
    "改革前后机构编制对照表": comparison_table,
    "改革后事业单位机构编制一览表": after_table,
    "人员转隶情况表": transfer_table,
    "政事权限清单表": quanxian_table,
}
