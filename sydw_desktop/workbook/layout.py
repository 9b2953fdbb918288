"""The import workbook's layout (interfaces.md §3): sheet names, columns, value lists, limits.

Reader and writer both work from these tables, so the template, the export and the import can
never disagree about a header or a value list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from ..model import JURISDICTION_FIELD_LABELS, UNIT_FIELD_LABELS
from ..vocab import (
    Category,
    Disposition,
    Funding,
    LabelEnum,
    Level,
    Origin,
    PartyOrg,
    Placement,
    ServiceTarget,
    Spec,
)

SHEET_GUIDE = "填写说明"
SHEET_INFO = "基本信息"
SHEET_BEFORE = "改革前单位"
SHEET_AFTER = "改革后单位"
SHEET_TRANSFERS = "人员转隶"
SHEET_LISTS = "_lists"  # hidden sheet holding the drop-down lists

#: Sheets the reader understands, in the order problems are reported.
DATA_SHEETS = (SHEET_INFO, SHEET_BEFORE, SHEET_AFTER, SHEET_TRANSFERS)
#: Sheets the program writes itself and the reader silently skips.
OWN_SHEETS = (SHEET_GUIDE, SHEET_LISTS)

REQUIRED_MARK = "（必填）"

# --- limits: a workbook beyond these is refused before openpyxl parses it ---------------------
MAX_FILE_BYTES = 50 * 1024 * 1024  # the .xlsx file itself
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # sum of the declared sizes of all zip members
MAX_MEMBER_RATIO = 200  # uncompressed / compressed, for members larger than RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024  # real sheets compress 5–30×; a bomb compresses ~1000×
MAX_MEMBERS = 10_000
MAX_DATA_ROWS = 100_000  # rows below the header, per sheet
MAX_COLUMNS = 200  # columns read per sheet (column GR); a filled cell further right is refused
MAX_INT = 9_999_999  # largest number accepted in a number column
HEADER_SEARCH_ROWS = 10  # the header row is looked for in this many top rows


class Kind(Enum):
    """How a cell's text becomes a value."""

    TEXT = "text"
    INT = "int"
    ENUM = "enum"
    USCC = "uscc"
    NAMES = "names"  # 加挂牌子: a list split on 、 or ；
    REF = "ref"  # a unit name on another sheet


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    header: str
    field: str
    kind: Kind
    required: bool = False
    enum: type[LabelEnum] | None = None
    minimum: int = 0
    width: int = 14
    hint: str = ""

    @property
    def choices(self) -> list[str]:
        return self.enum.labels() if self.enum is not None else []


def _unit(field: str, kind: Kind, required: bool = False, *, enum: type[LabelEnum] | None = None,
          width: int = 14, hint: str = "") -> Column:
    """A unit column, headed by the field's Chinese label."""
    return Column(UNIT_FIELD_LABELS[field], field, kind, required, enum=enum, width=width, hint=hint)


def _attributes(actual_required: bool) -> tuple[Column, ...]:
    """The unit attribute columns shared by both unit sheets (单位名称 … 党员人数)."""
    return (
        _unit("name", Kind.TEXT, True, width=34, hint="单位全称，在本工作表中不得重复"),
        _unit("uscc", Kind.USCC, width=22, hint="18 位，字母大写；新设或待赋码单位可空"),
        _unit("dept", Kind.TEXT, True, width=26, hint="主管部门或举办单位全称"),
        _unit("spec", Kind.ENUM, True, enum=Spec, width=12),
        _unit("category", Kind.ENUM, True, enum=Category, width=18),
        _unit("service", Kind.ENUM, enum=ServiceTarget, width=22, hint="公益类单位填写"),
        _unit("funding", Kind.ENUM, True, enum=Funding, width=15),
        _unit("staffing", Kind.INT, True, width=10, hint="整数，不小于 0"),
        _unit("actual", Kind.INT, actual_required, width=10, hint="整数，不小于 0"),
        _unit("leaders_principal", Kind.INT, width=13, hint="整数，不小于 0"),
        _unit("leaders_deputy", Kind.INT, width=13, hint="整数，不小于 0"),
        _unit("depts", Kind.INT, width=11, hint="整数，不小于 0"),
        _unit("paizi", Kind.NAMES, width=28, hint="多个牌子用“、”或“；”分隔"),
        _unit("party_org", Kind.ENUM, enum=PartyOrg, width=12),
        _unit("party_members", Kind.INT, width=10, hint="整数，不小于 0"),
    )


BEFORE_COLUMNS: tuple[Column, ...] = (
    *_attributes(actual_required=True),
    _unit("disposition", Kind.ENUM, True, enum=Disposition, width=16),
    _unit(
        "destination", Kind.REF, width=34,
        hint="改革方式为保留、更名、整合、并入、划转时必填，填“改革后单位”表中的单位名称",
    ),
    _unit("remark", Kind.TEXT, width=30),
)

AFTER_COLUMNS: tuple[Column, ...] = (
    *_attributes(actual_required=False),
    Column(UNIT_FIELD_LABELS["is_new"], "is_new", Kind.ENUM, enum=Origin, width=8,
           hint="新设单位填“新设”，其余留空（其来源是“改革前单位”中去向为本单位的行）"),
    _unit("remark", Kind.TEXT, width=30),
)

TRANSFER_COLUMNS: tuple[Column, ...] = (
    Column("原单位", "source", Kind.REF, True, width=34, hint="“改革前单位”表中的单位名称"),
    Column("去向", "target", Kind.REF, True, width=34,
           hint="“改革后单位”表中的单位名称，或 " + "、".join(Placement.labels())),
    Column("人数", "count", Kind.INT, True, minimum=1, width=8, hint="整数，不小于 1"),
    Column("备注", "remark", Kind.TEXT, width=30),
)

SHEET_COLUMNS: dict[str, tuple[Column, ...]] = {
    SHEET_BEFORE: BEFORE_COLUMNS,
    SHEET_AFTER: AFTER_COLUMNS,
    SHEET_TRANSFERS: TRANSFER_COLUMNS,
}

#: The column whose header marks the header row of each data sheet.
KEY_HEADER = {SHEET_BEFORE: "单位名称", SHEET_AFTER: "单位名称", SHEET_TRANSFERS: "原单位"}


@dataclass(frozen=True)
class InfoRow:
    """One row of sheet 基本信息 (column A label, column B value)."""

    label: str
    field: str
    kind: Kind
    enum: type[LabelEnum] | None = None
    hint: str = ""


INFO_ROWS: tuple[InfoRow, ...] = (
    InfoRow(JURISDICTION_FIELD_LABELS["name"], "name", Kind.TEXT, hint="如：样例旗"),
    InfoRow(JURISDICTION_FIELD_LABELS["code"], "code", Kind.TEXT, hint="6 位数字（GB/T 2260）"),
    InfoRow(JURISDICTION_FIELD_LABELS["level"], "level", Kind.ENUM, Level),
    InfoRow(JURISDICTION_FIELD_LABELS["unit_cap"], "unit_cap", Kind.INT, hint="整数，不小于 0"),
    InfoRow(JURISDICTION_FIELD_LABELS["staff_cap"], "staff_cap", Kind.INT, hint="整数，不小于 0"),
)

_MARK = re.compile(r"[(]必填[)]$")
_SPACE = re.compile(r"\s+")


def normalize_header(text: object) -> str:
    """A header or label as compared: half-width, no spaces, no trailing (必填) or ``*`` mark."""
    if text is None:
        return ""
    out = _SPACE.sub("", unicodedata.normalize("NFKC", str(text)))
    out = _MARK.sub("", out)
    return out.strip("*")

