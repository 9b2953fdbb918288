"""Reading and validating the whole import workbook (interfaces.md §3) into a :class:`PlanData`.

All or nothing: every problem of the file is collected, and if there is any, :class:`ImportRefused`
lists them all as ``工作表 / 行 / 列：问题``. Notes (unknown columns or sheets, normalised codes)
never refuse an import; :func:`read_plan_with_notes` returns them for the CLI and the GUI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from ..errors import ImportRefused
from ..model import PlanData, TransferLine, Unit
from ..vocab import Phase, normalize_name
from .cells import is_blank
from .container import check_container, merged_ranges
from .info import jurisdiction_from, read_info
from .layout import (
    DATA_SHEETS,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    OWN_SHEETS,
    SHEET_AFTER,
    SHEET_BEFORE,
    SHEET_COLUMNS,
    SHEET_INFO,
    SHEET_TRANSFERS,
)
from .problems import Findings, Problem
from .references import NameIndex, index_names, resolve_destinations, resolve_transfers
from .sheets import Table, check_merged, read_table
from .units import ParsedRow, make_unit, parse_rows

Rows = list[tuple[Any, ...]]
REQUIRED_SHEETS = (SHEET_BEFORE, SHEET_AFTER)


@dataclass
class WorkbookContents:
    """What a valid workbook holds, with the notes made while reading it."""

    plan: PlanData
    #: the 基本信息 values given (Jurisdiction field → value); blank rows are left out
    jurisdiction_values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Loaded:
    """The raw rows of the data sheets present, by our sheet name, and their merged ranges."""

    rows: dict[str, Rows]
    merged: dict[str, list[str]]


def read_plan(path: str | Path) -> PlanData:
    """Read and validate the workbook at ``path``; raise :class:`ImportRefused` listing every problem."""
    return read_workbook(path).plan


def read_plan_with_notes(path: str | Path) -> tuple[PlanData, list[str]]:
    contents = read_workbook(path)
    return contents.plan, contents.notes


def read_workbook(path: str | Path) -> WorkbookContents:
    path = Path(path)
    refused = check_container(path)
    if refused:
        raise ImportRefused(path.name, [str(Problem(text)) for text in refused])
    findings = Findings()
    loaded = _load(path, findings)
    contents = _parse(loaded, findings)
    if findings.problems or contents is None:
        raise ImportRefused(path.name, findings.problem_texts())
    contents.notes = findings.note_texts()
    return contents


def _load(path: Path, findings: Findings) -> _Loaded:
    """Pull the raw cell values out of the file. The only place that lets openpyxl read it."""
    limit = MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1
    try:
        merged_by_title = merged_ranges(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            wanted = {normalize_name(name): name for name in DATA_SHEETS}
            own = {normalize_name(name) for name in OWN_SHEETS}
            loaded = _Loaded({}, {})
            for sheet in book.worksheets:
                ours = wanted.get(normalize_name(sheet.title))
                if ours is None:
                    if normalize_name(sheet.title) not in own:
                        findings.note(f"工作表“{sheet.title}”不是导入用的工作表，已忽略")
                    continue
                if ours in loaded.rows:
                    findings.problem(f"有两张工作表都叫“{ours}”（不计空格和全角半角），请删除或改名其中一张", ours)
                    continue
                sheet.reset_dimensions()  # the stored <dimension> may be wrong: read every cell
                rows: Rows = []
                # at most MAX_COLUMNS per row (cells further right were refused unless empty), and
                # trailing blanks dropped: memory follows the cells that exist
                for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                    end = len(row)
                    while end and row[end - 1] is None:
                        end -= 1
                    rows.append(tuple(row[:end]))
                    if len(rows) >= limit:
                        break
                loaded.rows[ours] = rows
                loaded.merged[ours] = merged_by_title.get(sheet.title, [])
        finally:
            book.close()
    except Exception as exc:  # any failure inside openpyxl/zipfile/XML means a damaged file
        raise ImportRefused(path.name, [str(Problem(f"文件已损坏或内容不符合 .xlsx 格式，无法读取（{exc}）"))]) from exc
    return loaded


def _parse(loaded: _Loaded, findings: Findings) -> WorkbookContents | None:
    for name in REQUIRED_SHEETS:
        if name not in loaded.rows:
            findings.problem(f"工作簿中没有这张工作表（必需；工作表名称须为“{name}”）", name)
    info = read_info(loaded.rows[SHEET_INFO], loaded.merged[SHEET_INFO], findings) if SHEET_INFO in loaded.rows else {}

    tables: dict[str, Table] = {}
    parsed: dict[str, list[ParsedRow]] = {}
    if SHEET_TRANSFERS in loaded.rows and not any(_filled(row) for row in loaded.rows[SHEET_TRANSFERS]):
        del loaded.rows[SHEET_TRANSFERS]  # an optional sheet left completely empty counts as absent
    for name in (SHEET_BEFORE, SHEET_AFTER, SHEET_TRANSFERS):
        if name in loaded.rows:
            tables[name] = read_table(loaded.rows[name], name, SHEET_COLUMNS[name], findings)
            check_merged(tables[name], loaded.merged[name], findings)
            parsed[name] = parse_rows(tables[name], findings)

    index: dict[str, NameIndex] = {
        name: index_names(tables[name], parsed[name], findings) for name in REQUIRED_SHEETS if name in tables
    }
    before_table = tables.get(SHEET_BEFORE)
    if before_table is not None and before_table.has("name") and not before_table.rows:
        findings.problem("没有任何单位，请从表头下一行起每行填写一个改革前单位", SHEET_BEFORE)
    destinations: dict[str, str] = {}
    if before_table is not None:
        destinations = resolve_destinations(before_table, parsed[SHEET_BEFORE], index.get(SHEET_AFTER), findings)
    transfers: list[TransferLine] = []
    if SHEET_TRANSFERS in tables:
        transfers = resolve_transfers(tables[SHEET_TRANSFERS], parsed[SHEET_TRANSFERS],
                                      index.get(SHEET_BEFORE), index.get(SHEET_AFTER), findings)
    if findings.problems:
        return None
    plan = PlanData(
        before=_units(Phase.BEFORE, parsed[SHEET_BEFORE]),
        after=_units(Phase.AFTER, parsed[SHEET_AFTER]),
        destinations=destinations,
        transfers=transfers,
        jurisdiction=jurisdiction_from(info),
    )
    return WorkbookContents(plan, info)


def _filled(row: tuple[Any, ...]) -> bool:
    return any(not is_blank(v) for v in row)


def _units(phase: Phase, rows: list[ParsedRow]) -> list[Unit]:
    units = [make_unit(phase, row) for row in rows]
    if any(u is None for u in units):  # every such row was reported as a problem before this
        raise AssertionError("a unit row with problems reached the plan")
    return [u for u in units if u is not None]
