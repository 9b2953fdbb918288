"""Sheet 填写说明: how to fill every sheet and column, generated from the layout tables."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from .book import HEADER_BORDER, HEADER_FILL, HEADER_FONT, header_text
from .layout import (
    INFO_ROWS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    REQUIRED_MARK,
    SHEET_AFTER,
    SHEET_BEFORE,
    SHEET_COLUMNS,
    SHEET_GUIDE,
    SHEET_INFO,
    SHEET_TRANSFERS,
    Column,
    Kind,
)

TITLE = "事业单位改革方案导入表 填写说明"

GENERAL = (
    "1. 本工作簿用于向“事业单位改革材料编审系统”导入改革前单位清单和改革方案。请勿修改工作表名称；列的顺序可以调整，"
    "系统按表头文字识别各列。",
    f"2. 表头带“{REQUIRED_MARK}”的列必须填写；“{SHEET_BEFORE}”“{SHEET_AFTER}”两张表必需，"
    f"“{SHEET_INFO}”“{SHEET_TRANSFERS}”可不填。",
    "3. 每行填写一个单位，从表头下一行开始；空行会被忽略。数据区内不要合并单元格。",
    "4. 带下拉箭头的列请从下拉列表中选择；数字列只填整数（如 12，不要写“十二”或“12人”）。",
    "5. 改革方式为保留、更名、整合、并入、划转的单位，必须在“去向单位”中填写“改革后单位”表中的单位名称（须完全一致，"
    "全角半角括号、空格不计）。",
    "6. “人员转隶”表每行写明一个改革前单位有多少人去往哪里：去向为“改革后单位”表中的单位名称，或转企、退休、其他安置。",
    "7. 导入时系统会检查全部内容：只要有一处问题，整个文件都不会导入，并逐条列出“工作表 / 行 / 列：问题”；"
    "修改后重新导入即可。导入会以本工作簿的内容替换工作区中原有的单位清单和改革方案，可以撤销。",
    f"8. 文件须为 .xlsx 格式，不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，每张表不超过 {MAX_DATA_ROWS} 行；"
    "不要设置打开密码。.xls、.et、.csv 文件请先另存为 .xlsx。",
)

#: An example value for each field, shown in the table of columns.
EXAMPLES: dict[str, str] = {
    "name": "样例旗农业技术推广中心",
    "uscc": "12159902XY0000012D",
    "dept": "样例旗农牧局",
    "spec": "股级",
    "category": "公益一类",
    "service": "面向社会提供公益服务",
    "funding": "财政全额拨款",
    "staffing": "14",
    "actual": "13",
    "leaders_principal": "1",
    "leaders_deputy": "1",
    "depts": "0",
    "paizi": "样例旗农牧业技术服务站、样例旗种子管理站",
    "party_org": "党支部",
    "party_members": "6",
    "disposition": "整合",
    "destination": "样例旗农牧业服务中心",
    "remark": "",
    "is_new": "新设",
    "source": "样例旗农业技术推广中心",
    "target": "样例旗农牧业服务中心",
    "count": "13",
}

EXAMPLE_ROW = (
    "示例（改革前单位的一行）：样例旗农业技术推广中心，主管部门样例旗农牧局，股级，公益一类，面向社会提供公益服务，"
    "财政全额拨款，核定编制 14 名，实有 13 人，正职 1 名、副职 1 名，党支部，党员 6 人，改革方式“整合”，"
    "去向单位“样例旗农牧业服务中心”（该名称须出现在“改革后单位”表中）。"
)

TABLE_HEADERS = ("工作表", "列（项目）", "是否必填", "填写要求", "可选值", "示例")


def _requirement(column: Column) -> str:
    if column.required:
        return "必填"
    if column.field == "destination":
        return "视改革方式"
    return "可空"


def add_guide_sheet(book: Workbook) -> None:
    sheet = book.create_sheet(SHEET_GUIDE, 0)
    sheet.cell(1, 1, TITLE).font = Font(bold=True, size=14)
    row = 3
    for line in (*GENERAL, EXAMPLE_ROW):
        sheet.cell(row, 1, line).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    for col, text in enumerate(TABLE_HEADERS, start=1):
        cell = sheet.cell(row, col, text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
    header_row = row
    for item in INFO_ROWS:
        row += 1
        choices = "、".join(item.enum.labels()) if item.enum else ""
        hint = item.hint if item.kind is not Kind.INT else "整数，不小于 0"
        _line(sheet, row, (SHEET_INFO, item.label, "可空（填写的须有效）", hint, choices, ""))
    for name, columns in SHEET_COLUMNS.items():
        for column in columns:
            row += 1
            hint = column.hint or ("从下拉列表中选择" if column.choices else "文本")
            _line(sheet, row, (name, header_text(column), _requirement(column), hint,
                               "、".join(column.choices), EXAMPLES.get(column.field, "")))
    sheet.freeze_panes = f"A{header_row + 1}"
    for letter, width in zip("ABCDEF", (12, 22, 14, 60, 50, 30), strict=True):
        sheet.column_dimensions[letter].width = width


def _line(sheet: Worksheet, row: int, values: tuple[str, ...]) -> None:
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row, col, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
