"""Turning the rows of the unit sheets and of 人员转隶 into typed values, cell by cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Unit
from ..vocab import Origin, Phase
from .cells import CellError, is_blank, to_enum, to_int, to_names, to_text, to_uscc
from .layout import Column, Kind
from .problems import Findings
from .sheets import RawRow, Table


@dataclass
class ParsedRow:
    """One data row: its Excel row number, the values that parsed, and whether all of them did."""

    row: int
    values: dict[str, Any]
    ok: bool


def convert_cell(column: Column, raw: Any) -> Any:
    """The model value of one non-blank cell of ``column``; raises :class:`CellError` (Chinese)."""
    match column.kind:
        case Kind.INT:
            return to_int(raw, column.minimum)
        case Kind.ENUM:
            assert column.enum is not None
            return to_enum(raw, column.enum)
        case Kind.USCC:
            return to_uscc(raw)
        case Kind.NAMES:
            return to_names(raw)
        case Kind.TEXT | Kind.REF:
            return to_text(raw)
    raise AssertionError(column.kind)


def parse_rows(table: Table, findings: Findings) -> list[ParsedRow]:
    """Parse every data row of ``table``; each bad or missing value becomes a located problem."""
    return [_parse_row(table, row_no, raw, findings) for row_no, raw in table.rows]


def _parse_row(table: Table, row_no: int, raw: RawRow, findings: Findings) -> ParsedRow:
    values: dict[str, Any] = {}
    ok = True
    for name, (index, column) in table.columns.items():
        cell = raw.get(name)
        if is_blank(cell):
            if column.required:
                findings.problem("必须填写，不能为空", table.sheet, row_no, column.header, index)
                ok = False
            continue
        try:
            values[name] = convert_cell(column, cell)
        except CellError as err:
            findings.problem(str(err), table.sheet, row_no, column.header, index)
            ok = False
            continue
        if column.kind is Kind.USCC and values[name] != to_text(cell):
            findings.note(f"已将“{to_text(cell)}”规范为“{values[name]}”（全角转半角、字母大写）",
                          table.sheet, row_no, column.header, index)
    required = [c.field for _, c in table.columns.values() if c.required]
    return ParsedRow(row_no, values, ok and all(f in values for f in required))


REQUIRED_UNIT_FIELDS = ("name", "dept", "spec", "category", "funding", "staffing")


def make_unit(phase: Phase, parsed: ParsedRow) -> Unit | None:
    """The :class:`Unit` of a row whose values all parsed; None when the row has problems."""
    v = parsed.values
    if not parsed.ok or any(f not in v for f in REQUIRED_UNIT_FIELDS):
        return None
    return Unit(
        phase=phase,
        name=v["name"],
        dept=v["dept"],
        spec=v["spec"],
        category=v["category"],
        funding=v["funding"],
        staffing=v["staffing"],
        actual=v.get("actual"),
        uscc=v.get("uscc", ""),
        service=v.get("service"),
        leaders_principal=v.get("leaders_principal"),
        leaders_deputy=v.get("leaders_deputy"),
        depts=v.get("depts"),
        paizi=v.get("paizi", []),
        party_org=v.get("party_org"),
        party_members=v.get("party_members"),
        remark=v.get("remark", ""),
        disposition=v.get("disposition") if phase is Phase.BEFORE else None,
        is_new=phase is Phase.AFTER and v.get("is_new") is Origin.NEW,
    )
