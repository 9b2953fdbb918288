"""``data/acceptance.json`` of a 检查验收意见包 (kind ``acceptance``): its shape, checked field by field.

```
{"format": "sydw-acceptance", "format_version": 1, "uid": "…", "number": N, "date": "YYYY-MM-DD",
 "team": "…", "doc_no": "…", "result": "通过" | "限期整改" | "不通过", "opinion": "…", "issued_at": "ISO 8601",
 "from": {"code", "name", "office"}, "to": {"code", "name"},
 "items": [{"uid", "item", "label", "conclusion": "符合" | "存在问题", "problem", "demand",
            "deadline": "YYYY-MM-DD" | "", "unit": "…" | null, "document": "plan" | …, "field": "…" | null}]}
```
``number`` is the N-th acceptance of that subordinate: the bag's ``X-Sydw-Round`` and 第N次.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..method.acceptance import ANSWERS, CONCLUSIONS, PROBLEM, RESULTS, catalogue
from ..method.acceptance_records import ACCEPTANCE_REPLIES, REPLIES_FORMAT
from .review_json import DOCUMENTS, check_text, header_problems, is_iso_date

FORMAT = "sydw-acceptance"
ACCEPTANCE_JSON = "data/acceptance.json"
MATERIAL = "检查验收意见"
"""The 材料 part of the bag name: ``159900_检查验收意见_第1轮_20261203``."""


def acceptance_problems(data: Any) -> list[str]:
    """Every way ``data`` is not a valid acceptance.json (empty when it is)."""
    if not isinstance(data, dict):
        return ["应为一个 JSON 对象"]
    problems = header_problems(data, FORMAT, "number")
    if data.get("result") not in RESULTS:
        problems.append(f"result 应为{'、'.join(RESULTS)}之一")
    if not is_iso_date(data.get("date")):
        problems.append("date 应为 YYYY-MM-DD 格式的日期")
    check_text(data, "uid", "", problems)
    for key in ("team", "doc_no", "opinion"):
        check_text(data, key, "", problems, required=False)
    items = data.get("items")
    if not isinstance(items, list) or not items:
        problems.append("items 应为非空列表")
        return problems
    known = {k.key for k in catalogue()}
    for n, item in enumerate(items, 1):
        problems += _item_problems(item, f"items 第 {n} 项的 ", known)
    if data.get("result") in ("限期整改", "不通过") and not any(
            isinstance(i, dict) and i.get("conclusion") == PROBLEM for i in items):
        problems.append(f"result 为{data['result']}，但 items 中没有“存在问题”的项目")
    return problems


def _item_problems(item: Any, where: str, keys: set[str]) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where[:-3]}应为对象"]
    problems: list[str] = []
    for key in ("uid", "label"):
        check_text(item, key, where, problems)
    for key in ("problem", "demand", "deadline"):
        check_text(item, key, where, problems, required=False)
    if item.get("item") not in keys:
        problems.append(f"{where}item 应为检查验收项目之一（{'、'.join(sorted(keys))}）")
    if item.get("conclusion") not in CONCLUSIONS:
        problems.append(f"{where}conclusion 应为{'或'.join(CONCLUSIONS)}")
    elif item["conclusion"] == PROBLEM:
        for key, label in (("problem", "问题"), ("demand", "整改要求")):
            if not (isinstance(item.get(key), str) and item[key].strip()):
                problems.append(f"{where}{key}（{label}）不能为空：结论为存在问题")
    deadline = item.get("deadline")
    if isinstance(deadline, str) and deadline and not is_iso_date(deadline):
        problems.append(f"{where}deadline 应为 YYYY-MM-DD 格式的日期或空")
    if item.get("document", "plan") not in DOCUMENTS:
        problems.append(f"{where}document 应为 {'、'.join(DOCUMENTS)} 之一")
    for key in ("unit", "field"):
        if item.get(key) is not None and not isinstance(item[key], str):
            problems.append(f"{where}{key} 应为文本或空")
    return problems


def check_acceptance_data(root: Path, payload: list[str],
                          bag_info: dict[str, str]) -> tuple[list[tuple[str, str]], Any]:
    """Problems (file, message) with a 检查验收意见包's data, and the data read (None when wrong)."""
    if ACCEPTANCE_JSON not in payload:
        return [(ACCEPTANCE_JSON, "缺少此文件")], None
    try:
        data = json.loads((root / ACCEPTANCE_JSON).read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return [(ACCEPTANCE_JSON, f"不是有效的 JSON（{type(exc).__name__}）")], None
    problems = [f"不符合格式要求：{p}" for p in acceptance_problems(data)]
    if not problems:
        for label, value in (("X-Sydw-Region-Code", data["from"]["code"]), ("X-Sydw-To", data["to"]["code"]),
                             ("X-Sydw-Round", str(data["number"]))):
            if bag_info.get(label) != value:
                problems.append(f"{value} 与 bag-info.txt 的 {label}（{bag_info.get(label, '缺')}）不一致")
    return [(ACCEPTANCE_JSON, p) for p in problems], None if problems else data


ACCEPTANCE_REPLIES_JSON = f"data/{ACCEPTANCE_REPLIES}"


def replies_problems(data: Any) -> list[str]:
    """Every way ``data`` is not a valid ``acceptance-replies.json`` of a filing (the county's 整改结果)."""
    if not isinstance(data, dict):
        return ["应为一个 JSON 对象"]
    problems: list[str] = []
    if data.get("format") != REPLIES_FORMAT or data.get("format_version") != 1:
        problems.append(f"format 应为“{REPLIES_FORMAT}”、format_version 应为 1")
    replies = data.get("replies")
    if not isinstance(replies, list):
        return [*problems, "replies 应为列表"]
    for n, reply in enumerate(replies, 1):
        where = f"replies 第 {n} 项的 "
        if not isinstance(reply, dict):
            problems.append(f"replies 第 {n} 项应为对象")
            continue
        for key in ("acceptance", "uid", "reply"):
            check_text(reply, key, where, problems)
        if reply.get("status") not in ANSWERS:
            problems.append(f"{where}status 应为{'或'.join(ANSWERS)}")
        if reply.get("answered_on", "") and not is_iso_date(reply.get("answered_on")):
            problems.append(f"{where}answered_on 应为 YYYY-MM-DD 格式的日期")
    return problems
