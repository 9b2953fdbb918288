"""The method's records: plain dataclasses and their closed lists (labels are the Chinese terms)."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import Disposition, LabelEnum


@dataclass(frozen=True)
class UnitHead:
    """What the method's views need of a unit: its id, name and (before-units) 改革方式."""

    id: int
    name: str
    disposition: Disposition | None = None


class SandingStage(LabelEnum):
    """The six steps every 三定 goes through, in order."""

    DESIGN = "前期设计"
    TRAINING = "培训指导"
    DRAFTING = "酝酿起草"
    COORDINATION = "审核协调"
    PUBLISHED = "审定发布"
    SUPERVISION = "执行监督"

    @property
    def order(self) -> int:
        """1 … 6."""
        return list(SandingStage).index(self) + 1


class ConsultationKind(LabelEnum):
    OPINION = "征求意见"
    MEETING = "协商会议"


class DecisionKind(LabelEnum):
    """The plan's decision procedure, in the order the meetings are held."""

    OFFICE = "编办室务会议"
    GROUP = "协调小组会议"
    COMMITTEE = "编委会议"
    PARTY = "党委常委会议"
    SUBMIT = "报批"


class Period(LabelEnum):
    """调度 and 通报 periods: 周调度、旬推进、月通报."""

    WEEK = "周"
    TEN_DAYS = "旬"
    MONTH = "月"


@dataclass(frozen=True)
class StepMark:
    """A clerk's record that a step done outside the program (a meeting, a training) is done."""

    step: str  # WorkflowStep value
    done_on: str  # YYYY-MM-DD
    doc_no: str = ""
    note: str = ""
    author: str = ""
    at: str = ""


@dataclass(frozen=True)
class StageDate:
    """The day a unit's 三定 reached one of the six steps."""

    unit: int
    stage: SandingStage
    done_on: str
    note: str = ""


@dataclass(frozen=True)
class Consultation:
    """A 征求意见 sent to a department (and its answer), or a 协商 meeting (party = participants)."""

    unit: int
    kind: ConsultationKind
    party: str
    sent_on: str
    answered_on: str = ""
    opinion: str = ""
    adopted: bool | None = None  # None: not yet decided
    reason: str = ""
    id: int | None = None

    @property
    def adopted_label(self) -> str:
        return {None: "待定", True: "采纳", False: "未采纳"}[self.adopted]


@dataclass(frozen=True)
class Decision:
    """One meeting of the decision procedure: its kind, date, 纪要/文号 and result."""

    kind: DecisionKind
    held_on: str
    doc_no: str = ""
    result: str = ""
    id: int | None = None


@dataclass(frozen=True)
class UnitProgress:
    """An after-unit's 转隶 confirmed (date) and 运行 since (date); empty text: not yet."""

    unit: int
    transfers_confirmed_on: str = ""
    running_since: str = ""


#: The evaluation checklist: field → label, in the order the form and the table show them.
EVALUATION_FIELDS: dict[str, str] = {
    "duties": "履职情况",
    "staffing": "编制使用",
    "internal": "内设机构运行",
    "problems": "问题",
    "demands": "整改要求",
    "results": "整改结果",
}


@dataclass(frozen=True)
class Evaluation:
    """A 督查评估 of one reformed unit."""

    unit: int
    evaluated_on: str
    duties: str = ""
    staffing: str = ""
    internal: str = ""
    problems: str = ""
    demands: str = ""
    results: str = ""
    evaluator: str = ""
    id: int | None = None

    @property
    def open_demand(self) -> bool:
        """A 整改要求 without a 整改结果."""
        return bool(self.demands.strip()) and not self.results.strip()


@dataclass(frozen=True)
class ProgressReport:
    """A 通报 issued: its period and the days it covers (inclusive)."""

    period: Period
    start: str
    end: str
    issued_at: str
    doc_no: str = ""
    findings: str = "[]"
    """The check's findings when it was issued (JSON ``[[severity, rule, unit, field], …]``), so the
    next 通报 can say which were opened and which closed."""
    id: int | None = None
