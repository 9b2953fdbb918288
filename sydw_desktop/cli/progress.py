"""``sydw`` commands carrying progress between levels (issue 17 item 4): progress-pack (a
subordinate's 进度报送包), progress-import (the upper office takes it in), step-dates (the step
dates the upper office sets)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..errors import SydwError
from .common import Add, Declare, extra_trust, parse_date, report, signing_identity


def cmd_progress_pack(args: argparse.Namespace) -> int:
    from ..method.model import Period
    from ..packets.progress_pack import progress_pack

    try:
        period = Period.parse(args.period)
    except ValueError:
        raise SydwError(f"--period 应为 周、旬 或 月，而不是“{args.period}”。") from None
    identity = signing_identity(args)
    result = progress_pack(Path(args.workspace), identity, Path(args.out), period=period,
                           end=args.end or date.today(), to_code=args.to, overwrite=args.force)
    info = result.to_json()
    p = info["period"]
    return report(args, info, [
        f"已生成进度报送包：{result.path}（发往 {result.to_code}）",
        f"  {result.bag}：截至 {info['as_of']}，九步已完成 {info['steps_done']} 步；附{p['kind']}通报（{p['start']} 至 {p['end']}）",
        f"  SHA-256：{result.sha256}",
        "  已从目标位置读回并完整校验。",
    ])


def declare_progress_pack(add: Add) -> None:
    p = add("progress-pack", cmd_progress_pack,
            "生成进度报送包：九步进度、“三定”审理、督查评估覆盖率、决策程序和本期通报，签名后报上级")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--period", required=True, help="周、旬 或 月")
    p.add_argument("--key", "--identity", dest="key", required=True, metavar="KEY.p12", help="本机关的签名身份")
    p.add_argument("--out", required=True, metavar="PROGRESS.zip")
    p.add_argument("--to", metavar="CODE", help="收件机关的行政区划代码（默认本级的上级）")
    p.add_argument("--end", type=parse_date, metavar="YYYY-MM-DD", help="本期截止日期（默认今天）")
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖（新文件校验通过后才替换）")
    p.add_argument("--json", action="store_true")


def cmd_progress_import(args: argparse.Namespace) -> int:
    from ..packets.progress_import import progress_import

    extra = extra_trust(args)
    result = progress_import(Path(args.workspace), Path(args.packet), extra_trust=extra)
    p = result.progress
    return report(args, {"region_code": p.region_code, "name": p.name, "as_of": p.as_of, "packet_id": p.packet_id,
                         "period": p.method.get("period"), "steps": p.method["steps"]}, result.summary_lines())


def declare_progress_import(add: Add) -> None:
    p = add("progress-import", cmd_progress_import, "上级导入下级的进度报送包：校验后记录其工作进度")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("packet", metavar="PROGRESS.zip")
    p.add_argument("--trust", action="append", metavar="CERT.pem", help="下级编办的证书（另加信任列表）；可重复")
    p.add_argument("--json", action="store_true")


def _due(text: str) -> tuple[str, str]:
    step, sep, day = text.partition("=")
    if not sep or not step.strip() or not day.strip():
        raise argparse.ArgumentTypeError(f"“{text}”应写作 步骤序号=日期，如 6=2026-12-31")
    return step.strip(), day.strip()


def cmd_step_dates(args: argparse.Namespace) -> int:
    from ..method.upper import UpperRecords, step_number
    from ..workspace import Workspace

    changing = bool(args.set or args.clear)
    with Workspace.open(Path(args.workspace), readonly=not changing) as ws:
        records = UpperRecords(ws)
        if changing:
            numbers = [step_number(step) for step, _day in args.set or []]
            twice = sorted({n for n in numbers if numbers.count(n) > 1})
            if twice:  # the last would win silently and the count would say more than was set
                raise SydwError(f"第{'、'.join(map(str, twice))}步的完成时限写了不止一次，请每步只写一次。")
            dues = {step_number(step): day for step, day in args.set or []}
            clear = tuple(step_number(s) for s in args.clear or [])
            records.set_dues(dues, args.doc_no or "", clear)
        dues_now = records.step_dues()
    lines = [f"第{d.step}步 {d.name}：{d.due_on}" + (f"（{d.doc_no}）" if d.doc_no else "") for d in dues_now.values()]
    if not dues_now:
        lines.insert(0, "尚未设定任何步骤的完成时限。")
    if changing:
        lines.insert(0, f"已设定 {len(args.set or [])} 项、取消 {len(args.clear or [])} 项完成时限（记入台账，可撤销）。")
    return report(args, [{"step": d.step, "name": d.name, "due_on": d.due_on, "doc_no": d.doc_no}
                         for d in dues_now.values()], lines)


def declare_step_dates(add: Add) -> None:
    p = add("step-dates", cmd_step_dates, "上级设定九步工作法各步骤的完成时限（下级进度通报据此计算超期天数）")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--set", action="append", type=_due, metavar="N=YYYY-MM-DD", help="设定第 N 步的完成时限；可重复")
    p.add_argument("--clear", action="append", metavar="N", help="取消第 N 步的完成时限；可重复")
    p.add_argument("--doc-no", help="设定时限的通知文号，如 示盟编办发〔2026〕8号")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (declare_progress_pack, declare_progress_import, declare_step_dates)
