"""Cells pasted from Excel/WPS into a units table: read, checked cell by cell, applied as one operation.

A block copied from a spreadsheet arrives as tab-separated text (cells with tabs, line breaks or quotes
are quoted the way Excel quotes them). :func:`plan_paste` reads it against the rows and columns it lands
on and checks every cell with the workbook import's own converters, so a clerk sees the same messages
as when importing the workbook; :func:`apply_paste` stores the whole block as ONE operation (one undo
step) — or nothing, when any cell is wrong. Fill down and "set for all selected rows" are pastes of a
block built from one value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Unit
from .store.undo import OpChanges
from .vocab import Origin, Phase
from .workbook.cells import CellError, is_blank, to_text
from .workbook.layout import AFTER_COLUMNS, BEFORE_COLUMNS, Column, Kind
from .workbook.units import convert_cell
from .workspace import Workspace

#: The workbook's column of each unit field, per phase: its header, converter and whether it is required.
COLUMNS: dict[Phase, dict[str, Column]] = {
    Phase.BEFORE: {c.field: c for c in BEFORE_COLUMNS},
    Phase.AFTER: {c.field: c for c in AFTER_COLUMNS},
}


def parse_tsv(text: str) -> list[list[str]]:
    """The cells of a block copied from a spreadsheet (rows of tab-separated cells, Excel's quoting)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Cells as a spreadsheet takes them from the clipboard (the inverse of :func:`parse_tsv`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


@dataclass(frozen=True)
class PasteProblem:
    """One cell that cannot be pasted: where (row and column of the table) and why, in Chinese."""

    unit: str
    header: str
    message: str

    def text(self) -> str:
        return f"“{self.unit}”的{self.header}：{self.message}"


@dataclass
class PastePlan:
    """What a paste would change, or why it cannot."""

    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cells: int = 0
    #: Cells that landed on a column worked out by the program (来源单位): left as they are.
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _blank_value(column: Column) -> Any:
    if column.kind is Kind.NAMES:
        return []
    if column.kind in (Kind.TEXT, Kind.USCC):
        return ""
    return None


def _value(column: Column, raw: str, after_ids: dict[str, int]) -> Any:
    """The :class:`Unit` field value of one pasted cell; raises :class:`CellError`."""
    if is_blank(raw):
        if column.required:
            raise CellError("必须填写，不能为空")
        return False if column.field == "is_new" else _blank_value(column)
    if column.kind is Kind.REF:
        name = to_text(raw)
        if name not in after_ids:
            raise CellError(f"“{name}”不是改革后单位中的单位名称")
        return after_ids[name]
    value = convert_cell(column, raw)
    if column.field == "is_new":
        return value is Origin.NEW
    return value


def plan_paste(phase: Phase, targets: Sequence[Unit], fields: Sequence[str], block: Sequence[Sequence[str]],
               after_ids: dict[str, int]) -> PastePlan:
    """Check ``block`` pasted onto ``targets`` (rows, top down) × ``fields`` (columns, left to right).

    ``after_ids`` maps after-unit names to ids (for 去向单位). Every problem is listed, none is skipped.
    """
    plan = PastePlan()
    if not block:
        plan.problems.append("剪贴板里没有可粘贴的单元格。")
        return plan
    width = max(len(row) for row in block)
    if len(block) > len(targets):
        plan.problems.append(f"粘贴的内容有 {len(block)} 行，从所选单元格往下只有 {len(targets)} 行。"
                             "请先新增单位，或少选几行再复制。")
    if width > len(fields):
        plan.problems.append(f"粘贴的内容有 {width} 列，从所选单元格往右只有 {len(fields)} 列。")
    if plan.problems:
        return plan
    columns = COLUMNS[phase]
    for unit, row in zip(targets, block, strict=False):
        assert unit.id is not None
        values: dict[str, Any] = {}
        for field_name, raw in zip(fields, row, strict=False):
            column = columns.get(field_name)
            if column is None:  # 来源单位 and the like: shown, worked out from the plan, never typed
                plan.skipped += 1
                continue
            try:
                values[field_name] = _value(column, raw, after_ids)
            except CellError as error:
                plan.problems.append(PasteProblem(unit.name, column.header, str(error)).text())
            plan.cells += 1
        plan.updates.append((unit.id, values))
    return plan


def apply_paste(ws: Workspace, plan: PastePlan, name: str = "") -> OpChanges | None:
    """Store a checked paste as one operation (one undo step); nothing when it has problems."""
    if not plan.ok or not plan.updates:
        return None
    with ws.batch(name or f"粘贴 {plan.cells} 个单元格"):
        for unit_id, values in plan.updates:
            if values:
                ws.update_unit(unit_id, **values)
    return ws.last_changes


def fill_block(value: str, rows: int, columns: int = 1) -> list[list[str]]:
    """The block that fills ``rows`` × ``columns`` cells with ``value`` (fill down, set for many rows)."""
    return [[value] * columns for _ in range(rows)]
