"""The nine steps, computed from the workspace: done / in progress / blocked / not started, with reasons.

Each step has a definition (:data:`STEPS`: what it needs, the steps it requires) and a condition
over :class:`StepFacts` that says what is still missing, whether work on it has begun, and the day
it was done. Two steps are done outside the program (动员部署, 培训指导): a clerk marks them done
with a date and 文号 (:meth:`.records.MethodRecords.mark_step`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..model import Round
from ..rules import run_checks
from ..rules.findings import CheckReport, Severity
from ..store import method_queries as MQ
from ..vocab import DocumentKind, Phase, RoundDirection, WorkflowStep
from .acceptance_records import AcceptanceRecords
from .evaluation import coverage
from .model import DecisionKind, Evaluation, SandingStage, StageDate, StepMark, UnitHead, UnitProgress
from .records import MANUAL_STEPS, MethodRecords, quoted

if TYPE_CHECKING:
    from ..workspace import Workspace

#: How many unit names a reason lists before “等 N 个”.
NAMES_SHOWN = 3


class StepState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    NOT_STARTED = "not_started"

    @property
    def label(self) -> str:
        return {"done": "已完成", "in_progress": "进行中", "blocked": "受阻", "not_started": "未开始"}[self.value]


@dataclass(frozen=True)
class StepDefinition:
    step: WorkflowStep
    needs: str
    """What the step needs, in a line (the start page lists it; the manual says more)."""
    requires: tuple[WorkflowStep, ...] = ()
    """Steps that must be done before this one can be."""

    @property
    def number(self) -> int:
        return list(WorkflowStep).index(self.step) + 1

    @property
    def manual(self) -> bool:
        return self.step in MANUAL_STEPS


S = WorkflowStep
STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(S.PREPARE, "整理改革前的单位清单（可用导入模板），导入后全面检查，单位信息没有“错误”"),
    StepDefinition(S.DESIGN, "为每个改革前单位确定改革方式、去向单位和人员转隶，方案检查没有“错误”", (S.PREPARE,)),
    StepDefinition(S.APPROVAL, "按决策程序上会（编委会议等），生成报送包报上级，上级同意即完成", (S.DESIGN,)),
    StepDefinition(S.MOBILISE, "按批准的方案部署实施；开过动员部署会后登记日期和文号", (S.APPROVAL,)),
    StepDefinition(S.TRAINING, "组织学习“三定”、清单、章程的起草要求；培训后登记日期和文号", (S.APPROVAL,)),
    StepDefinition(S.SANDING_REVIEW, "每个改革后单位的“三定”经六步审理，全部到“审定发布”", (S.DESIGN,)),
    StepDefinition(S.TRANSFER, "人员去向落实（转隶人数前后相符），各转出单位确认转隶", (S.APPROVAL,)),
    StepDefinition(S.OPERATION, "改革后单位按新“三定”运行，逐个登记运行日期", (S.SANDING_REVIEW,)),
    StepDefinition(S.EVALUATION, "对改革后的单位督查评估（覆盖 80% 以上），整改要求都有整改结果，上级检查验收的问题都已答复",
                   (S.OPERATION,)),
)
DEFINITIONS: dict[WorkflowStep, StepDefinition] = {d.step: d for d in STEPS}


@dataclass(frozen=True)
class StepStatus:
    step: WorkflowStep
    state: StepState
    missing: tuple[str, ...]
    done_on: str | None

    @property
    def number(self) -> int:
        return DEFINITIONS[self.step].number

    def to_json(self) -> dict[str, Any]:
        return {"step": self.number, "name": self.step.value, "state": self.state.value,
                "missing": list(self.missing), "done_on": self.done_on}


@dataclass(frozen=True)
class StepFacts:
    """What the conditions look at, gathered once (:func:`gather`)."""

    before: Sequence[UnitHead]
    after: Sequence[UnitHead]
    with_sanding: frozenset[int]
    """After-unit ids that have a 三定."""
    transfer_sources: frozenset[int]
    report: CheckReport
    rounds: Sequence[Round]
    marks: dict[WorkflowStep, StepMark]
    decisions: frozenset[DecisionKind]
    stages: dict[int, dict[SandingStage, StageDate]]
    progress: dict[int, UnitProgress]
    evaluations: Sequence[Evaluation]
    current: WorkflowStep
    """The step the clerk says the office is in (the toolbar's drop-down)."""
    acceptance_open: Sequence[tuple[str, str]] = ()
    """(检查验收 title, item label) of each 存在问题 item received from above and not yet answered."""


@dataclass
class _Outcome:
    missing: list[str]
    started: bool
    done_on: str | None = None


def _names(units: Sequence[UnitHead], suffix: Callable[[UnitHead], str] = lambda u: "") -> str:
    shown = "、".join(u.name + suffix(u) for u in units[:NAMES_SHOWN])
    return shown + (f"等 {len(units)} 个" if len(units) > NAMES_SHOWN else "")


def _errors(f: StepFacts, keep: Callable[[Any], bool] = lambda _: True) -> int:
    return sum(1 for x in f.report.findings if x.severity is Severity.ERROR and keep(x))


def _prepare(f: StepFacts) -> _Outcome:
    if not f.before:
        return _Outcome(["尚未导入改革前单位"], started=False)
    names = {u.name for u in f.before}
    errors = _errors(f, lambda x: x.document is DocumentKind.UNIT and x.unit in names)
    return _Outcome([f"改革前单位信息有 {errors} 条“错误”待改"] if errors else [], started=True)


def _design(f: StepFacts) -> _Outcome:
    missing = []
    if not f.after:
        missing.append("尚无改革后单位")
    open_units = [u for u in f.before if u.disposition is None]
    if open_units:
        missing.append(f"{len(open_units)} 个改革前单位未确定改革方式：{_names(open_units)}")
    errors = _errors(f)
    if errors:
        missing.append(f"方案检查有 {errors} 条“错误”")
    started = bool(f.after) or any(u.disposition is not None for u in f.before)
    return _Outcome(missing, started)


def _approval(f: StepFacts) -> _Outcome:
    approved = [r for r in f.rounds if r.direction is RoundDirection.APPROVED]
    if approved:
        return _Outcome([], True, approved[-1].date)
    missing = [f"决策程序尚未登记{k.value}" for k in (DecisionKind.COMMITTEE,) if k not in f.decisions]
    submitted = [r for r in f.rounds if r.direction is RoundDirection.UP]
    if not f.rounds:
        missing.append("尚未上报方案（生成报送包报上级）")
    elif f.rounds[-1].direction is RoundDirection.RETURNED:
        missing.append(f"第{f.rounds[-1].number}轮被退回修改，尚未重新上报")
    else:
        last = f.rounds[-1]
        missing.append(f"第{last.number}轮已于 {last.date} 上报，等待上级同意")
    return _Outcome(missing, bool(submitted) or bool(f.decisions))


def _manual(step: WorkflowStep) -> Callable[[StepFacts], _Outcome]:
    def condition(f: StepFacts) -> _Outcome:
        mark = f.marks.get(step)
        if mark is not None:
            return _Outcome([], True, mark.done_on)
        return _Outcome([f"尚未登记{step.value}的完成日期和文号"], started=False)

    return condition


def _reached(f: StepFacts, unit: UnitHead) -> SandingStage | None:
    dates = f.stages.get(unit.id, {})
    return max(dates, key=lambda s: s.order) if dates else None


def _sanding_review(f: StepFacts) -> _Outcome:
    if not f.after:
        return _Outcome(["尚无改革后单位"], started=False)
    missing = []
    undrafted = [u for u in f.after if u.id not in f.with_sanding]
    if undrafted:
        missing.append(f"{len(undrafted)} 个单位尚未起草“三定”：{_names(undrafted)}")
    behind = [u for u in f.after if (s := _reached(f, u)) is None or s.order < SandingStage.PUBLISHED.order]
    if behind:
        def stage(u: UnitHead) -> str:
            s = _reached(f, u)
            return f"（{s.value if s else '未开始'}）"
        missing.append(f"{len(behind)} 个单位的“三定”未到审定发布：{_names(behind, stage)}")
    published = [d.done_on for dates in f.stages.values() for s, d in dates.items()
                 if s is SandingStage.PUBLISHED]
    started = bool(f.stages) or bool(f.with_sanding)
    return _Outcome(missing, started, max(published) if published and not missing else None)


def _transfer(f: StepFacts) -> _Outcome:
    missing = []
    errors = _errors(f, lambda x: x.rule == "x.people")
    if errors:
        missing.append(f"人员去向未落实：{errors} 条“错误”")
    sources = [u for u in f.before if u.id in f.transfer_sources]
    if not sources:
        missing.append("尚无人员转隶记录")
    unconfirmed = [u for u in sources if not f.progress.get(u.id, UnitProgress(0)).transfers_confirmed_on]
    if unconfirmed:
        missing.append(f"{len(unconfirmed)} 个转出单位未确认人员转隶：{_names(unconfirmed)}")
    days = [f.progress[u.id].transfers_confirmed_on for u in sources if u.id in f.progress]
    days = [d for d in days if d]
    return _Outcome(missing, bool(days), max(days) if days and not missing else None)


def _operation(f: StepFacts) -> _Outcome:
    if not f.after:
        return _Outcome(["尚无改革后单位"], started=False)
    days = {u.id: f.progress[u.id].running_since for u in f.after if u.id in f.progress}
    waiting = [u for u in f.after if not days.get(u.id)]
    missing = [f"{len(waiting)} 个单位未登记运行日期：{_names(waiting)}"] if waiting else []
    started_days = [d for d in days.values() if d]
    return _Outcome(missing, bool(started_days), max(started_days) if started_days and not missing else None)


def _evaluation(f: StepFacts) -> _Outcome:
    cov = coverage(f.after, f.evaluations)
    missing = [] if cov.met else [cov.text()]
    if cov.open_demands:
        missing.append(f"{cov.open_demands} 条整改要求尚无整改结果")
    by_acceptance: dict[str, list[str]] = {}
    for title, label in f.acceptance_open:
        by_acceptance.setdefault(title, []).append(label)
    for title, labels in by_acceptance.items():
        missing.append(f"上级{title}中 {len(labels)} 项存在问题尚未答复整改结果（{'、'.join(labels)}）")
    days = [e.evaluated_on for e in f.evaluations]
    return _Outcome(missing, bool(f.evaluations) or bool(f.acceptance_open), max(days) if days and not missing else None)


CONDITIONS: dict[WorkflowStep, Callable[[StepFacts], _Outcome]] = {
    S.PREPARE: _prepare,
    S.DESIGN: _design,
    S.APPROVAL: _approval,
    S.MOBILISE: _manual(S.MOBILISE),
    S.TRAINING: _manual(S.TRAINING),
    S.SANDING_REVIEW: _sanding_review,
    S.TRANSFER: _transfer,
    S.OPERATION: _operation,
    S.EVALUATION: _evaluation,
}


def compute(facts: StepFacts) -> list[StepStatus]:
    """The nine steps' states, in order. A step whose conditions all hold is done; one with work
    begun (or the one the clerk says the office is in) is in progress, or blocked while a step it
    requires is not done; any other is not started."""
    done: set[WorkflowStep] = set()
    found: list[StepStatus] = []
    for definition in STEPS:
        outcome = CONDITIONS[definition.step](facts)
        missing = list(outcome.missing)
        if not missing:
            done.add(definition.step)
            found.append(StepStatus(definition.step, StepState.DONE, (), outcome.done_on))
            continue
        waiting = [DEFINITIONS[r] for r in definition.requires if r not in done]
        started = outcome.started or definition.step is facts.current
        if started and waiting:
            state = StepState.BLOCKED
            missing += [f"须先完成第{w.number}步{quoted(w.step.value)}" for w in waiting]
        else:
            state = StepState.IN_PROGRESS if started else StepState.NOT_STARTED
        found.append(StepStatus(definition.step, state, tuple(missing), None))
    return found


def gather(ws: Workspace, report: CheckReport | None = None) -> StepFacts:
    """The facts of ``ws``; ``report`` is the check report of its current data (run when not given).

    Reads units, transfers and rounds but no document bodies, so that the GUI can afford it after
    every check of a region-sized workspace.
    """
    if report is None:
        report = run_checks(ws.snapshot())
    records = MethodRecords(ws)
    return StepFacts(
        before=records.unit_heads(Phase.BEFORE),
        after=records.unit_heads(Phase.AFTER),
        with_sanding=frozenset(ws.read(lambda conn: MQ.units_with_document(conn, "sanding"))),
        transfer_sources=frozenset(records.transfer_counts()),
        report=report,
        rounds=ws.rounds(),
        marks=records.step_marks(),
        decisions=frozenset(d.kind for d in records.decisions()),
        stages=records.stage_dates(),
        progress=records.progress(),
        evaluations=records.evaluations(),
        current=ws.workflow_step(),
        acceptance_open=[(a.title, i.label) for a, i in AcceptanceRecords(ws).open_items()],
    )


def compute_steps(ws: Workspace, report: CheckReport | None = None) -> list[StepStatus]:
    """Where ``ws`` stands in the nine steps (see :func:`compute`)."""
    return compute(gather(ws, report))

