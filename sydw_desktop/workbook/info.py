"""Sheet 基本信息: the jurisdiction, one value per row (column A label, column B value)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.utils.cell import range_boundaries

from ..model import Jurisdiction
from ..vocab import normalize_text
from .cells import CellError, is_blank, to_enum, to_int, to_text
from .layout import INFO_ROWS, MAX_DATA_ROWS, SHEET_INFO, Kind, normalize_header
from .problems import Findings

_CODE = re.compile(r"\d{6}")


def read_info(rows: Iterable[tuple[Any, ...]], merged: list[str], findings: Findings) -> dict[str, Any]:
    """The jurisdiction values the sheet gives, by :class:`Jurisdiction` field (blank ones left out)."""
    by_label = {normalize_header(r.label): r for r in INFO_ROWS}
    seen: dict[str, int] = {}
    values: dict[str, Any] = {}
    for row_no, row in enumerate(rows, start=1):
        if row_no > MAX_DATA_ROWS:
            findings.problem(f"行数超过上限 {MAX_DATA_ROWS} 行，拒绝导入", SHEET_INFO, row_no)
            break
        label = row[0] if row else None
        value = row[1] if len(row) > 1 else None
        if is_blank(label):
            continue
        spec = by_label.get(normalize_header(label))
        if spec is None:
            findings.note(f"不认识的项目“{to_text(label)}”，已忽略", SHEET_INFO, row_no, "A列")
            continue
        if spec.field in seen:
            findings.problem(f"“{spec.label}”重复（第{seen[spec.field]}行、第{row_no}行）",
                             SHEET_INFO, row_no, spec.label)
            continue
        seen[spec.field] = row_no
        if is_blank(value):
            continue
        try:
            values[spec.field] = _convert(spec.field, spec.kind, spec.enum, value)
        except CellError as err:
            findings.problem(str(err), SHEET_INFO, row_no, spec.label)
    for ref in merged:
        try:
            min_col, min_row, _, _ = range_boundaries(ref)
        except ValueError:
            continue
        if (min_col or 1) <= 2:
            findings.problem(f"合并单元格 {ref} 位于数据区，请取消合并", SHEET_INFO, min_row, "A列" if min_col == 1 else "B列")
    return values


def _convert(field: str, kind: Kind, enum: Any, value: Any) -> Any:
    if kind is Kind.INT:
        return to_int(value)
    if kind is Kind.ENUM:
        return to_enum(value, enum)
    text = to_text(value)
    if field == "code":
        code = normalize_text(text)
        if not _CODE.fullmatch(code):
            raise CellError(f"“{text}”不是 6 位数字的行政区划代码")
        return code
    return text


def jurisdiction_from(values: dict[str, Any]) -> Jurisdiction | None:
    """A complete :class:`Jurisdiction` when name, code and level are all given, else None."""
    if not all(k in values for k in ("name", "code", "level")):
        return None
    return Jurisdiction(values["name"], values["code"], values["level"], values.get("unit_cap"), values.get("staff_cap"))
