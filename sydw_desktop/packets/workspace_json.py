"""The whole workspace as JSON (``data/workspace.json``) and back, checked against the schema.

The JSON is :func:`~sydw_desktop.codec.to_data` of the snapshot's parts: enums as their Chinese
labels, units with their ids (``destination``, ``source`` and ``target`` refer to them), documents
as ``[{"unit": id, "document": {...}}]`` lists. ``resources/schema/workspace.schema.json``
(JSON Schema draft 2020-12) is the contract; the upper level reads a received packet back into a
:class:`~sydw_desktop.model.Snapshot` with :func:`workspace_from_json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from .. import __version__
from ..codec import from_data, to_data
from ..model import (
    ChangeEntry,
    Charter,
    Explanation,
    Jurisdiction,
    ParamOverride,
    Quanxian,
    ReviewComment,
    Round,
    Sanding,
    Snapshot,
    Transfer,
    Unit,
    UnitId,
)
from ..paths import resources
from .errors import PacketError

FORMAT = "sydw-workspace"
FORMAT_VERSION = 1
SCHEMA_FILE = "workspace.schema.json"
CHECK_REPORT_SCHEMA_FILE = "check-report.schema.json"
MAX_SCHEMA_PROBLEMS = 50
"""At most this many schema problems are listed one by one; the rest are counted."""


@dataclass(frozen=True)
class WorkspaceDocument:
    """A workspace read back from JSON."""

    snapshot: Snapshot
    review_comments: tuple[ReviewComment, ...] = ()
    changelog: tuple[ChangeEntry, ...] = ()
    generator: str = ""
    """Program and version that wrote the JSON."""
    exported_at: str = ""


def workspace_to_json(
    snapshot: Snapshot,
    *,
    review_comments: Sequence[ReviewComment] = (),
    changelog: Sequence[ChangeEntry] = (),
    exported_at: str | None = None,
) -> dict[str, Any]:
    """The workspace as JSON-ready data matching ``workspace.schema.json``."""

    def documents(docs: dict[UnitId, Any]) -> list[dict[str, Any]]:
        return [{"unit": int(uid), "document": to_data(doc)} for uid, doc in sorted(docs.items())]

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"sydw-desktop {__version__}",
        "exported_at": exported_at or datetime.now().isoformat(timespec="seconds"),
        "jurisdiction": to_data(snapshot.jurisdiction),
        "settings": dict(snapshot.settings),
        "before": to_data(snapshot.before),
        "after": to_data(snapshot.after),
        "transfers": to_data(snapshot.transfers),
        "sanding": documents(snapshot.sanding),
        "quanxian": documents(snapshot.quanxian),
        "charters": documents(snapshot.charters),
        "explanations": [to_data(e) for _, e in sorted(snapshot.explanations.items())],
        "param_overrides": to_data(snapshot.param_overrides),
        "rounds": to_data(snapshot.rounds),
        "review_comments": to_data(list(review_comments)),
        "changelog": to_data(list(changelog)),
    }


def workspace_from_json(data: dict[str, Any]) -> WorkspaceDocument:
    """Read data written by :func:`workspace_to_json`; raise :class:`PacketError` listing what is wrong."""
    problems = schema_problems(data) or reference_problems(data)
    if problems:
        raise PacketError("workspace.json 不符合格式要求：\n" + "\n".join(f"  {p}" for p in problems))

    def documents(cls: type, rows: list[dict[str, Any]]) -> dict[UnitId, Any]:
        return {UnitId(r["unit"]): from_data(cls, r["document"]) for r in rows}

    explanations = [from_data(Explanation, e) for e in data["explanations"]]
    snapshot = Snapshot(
        jurisdiction=from_data(Jurisdiction, data["jurisdiction"]),
        before=[from_data(Unit, u) for u in data["before"]],
        after=[from_data(Unit, u) for u in data["after"]],
        transfers=[from_data(Transfer, t) for t in data["transfers"]],
        sanding=documents(Sanding, data["sanding"]),
        charters=documents(Charter, data["charters"]),
        quanxian=documents(Quanxian, data["quanxian"]),
        explanations={(e.rule, e.unit, e.field): e for e in explanations},
        param_overrides=[from_data(ParamOverride, p) for p in data["param_overrides"]],
        settings=dict(data["settings"]),
        rounds=[from_data(Round, r) for r in data["rounds"]],
    )
    return WorkspaceDocument(
        snapshot=snapshot,
        review_comments=tuple(from_data(ReviewComment, c) for c in data.get("review_comments", [])),
        changelog=tuple(from_data(ChangeEntry, c) for c in data.get("changelog", [])),
        generator=data.get("generator", ""),
        exported_at=data.get("exported_at", ""),
    )


def reference_problems(data: dict[str, Any]) -> list[str]:
    """Ids that refer to nothing (the schema cannot say this); ``data`` must be schema-valid."""
    before = {u["id"] for u in data["before"]}
    after = {u["id"] for u in data["after"]}
    problems = []
    if len(before | after) != len(data["before"]) + len(data["after"]):
        problems.append("单位编号（id）有重复")
    for u in data["before"]:
        if u["destination"] is not None and u["destination"] not in after:
            problems.append(f"改革前单位“{u['name']}”的去向单位编号 {u['destination']} 不是改革后单位")
    for t in data["transfers"]:
        if t["source"] not in before:
            problems.append(f"人员转隶（编号 {t.get('id')}）的原单位编号 {t['source']} 不是改革前单位")
        if t.get("target") is not None and t["target"] not in after:
            problems.append(f"人员转隶（编号 {t.get('id')}）的去向单位编号 {t['target']} 不是改革后单位")
    for kind in ("sanding", "quanxian", "charters"):
        for row in data[kind]:
            if row["unit"] not in after:
                problems.append(f"{kind} 中的单位编号 {row['unit']} 不是改革后单位")
    return problems


# -- schema ------------------------------------------------------------------------------------


@cache
def _validator(name: str) -> Any:
    import jsonschema

    path = resources() / "schema" / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def load_schema(name: str = SCHEMA_FILE) -> dict[str, Any]:
    return dict(_validator(name).schema)


def schema_problems(data: Any, schema: str = SCHEMA_FILE) -> list[str]:
    """Every place ``data`` breaks the schema, as ``路径：问题`` lines (capped, then counted)."""
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    lines = [f"{_pointer(e.absolute_path)}：{_describe(e)}" for e in errors[:MAX_SCHEMA_PROBLEMS]]
    if len(errors) > MAX_SCHEMA_PROBLEMS:
        lines.append(f"……另有 {len(errors) - MAX_SCHEMA_PROBLEMS} 处不符合")
    return lines


def _pointer(path: Any) -> str:
    parts = [str(p) for p in path]
    return "/" + "/".join(parts) if parts else "（根）"


def _describe(error: Any) -> str:
    validator = error.validator
    if validator == "required":
        missing = [m for m in error.validator_value if isinstance(error.instance, dict) and m not in error.instance]
        return f"缺少字段 {'、'.join(missing)}"
    if validator == "additionalProperties":
        return f"有多余的字段（{error.message}）"
    if validator == "type":
        return f"类型不对，应为 {error.validator_value}，实为 {json.dumps(error.instance, ensure_ascii=False)[:60]}"
    if validator in ("enum", "const"):
        return f"取值“{json.dumps(error.instance, ensure_ascii=False)[:60]}”不在允许的范围内"
    if validator in ("minimum", "maximum", "minLength", "pattern"):
        return f"取值“{json.dumps(error.instance, ensure_ascii=False)[:60]}”不符合要求（{validator} {error.validator_value}）"
    return str(error.message)
