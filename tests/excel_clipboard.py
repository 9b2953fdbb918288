"""What Excel puts on the clipboard for a block of cells: the rows written to a real sheet with
openpyxl, read back and joined the way a spreadsheet copies them (tab-separated, Excel's quoting)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from sydw_desktop.paste import to_tsv


def excel_copy(folder: Path, rows: list[list[object]]) -> str:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(folder / "copied.xlsx")
    sheet = openpyxl.load_workbook(folder / "copied.xlsx").active
    return to_tsv([["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()])
