"""The library of common wordings for 政事权限清单 items (共性职责事项表述, documents.md §4.1/§4.3).

The wordings are data (``resources/quanxian/common_items.json``): for each, the 责任主体, 类别,
事项内容, 行权方式, 依据 and, for 相关综合部门, the department. The 清单 editor offers them filtered
by subject and category and inserts a copy as a new item.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .errors import SydwError
from .model import QuanxianItem
from .paths import resources
from .vocab import ExerciseMode, QuanxianCategory, QuanxianSubject

LIBRARY_FORMAT = "sydw-quanxian-common-items"


class LibraryError(SydwError):
    """The bundled wording library is missing or malformed (a broken installation)."""


@dataclass(frozen=True)
class CommonItem:
    subject: QuanxianSubject
    category: QuanxianCategory
    content: str
    mode: ExerciseMode
    basis: str = ""
    related_dept: str = ""

    def to_item(self) -> QuanxianItem:
        return QuanxianItem(self.subject, self.category, self.content, self.mode, self.basis, self.related_dept)


@cache
def common_items() -> tuple[CommonItem, ...]:
    """Every wording of the bundled library, in the order listed."""
    path = resources() / "quanxian" / "common_items.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryError(f"共性职责事项表述库“{path}”无法读取：{exc}") from exc
    if not isinstance(data, dict) or data.get("format") != LIBRARY_FORMAT or not isinstance(data.get("items"), list):
        raise LibraryError(f"“{path}”不是共性职责事项表述库。")
    out = []
    for number, raw in enumerate(data["items"], 1):
        try:
            out.append(CommonItem(
                QuanxianSubject.parse(raw["subject"]), QuanxianCategory.parse(raw["category"]),
                raw["content"].strip(), ExerciseMode.parse(raw["mode"]),
                raw.get("basis", "").strip(), raw.get("related_dept", "").strip(),
            ))
        except (KeyError, ValueError, AttributeError, TypeError) as exc:
            raise LibraryError(f"共性职责事项表述库第 {number} 条有误：{exc}") from exc
    return tuple(out)


def matching(subject: QuanxianSubject | None = None, category: QuanxianCategory | None = None,
             text: str = "") -> list[CommonItem]:
    """Wordings for a subject and category (None = any), containing ``text``."""
    text = text.strip()
    return [
        c for c in common_items()
        if (subject is None or c.subject is subject) and (category is None or c.category is category)
        and (not text or text in c.content or text in c.basis or text in c.related_dept)
    ]
