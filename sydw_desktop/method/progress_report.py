"""调度 and 通报: what happened in a period (周、旬、月), from the dates the records carry.

:func:`build_summary` gathers, for the days from the period's start (or the day after the last 通报
of the same period) to its end: the steps done, each 三定 step reached, 征求意见 sent and answered,
协商 meetings, decision meetings, 转隶 confirmed, units starting to run, evaluations, and the
findings opened and closed since the last 通报. :mod:`.bulletin` writes it as a GB/T 9704 通报 and
an Excel table.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from ..rules import run_checks
from ..rules.findings import CheckReport, Finding, Severity
from ..vocab import Phase
from .league_progress import LeagueProgress, league_progress
from .model import ConsultationKind, Period, ProgressReport
from .records import MethodRecords, quoted
from .review_table import review_rows, stage_counts
from .steps import StepState, StepStatus, compute_steps

FindingKey = tuple[str, str, str, str]
"""severity, rule, unit, field."""


@dataclass(frozen=True)
class Event:
    day: str
    category: str
    subject: str
    text: str


@dataclass(frozen=True)
class ProgressSummary:
    region: str
    period: Period
    start: str
    end: str
    previous: ProgressReport | None
    steps: list[StepStatus]
    advanced: list[StepStatus]
    events: list[Event]
    stage_counts: dict[str, int]
    stage_reached: dict[str, int]
    people_transferred: int
    findings_now: list[FindingKey]
    opened: list[FindingKey] = field(default_factory=list)
    closed: list[FindingKey] = field(default_factory=list)
    subordinates: LeagueProgress | None = None
    """At an upper office (one with subordinates): each subordinate's progress against the step dates."""
    own_reform: bool = True
    """Whether this office reforms units of its own (has 改革前单位). A league or the region that only
    oversees its subordinates does not, and its 通报 is about them alone."""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings_now if f[0] == severity.value)

    def events_of(self, category: str) -> list[Event]:
        return [e for e in self.events if e.category == category]

    @property
    def findings_json(self) -> str:
        return json.dumps([list(f) for f in self.findings_now], ensure_ascii=False)


def period_start(period: Period, end: dt.date) -> dt.date:
    """The first day of the 周 (seven days to ``end``), 旬 (1–10, 11–20, 21–) or 月 holding ``end``."""
    if period is Period.WEEK:
        return end - dt.timedelta(days=6)
    if period is Period.TEN_DAYS:
        return end.replace(day=1 if end.day <= 10 else 11 if end.day <= 20 else 21)
    return end.replace(day=1)


def _key(f: Finding) -> FindingKey:
    return (f.severity.value, f.rule, f.unit or "", f.field or "")


