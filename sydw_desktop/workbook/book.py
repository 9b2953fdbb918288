"""Building the workbook's sheets: headers, widths, frozen panes and drop-down lists.

The template and the export share this skeleton, so an exported workbook can be edited and imported
again with the same drop-downs. Lists shorter than Excel's 255-character limit are written inline;
longer ones refer to a range of the hidden sheet ``_lists``, which always holds every list.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..vocab import LabelEnum
from .layout import (
    INFO_ROWS,
    MAX_INT,
    REQUIRED_MARK,
    SHEET_COLUMNS,
    SHEET_INFO,
    SHEET_LISTS,
    Column,
    Kind,
)

INLINE_LIST_LIMIT = 255  # Excel's limit on the text of an inline list validation
LAST_ROW = 1_048_576
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HINT_FONT = Font(italic=True, color="808080")
_THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def header_text(column: Column) -> str:
    return column.header + (REQUIRED_MARK if column.required else "")


class Lists:
    """The hidden ``_lists`` sheet: one column per value list, and the validation for each."""

    def __init__(self, book: Workbook) -> None:
        self.sheet = book.create_sheet(SHEET_LISTS)
        self.sheet.sheet_state = "hidden"
        self._ranges: dict[type[LabelEnum], str] = {}

    def formula(self, enum: type[LabelEnum], title: str) -> str:
        """The ``formula1`` of a list validation offering ``enum``'s labels."""
        labels = enum.labels()
        if enum not in self._ranges:
            col = len(self._ranges) + 1
            letter = get_column_letter(col)
            self.sheet.cell(1, col, title).font = HEADER_FONT
            for row, label in enumerate(labels, start=2):
                self.sheet.cell(row, col, label)
            self._ranges[enum] = f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(labels) + 1}"
        inline = '"' + ",".join(labels) + '"'
        return inline if len(inline) <= INLINE_LIST_LIMIT else self._ranges[enum]


def list_validation(formula: str) -> DataValidation:
    return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorTitle="不在可选值中", error="请从下拉列表中选择。")


def whole_validation(minimum: int) -> DataValidation:
    return DataValidation(type="whole", operator="between", formula1=str(minimum), formula2=str(MAX_INT),
                          allow_blank=True, showErrorMessage=True, errorTitle="数值不正确",
                          error=f"请填写不小于 {minimum} 的整数。")


def text_length_validation(length: int) -> DataValidation:
    return DataValidation(type="textLength", operator="equal", formula1=str(length), allow_blank=True,
                          showErrorMessage=True, errorStyle="warning", errorTitle="位数不对",
                          error=f"应为 {length} 位。")


def _validation(column: Column, lists: Lists) -> DataValidation | None:
    if column.kind is Kind.ENUM and column.enum is not None:
        return list_validation(lists.formula(column.enum, column.header))
    if column.kind is Kind.INT:
        return whole_validation(column.minimum)
    if column.kind is Kind.USCC:
        return text_length_validation(18)
    return None


def add_data_sheet(book: Workbook, name: str, lists: Lists) -> Worksheet:
    """A data sheet with its header row, widths, frozen header and validations down to the last row."""
    sheet = book.create_sheet(name)
    columns = SHEET_COLUMNS[name]
    for col, column in enumerate(columns, start=1):
        letter = get_column_letter(col)
        cell = sheet.cell(1, col, header_text(column))
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        dimension = sheet.column_dimensions[letter]
        if column.kind in (Kind.USCC, Kind.TEXT, Kind.REF, Kind.NAMES):
            dimension.number_format = "@"  # keep codes and names as typed (no scientific notation)
        dimension.width = max(column.width, 2 * len(header_text(column)) + 2)
        validation = _validation(column, lists)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    return sheet


def add_info_sheet(book: Workbook, lists: Lists) -> Worksheet:
    """Sheet 基本信息: labels in column A, values in B, hints in C."""
    sheet = book.create_sheet(SHEET_INFO)
    for row, item in enumerate(INFO_ROWS, start=1):
        label = sheet.cell(row, 1, item.label)
        label.font = HEADER_FONT
        label.fill = HEADER_FILL
        label.border = HEADER_BORDER
        hint = item.hint or ("可选：" + "、".join(item.enum.labels()) if item.enum else "")
        sheet.cell(row, 3, hint).font = HINT_FONT
        cell = f"B{row}"
        if item.kind is Kind.ENUM and item.enum is not None:
            validation = list_validation(lists.formula(item.enum, item.label))
        elif item.kind is Kind.INT:
            validation = whole_validation(0)
        elif item.field == "code":
            validation = text_length_validation(6)
            sheet[cell].number_format = "@"
        else:
            continue
        sheet.add_data_validation(validation)
        validation.add(cell)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 40
    return sheet
