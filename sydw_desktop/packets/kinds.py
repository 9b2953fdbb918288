"""Packet kinds (chain.md): ``X-Sydw-Kind`` in bag-info.txt, and the data check of the kinds whose
payload is not a filing's ``workspace.json`` + ``check-report.json``.

A packet without ``X-Sydw-Kind`` is a ``filing``. A ``rollup`` is a league's own filing (checked
as one) that also carries its subordinates' packets; a ``handdown`` (示范卷) carries
``data/handdown.json``: rule parameters with 文号 and dates, allocations and templates. A
``progress`` (进度报送包, issue 17) carries ``data/method.json`` (checked in verify_checks.py) and a 通报.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

KIND = "X-Sydw-Kind"
TO = "X-Sydw-To"
ISSUED_AT = "X-Sydw-Issued-At"
FILING, REVIEW, ROLLUP, HANDDOWN = "filing", "review", "rollup", "handdown"
PROGRESS = "progress"
"""进度报送包: a subordinate's method state (``data/method.json``) and its 通报 for a period (issue 17)."""
ACCEPTANCE = "acceptance"
"""检查验收意见包: the upper office's 检查验收 of a subordinate (``data/acceptance.json``), sent down (issue 17)."""
LABELS = {FILING: "报送包", REVIEW: "审核意见包", ROLLUP: "汇总报送包", HANDDOWN: "示范卷（下发参数包）",
          PROGRESS: "进度报送包", ACCEPTANCE: "检查验收意见包"}
FILING_KINDS = frozenset({FILING, ROLLUP})
"""Kinds whose data is checked as a filing's (workspace.json and check-report.json)."""

HANDDOWN_JSON = "data/handdown.json"
SUBORDINATES_DIR = "data/subordinates/"
"""Where a roll-up keeps its subordinates' packets, unchanged."""


def kind_of(bag_info: dict[str, str]) -> str:
    return bag_info.get(KIND, FILING) or FILING


def handdown_problems(data: Any) -> list[str]:
    """What is wrong with the shape of a ``handdown.json`` (values are checked when installed)."""
    if not isinstance(data, dict):
        return ["应为 JSON 对象"]
    problems = []
    issuer = data.get("issuer")
    if not (isinstance(issuer, dict) and all(isinstance(issuer.get(k), str) for k in ("code", "name", "level"))):
        problems.append("缺少 issuer（code、name、level）")
    if not (isinstance(data.get("number"), int) and data["number"] >= 1):
        problems.append("number 应为正整数")
    for key, fields in (("params", ("rule", "param", "effective_from")), ("allocations", ("region_code", "name")),
                        ("templates", ("kind", "file"))):
        items = data.get(key)
        if not isinstance(items, list):
            problems.append(f"{key} 应为数组")
            continue
        for i, item in enumerate(items, 1):
            if not (isinstance(item, dict) and all(isinstance(item.get(f), str) for f in fields)):
                problems.append(f"{key} 第 {i} 项缺少 {'、'.join(fields)}")
    return problems


def check_kind_data(kind: str, root: Path, payload: list[str],
                    bag_info: dict[str, str] | None = None) -> tuple[list[tuple[str, str]], Any]:
    """Problems (file, message) with a non-filing kind's data, and the data read (or None)."""
    if kind == ACCEPTANCE:
        from .acceptance_json import check_acceptance_data

        return check_acceptance_data(root, payload, bag_info or {})
    if kind != HANDDOWN:
        return [("bag-info.txt", f"不认识的材料类型 {KIND}: {kind}")], None
    if HANDDOWN_JSON not in payload:
        return [(HANDDOWN_JSON, "缺少此文件")], None
    try:
        data = json.loads((root / HANDDOWN_JSON).read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return [(HANDDOWN_JSON, f"不是有效的 JSON（{type(exc).__name__}）")], None
    problems = handdown_problems(data)
    templates = data.get("templates") if isinstance(data, dict) else None
    for item in templates if isinstance(templates, list) else []:
        if isinstance(item, dict) and isinstance(item.get("file"), str) and f"data/{item['file']}" not in payload:
            problems.append(f"列出的模板文件 data/{item['file']} 不在包中")
    return [(HANDDOWN_JSON, p) for p in problems], None if problems else data
