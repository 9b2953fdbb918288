"""The ``sydw`` command line (interfaces.md §1). Messages are Chinese; ``--json`` keys English.

Exit codes: 0 success; 1 the job was refused on its merits (error findings, an invalid packet);
2 bad input or an unreadable/unwritable file. No traceback reaches the user: unexpected errors are
written to the log file and reported in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from .errors import SydwError
from .logs import log_exception
from .model import Jurisdiction
from .vocab import Level

Handler = Callable[[argparse.Namespace], int]


def _print(text: str = "", *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 YYYY-MM-DD") from None


# -- commands ----------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import write_demo

    write_demo(Path(args.out), flawed=args.flawed)
    kind = "带训练问题的示例工作区" if args.flawed else "示例工作区"
    _print(f"已写入{kind}：{args.out}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .workspace import Workspace

    jurisdiction = Jurisdiction(
        name=args.name,
        code=args.code,
        level=Level.parse(args.level),
        unit_cap=args.unit_cap,
        staff_cap=args.staff_cap,
    )
    Workspace.create(Path(args.out), jurisdiction).close()
    _print(f"已新建工作区：{args.out}（{jurisdiction.name}，{jurisdiction.level.value}，{jurisdiction.code}）")
    return 0


def cmd_import_units(args: argparse.Namespace) -> int:
    from .workbook import import_workbook_with_notes, read_workbook
    from .workspace import Workspace

    book = Path(args.book)
    contents = read_workbook(book)  # checked completely before the workspace is opened
    with Workspace.open(Path(args.workspace)) as ws:
        _, notes = import_workbook_with_notes(ws, book, contents=contents)
    for note in notes:
        _print(f"提示：{note}")
    plan = contents.plan
    _print(f"已导入：改革前单位 {len(plan.before)} 个，改革后单位 {len(plan.after)} 个，人员转隶 {len(plan.transfers)} 条。")
    return 0


def cmd_export_units(args: argparse.Namespace) -> int:
    from .workbook import write_plan
    from .workspace import Workspace

    out, workspace = Path(args.out), Path(args.workspace)
    if out.exists() and out.resolve() == workspace.resolve():
        raise SydwError(f"导出文件“{out}”就是工作区文件本身，不会覆盖。请换一个文件名（.xlsx）。")
    if out.exists() and not args.force:
        raise SydwError(f"文件“{out}”已存在，不会覆盖（如需覆盖请加 --force）。")
    with Workspace.open(workspace, readonly=True) as ws:
        write_plan(out, ws.snapshot())
    _print(f"已导出清单和方案：{out}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from .workbook import write_template

    out = Path(args.out)
    if out.exists() and not args.force:
        raise SydwError(f"文件“{out}”已存在，不会覆盖（如需覆盖请加 --force）。")
    write_template(out)
    _print(f"已写入导入模板：{out}")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    from .rules import catalogue_json, catalogue_text, load_catalogue

    catalogue = load_catalogue()
    if args.json:
        _print_json({"rules_version": catalogue.version, "rules": catalogue_json(catalogue)})
    else:
        _print(catalogue_text(catalogue))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .report import format_report
    from .rules import run_checks
    from .workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        report = run_checks(ws.snapshot(), as_of=args.as_of)
    if args.json:
        _print_json(report.to_json())
    else:
        _print(format_report(report))
    return 1 if report.has_errors else 0


def cmd_params(args: argparse.Namespace) -> int:
    from .model import ParamOverride
    from .rules import effective_params, load_catalogue, validate_override
    from .workspace import Workspace

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
        _print(f"已设置 {rule_id} 的参数 {param} = {json.dumps(value, ensure_ascii=False)}，自 {effective} 起生效。")
        return 0
    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        snap = ws.snapshot()
    rows = {r.id: effective_params(catalogue, snap, r.id, as_of) for r in catalogue.rules}
    if args.json:
        _print_json({"as_of": as_of.isoformat(), "params": rows,
                     "overrides": [o.__dict__ for o in snap.param_overrides]})
        return 0
    _print(f"规则参数（{snap.jurisdiction.name}，{snap.jurisdiction.level.value}，截至 {as_of.isoformat()}）：")
    for rule_id, params in rows.items():
        if params:
            text = "，".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())
            _print(f"  {rule_id}：{text}")
    if snap.param_overrides:
        _print("本辖区的调整记录：")
        for o in snap.param_overrides:
            _print(f"  {o.effective_from} {o.rule}.{o.param} = {json.dumps(o.value, ensure_ascii=False)}"
                   f"  {o.doc_no}  {o.reason}（{o.author}，{o.created_at}）")
    return 0


def _formats(text: str) -> set[str]:
    return {f.strip().lower() for f in text.split(",") if f.strip()}


def cmd_export(args: argparse.Namespace) -> int:
    from .documents.export import export_all
    from .rules import run_checks
    from .workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        snap = ws.snapshot()
    report = run_checks(snap)

    def progress(_fraction: float, text: str) -> None:
        if not args.quiet:
            sys.stderr.write(f"\r正在导出 {text}".ljust(60)[:80])
            sys.stderr.flush()

    result = export_all(snap, Path(args.out), args.format, draft=args.draft, report=report, progress=progress)
    if not args.quiet:
        sys.stderr.write("\n")
    for warning in result.warnings():
        _print(f"提示：{warning}", err=True)
    kind = "草稿" if result.draft else "正式材料"
    _print(f"已导出{kind} {len(result.files)} 个文件（PDF 共 {result.pages} 页）到 {result.out_dir}")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from .documents.templates import KINDS, TemplateStore

    store = TemplateStore()
    if args.action == "list":
        for status in store.status():
            where = "本单位安装" if status.installed else "内置默认"
            previous = "，可恢复上一版" if status.has_previous else ""
            _print(f"{status.kind.key:<16}{status.kind.title}：{where}{previous}  {status.path}")
        return 0
    if args.kind not in KINDS:
        given = f"“{args.kind}”" if args.kind else "（未给出）"
        raise SydwError(f"模板类型{given}不对，可选：{'、'.join(KINDS)}。")
    title = KINDS[args.kind].title
    if args.action == "install":
        if not args.file:
            raise SydwError("请给出要安装的模板文件（.docx）。")
        report = store.install(args.kind, Path(args.file))
        for problem in report.problems:
            _print(f"提示：{problem.text()}", err=True)
        _print(f"已安装“{title}”模板；原模板已保留，可用 rollback 恢复。")
    elif args.action == "rollback":
        _print(f"已恢复“{title}”的上一版模板：{store.rollback(args.kind)}")
    else:
        store.reset(args.kind)
        _print(f"“{title}”已改回内置默认模板。")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from .workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        entries = ws.changelog(limit=args.limit)
    if args.json:
        _print_json([e.__dict__ for e in entries])
        return 0
    for e in reversed(entries):
        change = f"{e.old} → {e.new}" if e.old or e.new else ""
        doc = f"  〔{e.doc_no}〕" if e.doc_no else ""
        _print(f"{e.at}  {e.user}  {e.operation}  {e.entity_name} {e.field} {change}{doc}".rstrip())
    return 0


# -- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sydw", description="事业单位改革材料编审系统（离线版）命令行。"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("demo", cmd_demo, "写出内置的示例工作区（示例旗）")
    p.add_argument("out", metavar="OUT.sydw")
    p.add_argument("--flawed", action="store_true", help="写出埋有问题的培训用版本")

    p = add("new", cmd_new, "新建空白工作区")
    p.add_argument("out", metavar="OUT.sydw")
    p.add_argument("--name", required=True, help="行政区划名称")
    p.add_argument("--code", required=True, help="6 位行政区划代码")
    p.add_argument("--level", required=True, choices=Level.labels(), help="层级")
    p.add_argument("--unit-cap", type=int, help="机构限额")
    p.add_argument("--staff-cap", type=int, help="事业编制总量")

    p = add("import-units", cmd_import_units, "从 Excel 工作簿导入单位清单和改革方案")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("book", metavar="BOOK.xlsx")

    p = add("export-units", cmd_export_units, "把工作区的单位清单和改革方案导出为导入格式的工作簿")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")

    p = add("template", cmd_template, "写出空白导入模板（含填写说明和下拉列表）")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")

    p = add("rules", cmd_rules, "列出规则目录")
    p.add_argument("--json", action="store_true")

    p = add("check", cmd_check, "按全部规则检查工作区")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--json", action="store_true")
    p.add_argument("--as-of", type=_parse_date, metavar="YYYY-MM-DD", help="按该日有效的规则和参数检查")

    p = add("params", cmd_params, "查看或调整本辖区的规则参数")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--set", metavar="规则.参数=值", help="调整一个参数，值用 JSON 写法，如 6、true、[\"中心\"]")
    p.add_argument("--from", dest="effective_from", type=_parse_date, metavar="YYYY-MM-DD",
                   help="调整的生效日期（默认今天）")
    p.add_argument("--doc-no", help="依据文号")
    p.add_argument("--reason", help="调整理由")
    p.add_argument("--as-of", type=_parse_date, metavar="YYYY-MM-DD", help="显示该日有效的参数")
    p.add_argument("--json", action="store_true")

    p = add("export", cmd_export, "导出文书和表格（未签名）；有“错误”时拒绝，--draft 导出草稿")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--out", required=True, metavar="DIR", help="导出到的文件夹")
    p.add_argument("--format", type=_formats, default={"pdf", "docx", "xlsx"}, metavar="pdf,docx,xlsx")
    p.add_argument("--draft", action="store_true", help="有“错误”时也导出，每页加“草稿”水印")
    p.add_argument("--quiet", action="store_true", help="不显示进度")

    p = add("templates", cmd_templates, "管理文书格式模板：list 列出，install 安装本地区模板，rollback 恢复上一版，reset 改回默认")
    p.add_argument("action", choices=["list", "install", "rollback", "reset"])
    p.add_argument("kind", nargs="?", metavar="类型", help="plan、sanding_reply、sanding_notice、quanxian、charter、contents")
    p.add_argument("file", nargs="?", metavar="模板.docx")

    p = add("log", cmd_log, "显示工作区的台账（修改记录）")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--limit", type=int, help="只显示最近 N 条")
    p.add_argument("--json", action="store_true")

    from .packets.cli import add_packet_commands  # keygen, pack, verify, receive, trust, subordinates

    add_packet_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return 0 if exc.code == 0 else 2
    try:
        return int(args.handler(args))
    except SydwError as exc:
        _print(exc.message, err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        _print("已取消。", err=True)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `sydw log … | head`)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep interpreter exit quiet
        return 0
    except Exception as exc:  # the one place that turns crashes into a message
        path = log_exception(exc)
        _print(f"程序内部错误：{type(exc).__name__}。详细信息已写入日志：{path}", err=True)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
