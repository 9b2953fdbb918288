"""``data/method.json`` (an office's method state, see :mod:`..method.state_json`): its shape,
checked field by field. Optional in a filing packet, required in a 进度报送包."""

from __future__ import annotations

from typing import Any

from ..method.model import Period
from ..method.steps import STEPS, StepState
from ..vocab import is_region_code
from .review_json import is_iso_date

FORMAT = "sydw-method"
METHOD_JSON = "data/method.json"
_STATES = tuple(s.value for s in StepState)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _step_problems(steps: Any) -> list[str]:
    if not isinstance(steps, list) or len(steps) != len(STEPS):
        return [f"steps 应为 {len(STEPS)} 项的数组（九步工作法的每一步）"]
    problems: list[str] = []
    for n, (item, definition) in enumerate(zip(steps, STEPS, strict=True), 1):
        where = f"steps 第 {n} 项的 "
        if not isinstance(item, dict):
            problems.append(f"steps 第 {n} 项应为对象")
            continue
        if item.get("step") != n:
            problems.append(f"{where}step 应为 {n}")
        if item.get("name") != definition.step.value:
            problems.append(f"{where}name 应为“{definition.step.value}”")
        if item.get("state") not in _STATES:
            problems.append(f"{where}state 应为 {'、'.join(_STATES)} 之一")
        missing = item.get("missing")
        if not (isinstance(missing, list) and all(isinstance(m, str) for m in missing)):
            problems.append(f"{where}missing 应为文本数组")
        done_on = item.get("done_on")
        if done_on is not None and not is_iso_date(done_on):
            problems.append(f"{where}done_on 应为 YYYY-MM-DD 日期或 null")
        if item.get("state") == StepState.DONE.value and missing:
            problems.append(f"{where}state 为 done，missing 却不为空")
    return problems


def method_problems(data: Any, *, period_required: bool = False) -> list[str]:
    """Every way ``data`` is not a valid method.json (empty when it is); a 进度报送包's needs ``period``."""
    if not isinstance(data, dict):
        return ["应为一个 JSON 对象"]
    problems: list[str] = []
    if data.get("format") != FORMAT or data.get("format_version") != 1:
        problems.append(f"format 应为“{FORMAT}”、format_version 应为 1")
    if not is_iso_date(data.get("as_of")):
        problems.append("as_of 应为 YYYY-MM-DD 日期")
    region = data.get("region")
    if not (isinstance(region, dict) and all(isinstance(region.get(k), str) for k in ("code", "name", "level"))):
        problems.append("缺少 region（code、name、level）")
    elif not is_region_code(region["code"]):
        problems.append("region.code 应为 6 位行政区划代码")
    period = data.get("period")
    if period is None:
        if period_required:
            problems.append("进度报送包的 period（kind、start、end）不能为空")
    elif not isinstance(period, dict):
        problems.append("period 应为对象或 null")
    else:
        if period.get("kind") not in tuple(p.value for p in Period):
            problems.append("period.kind 应为 周、旬 或 月")
        for key in ("start", "end"):
            if not is_iso_date(period.get(key)):
                problems.append(f"period.{key} 应为 YYYY-MM-DD 日期")
        if is_iso_date(period.get("start")) and is_iso_date(period.get("end")) and period["start"] > period["end"]:
            problems.append("period.start 晚于 period.end")
    problems += _step_problems(data.get("steps"))
    stages = data.get("sanding_stages")
    if not (isinstance(stages, dict) and all(isinstance(k, str) and _count(v) for k, v in stages.items())):
        problems.append("sanding_stages 应为“步骤: 单位数”的对象（非负整数）")
    evaluation = data.get("evaluation")
    if not isinstance(evaluation, dict):
        problems.append("缺少 evaluation")
    else:
        for key in ("evaluated", "reformed", "open_demands"):
            if not _count(evaluation.get(key)):
                problems.append(f"evaluation.{key} 应为非负整数")
        if not isinstance(evaluation.get("met"), bool):
            problems.append("evaluation.met 应为 true 或 false")
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        problems.append("decisions 应为数组")
    else:
        for n, d in enumerate(decisions, 1):
            if not (isinstance(d, dict) and all(isinstance(d.get(k), str) for k in ("kind", "held_on", "doc_no", "result"))):
                problems.append(f"decisions 第 {n} 项应有 kind、held_on、doc_no、result（文本）")
            elif not is_iso_date(d["held_on"]):
                problems.append(f"decisions 第 {n} 项的 held_on 应为 YYYY-MM-DD 日期")
    return problems
