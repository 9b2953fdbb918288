"""The bundled demo workspace 示例旗 (a fictional banner, 行政区划代码 159901).

The data lives in ``resources/demo/示例旗.json`` in the codec's format: the jurisdiction, plan-level
settings, the units before and after the reform, 去向单位 and 人员转隶 by name, the 三定, 章程 and
政事权限清单 of every after-unit, the 说明 of the warnings the checker raises, and the rounds.
``resources/demo/flawed.json`` lists the problems planted in the training variant: for each, the
changes to the data, the rule id and unit the checker must report, and a line for trainers.

:func:`write_demo` builds a new workspace file from that data through the :class:`Workspace`
façade only, the way a clerk's edits would.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, cast

from .codec import from_data
from .errors import SydwError, WorkspaceError
from .method.demo_records import fill_method, rename_unit
from .model import (
    DOCUMENT_CLASSES,
    Jurisdiction,
    PlanData,
    ReviewComment,
    Round,
    TransferLine,
    Unit,
)
from .paths import resources
from .vocab import Phase, WorkflowStep
from .workspace import Workspace

DEMO_NAME = "示例旗"
DATA_FORMAT = "sydw-demo"
UNIT_SECTIONS = ("before", "after")


class DemoDataError(SydwError):
    """The bundled demo data is missing or inconsistent (a broken installation)."""


def demo_dir() -> Path:
    return resources() / "demo"


def _read_json(name: str) -> dict[str, Any]:
    path = demo_dir() / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DemoDataError(f"找不到示例数据文件“{path}”，程序安装不完整。") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DemoDataError(f"示例数据文件“{path}”无法读取：{exc}") from exc
    if not isinstance(data, dict):
        raise DemoDataError(f"示例数据文件“{path}”的格式不对。")
    return data


@cache
def _clean_data() -> dict[str, Any]:
    data = _read_json(f"{DEMO_NAME}.json")
    if data.get("format") != DATA_FORMAT:
        raise DemoDataError(f"示例数据文件“{DEMO_NAME}.json”不是本程序的示例数据。")
    return data


@cache
def _flaw_data() -> dict[str, Any]:
    data = _read_json("flawed.json")
    problems = data.get("problems")
    if not isinstance(problems, list) or not problems:
        raise DemoDataError("示例数据文件“flawed.json”没有列出预置问题。")
    return data


def demo_data(*, flawed: bool = False) -> dict[str, Any]:
    """The demo data as JSON-ready dicts (a fresh copy), with the planted problems when ``flawed``."""
    data = copy.deepcopy(_clean_data())
    if flawed:
        for problem in _flaw_data()["problems"]:
            for change in problem["changes"]:
                apply_change(data, change)
    return data


def planted_problems() -> list[tuple[str, str | None]]:
    """(rule id, unit name) of every problem planted in the flawed demo, in the order listed."""
    return [(p["rule"], p.get("unit")) for p in _flaw_data()["problems"]]


def flaw_descriptions() -> list[dict[str, Any]]:
    """The planted problems as listed in ``flawed.json`` (rule, unit, description, changes)."""
    return copy.deepcopy(_flaw_data()["problems"])


# --- changes that plant a problem ------------------------------------------------------------


def _find_unit(data: dict[str, Any], section: str, name: str) -> dict[str, Any]:
    for unit in data[section]:
        if unit["name"] == name:
            return cast(dict[str, Any], unit)
    raise DemoDataError(f"预置问题引用了不存在的单位“{name}”（{section}）。")


def apply_change(data: dict[str, Any], change: dict[str, Any]) -> None:
    """Apply one change of ``flawed.json`` to the demo data, in place.

    Kinds: ``set`` a field of a unit (section ``before``/``after``) or of an after-unit's document
    (``sanding``/``charter``/``quanxian``); ``set`` the count of a transfer (section ``transfers``,
    matched by ``unit`` = 原单位 and ``to`` = 去向); ``append`` to a list field; ``rename`` an
    after-unit everywhere it is referred to.
    """
    op = change.get("op", "set")
    section = change["section"]
    name = change["unit"]
    if op == "rename":
        _rename_after(data, name, change["value"])
        return
    if section in UNIT_SECTIONS:
        target = _find_unit(data, section, name)
    elif section in DOCUMENT_CLASSES:
        try:
            target = data["documents"][name][section]
        except KeyError as exc:
            raise DemoDataError(f"预置问题引用了不存在的文书：“{name}”的{section}。") from exc
    elif section == "transfers":
        matches = [t for t in data["transfers"] if t["source"] == name
                   and change["to"] in (t.get("target"), t.get("placement"))]
        if len(matches) != 1:
            raise DemoDataError(f"预置问题引用的人员转隶“{name} → {change['to']}”不唯一或不存在。")
        target = matches[0]
    else:
        raise DemoDataError(f"预置问题的数据部分“{section}”不认识。")
    field = change["field"]
    if op == "set":
        target[field] = copy.deepcopy(change["value"])
    elif op == "append":
        target.setdefault(field, []).append(copy.deepcopy(change["value"]))
    else:
        raise DemoDataError(f"预置问题的修改方式“{op}”不认识。")


def _rename_after(data: dict[str, Any], old: str, new: str) -> None:
    _find_unit(data, "after", old)["name"] = new
    data["destinations"] = {k: (new if v == old else v) for k, v in data["destinations"].items()}
    for t in data["transfers"]:
        if t.get("target") == old:
            t["target"] = new
    data["documents"][new] = data["documents"].pop(old)
    for e in data["explanations"]:
        if e.get("unit") == old:
            e["unit"] = new
    rename_unit(data.get("method", {}), old, new)


# --- building the workspace ------------------------------------------------------------------


def _plan(data: dict[str, Any]) -> PlanData:
    return PlanData(
        before=[from_data(Unit, u) for u in data["before"]],
        after=[from_data(Unit, u) for u in data["after"]],
        destinations=dict(data["destinations"]),
        transfers=[from_data(TransferLine, t) for t in data["transfers"]],
        jurisdiction=from_data(Jurisdiction, data["jurisdiction"]),
    )


def write_demo(path: str | Path, *, flawed: bool = False) -> None:
    """Write the demo workspace to ``path``, which must not exist yet.

    With ``flawed`` the workspace carries the planted problems of ``flawed.json`` for training.
    On any failure the partly written file is removed; an existing file is never touched.
    """
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise WorkspaceError(f"“{path}”已存在。示例工作区不会覆盖已有文件，请换一个文件名。")
    data = demo_data(flawed=flawed)
    ws = Workspace.create(path, from_data(Jurisdiction, data["jurisdiction"]))
    try:
        with ws.batch("写入示例工作区（培训版）" if flawed else "写入示例工作区"):
            _fill(ws, data, flawed=flawed)
    except BaseException:
        ws.close()
        _remove_partial(path)
        raise
    ws.close()  # the undo history belongs to this session: the demo opens with nothing to undo


def _remove_partial(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _fill(ws: Workspace, data: dict[str, Any], *, flawed: bool) -> None:
    variant = "（培训用，含预置问题）" if flawed else ""
    ws.replace_plan(_plan(data), operation=f"写入示例工作区{variant}")
    for name, docs in data["documents"].items():
        unit = ws.find_unit(Phase.AFTER, name)
        if unit is None or unit.id is None:
            raise DemoDataError(f"示例数据中的文书挂在不存在的改革后单位“{name}”上。")
        for kind, cls in DOCUMENT_CLASSES.items():
            if kind in docs:
                ws.set_document(unit.id, from_data(cls, docs[kind]))
    for s in data.get("settings", []):
        value = s["value"] if isinstance(s["value"], str) else json.dumps(s["value"], ensure_ascii=False)
        ws.set_setting(s["key"], value, s["label"])
    for r in data.get("rounds", []):
        ws.add_round(from_data(Round, r))
    for c in data.get("review_comments", []):
        ws.add_review_comment(from_data(ReviewComment, c))
    ws.set_workflow_step(WorkflowStep(data.get("workflow_step", WorkflowStep.DESIGN.value)))
    _explain(ws, data.get("explanations", []))
    fill_method(ws, data.get("method", {}))


def _explain(ws: Workspace, explanations: Iterable[dict[str, Any]]) -> None:
    """Attach each 说明 to the current finding it answers, with that finding's fingerprint.

    A 说明 whose finding the checker does not raise (e.g. a planted change removed it) is not
    written, so the demo carries no orphaned explanations.
    """
    explanations = list(explanations)
    if not explanations:
        return
    from .rules import run_checks  # the checker is heavy; only the demo writer needs it here

    report = run_checks(ws.snapshot())
    current = {f.key: f for f in report.findings}
    for e in explanations:
        key = (e["rule"], e.get("unit") or "", e.get("field") or "")
        finding = current.get(key)
        if finding is not None:
            ws.set_explanation(e["rule"], e.get("unit"), e.get("field"), e["text"], finding.fingerprint)
