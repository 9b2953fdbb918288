"""调度 and 通报: a period's 通报 lists exactly what changed in it (checked against the 台账), the
document and table are real; 督查评估 coverage matches the evaluations; the 编委会议 warning."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from method_helpers import demo_file_fixture, ws_fixture  # noqa: F401

from sydw_desktop.method.decisions import committee_warning, missing_kinds
from sydw_desktop.method.evaluation import coverage
from sydw_desktop.method.model import (
    Consultation,
    ConsultationKind,
    Decision,
    DecisionKind,
    Evaluation,
    Period,
    ProgressReport,
    SandingStage,
)
from sydw_desktop.method.progress_report import build_summary, period_start
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.model import Round
from sydw_desktop.vocab import Phase, RoundDirection, WorkflowStep
from sydw_desktop.workspace import Workspace

#: 台账 entity → the 通报's category, and where the line holds the day
LEDGER = {
    "工作步骤": ("工作步骤", lambda e: e.new[:10]),
    "“三定”审理": ("“三定”审理", lambda e: e.new),
    "征求意见": ("征求意见", lambda e: e.new[:10]),
    "协商会议": ("协商会议", lambda e: e.new[:10]),
    "决策程序": ("决策程序", lambda e: e.field),
    "人员转隶确认": ("人员转隶", lambda e: e.new),
    "机构运行": ("机构运行", lambda e: e.new),
    "督查评估": ("督查评估", lambda e: e.field),
}


def test_period_bounds() -> None:
    assert period_start(Period.TEN_DAYS, dt.date(2026, 12, 20)) == dt.date(2026, 12, 11)
    assert period_start(Period.TEN_DAYS, dt.date(2026, 12, 31)) == dt.date(2026, 12, 21)
    assert period_start(Period.WEEK, dt.date(2026, 12, 3)) == dt.date(2026, 11, 27)
    assert period_start(Period.MONTH, dt.date(2026, 2, 28)) == dt.date(2026, 2, 1)


def _work(ws: Workspace, day: str, n: int) -> None:
    """A day's work on the n-th units: a 三定 step, a 征求意见, a meeting, 转隶, 运行, an evaluation."""
    records = MethodRecords(ws)
    after, before = ws.units(Phase.AFTER)[n], ws.units(Phase.BEFORE)[n]
    records.set_stage(after.id, SandingStage.PUBLISHED, day)
    records.add_consultation(Consultation(after.id, ConsultationKind.OPINION, "示例旗司法局", day))
    records.add_consultation(Consultation(after.id, ConsultationKind.MEETING, "示例旗财政局", day, opinion="议定经费"))
    records.confirm_transfers(before.id, day)
    records.set_running(after.id, day)
    records.add_evaluation(Evaluation(after.id, day, duties="履职正常"))


def test_a_bulletin_lists_exactly_what_changed_in_its_period(ws: Workspace, tmp_path: Path) -> None:
    records = MethodRecords(ws)
    baseline = ws.changelog(1)[0].id
    _work(ws, "2026-12-05", 0)  # the 旬 before
    _work(ws, "2026-12-12", 1)
    _work(ws, "2026-12-20", 2)
    _work(ws, "2026-12-21", 3)  # the 旬 after
    records.add_decision(Decision(DecisionKind.COMMITTEE, "2026-12-15", "示编委〔2026〕9号", "研究调整"))
    records.mark_step(WorkflowStep.MOBILISE, "2026-12-14", "示编发〔2026〕30号")
    summary = build_summary(records, Period.TEN_DAYS, dt.date(2026, 12, 20))
    assert (summary.start, summary.end) == ("2026-12-11", "2026-12-20")
    got = sorted((e.category, e.subject, e.day) for e in summary.events)
    ledger = []
    for entry in ws.changelog():
        if entry.id <= baseline or entry.entity not in LEDGER:
            continue
        category, day_of = LEDGER[entry.entity]
        day = day_of(entry)
        if "2026-12-11" <= day <= "2026-12-20":
            ledger.append((category, entry.entity_name, day))
    assert got == sorted(ledger)
    assert len(got) == 2 * 6 + 2
    assert [s.step for s in summary.advanced] == [WorkflowStep.MOBILISE]
    transferred = sum(t.count for t in ws.transfers() if t.source in {ws.units(Phase.BEFORE)[i].id for i in (1, 2)})
    assert summary.people_transferred == transferred
    assert summary.stage_reached["审定发布"] == 2
    decision = next(e for e in summary.events if e.category == "决策程序")
    assert decision.text == "研究调整（示编委〔2026〕9号）"  # what was decided, then the minutes' 文号


