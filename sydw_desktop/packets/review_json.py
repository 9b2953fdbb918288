"""``data/review.json`` of a return packet (审核意见包): its shape, checked field by field.

```
{"format": "sydw-review", "format_version": 1, "decision": "退回修改" | "同意", "opinion": "…",
 "doc_no": "…", "round": N, "issued_at": "ISO 8601",
 "from": {"code", "name", "office"}, "to": {"code", "name"},
 "answers": {"packet_id", "packet_sha256", "bag", "signed_at"},
 "comments": [{"uid", "unit", "document", "field", "text", "author"}]}
```
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..review.rounds import DECISIONS
from ..vocab import is_region_code

FORMAT = "sydw-review"
DOCUMENTS = ("plan", "sanding", "quanxian", "charter")
"""What a comment (or a 检查验收 item) may be about."""


def is_iso_date(value: Any) -> bool:
    """Whether ``value`` is a day written ``YYYY-MM-DD`` (as the packets write every date)."""
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check_text(data: dict[str, Any], key: str, where: str, problems: list[str], *, required: bool = True) -> None:
    value = data.get(key)
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}{key} 应为{'非空' if required else ''}文本")


def header_problems(data: dict[str, Any], fmt: str, number: str) -> list[str]:
    """What is wrong with the parts a packet sent down shares: ``format``, the ``number`` key
    (1…999: its round or 第N次), ``issued_at``, ``from`` and ``to``."""
    problems: list[str] = []
    if data.get("format") != fmt or data.get("format_version") != 1:
        problems.append(f"format 应为“{fmt}”、format_version 应为 1")
    value = data.get(number)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 999:
        problems.append(f"{number} 应为 1 至 999 的整数")
    check_text(data, "issued_at", "", problems)
    for part, keys in (("from", ("code", "name", "office")), ("to", ("code", "name"))):
        problems += _part_problems(data, part, keys)
    return problems


def _part_problems(data: dict[str, Any], part: str, keys: tuple[str, ...]) -> list[str]:
    value = data.get(part)
    if not isinstance(value, dict):
        return [f"缺少 {part}"]
    problems: list[str] = []
    for key in keys:
        check_text(value, key, f"{part}.", problems)
    if "code" in keys and isinstance(value.get("code"), str) and not is_region_code(value["code"]):
        problems.append(f"{part}.code 应为 6 位行政区划代码")
    return problems


def review_problems(data: Any) -> list[str]:
    """Every way ``data`` is not a valid review.json (empty when it is)."""
    if not isinstance(data, dict):
        return ["应为一个 JSON 对象"]
    problems = header_problems(data, FORMAT, "round")
    if data.get("decision") not in DECISIONS:
        problems.append(f"decision 应为{'或'.join(DECISIONS)}")
    for key in ("opinion", "doc_no"):
        check_text(data, key, "", problems, required=False)
    problems += _part_problems(data, "answers", ("packet_id", "packet_sha256"))
    comments = data.get("comments")
    if not isinstance(comments, list):
        problems.append("comments 应为列表")
        return problems
    for n, c in enumerate(comments, 1):
        if not isinstance(c, dict):
            problems.append(f"comments 第 {n} 条应为对象")
            continue
        check_text(c, "uid", f"comments 第 {n} 条的 ", problems)
        check_text(c, "text", f"comments 第 {n} 条的 ", problems)
        if c.get("document", "plan") not in DOCUMENTS:
            problems.append(f"comments 第 {n} 条的 document 应为 {'、'.join(DOCUMENTS)} 之一")
        for key in ("unit", "field"):
            if c.get(key) is not None and not isinstance(c[key], str):
                problems.append(f"comments 第 {n} 条的 {key} 应为文本或空")
    return problems
