"""Conversion between model objects and the rows of the `.sydw` tables."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from ..codec import from_data, to_data
from ..errors import WorkspaceError
from ..model import Jurisdiction, Transfer, TransferId, Unit, UnitId
from ..vocab import (
    Category,
    Disposition,
    Funding,
    Level,
    PartyOrg,
    Phase,
    Placement,
    ServiceTarget,
    Spec,
)

Row = dict[str, Any]
T = TypeVar("T")

_TABLE_NAMES = {"unit": "单位", "jurisdiction": "行政区划", "transfer": "人员转隶", "document": "文书"}


def _decoding(table: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Turn a value the program cannot read back (a damaged or foreign file) into a clear error."""

    def wrap(func: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(func)
        def decode(*args: Any) -> T:
            try:
                return func(*args)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise WorkspaceError(
                    f"工作区文件中的{_TABLE_NAMES[table]}数据已损坏，无法读取（{table} 表：{exc}）。请使用备份。"
                ) from exc

        return decode

    return wrap


def _opt(enum_cls: Any, value: str | None) -> Any:
    return None if value is None else enum_cls(value)


def _label(value: Any) -> Any:
    return None if value is None else value.value


def unit_to_row(unit: Unit) -> Row:
    return {
        "phase": unit.phase.value,
        "name": unit.name,
        "dept": unit.dept,
        "spec": unit.spec.value,
        "category": unit.category.value,
        "funding": unit.funding.value,
        "staffing": unit.staffing,
        "actual": unit.actual,
        "uscc": unit.uscc,
        "service": _label(unit.service),
        "leaders_principal": unit.leaders_principal,
        "leaders_deputy": unit.leaders_deputy,
        "depts": unit.depts,
        "paizi": json.dumps(unit.paizi, ensure_ascii=False),
        "party_org": _label(unit.party_org),
        "party_members": unit.party_members,
        "remark": unit.remark,
        "staffing_by_funding": json.dumps(to_data(unit.staffing_by_funding), ensure_ascii=False),
        "disposition": _label(unit.disposition),
        "destination": unit.destination,
        "duties": json.dumps(unit.duties, ensure_ascii=False),
        "duties_elsewhere": json.dumps(unit.duties_elsewhere, ensure_ascii=False),
        "is_new": int(unit.is_new),
        "exemption": unit.exemption,
        "domain_note": unit.domain_note,
        "party_committee": int(unit.party_committee),
        "joint_branch_units": unit.joint_branch_units,
        "overstaff_deadline": unit.overstaff_deadline,
        "sort_key": unit.sort_key,
    }


@_decoding("unit")
def row_to_unit(row: sqlite3.Row | Row) -> Unit:
    return Unit(
        id=UnitId(row["id"]),
        phase=Phase(row["phase"]),
        name=row["name"],
        dept=row["dept"],
        spec=Spec(row["spec"]),
        category=Category(row["category"]),
        funding=Funding(row["funding"]),
        staffing=row["staffing"],
        actual=row["actual"],
        uscc=row["uscc"],
        service=_opt(ServiceTarget, row["service"]),
        leaders_principal=row["leaders_principal"],
        leaders_deputy=row["leaders_deputy"],
        depts=row["depts"],
        paizi=list(json.loads(row["paizi"])),
        party_org=_opt(PartyOrg, row["party_org"]),
        party_members=row["party_members"],
        remark=row["remark"],
        staffing_by_funding={Funding(k): int(v) for k, v in json.loads(row["staffing_by_funding"]).items()},
        disposition=_opt(Disposition, row["disposition"]),
        destination=None if row["destination"] is None else UnitId(row["destination"]),
        duties=list(json.loads(row["duties"])),
        duties_elsewhere=list(json.loads(row["duties_elsewhere"])),
        is_new=bool(row["is_new"]),
        exemption=row["exemption"],
        domain_note=row["domain_note"],
        party_committee=bool(row["party_committee"]),
        joint_branch_units=row["joint_branch_units"],
        overstaff_deadline=row["overstaff_deadline"],
        sort_key=row["sort_key"],
    )


def jurisdiction_to_row(j: Jurisdiction) -> Row:
    return {
        "id": 1,
        "name": j.name,
        "code": j.code,
        "level": j.level.value,
        "unit_cap": j.unit_cap,
        "staff_cap": j.staff_cap,
    }


@_decoding("jurisdiction")
def row_to_jurisdiction(row: sqlite3.Row | Row) -> Jurisdiction:
    return Jurisdiction(
        name=row["name"],
        code=row["code"],
        level=Level(row["level"]),
        unit_cap=row["unit_cap"],
        staff_cap=row["staff_cap"],
    )


def transfer_to_row(t: Transfer) -> Row:
    return {
        "source": t.source,
        "target": t.target,
        "placement": _label(t.placement),
        "count": t.count,
        "remark": t.remark,
    }


@_decoding("transfer")
def row_to_transfer(row: sqlite3.Row | Row) -> Transfer:
    return Transfer(
        id=TransferId(row["id"]),
        source=UnitId(row["source"]),
        target=None if row["target"] is None else UnitId(row["target"]),
        placement=_opt(Placement, row["placement"]),
        count=row["count"],
        remark=row["remark"],
    )


def document_to_body(doc: Any) -> str:
    return json.dumps(to_data(doc), ensure_ascii=False, sort_keys=True)


@_decoding("document")
def body_to_document(cls: type, body: str) -> Any:
    return from_data(cls, json.loads(body))
