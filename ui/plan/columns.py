"""The columns of the unit tables: which :class:`Unit` field, how it shows, edits and parses."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

from sydw_desktop.model import UNIT_FIELD_LABELS, Unit
from sydw_desktop.vocab import (
    Category,
    Disposition,
    Funding,
    LabelEnum,
    Origin,
    PartyOrg,
    ServiceTarget,
    Spec,
)


class Kind(Enum):
    TEXT = auto()
    INT = auto()  # required integer ≥ 0
    OPT_INT = auto()  # optional integer ≥ 0 (empty = not given)
    ENUM = auto()  # required choice
    OPT_ENUM = auto()  # optional choice (empty allowed)
    LIST = auto()  # names separated by 、 or ；
    DEST = auto()  # 去向单位: an after-unit, by id
    ORIGIN = auto()  # 来源: 新设 or empty (Unit.is_new)
    SOURCES = auto()  # 来源单位: computed, read-only


@dataclass(frozen=True)
class Column:
    field: str
    kind: Kind
    enum: type[LabelEnum] | None = None
    title: str = ""
    width: int = 90

    @property
    def label(self) -> str:
        return self.title or UNIT_FIELD_LABELS[self.field]

    @property
    def editable(self) -> bool:
        return self.kind is not Kind.SOURCES

    @property
    def choices(self) -> list[str]:
        """Drop-down entries of a choice column ("" = empty)."""
        if self.kind is Kind.ORIGIN:
            return ["", Origin.NEW.value]
        assert self.enum is not None
        labels = self.enum.labels()
        return ["", *labels] if self.kind is Kind.OPT_ENUM else labels


@dataclass
class TableContext:
    """What cells of one unit need from the rest of the plan."""

    after_names: dict[int, str]  # after-unit id → name
    sources: dict[int, list[str]]  # after-unit id → names of its before-units


_ATTRIBUTES = [
    Column("name", Kind.TEXT, width=220),
    Column("uscc", Kind.TEXT, width=160),
    Column("dept", Kind.TEXT, width=130),
    Column("spec", Kind.ENUM, Spec),
    Column("category", Kind.ENUM, Category, width=120),
    Column("service", Kind.OPT_ENUM, ServiceTarget, width=150),
    Column("funding", Kind.ENUM, Funding, width=110),
    Column("staffing", Kind.INT, width=80),
    Column("actual", Kind.OPT_INT, width=80),
    Column("leaders_principal", Kind.OPT_INT, width=95),
    Column("leaders_deputy", Kind.OPT_INT, width=95),
    Column("depts", Kind.OPT_INT, width=85),
    Column("paizi", Kind.LIST, width=150),
    Column("party_org", Kind.OPT_ENUM, PartyOrg),
    Column("party_members", Kind.OPT_INT, width=80),
]

BEFORE_COLUMNS: list[Column] = [
    *_ATTRIBUTES,
    Column("disposition", Kind.OPT_ENUM, Disposition, width=120),
    Column("destination", Kind.DEST, width=200),
    Column("remark", Kind.TEXT, width=160),
]

AFTER_COLUMNS: list[Column] = [
    *_ATTRIBUTES,
    Column("is_new", Kind.ORIGIN, width=60),
    Column("sort_key", Kind.SOURCES, title="来源单位", width=260),
    Column("remark", Kind.TEXT, width=160),
]


def display(col: Column, unit: Unit, ctx: TableContext) -> str:
    value = getattr(unit, col.field)
    match col.kind:
        case Kind.DEST:
            return ctx.after_names.get(value, "") if value is not None else ""
        case Kind.ORIGIN:
            return Origin.NEW.value if value else ""
        case Kind.SOURCES:
            return "、".join(ctx.sources.get(unit.id or 0, []))
        case Kind.LIST:
            return "、".join(value)
    if value is None:
        return ""
    if isinstance(value, LabelEnum):
        return value.label
    return str(value)


def sort_value(col: Column, unit: Unit, ctx: TableContext) -> Any:
    """Numbers sort as numbers (empty first); everything else by its text."""
    if col.kind in (Kind.INT, Kind.OPT_INT):
        value = getattr(unit, col.field)
        return -1 if value is None else value
    if col.kind is Kind.ENUM or col.kind is Kind.OPT_ENUM:
        value = getattr(unit, col.field)
        return -1 if value is None else list(col.enum or []).index(value)
    return display(col, unit, ctx)


def parse(col: Column, value: Any) -> Any:
    """The :class:`Unit` field value for what an editor gave; raises ``ValueError`` (Chinese)."""
    label = col.label
    match col.kind:
        case Kind.TEXT:
            text = str(value).strip()
            if col.field == "name" and not text:
                raise ValueError("单位名称不能为空。")
            if col.field == "uscc":
                text = text.upper()
            return text
        case Kind.INT | Kind.OPT_INT:
            text = str(value).strip()
            if not text:
                if col.kind is Kind.OPT_INT:
                    return None
                raise ValueError(f"{label}必须填写。")
            if not text.isdigit():
                raise ValueError(f"{label}应为不小于 0 的整数，“{text}”不是。")
            return int(text)
        case Kind.ENUM | Kind.OPT_ENUM:
            text = str(value or "").strip()
            if not text:
                if col.kind is Kind.OPT_ENUM:
                    return None
                raise ValueError(f"{label}必须从列表中选择。")
            assert col.enum is not None
            try:
                return col.enum.parse(text)
            except ValueError:
                raise ValueError(f"{label}“{text}”不在可选值之中。") from None
        case Kind.LIST:
            text = str(value or "").replace("；", "、").replace(";", "、")
            return [part.strip() for part in text.split("、") if part.strip()]
        case Kind.DEST:
            return None if value in (None, "", 0) else int(value)
        case Kind.ORIGIN:
            return str(value or "").strip() == Origin.NEW.value
    raise ValueError(f"{label}不能修改。")
