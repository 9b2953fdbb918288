"""Checks across rows and sheets: unique unit names, 去向单位, and the rows of 人员转隶.

Names are compared with :func:`~sydw_desktop.vocab.normalize_name` (spaces, full/half width and
bracket kinds ignored — as the workspace and the rules compare them); a reference
resolves to the name exactly as written on the sheet it points at.
"""

from __future__ import annotations

from ..model import UNIT_FIELD_LABELS, TransferLine
from ..vocab import Disposition, Placement, normalize_name
from .cells import CellError, to_enum
from .layout import SHEET_AFTER, SHEET_BEFORE
from .problems import Findings
from .sheets import Table
from .units import ParsedRow

NameIndex = dict[str, tuple[str, int]]  # name key → (name as written, Excel row)


def index_names(table: Table, rows: list[ParsedRow], findings: Findings) -> NameIndex:
    """Every unit name of a sheet; a name met twice is a problem naming both rows."""
    index: NameIndex = {}
    for row in rows:
        name = row.values.get("name")
        if not isinstance(name, str) or not name:
            continue
        key = normalize_name(name)
        if key in index:
            first_row = index[key][1]
            findings.problem(f"单位名称“{name}”与第{first_row}行重复（第{first_row}行、第{row.row}行）",
                             table.sheet, row.row, UNIT_FIELD_LABELS["name"], table.order("name"))
            row.ok = False
            continue
        index[key] = (name, row.row)
    return index


def resolve_destinations(table: Table, rows: list[ParsedRow], after: NameIndex | None,
                         findings: Findings) -> dict[str, str]:
    """The 去向单位 of each before-unit, as before name → after name.

    Required for 保留、更名、整合、并入、划转. ``after`` is None when sheet 改革后单位 is missing
    (already a problem), in which case names are not checked against it.
    """
    header = UNIT_FIELD_LABELS["destination"]
    order = table.order("destination")
    out: dict[str, str] = {}
    for row in rows:
        name, disposition = row.values.get("name"), row.values.get("disposition")
        dest = row.values.get("destination", "")
        if not dest:
            if isinstance(disposition, Disposition) and disposition.needs_destination:
                reason = "必须填写" if table.has("destination") else "缺少“去向单位”列，无法填写"
                findings.problem(f"改革方式为“{disposition.label}”的单位{reason}去向单位（“{SHEET_AFTER}”表中的单位名称）",
                                 table.sheet, row.row, header, order)
                row.ok = False
            continue
        if after is None:
            continue
        target = after.get(normalize_name(dest))
        if target is None:
            findings.problem(f"“{dest}”不是“{SHEET_AFTER}”表中的单位", table.sheet, row.row, header, order)
            row.ok = False
        elif isinstance(name, str):
            out[name] = target[0]
    return out


def resolve_transfers(table: Table, rows: list[ParsedRow], before: NameIndex | None,
                      after: NameIndex | None, findings: Findings) -> list[TransferLine]:
    """The 人员转隶 rows by names; sources must be before-units, targets after-units or placements."""
    lines: list[TransferLine] = []
    for row in rows:
        source = _resolve(row, "source", before, SHEET_BEFORE, table, findings)
        target_text = row.values.get("target", "")
        target: str | None = None
        placement: Placement | None = None
        if target_text and after is not None:
            hit = after.get(normalize_name(target_text))
            if hit is not None:
                target = hit[0]
            else:
                try:
                    placement = to_enum(target_text, Placement)  # type: ignore[assignment]
                except CellError:
                    findings.problem(
                        f"“{target_text}”既不是“{SHEET_AFTER}”表中的单位，也不是"
                        f"{'、'.join(Placement.labels())}之一",
                        table.sheet, row.row, "去向", table.order("target"),
                    )
                    row.ok = False
        if row.ok and source is not None and (target or placement) and "count" in row.values:
            lines.append(TransferLine(source, row.values["count"], target, placement,
                                      row.values.get("remark", "")))
    return lines


def _resolve(row: ParsedRow, name: str, index: NameIndex | None, sheet: str, table: Table,
             findings: Findings) -> str | None:
    text = row.values.get(name, "")
    if not text or index is None:
        return None
    hit = index.get(normalize_name(text))
    if hit is None:
        findings.problem(f"“{text}”不是“{sheet}”表中的单位", table.sheet, row.row, "原单位", table.order(name))
        row.ok = False
        return None
    return hit[0]
