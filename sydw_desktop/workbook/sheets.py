"""Reading the raw rows of the data sheets: locating the header row and mapping headers to fields.

This is the only module that iterates openpyxl worksheets. A sheet becomes a :class:`Table`: the
Excel row number of its header, which field each known column holds, and its non-blank data rows
as ``{field: raw value}``. Header problems (missing, duplicated) and notes (unknown columns) go to
the :class:`Findings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import get_column_letter, range_boundaries

from .cells import is_blank
from .layout import HEADER_SEARCH_ROWS, KEY_HEADER, MAX_DATA_ROWS, Column, normalize_header
from .problems import Findings

RawRow = dict[str, Any]


@dataclass
class Table:
    """The data of one sheet, by field."""

    sheet: str
    header_row: int
    columns: dict[str, tuple[int, Column]] = field(default_factory=dict)  # field → (0-based index, column)
    rows: list[tuple[int, RawRow]] = field(default_factory=list)  # (Excel row number, values)

    def has(self, name: str) -> bool:
        return name in self.columns

    def order(self, name: str) -> int:
        return self.columns[name][0] if name in self.columns else 0

    def column_label(self, col: int) -> str:
        """The header of a 1-based column number, or its letter when the column is not known."""
        for index, column in self.columns.values():
            if index == col - 1:
                return column.header
        return f"{get_column_letter(col)}列"


def read_table(rows: Iterable[tuple[Any, ...]], sheet: str, columns: tuple[Column, ...],
               findings: Findings) -> Table:
    """Read a data sheet from its rows (``values_only`` tuples, starting at Excel row 1)."""
    it: Iterator[tuple[Any, ...]] = iter(rows)
    top: list[tuple[Any, ...]] = []
    for row in it:
        top.append(row)
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    key = normalize_header(KEY_HEADER[sheet])
    header_index = next(
        (i for i, row in enumerate(top) if any(normalize_header(v) == key for v in row)), 0
    )
    table = Table(sheet, header_index + 1)
    _map_headers(table, top[header_index] if top else (), columns, findings)
    table_rows = _chain(top[header_index + 1:], it)
    for offset, row in enumerate(table_rows, start=table.header_row + 1):
        if offset - table.header_row > MAX_DATA_ROWS:
            findings.problem(f"数据行超过上限 {MAX_DATA_ROWS} 行，工作簿过大，拒绝导入", sheet, offset)
            break
        values = {name: row[index] if index < len(row) else None for name, (index, _) in table.columns.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        table.rows.append((offset, values))
    return table


def _chain(first: list[tuple[Any, ...]], rest: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    yield from first
    yield from rest


def _map_headers(table: Table, header: tuple[Any, ...], columns: tuple[Column, ...],
                 findings: Findings) -> None:
    by_text = {normalize_header(c.header): c for c in columns}
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = normalize_header(cell)
        if not text:
            continue
        column = by_text.get(text)
        letter = get_column_letter(index + 1)
        if column is None:
            findings.note(f"不认识的列（{letter}列），已忽略", table.sheet, table.header_row,
                          str(cell).strip(), index)
            continue
        if column.field in seen:
            first = get_column_letter(seen[column.field] + 1)
            findings.problem(f"列名重复（{first}列和{letter}列），只能保留一列", table.sheet,
                             table.header_row, column.header, index)
            continue
        seen[column.field] = index
        table.columns[column.field] = (index, column)
    for order, column in enumerate(columns):
        if column.required and column.field not in table.columns:
            findings.problem("缺少必需的列", table.sheet, table.header_row, column.header, 1000 + order)


def check_merged(table: Table, ranges: list[str], findings: Findings) -> None:
    """Merged cells that reach below the header row (into the data area) are problems."""
    for ref in ranges:
        try:
            min_col, min_row, _max_col, max_row = range_boundaries(ref)
        except ValueError:
            continue
        if max_row is None or min_col is None or max_row <= table.header_row:
            continue
        findings.problem(
            f"合并单元格 {ref} 位于数据区，请取消合并并在每个单元格中分别填写",
            table.sheet, min_row, table.column_label(min_col), min_col - 1,
        )
