"""The nine steps computed from a real workspace: each step's condition flips when its data changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from method_helpers import demo_file_fixture, ws_fixture  # noqa: F401

from sydw_desktop.errors import ModelError
from sydw_desktop.method.model import Decision, DecisionKind, Evaluation, SandingStage
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.method.steps import STEPS, StepState, StepStatus, compute_steps
from sydw_desktop.model import Round
from sydw_desktop.vocab import Phase, RoundDirection, WorkflowStep
from sydw_desktop.workspace import Workspace

S = WorkflowStep


def by_step(ws: Workspace) -> dict[WorkflowStep, StepStatus]:
    return {s.step: s for s in compute_steps(ws)}


def test_prepare_and_design_flip_with_the_units(ws: Workspace) -> None:
    steps = by_step(ws)
    assert steps[S.PREPARE].state is StepState.DONE and steps[S.DESIGN].state is StepState.DONE
    first = ws.units(Phase.BEFORE)[0]
    ws.update_unit(first.id, uscc="12345")  # a malformed 统一社会信用代码: an error on the unit
    steps = by_step(ws)
    assert steps[S.PREPARE].state is StepState.IN_PROGRESS
    assert steps[S.PREPARE].missing == ("改革前单位信息有 1 条“错误”待改",)
    assert steps[S.DESIGN].state is StepState.BLOCKED
    assert "须先完成第1步“前期准备”" in steps[S.DESIGN].missing
    ws.undo()
    ws.update_unit(first.id, disposition=None, destination=None)
    steps = by_step(ws)
    assert steps[S.PREPARE].state is StepState.DONE
    assert f"1 个改革前单位未确定改革方式：{first.name}" in steps[S.DESIGN].missing
    ws.undo()
    assert by_step(ws)[S.DESIGN].state is StepState.DONE


def test_approval_needs_the_committee_and_an_approved_round(ws: Workspace) -> None:
    records = MethodRecords(ws)
    approval = by_step(ws)[S.APPROVAL]
    assert approval.state is StepState.IN_PROGRESS
    assert approval.missing == ("第1轮被退回修改，尚未重新上报",)  # the demo's 编委会议 is recorded
    committee = next(d for d in records.decisions() if d.kind is DecisionKind.COMMITTEE)
    records.delete_decision(committee.id)
    assert by_step(ws)[S.APPROVAL].missing == ("决策程序尚未登记编委会议", "第1轮被退回修改，尚未重新上报")
    records.add_decision(Decision(DecisionKind.COMMITTEE, "2026-11-15", "示编委〔2026〕7号", "同意"))
    ws.add_round(Round(2, RoundDirection.UP, "2026-11-20"))
    assert by_step(ws)[S.APPROVAL].missing == ("第2轮已于 2026-11-20 上报，等待上级同意",)
    ws.add_round(Round(2, RoundDirection.APPROVED, "2026-11-28"))
    approval = by_step(ws)[S.APPROVAL]
    assert (approval.state, approval.done_on, approval.missing) == (StepState.DONE, "2026-11-28", ())


def test_a_manual_step_is_marked_with_date_and_doc_no_in_the_ledger(ws: Workspace) -> None:
    records = MethodRecords(ws)
    assert by_step(ws)[S.MOBILISE].state is StepState.NOT_STARTED
    records.mark_step(S.MOBILISE, "2026-12-01", "示编发[2026]9号", "全旗动员部署会")
    mobilise = by_step(ws)[S.MOBILISE]
    assert (mobilise.state, mobilise.done_on) == (StepState.DONE, "2026-12-01")
    entry = ws.changelog(1)[0]
    assert (entry.operation, entry.entity_name, entry.new, entry.doc_no) == (
        "标记“动员部署”完成", "动员部署", "2026-12-01 示编发〔2026〕9号", "示编发〔2026〕9号")
    assert records.step_marks()[S.MOBILISE].note == "全旗动员部署会"
    records.unmark_step(S.MOBILISE)
    assert by_step(ws)[S.MOBILISE].state is StepState.NOT_STARTED
    with pytest.raises(ModelError, match="由系统根据工作区的数据判断"):
        records.mark_step(S.SANDING_REVIEW, "2026-12-01")
    with pytest.raises(ModelError, match="不是有效日期"):
        records.mark_step(S.TRAINING, "2026-02-30")
    with pytest.raises(ModelError, match="六角括号"):
        records.mark_step(S.TRAINING, "2026-12-02", "示编发2026年9号")


def test_sanding_review_is_done_when_every_sanding_is_published(ws: Workspace) -> None:
    records = MethodRecords(ws)
    after = ws.units(Phase.AFTER)
    with ws.batch("审定发布"):
        for i, u in enumerate(after):
            records.set_stage(u.id, SandingStage.DRAFTING, "2026-10-10")
            records.set_stage(u.id, SandingStage.PUBLISHED, f"2026-11-{10 + i % 15:02d}")
    review = by_step(ws)[S.SANDING_REVIEW]
    assert (review.state, review.done_on) == (StepState.DONE, "2026-11-24")
    records.clear_stage(after[0].id, SandingStage.PUBLISHED)
    review = by_step(ws)[S.SANDING_REVIEW]
    assert review.state is StepState.IN_PROGRESS
    assert review.missing == (f"1 个单位的“三定”未到审定发布：{after[0].name}（审核协调）",)
    with pytest.raises(ModelError, match="早于上一步"):
        records.set_stage(after[0].id, SandingStage.PUBLISHED, "2026-10-01")
    with pytest.raises(ModelError, match="晚于下一步"):
        records.set_stage(after[1].id, SandingStage.DESIGN, "2026-12-01")


def test_transfers_operation_and_evaluation_flip_and_block(ws: Workspace) -> None:
    records = MethodRecords(ws)
    sources = sorted({t.source for t in ws.transfers()})
    after = ws.units(Phase.AFTER)
    with ws.batch("确认转隶"):
        for unit_id in sources:
            records.confirm_transfers(unit_id, "2026-12-02")
    transfer = by_step(ws)[S.TRANSFER]
    assert (transfer.state, transfer.done_on) == (StepState.DONE, "2026-12-02")
    records.set_running(after[0].id, "2026-12-03")
    operation = by_step(ws)[S.OPERATION]
    assert operation.state is StepState.BLOCKED  # begun, but the 三定 are not all published
    assert operation.missing[-1] == "须先完成第6步“三定”审理"
    with ws.batch("运行"):
        for u in after:
            records.set_running(u.id, "2026-12-03")
    operation = by_step(ws)[S.OPERATION]  # its own conditions hold: done, whatever came before
    assert (operation.state, operation.done_on) == (StepState.DONE, "2026-12-03")
    with ws.batch("清空示例的评估"):
        for e in records.evaluations():
            records.delete_evaluation(e.id)
    needed = -(-len(after) * 8 // 10)  # 80 %, rounded up
    with ws.batch("评估"):
        for u in after[:needed - 1]:
            records.add_evaluation(Evaluation(u.id, "2026-12-10", duties="正常履职"))
    evaluation = by_step(ws)[S.EVALUATION]
    assert evaluation.missing[0] == (f"已评估 {needed - 1}/{len(after)} 个单位（{(needed - 1) / len(after):.1%}），"
                                     "目标 80%")
    records.add_evaluation(Evaluation(after[needed - 1].id, "2026-12-11", duties="正常履职",
                                      demands="补齐内设机构负责人"))
    evaluation = by_step(ws)[S.EVALUATION]
    assert evaluation.missing[0] == "1 条整改要求尚无整改结果"


def test_a_deleted_units_records_are_not_counted(ws: Workspace) -> None:
    records = MethodRecords(ws)
    unit = ws.units(Phase.AFTER)[-1]
    before = len(records.evaluations())
    records.add_evaluation(Evaluation(unit.id, "2026-12-10", duties="正常履职"))
    assert len(records.evaluations()) == before + 1
    ws.delete_unit(unit.id)
    assert len(records.evaluations()) == before
    ws.undo()
    assert len(records.evaluations()) == before + 1


def test_cli_steps_json_is_the_issue_contract(demo_file: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "sydw_desktop", "steps", str(demo_file), "--json"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    steps = json.loads(run.stdout)
    assert [s["name"] for s in steps] == [d.step.value for d in STEPS]
    assert all(set(s) == {"step", "name", "state", "missing", "done_on"} for s in steps)
    assert [s["step"] for s in steps] == list(range(1, 10))
    assert {s["state"] for s in steps} <= {"done", "in_progress", "blocked", "not_started"}


def test_cli_marks_a_manual_step_and_refuses_bad_input(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "ws.sydw"
    shutil.copy(demo_file, path)
    cmd = [sys.executable, "-m", "sydw_desktop", "steps", str(path)]
    bad = subprocess.run([*cmd, "--done", "三定审理"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "--done 应为要标记完成的步骤名称" in bad.stderr
    ok = subprocess.run([*cmd, "--done", "培训指导", "--date", "2026-12-05", "--doc-no", "示编发〔2026〕10号"],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "5. 培训指导：已完成（2026-12-05）" in ok.stdout
