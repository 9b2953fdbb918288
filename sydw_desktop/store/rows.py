"""Conversion between model objects and the rows of the `.sydw` tables."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from ..codec import from_data, to_data
from ..errors import WorkspaceError
from ..model import (
    ChangeEntry,
    Explanation,
    Jurisdiction,
    ParamOverride,
    ReviewComment,
    Round,
    SubordinateFiling,
    Transfer,
    TransferId,
    TrustedCertificate,
    Unit,
    UnitId,
)
from ..vocab import (
    Category,
    Disposition,
    Funding,
    Level,
    PartyOrg,
    Phase,
    Placement,
    RoundDirection,
    ServiceTarget,
    Spec,
)

Row = dict[str, Any]
T = TypeVar("T")

_TABLE_NAMES = {
    "unit": "单位",
    "jurisdiction": "行政区划",
    "transfer": "人员转隶",
    "document": "文书",
    "round": "轮次",
    "review_comment": "审核意见",
    "explanation": "说明",
    "param_override": "规则参数",
    "changelog": "台账",
    "trusted_cert": "信任证书",
    "subordinate": "下级报送",
    "submission": "报送记录",
    "review_record": "审核结论",
    "voided": "作废记录",
    "received_packet": "已接收材料包",
    "subordinate_packet": "下级报送包原件",
    "allocation": "限额分配",
    "handdown": "示范卷",
}


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


def round_to_row(rnd: Round) -> Row:
    return {
        "number": rnd.number,
        "direction": rnd.direction.value,
        "date": rnd.date,
        "note": rnd.note,
        "locked": int(rnd.locked),
    }


@_decoding("round")
def row_to_round(row: sqlite3.Row | Row) -> Round:
    return Round(
        number=row["number"],
        direction=RoundDirection(row["direction"]),
        date=row["date"],
        note=row["note"],
        locked=bool(row["locked"]),
        id=row["id"],
    )


def review_comment_to_row(comment: ReviewComment) -> Row:
    return {
        "round_number": comment.round_number,
        "text": comment.text,
        "document": comment.document,
        "unit": comment.unit,
        "field": comment.field,
        "author": comment.author,
    }


@_decoding("review_comment")
def row_to_review_comment(row: sqlite3.Row | Row) -> ReviewComment:
    return ReviewComment(
        round_number=row["round_number"],
        text=row["text"],
        document=row["document"],
        unit=row["unit"],
        field=row["field"],
        author=row["author"],
        id=row["id"],
    )


def explanation_key(rule: str, unit: str | None, field: str | None) -> tuple[str, str, str]:
    """The primary key of an explanation: rule, unit name, field ("" for none)."""
    return (rule, unit or "", field or "")


def explanation_to_row(e: Explanation) -> Row:
    """The non-key columns of an explanation."""
    return {"text": e.text, "fingerprint": e.fingerprint, "author": e.author, "updated_at": e.updated_at}


@_decoding("explanation")
def row_to_explanation(row: sqlite3.Row | Row) -> Explanation:
    return Explanation(
        rule=row["rule"],
        unit=row["unit"],
        field=row["field"],
        text=row["text"],
        fingerprint=row["fingerprint"],
        author=row["author"],
        updated_at=row["updated_at"],
    )


def param_override_to_row(o: ParamOverride) -> Row:
    return {
        "rule": o.rule,
        "param": o.param,
        "value": json.dumps(o.value, ensure_ascii=False),
        "effective_from": o.effective_from,
        "doc_no": o.doc_no,
        "reason": o.reason,
        "author": o.author,
        "created_at": o.created_at,
    }


@_decoding("param_override")
def row_to_param_override(row: sqlite3.Row | Row) -> ParamOverride:
    return ParamOverride(
        rule=row["rule"],
        param=row["param"],
        value=json.loads(row["value"]),
        effective_from=row["effective_from"],
        doc_no=row["doc_no"],
        reason=row["reason"],
        author=row["author"],
        created_at=row["created_at"],
        id=row["id"],
    )


def change_entry_to_row(e: ChangeEntry) -> Row:
    return {
        "at": e.at,
        "user": e.user,
        "operation": e.operation,
        "entity": e.entity,
        "entity_name": e.entity_name,
        "field": e.field,
        "old": e.old,
        "new": e.new,
        "doc_no": e.doc_no,
    }


@_decoding("changelog")
def row_to_change_entry(row: sqlite3.Row | Row) -> ChangeEntry:
    return ChangeEntry(
        at=row["at"],
        user=row["user"],
        operation=row["operation"],
        entity=row["entity"],
        entity_name=row["entity_name"],
        field=row["field"],
        old=row["old"],
        new=row["new"],
        doc_no=row["doc_no"],
        id=row["id"],
    )


def trusted_certificate_to_row(cert: TrustedCertificate) -> Row:
    return {
        "fingerprint": cert.fingerprint,
        "office": cert.office,
        "region_code": cert.region_code,
        "not_after": cert.not_after,
        "pem": cert.pem,
        "added_at": cert.added_at,
        "added_by": cert.added_by,
    }


@_decoding("trusted_cert")
def row_to_trusted_certificate(row: sqlite3.Row | Row) -> TrustedCertificate:
    return TrustedCertificate(
        fingerprint=row["fingerprint"],
        office=row["office"],
        region_code=row["region_code"],
        not_after=row["not_after"],
        pem=row["pem"],
        added_at=row["added_at"],
        added_by=row["added_by"],
    )


#: The columns of a received filing's record (without the packet's data, which can be large).
SUBORDINATE_FILING_COLUMNS = tuple(f.name for f in dataclasses.fields(SubordinateFiling))


def subordinate_filing_to_row(filing: SubordinateFiling, workspace_json: str, check_report: str) -> Row:
    """The non-key columns of a received filing, with the packet's data."""
    row = {c: getattr(filing, c) for c in SUBORDINATE_FILING_COLUMNS if c not in ("region_code", "round")}
    return {
        **row,
        "summary": json.dumps(filing.summary, ensure_ascii=False),
        "workspace_json": workspace_json,
        "check_report": check_report,
    }


@_decoding("subordinate")
def row_to_subordinate_filing(row: sqlite3.Row | Row) -> SubordinateFiling:
    values = {c: row[c] for c in SUBORDINATE_FILING_COLUMNS}
    return SubordinateFiling(**{**values, "summary": json.loads(row["summary"])})
