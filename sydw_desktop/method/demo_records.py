"""The demo's method records (``"method"`` in ``resources/demo/示例旗.json``), written through
:class:`.records.MethodRecords` as a clerk's entries would be. Units are named; a name the data
does not hold is a broken installation, reported, never skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import SydwError
from ..vocab import Phase, WorkflowStep
from .model import Consultation, ConsultationKind, Decision, DecisionKind, Evaluation, SandingStage
from .records import MethodRecords

if TYPE_CHECKING:
    from ..workspace import Workspace


def rename_unit(method: dict[str, Any], old: str, new: str) -> None:
    """Follow an after-unit's renaming (the training variant's planted problems) in the records."""
    for stage in method.get("stages", []):
        if stage[0] == old:
            stage[0] = new
    for item in (*method.get("consultations", []), *method.get("evaluations", [])):
        if item["unit"] == old:
            item["unit"] = new


def fill_method(ws: Workspace, method: dict[str, Any]) -> None:
    records = MethodRecords(ws)

    def unit_id(name: str) -> int:
        unit = ws.find_unit(Phase.AFTER, name)
        if unit is None or unit.id is None:
            raise SydwError(f"示例数据的改革工作记录引用了不存在的改革后单位“{name}”，程序安装不完整。")
        return unit.id

    for d in method.get("decisions", []):
        records.add_decision(Decision(DecisionKind(d["kind"]), d["held_on"], d["doc_no"], d["result"]))
    for m in method.get("step_marks", []):
        records.mark_step(WorkflowStep(m["step"]), m["done_on"], m["doc_no"], m.get("note", ""))
    for name, stage, day in method.get("stages", []):
        records.set_stage(unit_id(name), SandingStage(stage), day)
    for c in method.get("consultations", []):
        records.add_consultation(Consultation(
            unit=unit_id(c["unit"]), kind=ConsultationKind(c["kind"]), party=c["party"], sent_on=c["sent_on"],
            answered_on=c["answered_on"], opinion=c["opinion"], adopted=c["adopted"], reason=c["reason"]))
    for e in method.get("evaluations", []):
        records.add_evaluation(Evaluation(**{**e, "unit": unit_id(e["unit"])}))
