"""At the upper level, the 通报 across subordinates: who is behind, by how many days, against the
step dates this office set (issue 17 item 4).

Each subordinate in the allocation table (the list of subordinates, chain.md) — and any other that
sent progress — gets a line: as of which packet and day, steps done, the current step, and each step
past its due date: not done by the report's end (D = end − due) or done late (D = done_on − due).
Subordinates that sent nothing are 未报送进度. Rows are sorted most-behind first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..vocab import Level
from .records import cn_date, quoted
from .steps import STEPS, StepState
from .upper import StepDue, SubordinateProgress, UpperRecords

if TYPE_CHECKING:
    from ..workspace import Workspace

SILENT = "未报送进度"


@dataclass(frozen=True)
class Lateness:
    step: int
    due_on: str
    days: int
    done_on: str | None
    """The day a step done late was done; None while it is not done."""

    @property
    def name(self) -> str:
        return STEPS[self.step - 1].step.value

    def text(self, formal: bool = False) -> str:
        """``第6步“三定”审理超期 12 天`` (or ``… 超期 3 天完成``); ``formal``: as the 通报 writes it."""
        gap = "" if formal else " "
        late = f"第{self.step}步{quoted(self.name)}超期{gap}{self.days}{gap}天"
        return late if self.done_on is None else f"{late}完成"


@dataclass(frozen=True)
class SubordinateRow:
    region_code: str
    name: str
    progress: SubordinateProgress | None
    done: int = 0
    current: str = ""
    late: tuple[Lateness, ...] = ()

    @property
    def open_days(self) -> int:
        """The longest delay of a step still not done (0: none)."""
        return max((x.days for x in self.late if x.done_on is None), default=0)

    @property
    def max_days(self) -> int:
        return max((x.days for x in self.late), default=0)

    def status(self, formal: bool = False) -> str:
        if self.progress is None:
            return SILENT
        return "；".join(x.text(formal) for x in self.late) if self.late else "未超期"

    def text(self, formal: bool = False) -> str:
        """One line for the CLI, or (``formal``) a paragraph of the 通报."""
        if self.progress is None:
            return f"{self.name}（{self.region_code}）：{SILENT}。"
        p = self.progress
        if formal:
            return (f"{self.name}（据{cn_date(p.as_of)}{p.source_label}）：已完成{self.done}步，"
                    f"当前为{self.current}；{self.status(True)}。")
        return (f"{self.name}（截至 {p.as_of}，{p.source_label}）：已完成 {self.done} 步，当前{self.current}；"
                f"{self.status()}。")


@dataclass(frozen=True)
class LeagueProgress:
    title: str
    """各旗县（市、区）进度 or 各盟市进度."""
    end: str
    dues: tuple[StepDue, ...]
    rows: tuple[SubordinateRow, ...]

    @property
    def behind(self) -> list[SubordinateRow]:
        return [r for r in self.rows if r.late]

    @property
    def silent(self) -> list[SubordinateRow]:
        return [r for r in self.rows if r.progress is None]

    def dues_text(self, formal: bool = False) -> str:
        """The step dates set, the notice once when one notice set them all."""
        if not self.dues:
            return "本级尚未设定各步骤的完成时限。" if formal else "本级尚未设定各步骤的完成时限（sydw step-dates）。"
        notices = {d.doc_no for d in self.dues}
        one = notices.pop() if len(notices) == 1 else None
        day = cn_date if formal else str

        def item(d: StepDue) -> str:
            notice = f"（{d.doc_no}）" if d.doc_no and one is None else ""
            return f"第{d.step}步{quoted(d.name)}{'' if formal else ' '}{day(d.due_on)}{notice}"

        head = f"本级{'按' + one if one else ''}设定的完成时限："
        return head + "；".join(item(d) for d in self.dues) + "。"

    def lines(self) -> list[str]:
        return [self.dues_text(), *(r.text() for r in self.rows)]

    def to_json(self) -> dict[str, Any]:
        """For ``sydw report --json``: the dates set and each subordinate, most behind first."""
        return {
            "title": self.title, "end": self.end,
            "step_dates": [{"step": d.step, "name": d.name, "due_on": d.due_on, "doc_no": d.doc_no} for d in self.dues],
            "subordinates": [{
                "region_code": r.region_code, "name": r.name, "reported": r.progress is not None,
                "as_of": r.progress.as_of if r.progress else None,
                "source": r.progress.source if r.progress else None,
                "steps_done": r.done, "current": r.current, "max_days": r.max_days,
                "late": [{"step": x.step, "name": x.name, "due_on": x.due_on, "days": x.days, "done_on": x.done_on}
                         for x in r.late],
            } for r in self.rows],
        }


def title_for(level: Level) -> str:
    return "各盟市进度" if level is Level.REGION else "各旗县（市、区）进度"


def _row(p: SubordinateProgress, dues: dict[int, StepDue], end: dt.date) -> SubordinateRow:
    steps = p.method["steps"]
    done = sum(1 for s in steps if s["state"] == StepState.DONE.value)
    first_open = next((s for s in steps if s["state"] != StepState.DONE.value), None)
    if first_open is None:
        current = "九步均已完成"
    else:
        current = f"第{first_open['step']}步{quoted(first_open['name'])}（{StepState(first_open['state']).label}）"
    late: list[Lateness] = []
    for s in steps:
        due = dues.get(s["step"])
        if due is None:
            continue
        due_day = dt.date.fromisoformat(due.due_on)
        if s["state"] == StepState.DONE.value:
            if s["done_on"] and (days := (dt.date.fromisoformat(s["done_on"]) - due_day).days) > 0:
                late.append(Lateness(s["step"], due.due_on, days, s["done_on"]))
        elif (days := (end - due_day).days) > 0:
            late.append(Lateness(s["step"], due.due_on, days, None))
    return SubordinateRow(p.region_code, p.name, p, done, current, tuple(late))


def league_progress(ws: Workspace, end: dt.date) -> LeagueProgress | None:
    """The subordinates' progress at ``end``; None for an office without subordinates."""
    records = UpperRecords(ws)
    held = records.progress()
    allocations = ws.allocations()
    if not allocations and not held:
        return None
    dues = records.step_dues()
    rows = [_row(p, dues, end) for p in held.values()]
    rows.sort(key=lambda r: (-r.open_days, -r.max_days, -len(r.late), r.region_code))
    rows += [SubordinateRow(a.region_code, a.name, None) for a in allocations if a.region_code not in held]
    return LeagueProgress(title_for(ws.jurisdiction().level), end.isoformat(), tuple(dues.values()), tuple(rows))
