"""``sydw`` commands about checking and the record: rules, check, params, log."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SydwError
from .common import Add, Declare, out, out_json, parse_date, report

if TYPE_CHECKING:
    from ..model import ChangeEntry, Snapshot


def cmd_rules(args: argparse.Namespace) -> int:
    from ..rules import catalogue_json, catalogue_text, load_catalogue

    catalogue = load_catalogue()
    if args.json:
        out_json({"rules_version": catalogue.version, "rules": catalogue_json(catalogue)})
    else:
        out(catalogue_text(catalogue))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..league.facts import league_snapshot
    from ..report import format_report
    from ..rules import run_checks
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:  # an upper office's with its subordinates
        snapshot = league_snapshot(ws, args.as_of)
    report = run_checks(snapshot, as_of=args.as_of)
    if args.documents:  # also the doc.* lint, which export and pack run over the filled documents
        import dataclasses

        from ..documents.export import lint_snapshot

        report = dataclasses.replace(report, findings=report.findings + tuple(lint_snapshot(snapshot).findings))
    if args.json:
        out_json(report.to_json())
    else:
        out(format_report(report))
    return 1 if report.has_errors else 0


def cmd_params(args: argparse.Namespace) -> int:
    from ..model import ParamOverride
    from ..rules import effective_params, load_catalogue, validate_override
    from ..workspace import Workspace

    catalogue = load_catalogue()
    as_of = args.as_of or date.today()
    if args.set:
        rule_param, _, raw = args.set.partition("=")
        rule_id, _, param = rule_param.rpartition(".")
        if not raw or not rule_id:
            raise SydwError(f"--set 应写作 规则编号.参数=值，例如 plan.min_unit_size.T=6，而不是“{args.set}”。")
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, RecursionError):
            value = raw
        value = validate_override(rule_id, param, value)
        effective = (args.effective_from or date.today()).isoformat()
        with Workspace.open(Path(args.workspace)) as ws:
            ws.add_param_override(
                ParamOverride(rule_id, param, value, effective, doc_no=args.doc_no or "", reason=args.reason or "")
            )
        out(f"已设置 {rule_id} 的参数 {param} = {json.dumps(value, ensure_ascii=False)}，自 {effective} 起生效。")
        return 0
    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        snap = ws.snapshot()
    rows = {r.id: effective_params(catalogue, snap, r.id, as_of) for r in catalogue.rules}
    data = {"as_of": as_of.isoformat(), "params": rows, "overrides": [o.__dict__ for o in snap.param_overrides]}
    return report(args, data, _params_lines(snap, rows, as_of))


def _params_lines(snap: Snapshot, rows: dict[str, dict[str, Any]], as_of: date) -> Iterator[str]:
    yield f"规则参数（{snap.jurisdiction.name}，{snap.jurisdiction.level.value}，截至 {as_of.isoformat()}）："
    for rule_id, params in rows.items():
        if params:
            text = "，".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())
            yield f"  {rule_id}：{text}"
    if snap.param_overrides:
        yield "本辖区的调整记录："
        for o in snap.param_overrides:
            yield (f"  {o.effective_from} {o.rule}.{o.param} = {json.dumps(o.value, ensure_ascii=False)}"
                   f"  {o.doc_no}  {o.reason}（{o.author}，{o.created_at}）")


def cmd_log(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        entries = ws.changelog(limit=args.limit)
    return report(args, [e.__dict__ for e in entries], map(_log_line, reversed(entries)))


def _log_line(e: ChangeEntry) -> str:
    change = f"{e.old} → {e.new}" if e.old or e.new else ""
    doc = f"  〔{e.doc_no}〕" if e.doc_no else ""
    return f"{e.at}  {e.user}  {e.operation}  {e.entity_name} {e.field} {change}{doc}".rstrip()


# -- declarations ------------------------------------------------------------------------------


def declare_rules(add: Add) -> None:
    p = add("rules", cmd_rules, "列出规则目录")
    p.add_argument("--json", action="store_true")


def declare_check(add: Add) -> None:
    p = add("check", cmd_check, "按全部规则检查工作区")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--json", action="store_true")
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="按该日有效的规则和参数检查")
    p.add_argument("--documents", action="store_true",
                   help="同时填充全部文书做成文检查（doc.* 规则，导出和打包时也会运行）")


def declare_params(add: Add) -> None:
    p = add("params", cmd_params, "查看或调整本辖区的规则参数")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--set", metavar="规则.参数=值", help="调整一个参数，值用 JSON 写法，如 6、true、[\"中心\"]")
    p.add_argument("--from", dest="effective_from", type=parse_date, metavar="YYYY-MM-DD",
                   help="调整的生效日期（默认今天）")
    p.add_argument("--doc-no", help="依据文号")
    p.add_argument("--reason", help="调整理由")
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="显示该日有效的参数")
    p.add_argument("--json", action="store_true")


def declare_log(add: Add) -> None:
    p = add("log", cmd_log, "显示工作区的台账（修改记录）")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--limit", type=int, help="只显示最近 N 条")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (declare_rules, declare_check, declare_params, declare_log)
