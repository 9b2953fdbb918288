"""Reading and writing the method's records on a workspace.

Each mutation checks its input (dates, the unit it is about) and runs as one named operation (one
transaction, one undo step) that notes its 台账 lines, like the workspace's own mutations.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..docno import normalize_doc_no
from ..errors import ModelError
from ..model import Unit
from ..store import method_queries as MQ
from ..store.changelog import now
from ..store.undo import OpChanges
from ..vocab import Disposition, Phase, WorkflowStep
from .model import (
    EVALUATION_FIELDS,
    Consultation,
    ConsultationKind,
    Decision,
    DecisionKind,
    Evaluation,
    Period,
    ProgressReport,
    SandingStage,
    StageDate,
    StepMark,
    UnitHead,
    UnitProgress,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

#: Steps done outside the program, which a clerk marks done with a date and 文号.
MANUAL_STEPS = (WorkflowStep.MOBILISE, WorkflowStep.TRAINING)


def quoted(name: str) -> str:
    """``name`` in “ ” unless it already starts with them (“三定”审理)."""
    return name if name.startswith("“") else f"“{name}”"


def cn_date(iso: str) -> str:
    """``2026-03-15`` → ``2026年3月15日`` (how a 通报 writes a day)."""
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def check_date(text: str, label: str) -> str:
    """``text`` as YYYY-MM-DD (full-width digits and / . separators tolerated), or a Chinese refusal."""
    value = text.strip().translate(str.maketrans("０１２３４５６７８９／．", "0123456789/.")).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ModelError(f"{label}“{text}”不是有效日期，应写作 2026-03-15。") from None


def _optional_date(text: str, label: str) -> str:
    return check_date(text, label) if text.strip() else ""


class MethodRecords:
    """The method's records of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- reading ----------------------------------------------------------------------------------

    def _rows(self, table: str) -> list[dict[str, Any]]:
        return self.ws.read(lambda conn: MQ.all_rows(conn, table))

    def unit_heads(self, phase: Phase) -> list[UnitHead]:
        rows = self.ws.read(lambda conn: MQ.unit_heads(conn, phase.value))
        return [UnitHead(r["id"], r["name"], None if r["disposition"] is None else Disposition(r["disposition"]))
                for r in rows]

    def transfer_counts(self) -> dict[int, int]:
        """People transferred out of each before-unit with transfers, by its id."""
        return self.ws.read(MQ.transfer_counts)

    def step_marks(self) -> dict[WorkflowStep, StepMark]:
        return {WorkflowStep(r["step"]): StepMark(**r) for r in self._rows("step_mark")}

    def stage_dates(self) -> dict[int, dict[SandingStage, StageDate]]:
        """Per after-unit id: the day its 三定 reached each step recorded."""
        found: dict[int, dict[SandingStage, StageDate]] = {}
        for r in self._rows("sanding_stage"):
            stage = SandingStage(r["stage"])
            found.setdefault(r["unit"], {})[stage] = StageDate(r["unit"], stage, r["done_on"], r["note"])
        return found

    def consultations(self, unit: int | None = None) -> list[Consultation]:
        rows = self._rows("consultation") if unit is None else self.ws.read(
            lambda conn: MQ.rows_of_unit(conn, "consultation", unit))
        return [Consultation(**{**r, "kind": ConsultationKind(r["kind"]),
                                "adopted": None if r["adopted"] is None else bool(r["adopted"])}) for r in rows]

    def decisions(self) -> list[Decision]:
        return [Decision(**{**r, "kind": DecisionKind(r["kind"])}) for r in self._rows("decision")]

    def progress(self) -> dict[int, UnitProgress]:
        return {r["unit"]: UnitProgress(**r) for r in self._rows("unit_progress")}

    def evaluations(self) -> list[Evaluation]:
        return [Evaluation(**r) for r in self._rows("evaluation")]

    def reports(self) -> list[ProgressReport]:
        return [ProgressReport(**{**r, "period": Period(r["period"])}) for r in self._rows("progress_report")]

    # -- the nine steps ---------------------------------------------------------------------------

    def mark_step(self, step: WorkflowStep, done_on: str, doc_no: str = "", note: str = "") -> OpChanges:
        """Record that a manual step (动员部署, 培训指导) is done, on ``done_on`` by ``doc_no``."""
        if step not in MANUAL_STEPS:
            raise ModelError(f"{quoted(step.value)}由系统根据工作区的数据判断，不能手工标记完成。")
        day = check_date(done_on, "完成日期")
        doc_no = normalize_doc_no(doc_no)
        with self.ws.operation(f"标记{quoted(step.value)}完成", doc_no) as tx:
            old = tx.fetch("step_mark", (step.value,))
            tx.upsert("step_mark", (step.value,), {"done_on": day, "doc_no": doc_no, "note": note.strip(),
                                                   "author": self.ws.user, "at": now()})
            tx.note("工作步骤", step.value, "完成", old["done_on"] if old else "", f"{day} {doc_no}".strip())
        return tx.changes  # type: ignore[return-value]

    def unmark_step(self, step: WorkflowStep) -> OpChanges:
        with self.ws.operation(f"取消{quoted(step.value)}完成标记") as tx:
            old = tx.delete("step_mark", (step.value,))
            if old is None:
                raise ModelError(f"{quoted(step.value)}没有完成标记。")
            tx.note("工作步骤", step.value, "完成", f"{old['done_on']} {old['doc_no']}".strip(), "")
        return tx.changes  # type: ignore[return-value]

    # -- 三定 审理 ---------------------------------------------------------------------------------

    def _after_unit(self, unit_id: int) -> Unit:
        unit = self.ws.unit(unit_id)
        if unit.phase is not Phase.AFTER:
            raise ModelError(f"“{unit.name}”是改革前单位；“三定”审理和督查评估只属于改革后单位。")
        return unit

    def set_stage(self, unit_id: int, stage: SandingStage, done_on: str, note: str = "") -> OpChanges:
        """Record the day ``unit``'s 三定 reached ``stage`` (the steps before it must have a date no later)."""
        unit = self._after_unit(unit_id)
        day = check_date(done_on, f"“{stage.value}”日期")
        dates = self.stage_dates().get(unit_id, {})
        for earlier in list(SandingStage)[: stage.order - 1]:
            if earlier in dates and dates[earlier].done_on > day:
                raise ModelError(f"“{unit.name}”的“{stage.value}”日期 {day} 早于上一步“{earlier.value}”的"
                                 f" {dates[earlier].done_on}。")
        for later in list(SandingStage)[stage.order:]:
            if later in dates and dates[later].done_on < day:
                raise ModelError(f"“{unit.name}”的“{stage.value}”日期 {day} 晚于下一步“{later.value}”的"
                                 f" {dates[later].done_on}。")
        with self.ws.operation(f"“三定”审理：{stage.value}") as tx:
            old = tx.fetch("sanding_stage", (unit_id, stage.value))
            tx.upsert("sanding_stage", (unit_id, stage.value), {"done_on": day, "note": note.strip()})
            tx.note("“三定”审理", unit.name, stage.value, old["done_on"] if old else "", day)
        return tx.changes  # type: ignore[return-value]

    def clear_stage(self, unit_id: int, stage: SandingStage) -> OpChanges:
        unit = self._after_unit(unit_id)
        with self.ws.operation(f"“三定”审理：撤销{stage.value}") as tx:
            old = tx.delete("sanding_stage", (unit_id, stage.value))
            if old is not None:
                tx.note("“三定”审理", unit.name, stage.value, old["done_on"], "")
        return tx.changes  # type: ignore[return-value]

    def add_consultation(self, c: Consultation) -> OpChanges:
        unit = self._after_unit(c.unit)
        row = self._consultation_row(c)
        with self.ws.operation(f"登记{c.kind.value}") as tx:
            tx.insert("consultation", row)
            tx.note(c.kind.value, unit.name, c.party, "", _consultation_summary(c))
        return tx.changes  # type: ignore[return-value]

    def update_consultation(self, c: Consultation) -> OpChanges:
        if c.id is None:
            raise ModelError("要修改的征求意见记录没有编号。")
        unit = self._after_unit(c.unit)
        row = self._consultation_row(c)
        with self.ws.operation(f"修改{c.kind.value}") as tx:
            old = tx.fetch("consultation", (c.id,))
            if old is None:
                raise ModelError("要修改的征求意见记录不存在。")
            tx.update("consultation", (c.id,), row)
            tx.note(c.kind.value, unit.name, c.party, old["opinion"], _consultation_summary(c))
        return tx.changes  # type: ignore[return-value]

    def delete_consultation(self, consultation_id: int) -> OpChanges:
        with self.ws.operation("删除征求意见记录") as tx:
            old = tx.delete("consultation", (consultation_id,))
            if old is None:
                raise ModelError("要删除的征求意见记录不存在。")
            tx.note(old["kind"], self.ws.unit(old["unit"]).name, old["party"], old["opinion"], "")
        return tx.changes  # type: ignore[return-value]

    def _consultation_row(self, c: Consultation) -> dict[str, Any]:
        what = "参加部门" if c.kind is ConsultationKind.MEETING else "征求意见的部门"
        if not c.party.strip():
            raise ModelError(f"请填写{what}。")
        sent = check_date(c.sent_on, "会议日期" if c.kind is ConsultationKind.MEETING else "发出日期")
        answered = _optional_date(c.answered_on, "回复日期")
        if answered and answered < sent:
            raise ModelError(f"回复日期 {answered} 早于发出日期 {sent}。")
        if c.adopted is False and not c.reason.strip():
            raise ModelError(f"“{c.party.strip()}”的意见未采纳，请写明理由。")
        return {"unit": c.unit, "kind": c.kind.value, "party": c.party.strip(), "sent_on": sent,
                "answered_on": answered, "opinion": c.opinion.strip(),
                "adopted": None if c.adopted is None else int(c.adopted), "reason": c.reason.strip()}

    # -- decisions --------------------------------------------------------------------------------

    def add_decision(self, d: Decision) -> OpChanges:
        day = check_date(d.held_on, f"{d.kind.value}日期")
        doc_no = normalize_doc_no(d.doc_no)
        with self.ws.operation(f"登记{d.kind.value}") as tx:
            tx.insert("decision", {"kind": d.kind.value, "held_on": day, "doc_no": doc_no, "result": d.result.strip()})
            tx.note("决策程序", d.kind.value, day, "", " ".join(x for x in (doc_no, d.result.strip()) if x))
        return tx.changes  # type: ignore[return-value]

    def delete_decision(self, decision_id: int) -> OpChanges:
        with self.ws.operation("删除决策程序记录") as tx:
            old = tx.delete("decision", (decision_id,))
            if old is None:
                raise ModelError("要删除的决策程序记录不存在。")
            tx.note("决策程序", old["kind"], old["held_on"], old["doc_no"] or old["result"], "")
        return tx.changes  # type: ignore[return-value]

    # -- per-unit progress: 转隶 confirmed, 运行 since --------------------------------------------

    def confirm_transfers(self, unit_id: int, day: str) -> OpChanges:
        """Confirm (or with an empty ``day`` withdraw) that a before-unit's people went where the plan says."""
        unit = self.ws.unit(unit_id)
        if unit.phase is not Phase.BEFORE:
            raise ModelError(f"“{unit.name}”是改革后单位；人员转隶在转出的改革前单位确认。")
        return self._set_progress(unit, "transfers_confirmed_on", _optional_date(day, "转隶确认日期"), "人员转隶确认")

    def set_running(self, unit_id: int, day: str) -> OpChanges:
        """Record (or with an empty ``day`` withdraw) that an after-unit runs under its new 三定 since ``day``."""
        unit = self._after_unit(unit_id)
        return self._set_progress(unit, "running_since", _optional_date(day, "运行日期"), "机构运行")

    def _set_progress(self, unit: Unit, column: str, day: str, label: str) -> OpChanges:
        assert unit.id is not None
        with self.ws.operation(f"登记{label}") as tx:
            old = tx.fetch("unit_progress", (unit.id,))
            tx.upsert("unit_progress", (unit.id,), {column: day})
            tx.note(label, unit.name, "日期", old[column] if old else "", day)
        return tx.changes  # type: ignore[return-value]

    # -- 督查评估 ----------------------------------------------------------------------------------

    def add_evaluation(self, e: Evaluation) -> OpChanges:
        unit = self._after_unit(e.unit)
        row = _evaluation_row(e)
        with self.ws.operation("登记督查评估") as tx:
            tx.insert("evaluation", row)
            tx.note("督查评估", unit.name, row["evaluated_on"], "", e.problems.strip() or "未发现问题")
        return tx.changes  # type: ignore[return-value]

    def update_evaluation(self, e: Evaluation) -> OpChanges:
        if e.id is None:
            raise ModelError("要修改的督查评估记录没有编号。")
        unit = self._after_unit(e.unit)
        row = _evaluation_row(e)
        with self.ws.operation("修改督查评估") as tx:
            old = tx.fetch("evaluation", (e.id,))
            if old is None:
                raise ModelError("要修改的督查评估记录不存在。")
            tx.update("evaluation", (e.id,), row)
            for name, label in EVALUATION_FIELDS.items():
                if old[name] != row[name]:
                    tx.note("督查评估", unit.name, label, old[name], row[name])
        return tx.changes  # type: ignore[return-value]

    def delete_evaluation(self, evaluation_id: int) -> OpChanges:
        with self.ws.operation("删除督查评估") as tx:
            old = tx.delete("evaluation", (evaluation_id,))
            if old is None:
                raise ModelError("要删除的督查评估记录不存在。")
            tx.note("督查评估", self.ws.unit(old["unit"]).name, old["evaluated_on"], "评估记录", "")
        return tx.changes  # type: ignore[return-value]

    # -- 通报 --------------------------------------------------------------------------------------

    def add_report(self, report: ProgressReport) -> OpChanges:
        start, end = check_date(report.start, "起始日期"), check_date(report.end, "截止日期")
        doc_no = normalize_doc_no(report.doc_no)
        with self.ws.operation(f"印发{report.period.value}通报", doc_no) as tx:
            tx.insert("progress_report", {"period": report.period.value, "start": start, "end": end,
                                          "issued_at": report.issued_at or now(), "doc_no": doc_no,
                                          "findings": report.findings})
            tx.note("通报", f"{report.period.value}通报", "期间", "", f"{start} 至 {end}")
        return tx.changes  # type: ignore[return-value]


def _consultation_summary(c: Consultation) -> str:
    parts = [c.sent_on, c.opinion.strip(), c.adopted_label if c.adopted is not None else ""]
    return " ".join(p for p in parts if p)


def _evaluation_row(e: Evaluation) -> dict[str, Any]:
    row: dict[str, Any] = {"unit": e.unit, "evaluated_on": check_date(e.evaluated_on, "评估日期"),
                           "evaluator": e.evaluator.strip()}
    for name in EVALUATION_FIELDS:
        row[name] = str(getattr(e, name)).strip()
    if not row["duties"]:
        raise ModelError("请填写评估的履职情况。")
    if row["results"] and not row["demands"]:
        raise ModelError("有整改结果而没有整改要求：请先填写整改要求。")
    return row
