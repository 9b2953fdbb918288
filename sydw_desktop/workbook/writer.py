"""Writing the blank template and a workspace's inventory and plan in the import format.

``read_plan(write_plan(path, snapshot))`` gives back the same units (every §3 attribute), the same
去向单位 and the same 人员转隶. Files are written atomically: to a temporary file in the same folder,
then moved over the target, so a failed write never leaves half a workbook behind.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import SydwError
from ..files import atomic_path
from ..model import Snapshot, Transfer, Unit
from .book import Lists, add_data_sheet, add_info_sheet
from .guide import add_guide_sheet
from .layout import INFO_ROWS, SHEET_AFTER, SHEET_BEFORE, SHEET_COLUMNS, SHEET_INFO, SHEET_TRANSFERS


class WorkbookWriteError(SydwError):
    """The workbook could not be written (folder missing, no permission, disk full …)."""


def write_template(path: str | Path) -> Path:
    """Write the blank import workbook (填写说明, drop-down lists, no data) to ``path``."""
    book, _ = _new_book()
    return _save(book, Path(path))


def write_plan(path: str | Path, snapshot: Snapshot) -> Path:
    """Write the workspace's jurisdiction, units and 人员转隶 to ``path`` in the import format."""
    book, sheets = _new_book()
    info = sheets[SHEET_INFO]
    for row, item in enumerate(INFO_ROWS, start=1):
        _put(info, row, 2, getattr(snapshot.jurisdiction, item.field))
    for unit_row, unit in enumerate(snapshot.before, start=2):
        _put_row(sheets[SHEET_BEFORE], unit_row, SHEET_BEFORE, _unit_values(unit, snapshot))
    for unit_row, unit in enumerate(snapshot.after, start=2):
        _put_row(sheets[SHEET_AFTER], unit_row, SHEET_AFTER, _unit_values(unit, snapshot))
    for line_row, transfer in enumerate(snapshot.transfers, start=2):
        _put_row(sheets[SHEET_TRANSFERS], line_row, SHEET_TRANSFERS, _transfer_values(transfer, snapshot))
    return _save(book, Path(path))


def _new_book() -> tuple[Workbook, dict[str, Worksheet]]:
    book = Workbook()
    book.remove(book.active)
    add_guide_sheet(book)
    lists = Lists(book)
    sheets = {SHEET_INFO: add_info_sheet(book, lists)}
    for name in SHEET_COLUMNS:
        sheets[name] = add_data_sheet(book, name, lists)
    book.move_sheet(lists.sheet, len(book.sheetnames) - 1 - book.sheetnames.index(lists.sheet.title))
    book.active = 0
    return book, sheets


def _unit_values(unit: Unit, snapshot: Snapshot) -> dict[str, Any]:
    values: dict[str, Any] = {c.field: getattr(unit, c.field, None) for c in SHEET_COLUMNS[SHEET_BEFORE]}
    values["paizi"] = "、".join(unit.paizi)
    values["destination"] = snapshot.unit(unit.destination).name if unit.destination is not None else None
    values["is_new"] = "新设" if unit.is_new else None
    return values


def _transfer_values(transfer: Transfer, snapshot: Snapshot) -> dict[str, Any]:
    target = snapshot.unit(transfer.target).name if transfer.target is not None else transfer.placement
    return {
        "source": snapshot.unit(transfer.source).name,
        "target": target,
        "count": transfer.count,
        "remark": transfer.remark,
    }


def _put_row(sheet: Worksheet, row: int, name: str, values: dict[str, Any]) -> None:
    for col, column in enumerate(SHEET_COLUMNS[name], start=1):
        _put(sheet, row, col, values.get(column.field))


def _put(sheet: Worksheet, row: int, col: int, value: Any) -> None:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value:
            return
    if value is None:
        return
    cell = sheet.cell(row, col, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text such as "=…" stays text, never becomes a formula


def _save(book: Workbook, path: Path) -> Path:
    """Save atomically (:func:`~sydw_desktop.files.atomic_path`); failures raise :class:`WorkbookWriteError`."""
    with atomic_path(path, overwrite=True, what="工作簿", error=WorkbookWriteError) as tmp:
        book.save(tmp)
    return path
