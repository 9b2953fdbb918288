"""检查验收 (issue 17 item 5): the upper office's acceptance inspection of a subordinate's reform.

An :class:`Acceptance` is recorded at the upper level (direction ``out``): its date, 检查组, 文号,
overall result (通过 / 限期整改 / 不通过) and a checklist over the fixed catalogue of
``resources/method/acceptance_items.json``, each item 符合 or 存在问题 with the problem, the 整改要求,
the 整改期限 and optionally a target (a unit, its document or field: the shape of a review comment).
It goes down as a signed 检查验收意见包 (:mod:`sydw_desktop.packets.acceptance_pack`); the county keeps
it (direction ``in``) and answers each 存在问题 item 已整改 / 已说明; the answers go up in its next
filing (``data/acceptance-replies.json``). The records live in :mod:`.acceptance_records`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..paths import resources

RESULTS = ("通过", "限期整改", "不通过")
CONFORMS, PROBLEM = "符合", "存在问题"
CONCLUSIONS = (CONFORMS, PROBLEM)
RECTIFIED, EXPLAINED = "已整改", "已说明"
ANSWERS = (RECTIFIED, EXPLAINED)
CATALOGUE_FILE = "method/acceptance_items.json"


@dataclass(frozen=True)
class ItemKind:
    """One entry of the catalogue: what a 检查验收 looks at."""

    key: str
    label: str
    scope: str


@cache
def catalogue() -> tuple[ItemKind, ...]:
    """The 检查验收 items, in the order an acceptance lists them."""
    data = json.loads((resources() / CATALOGUE_FILE).read_text(encoding="utf-8"))
    return tuple(ItemKind(i["key"], i["label"], i["scope"]) for i in data["items"])


def item_kind(key_or_label: str) -> ItemKind:
    """An item by its key or its label (quotes optional); KeyError when there is none."""
    wanted = key_or_label.strip().replace("“", "").replace("”", "").replace('"', "")
    for kind in catalogue():
        if wanted in (kind.key, kind.label.replace("“", "").replace("”", "")):
            return kind
    raise KeyError(key_or_label)


def item_label(key: str) -> str:
    try:
        return item_kind(key).label
    except KeyError:
        return key


@dataclass(frozen=True)
class AcceptanceItem:
    """One line of the checklist. ``status``/``reply``/``answered_on``: the county's 整改结果."""

    item: str
    conclusion: str = CONFORMS
    problem: str = ""
    demand: str = ""
    deadline: str = ""
    document: str = "plan"
    unit: str | None = None
    field: str | None = None
    uid: str = ""
    status: str = ""
    reply: str = ""
    answered_on: str = ""
    acceptance: int | None = None
    id: int | None = None

    @property
    def label(self) -> str:
        return item_label(self.item)

    @property
    def has_problem(self) -> bool:
        return self.conclusion == PROBLEM

    @property
    def open(self) -> bool:
        """A problem the county has not answered yet."""
        return self.has_problem and not self.status

    def to_json(self) -> dict[str, Any]:
        """The item as ``acceptance.json`` carries it."""
        return {"uid": self.uid, "item": self.item, "label": self.label, "conclusion": self.conclusion,
                "problem": self.problem, "demand": self.demand, "deadline": self.deadline,
                "unit": self.unit, "document": self.document, "field": self.field}


@dataclass(frozen=True)
class Acceptance:
    """A 检查验收: ``out`` recorded here on a subordinate, ``in`` received from the office above.

    ``region_code``/``name``: the other office. ``number``: the N-th acceptance of that subordinate
    (the packet's 第N次, ordering replays). ``packet_id``: the 检查验收意见包 that carried it ("" while
    an ``out`` acceptance is still a draft).
    """

    direction: str
    region_code: str
    name: str
    held_on: str
    result: str
    items: tuple[AcceptanceItem, ...] = ()
    team: str = ""
    office: str = ""
    doc_no: str = ""
    opinion: str = ""
    number: int = 0
    uid: str = ""
    packet_id: str = ""
    issued_at: str = ""
    recorded_at: str = ""
    recorded_by: str = ""
    id: int | None = None

    @property
    def sent(self) -> bool:
        return bool(self.packet_id)

    @property
    def problems(self) -> list[AcceptanceItem]:
        return [i for i in self.items if i.has_problem]

    @property
    def open_items(self) -> list[AcceptanceItem]:
        return [i for i in self.items if i.open]

    @property
    def title(self) -> str:
        """``检查验收（示编办发〔2026〕31号）`` / ``检查验收（2026-12-01）``: how findings and step 9 name it."""
        return f"检查验收（{self.doc_no or self.held_on}）"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "direction": self.direction, "region_code": self.region_code, "name": self.name,
            "number": self.number, "uid": self.uid, "date": self.held_on, "team": self.team, "office": self.office,
            "doc_no": self.doc_no, "result": self.result, "opinion": self.opinion, "packet_id": self.packet_id,
            "issued_at": self.issued_at,
            "items": [{**i.to_json(), "id": i.id, "status": i.status, "reply": i.reply,
                       "answered_on": i.answered_on} for i in self.items],
        }