def build_summary(records: MethodRecords, period: Period, end: dt.date,
                  report: CheckReport | None = None) -> ProgressSummary:
    ws = records.ws
    earlier = [r for r in records.reports() if r.period is period and r.end < end.isoformat()]
    previous = earlier[-1] if earlier else None
    start = period_start(period, end)
    if previous is not None:
        start = max(start, dt.date.fromisoformat(previous.end) + dt.timedelta(days=1))
    first, last = start.isoformat(), end.isoformat()

    def within(day: str) -> bool:
        return bool(day) and first <= day <= last

    report = report or run_checks(ws.snapshot())
    steps = compute_steps(ws, report)
    marks = records.step_marks()
    events: list[Event] = []
    advanced = [s for s in steps if s.state is StepState.DONE and s.done_on and within(s.done_on)]
    for s in advanced:
        mark = marks.get(s.step)
        note = f"（{mark.doc_no}）" if mark and mark.doc_no else ""
        events.append(Event(s.done_on or "", "工作步骤", s.step.value, f"完成{note}"))
    rows = review_rows(records)
    names = {r.unit.id: r.unit.name for r in rows}
    reached = {label: 0 for label in stage_counts([])}
    for r in rows:
        for stage, date in r.dates.items():
            if within(date.done_on):
                reached[stage.value] += 1
                events.append(Event(date.done_on, "“三定”审理", r.unit.name, f"进入{quoted(stage.value)}"))
        for c in r.consultations:
            if within(c.sent_on):
                text = (f"与{c.party}协商：{c.opinion}" if c.kind is ConsultationKind.MEETING
                        else f"向{c.party}征求意见")
                events.append(Event(c.sent_on, c.kind.value, r.unit.name, text))
            if c.kind is ConsultationKind.OPINION and within(c.answered_on):
                events.append(Event(c.answered_on, "征求意见", r.unit.name,
                                    f"{c.party}回复（{c.adopted_label}）：{c.opinion}"))
    for rnd in ws.rounds():
        if within(rnd.date):
            text = "，".join(x for x in (rnd.direction.value, rnd.note.strip().rstrip("。")) if x)
            events.append(Event(rnd.date, "方案报批", f"第{rnd.number}轮", text))
    for d in records.decisions():
        if within(d.held_on):
            result = d.result.strip().rstrip("。")
            text = f"{result}（{d.doc_no}）" if result and d.doc_no else result or d.doc_no
            events.append(Event(d.held_on, "决策程序", d.kind.value, text))
    people = 0
    progress = records.progress()
    counts = records.transfer_counts()
    for u in records.unit_heads(Phase.BEFORE):
        p = progress.get(u.id)
        if p is not None and within(p.transfers_confirmed_on):
            count = counts.get(u.id, 0)
            people += count
            events.append(Event(p.transfers_confirmed_on, "人员转隶", u.name, f"确认人员转隶 {count} 人"))
    for unit_id, p in progress.items():
        if unit_id in names and within(p.running_since):
            events.append(Event(p.running_since, "机构运行", names[unit_id], "按新“三定”运行"))
    for e in records.evaluations():
        if e.unit in names and within(e.evaluated_on):
            events.append(Event(e.evaluated_on, "督查评估", names[e.unit], e.problems or "未发现问题"))
    events.sort(key=lambda e: (e.day, e.category, e.subject))
    now = sorted({_key(f) for f in report.findings if f.severity is not Severity.INFO})
    before: set[FindingKey] = set()
    if previous is not None:
        before = {(a, b, c, d) for a, b, c, d in json.loads(previous.findings)}
    return ProgressSummary(
        region=ws.jurisdiction().name, period=period, start=first, end=last, previous=previous, steps=steps,
        advanced=advanced, events=events, stage_counts=stage_counts(rows), stage_reached=reached,
        people_transferred=people, findings_now=now,
        opened=[k for k in now if k not in before] if previous else [],
        closed=sorted(before - set(now)) if previous else [],
        subordinates=league_progress(ws, end),
        own_reform=bool(records.unit_heads(Phase.BEFORE)),
    )


def summary_lines(s: ProgressSummary) -> list[str]:
    """The 通报's content as plain lines (the CLI prints them; the document says the same)."""
    done = [x for x in s.steps if x.state is StepState.DONE]
    lines = [f"{s.region}事业单位改革工作{s.period.value}通报：{s.start} 至 {s.end}",
             f"九步工作法：已完成 {len(done)} 步；本期完成：{'、'.join(x.step.value for x in s.advanced) or '无'}。"]
    current = "；".join(f"{k} {v} 个" for k, v in s.stage_counts.items() if v)
    moved = "；".join(f"{k} {v} 个" for k, v in s.stage_reached.items() if v)
    lines.append(f"“三定”审理：按当前步骤 {current or '无'}；本期进入 {moved or '无'}。")
    if s.previous is None:
        lines.append(f"问题：首次通报，现有“错误” {s.count(Severity.ERROR)} 条、“警告” {s.count(Severity.WARNING)} 条。")
    else:
        lines.append(f"问题：上次通报以来新出现 {len(s.opened)} 条、已解决 {len(s.closed)} 条；现有“错误”"
                     f" {s.count(Severity.ERROR)} 条、“警告” {s.count(Severity.WARNING)} 条。")
    lines.append(f"人员转隶：本期确认 {s.people_transferred} 人。")
    if s.subordinates is not None:
        lines.append(f"{s.subordinates.title}：")
        lines += [f"  {line}" for line in s.subordinates.lines()]
    lines.append(f"本期记录 {len(s.events)} 项：")
    lines += [f"  {e.day} [{e.category}] {e.subject}：{e.text}" for e in s.events]
    return lines
