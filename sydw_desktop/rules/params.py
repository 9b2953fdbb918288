"""Rule parameters: typed values, per-level defaults, and an office's dated overrides.

A parameter's value is plain JSON data (numbers, text, lists, objects), so it can be stored in the
workspace, printed by ``sydw params --json`` and handed down in a parameter file. 规格 values are
their Chinese labels.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from typing import Any

from ..errors import SydwError
from ..model import Snapshot
from ..vocab import Spec
from .catalogue import Catalogue, ParamSpec, load_catalogue

TRUE_WORDS = {"true", "1", "yes", "y", "是", "真", "含", "包含"}
FALSE_WORDS = {"false", "0", "no", "n", "否", "假", "不含", "不包含"}
_LIST_SPLIT = re.compile(r"[、，,；;\s]+")


class RuleParamError(SydwError):
    """An override names an unknown rule or parameter, or has a value of the wrong type."""


def validate_override(rule_id: str, param: str, value: object) -> object:
    """The value ``value`` as parameter ``param`` of ``rule_id`` stores it; raise if it cannot be."""
    entry = load_catalogue().get(rule_id)
    if entry is None:
        raise RuleParamError(f"规则目录中没有编号为“{rule_id}”的规则（可用 sydw rules 查看全部规则）。")
    spec = entry.param(param)
    if spec is None:
        names = "、".join(p.name for p in entry.params) or "无"
        raise RuleParamError(f"规则 {rule_id} 没有参数“{param}”（该规则可调整的参数：{names}）。")
    return coerce(spec, value, f"{rule_id}.{param}")


def effective_params(catalogue: Catalogue, snapshot: Snapshot, rule_id: str, as_of: dt.date) -> dict[str, object]:
    """Defaults for the jurisdiction's level, overlaid with the overrides in force on ``as_of``.

    Overrides apply from their ``effective_from`` date; of several for one parameter the latest
    (by date, then by the order they were recorded) wins. An override that no longer fits the
    catalogue (parameter removed, type changed) is ignored.
    """
    entry = catalogue.get(rule_id)
    if entry is None:
        raise RuleParamError(f"规则目录中没有编号为“{rule_id}”的规则。")
    level = snapshot.jurisdiction.level
    values: dict[str, object] = {p.name: copy.deepcopy(p.default_for(level)) for p in entry.params}
    dated = []
    for order, o in enumerate(snapshot.param_overrides):
        if o.rule != rule_id:
            continue
        try:
            since = dt.date.fromisoformat(str(o.effective_from))
        except ValueError:
            continue
        if since <= as_of:
            dated.append((since, o.created_at or "", order, o))
    for *_, o in sorted(dated, key=lambda t: t[:3]):
        spec = entry.param(o.param)
        if spec is None:
            continue
        try:
            values[o.param] = coerce(spec, o.value, f"{rule_id}.{o.param}")
        except RuleParamError:
            continue
    return values


def coerce(spec: ParamSpec, value: Any, where: str) -> Any:
    """Convert ``value`` (JSON data, or text typed by a person) to ``spec``'s type."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.type != "str"):
        if spec.optional:
            return None
        raise RuleParamError(f"参数 {where}（{spec.label}）不能为空。")
    try:
        result = _CONVERTERS[spec.type](value)
    except NotFinite as exc:
        raise RuleParamError(
            f"参数 {where}（{spec.label}）应为确定的数值，不能是“{_clip(value)}”（NaN、无穷大等不是可用的参数值）。"
        ) from exc
    except (ValueError, TypeError, OverflowError, json.JSONDecodeError, RecursionError) as exc:
        raise RuleParamError(f"参数 {where}（{spec.label}）应为{_TYPE_WORDS[spec.type]}，不能是“{_clip(value)}”。") from exc
    _check_bounds(spec, result, where)
    if spec.choices:
        chosen = result if isinstance(result, list) else [result]
        bad = [c for c in chosen if c not in spec.choices]
        if bad:
            raise RuleParamError(
                f"参数 {where}（{spec.label}）只能取：{'、'.join(spec.choices)}；“{'、'.join(map(str, bad))}”不在其中。"
            )
    return result


