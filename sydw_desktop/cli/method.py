"""``sydw`` commands about the method (issue 17): steps, review-table, report."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import SydwError
from .common import Add, out, parse_date, report


def cmd_steps(args: argparse.Namespace) -> int:
    from ..method.records import MANUAL_STEPS, MethodRecords
    from ..method.steps import compute_steps
    from ..vocab import WorkflowStep
    from ..workspace import Workspace

    if args.done is not None:
        try:
            step = WorkflowStep.parse(args.done)
        except ValueError:
            names = "、".join(s.value for s in MANUAL_STEPS)
            raise SydwError(f"--done 应为要标记完成的步骤名称（{names}），而不是“{args.done}”。") from None
        if not args.date:
            raise SydwError("标记步骤完成需要 --date（完成日期，如 2026-12-01）。")
        with Workspace.open(Path(args.workspace)) as ws:
            MethodRecords(ws).mark_step(step, args.date, args.doc_no or "", args.note or "")
        out(f"已标记“{step.value}”于 {args.date} 完成。")
    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        steps = compute_steps(ws)
    return report(args, [s.to_json() for s in steps], _step_lines(steps))


def _step_lines(steps: list[Any]) -> Iterator[str]:
    for s in steps:
        done = f"（{s.done_on}）" if s.done_on else ""
        yield f"{s.number}. {s.step.value}：{s.state.label}{done}"
        for reason in s.missing:
            yield f"   - {reason}"


def declare_steps(add: Add) -> None:
    p = add("steps", cmd_steps, "九步工作法：按工作区的数据列出每一步已完成、进行中、受阻或未开始，以及还缺什么")
    p.add_argument("workspace", help="工作区文件（.sydw）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--done", metavar="步骤", help="先把手工步骤（动员部署、培训指导）标记为完成（记入台账）")
    p.add_argument("--date", help="与 --done 同用：完成日期 YYYY-MM-DD")
    p.add_argument("--doc-no", help="与 --done 同用：依据文号，如 示编发〔2026〕12号")
    p.add_argument("--note", help="与 --done 同用：备注")


def cmd_sanding_review(args: argparse.Namespace) -> int:
    from ..method.model import SandingStage
    from ..method.records import MethodRecords
    from ..method.review_table import review_rows, stage_counts, write_review_workbook
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        records = MethodRecords(ws)
        rows = review_rows(records)
        if args.out:
            write_review_workbook(records, Path(args.out))
    report(args, [{
        "unit": r.unit.name, "stage": r.stage.value if r.stage else None,
        "dates": {s.value: r.date(s) for s in SandingStage if r.date(s)},
        "consultations": [{"kind": c.kind.value, "party": c.party, "sent_on": c.sent_on,
                           "answered_on": c.answered_on or None, "opinion": c.opinion,
                           "adopted": c.adopted, "reason": c.reason} for c in r.consultations],
    } for r in rows], [
        "按当前步骤：" + "；".join(f"{k} {v} 个" for k, v in stage_counts(rows).items() if v),
        *(f"{r.unit.name}：{r.stage_label}" + (f"（征求意见 {len(r.consultations)} 条）" if r.consultations else "")
          for r in rows),
    ])
    if args.out:
        out(f"已导出“三定”审理情况表：{args.out}", err=args.json)
    return 0


def declare_sanding_review(add: Add) -> None:
    p = add("sanding-review", cmd_sanding_review,
            "“三定”审理情况：每个改革后单位的“三定”到了六步中的哪一步，以及征求意见和协商记录")
    p.add_argument("workspace", help="工作区文件（.sydw）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--out", metavar="文件.xlsx", help="导出“三定”审理情况表（Excel，含征求意见和协商记录）")


def cmd_report(args: argparse.Namespace) -> int:
    from ..method.bulletin import write_bulletin
    from ..method.model import Period, ProgressReport
    from ..method.progress_report import build_summary, summary_lines
    from ..method.records import MethodRecords
    from ..rules import run_checks
    from ..workspace import Workspace

    try:
        period = Period.parse(args.period)
    except ValueError:
        raise SydwError(f"--period 应为 周、旬 或 月，而不是“{args.period}”。") from None
    end = args.to or date.today()
    with Workspace.open(Path(args.workspace), readonly=args.out is None) as ws:
        records = MethodRecords(ws)
        checked = run_checks(ws.snapshot(), as_of=end)
        summary = build_summary(records, period, end, checked)
        if args.out is not None:
            pdf = Path(args.out)
            office = f"{ws.jurisdiction().name}机构编制委员会办公室"
            result = write_bulletin(summary, pdf, office=office, doc_no=args.doc_no or "",
                                    xlsx_path=pdf.with_suffix(".xlsx"))
            records.add_report(ProgressReport(period, summary.start, summary.end, "", args.doc_no or "",
                                              summary.findings_json))
    report(args, {"period": period.value, "start": summary.start, "end": summary.end,
                  "steps_done": [s.step.value for s in summary.advanced],
                  "sanding_by_step": summary.stage_counts, "sanding_reached": summary.stage_reached,
                  "findings_opened": len(summary.opened), "findings_closed": len(summary.closed),
                  "people_transferred": summary.people_transferred,
                  "events": [{"day": e.day, "category": e.category, "subject": e.subject, "text": e.text}
                             for e in summary.events],
                  "subordinates": None if summary.subordinates is None else summary.subordinates.to_json()},
           summary_lines(summary))
    if args.out is not None:
        out(f"已写出通报（{result.pages} 页）：{result.pdf}；明细表：{result.xlsx}", err=args.json)
        for warning in result.warnings:
            out(f"注意：{warning}", err=True)
    return 0


def declare_report(add: Add) -> None:
    p = add("report", cmd_report, "调度和通报：一个周期（周、旬、月）内的进展；--out 写出通报（PDF）和明细表（Excel）")
    p.add_argument("workspace", help="工作区文件（.sydw）")
    p.add_argument("--period", required=True, help="周、旬 或 月")
    p.add_argument("--to", type=parse_date, help="截止日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--out", metavar="通报.pdf", help="写出通报 PDF，同名 .xlsx 为明细表；并记入工作区，下次通报从此接续")
    p.add_argument("--doc-no", help="通报的发文字号，如 示编办发〔2026〕30号")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_evaluations(args: argparse.Namespace) -> int:
    from ..method.evaluation import coverage
    from ..method.model import EVALUATION_FIELDS
    from ..method.records import MethodRecords
    from ..vocab import Phase
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        records = MethodRecords(ws)
        after = records.unit_heads(Phase.AFTER)
        evaluations = records.evaluations()
    names = {u.id: u.name for u in after}
    cov = coverage(after, evaluations)
    return report(args, {"coverage": cov.to_json(), "evaluations": [
        {"unit": names.get(e.unit), "evaluated_on": e.evaluated_on, "evaluator": e.evaluator,
         **{name: getattr(e, name) for name in EVALUATION_FIELDS}} for e in evaluations]}, [
        cov.text() + ("，已达到。" if cov.met else "，尚未达到。"),
        *([f"{cov.open_demands} 条整改要求尚无整改结果。"] if cov.open_demands else []),
        *(f"{e.evaluated_on} {names.get(e.unit)}：" + "；".join(p.rstrip("。") for p in _evaluation_parts(e)) + "。"
          for e in evaluations),
    ])


def _evaluation_parts(e: Any) -> list[str]:
    return [e.problems or "未发现问题", *(f"{label}：{text}" for label, text in
                                      (("整改要求", e.demands), ("整改结果", e.results)) if text)]


def declare_evaluations(add: Add) -> None:
    p = add("evaluations", cmd_evaluations, "督查评估：评估记录和覆盖率（已评估的改革后单位占全部改革后单位的比例，目标八成以上）")
    p.add_argument("workspace", help="工作区文件（.sydw）")
    p.add_argument("--json", action="store_true", help="输出 JSON")


COMMANDS = (declare_steps, declare_sanding_review, declare_report, declare_evaluations)