def test_the_next_bulletin_starts_after_the_last_and_says_what_opened_and_closed(
        demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "ws.sydw"
    shutil.copy(demo_file, path)
    cmd = [sys.executable, "-m", "sydw_desktop", "report", str(path), "--period", "月"]
    first = subprocess.run([*cmd, "--to", "2026-12-10", "--out", str(tmp_path / "通报1.pdf"),
                            "--doc-no", "示编办发〔2026〕30号"], capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "通报1.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())  # the title may wrap across lines
    assert "关于示例旗事业单位改革工作进展情况的月通报" in flat and "示编办发〔2026〕30号" in flat and "一、总体进展" in flat
    fonts = subprocess.run(["pdffonts", str(tmp_path / "通报1.pdf")], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    book = openpyxl.load_workbook(tmp_path / "通报1.xlsx")
    assert book.sheetnames == ["进展明细", "九步进度", "三定审理"]
    assert [c.value for c in book["九步进度"][3]][:2] == ["1. 前期准备", "已完成"]
    with Workspace.open(path) as ws:
        [issued] = MethodRecords(ws).reports()
        assert (issued.period, issued.start, issued.end, issued.doc_no) == (
            Period.MONTH, "2026-12-01", "2026-12-10", "示编办发〔2026〕30号")
        unit = ws.units(Phase.BEFORE)[0]
        ws.update_unit(unit.id, uscc="12345")  # opens an error finding
    second = subprocess.run([*cmd, "--to", "2026-12-31", "--json"], capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    data = json.loads(second.stdout)
    assert (data["start"], data["end"]) == ("2026-12-11", "2026-12-31")
    assert (data["findings_opened"], data["findings_closed"]) == (1, 0)


def test_coverage_figures_match_the_evaluations(ws: Workspace) -> None:
    records = MethodRecords(ws)
    after = ws.units(Phase.AFTER)
    cov = coverage(after, records.evaluations())
    assert (cov.evaluated, cov.reformed, cov.open_demands, cov.met) == (3, 35, 1, False)
    evaluated = {e.unit for e in records.evaluations()}
    fresh = [u for u in after if u.id not in evaluated]
    with ws.batch("评估"):
        for u in fresh[:25]:
            records.add_evaluation(Evaluation(u.id, "2026-12-10", duties="履职正常"))
        records.add_evaluation(Evaluation(fresh[0].id, "2026-12-20", duties="复查"))  # a unit counts once
    cov = coverage(after, records.evaluations())
    assert (cov.evaluated, cov.share, cov.met) == (28, 0.8, True)
    assert cov.text() == "已评估 28/35 个单位（80.0%），目标 80%"
    media = next(e for e in records.evaluations() if e.open_demand)
    records.update_evaluation(Evaluation(**{**media.__dict__, "results": "已修订内部职责分工"}))
    assert coverage(after, records.evaluations()).open_demands == 0


def test_the_committee_warning_when_packing_before_the_committee() -> None:
    committee = Decision(DecisionKind.COMMITTEE, "2026-10-21", "示编委〔2026〕5号")
    up = Round(1, RoundDirection.UP, "2026-10-28")
    assert "还没有登记编委会议" in committee_warning([], [up], "2026-10-28")
    assert committee_warning([committee], [up], "2026-10-20") == (
        "登记的编委会议日期 2026-10-21 晚于报批日期 2026-10-20：方案应在编委会议研究后报批。")
    assert committee_warning([committee], [up], "2026-10-28") is None
    assert committee_warning([], [up, Round(1, RoundDirection.APPROVED, "2026-11-01")], "2026-11-02") is None
    assert missing_kinds([committee]) == [DecisionKind.OFFICE, DecisionKind.GROUP, DecisionKind.PARTY]


def test_reports_are_recorded_and_refuse_bad_dates(ws: Workspace) -> None:
    records = MethodRecords(ws)
    with pytest.raises(Exception, match="不是有效日期"):
        records.add_report(ProgressReport(Period.WEEK, "2026-12-01", "2026-12-32", ""))


def test_sydw_pack_is_warned_from_the_workspace_file(demo_file: Path, tmp_path: Path) -> None:
    from sydw_desktop.method.decisions import workspace_committee_warning

    path = tmp_path / "ws.sydw"
    shutil.copy(demo_file, path)
    assert workspace_committee_warning(path, "2026-12-01") is None  # the demo's 编委会议 is recorded
    with Workspace.open(path) as ws:
        records = MethodRecords(ws)
        records.delete_decision(next(d.id for d in records.decisions() if d.kind is DecisionKind.COMMITTEE))
    assert "还没有登记编委会议" in workspace_committee_warning(path, "2026-12-01")


def test_cli_evaluations_and_sanding_review_json(demo_file: Path, tmp_path: Path) -> None:
    def run(*args: str) -> object:
        done = subprocess.run([sys.executable, "-m", "sydw_desktop", *args], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    data = run("evaluations", str(demo_file), "--json")
    assert data["coverage"] == {"evaluated": 3, "reformed": 35, "share": 0.0857, "target": 0.8,
                                "open_demands": 1, "met": False}
    assert [e["unit"] for e in data["evaluations"]] == ["示例旗融媒体中心", "示例旗政务服务中心", "示例旗农牧业技术推广中心"]
    rows = run("sanding-review", str(demo_file), "--json", "--out", str(tmp_path / "审理.xlsx"))
    assert len(rows) == 35 and (tmp_path / "审理.xlsx").exists()
    media = next(r for r in rows if r["unit"] == "示例旗融媒体中心")
    assert media["stage"] == "审核协调" and len(media["consultations"]) == 3
    assert media["consultations"][1]["adopted"] is False


def test_the_method_commands_have_help() -> None:
    from sydw_desktop.cli import build_parser

    parser = build_parser()
    text = parser.format_help()  # every sub-command's help is %-formatted here
    for command in ("steps", "sanding-review", "report", "evaluations"):
        assert command in text
        with pytest.raises(SystemExit) as exited:
            parser.parse_args([command, "--help"])
        assert exited.value.code == 0