def _clip(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "……"


class NotFinite(ValueError):
    """A number that is NaN or infinite: never a usable parameter value."""


def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def range_text(spec: ParamSpec) -> str:
    """The allowed range of ``spec``'s numbers in Chinese (“大于 0、不大于 10”), or "" when unbounded."""
    parts = []
    if spec.minimum is not None:
        parts.append(f"{'大于' if spec.min_exclusive else '不小于'} {_number_text(spec.minimum)}")
    if spec.maximum is not None:
        parts.append(f"不大于 {_number_text(spec.maximum)}")
    return "、".join(parts)


def _numbers(spec: ParamSpec, value: Any) -> list[float]:
    if spec.type in ("int", "float"):
        return [] if value is None else [value]
    if spec.type == "map_int":
        return list(value.values())
    if spec.type == "table":
        return [n for row in value for n in row.values()]
    return []


def _check_bounds(spec: ParamSpec, value: Any, where: str) -> None:
    if spec.minimum is None and spec.maximum is None:
        return
    for number in _numbers(spec, value):
        low = spec.minimum is not None and (
            number <= spec.minimum if spec.min_exclusive else number < spec.minimum
        )
        high = spec.maximum is not None and number > spec.maximum
        if low or high:
            shown = _number_text(number) if spec.type == "float" else str(number)
            raise RuleParamError(f"参数 {where}（{spec.label}）应{range_text(spec)}，不能是 {shown}。")


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value.strip())
    raise TypeError(value)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    else:
        raise TypeError(value)
    if not math.isfinite(number):
        raise NotFinite(value)
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


def _str(value: Any) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise TypeError(value)
    return str(value).strip()


def _spec(value: Any) -> str:
    return Spec.parse(_str(value)).value


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        text = value.strip()
        value = json.loads(text) if text.startswith("[") else [p for p in _LIST_SPLIT.split(text) if p]
    if not isinstance(value, list):
        raise TypeError(value)
    return [_str(v) for v in value]


def _table(value: Any) -> list[dict[str, int]]:
    rows = _json(value)
    if not isinstance(rows, list) or not rows:
        raise TypeError(value)
    table: list[dict[str, int]] = []
    last = -1
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or "value" not in row:
            raise TypeError(row)
        entry = {"value": _int(row["value"])}
        if row.get("max") is not None:
            entry["max"] = _int(row["max"])
            if entry["max"] <= last:
                raise ValueError(row)
            last = entry["max"]
        elif i != len(rows) - 1:
            raise ValueError(row)  # only the last row may be open-ended
        table.append(entry)
    return table


def _map_int(value: Any) -> dict[str, int]:
    data = _json(value)
    if not isinstance(data, dict):
        raise TypeError(value)
    return {_str(k): _int(v) for k, v in data.items()}


def _map_list(value: Any) -> dict[str, list[str]]:
    data = _json(value)
    if not isinstance(data, dict):
        raise TypeError(value)
    return {_str(k): _str_list(v) for k, v in data.items()}


_CONVERTERS = {
    "int": _int, "float": _float, "bool": _bool, "str": _str, "spec": _spec,
    "list": _str_list, "table": _table, "map_int": _map_int, "map_list": _map_list,
}
_TYPE_WORDS = {
    "int": "整数", "float": "数值（如 0.2 或 20%）", "bool": "是或否（true/false）", "str": "文字",
    "spec": "机构规格（如 正科级）", "list": "文字列表（用顿号分隔或 JSON 数组）",
    "table": "查找表（JSON 数组，如 [{\"max\":10,\"value\":2},{\"value\":3}]）",
    "map_int": "JSON 对象（名称→整数）", "map_list": "JSON 对象（名称→文字列表）",
}


def table_lookup(table: list[dict[str, int]], amount: int) -> int:
    """The ``value`` of the first row whose ``max`` is ≥ ``amount`` (the open last row otherwise)."""
    for row in table:
        if "max" not in row or amount <= row["max"]:
            return row["value"]
    return table[-1]["value"]
