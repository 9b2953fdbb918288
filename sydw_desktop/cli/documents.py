"""``sydw`` commands about the documents: export (unsigned documents and tables) and templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SydwError
from .common import Add, Declare, out, split_formats


def cmd_export(args: argparse.Namespace) -> int:
    from ..documents.export import export_all
    from ..rules import run_checks
    from ..workspace import Workspace

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
        out(f"提示：{warning}", err=True)
    kind = "草稿" if result.draft else "正式材料"
    out(f"已导出{kind} {len(result.files)} 个文件（PDF 共 {result.pages} 页）到 {result.out_dir}")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from ..documents.templates import KINDS, TemplateStore

    store = TemplateStore()
    if args.action == "list":
        for status in store.status():
            where = "本单位安装" if status.installed else "内置默认"
            previous = "，可恢复上一版" if status.has_previous else ""
            out(f"{status.kind.key:<16}{status.kind.title}：{where}{previous}  {status.path}")
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
            out(f"提示：{problem.text()}", err=True)
        out(f"已安装“{title}”模板；原模板已保留，可用 rollback 恢复。")
    elif args.action == "rollback":
        out(f"已恢复“{title}”的上一版模板：{store.rollback(args.kind)}")
    else:
        store.reset(args.kind)
        out(f"“{title}”已改回内置默认模板。")
    return 0


def cmd_import_doc(args: argparse.Namespace) -> int:
    from ..documents.docx_import import apply, read_edited
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=args.dry_run) as ws:
        edited = read_edited(ws.snapshot(), Path(args.file))
        out(f"{edited.unit.name}的{edited.label}：与工作区相比改动 {len(edited.changes)} 处")
        for change in edited.changes:
            out(f"  【{change.label}】")
            for before, after in change.paragraphs():
                out(f"    原：{before or '（无）'}")
                out(f"    改：{after or '（删去）'}")
        for text in edited.unplaced:
            out(f"提示：这段文字不属于可导入的内容（模板固定的措辞），未导入，请在程序中修改：“{text}”", err=True)
        if not edited.changes:
            out("没有可导入的改动。")
            return 0
        if args.dry_run:
            out("（--dry-run：未写入工作区）")
            return 0
        apply(ws, edited, args.doc_no or "")
    out("已作为一次操作写入工作区（可撤销）。")
    return 0


def cmd_doc_settings(args: argparse.Namespace) -> int:
    from ..docno import doc_no_problem, normalize_doc_no
    from ..documents.context import DATE_SETTINGS, SETTING_KEYS, SETTING_LABELS, date_value
    from ..workspace import Workspace

    changes: dict[str, str] = {}
    for item in args.set or []:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in SETTING_KEYS:
            raise SydwError(f"“{item}”不是文书设置：应写作 键=值，键为 {'、'.join(SETTING_KEYS)} 之一。")
        if SETTING_KEYS[key] in DATE_SETTINGS and value and date_value(value) is None:
            raise SydwError(f"{SETTING_LABELS[key]}：“{value}”不是日期，应写作 YYYY-MM-DD。")
        if key in ("doc.doc_no", "doc.request_no") and value:
            value = normalize_doc_no(value)
            problem = doc_no_problem(value)
            if problem:
                raise SydwError(f"{SETTING_LABELS[key]}：{problem}")
        changes[key] = value
    with Workspace.open(Path(args.workspace), readonly=not changes) as ws:
        for key, value in changes.items():
            ws.set_setting(key, value, SETTING_LABELS[key].split("（")[0])
        values = ws.settings()
    for key, label in SETTING_LABELS.items():
        out(f"{key:<18}{values.get(key, '') or '（未填）'}    {label}")
    return 0


# -- declarations ------------------------------------------------------------------------------


def declare_export(add: Add) -> None:
    p = add("export", cmd_export, "导出文书和表格（未签名）；有“错误”时拒绝，--draft 导出草稿")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--out", required=True, metavar="DIR", help="导出到的文件夹")
    p.add_argument("--format", type=split_formats, default={"pdf", "docx", "xlsx"}, metavar="pdf,docx,xlsx")
    p.add_argument("--draft", action="store_true", help="有“错误”时也导出，每页加“草稿”水印")
    p.add_argument("--quiet", action="store_true", help="不显示进度")


def declare_templates(add: Add) -> None:
    p = add("templates", cmd_templates, "管理文书格式模板：list 列出，install 安装本地区模板，rollback 恢复上一版，reset 改回默认")
    p.add_argument("action", choices=["list", "install", "rollback", "reset"])
    p.add_argument("kind", nargs="?", metavar="类型", help="plan、sanding_reply、sanding_notice、quanxian、charter、contents")
    p.add_argument("file", nargs="?", metavar="模板.docx")


def declare_import_doc(add: Add) -> None:
    p = add("import-doc", cmd_import_doc,
            "读回在 Word/WPS/LibreOffice 中修改过的“三定”规定、政事权限清单或章程（本程序导出的 .docx），列出改动并写入工作区")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("file", metavar="FILE.docx")
    p.add_argument("--dry-run", action="store_true", help="只列出改动，不写入")
    p.add_argument("--doc-no", metavar="文号", help="依据文号（记入台账）")


def declare_doc_settings(add: Add) -> None:
    p = add("doc-settings", cmd_doc_settings,
            "查看或修改文书设置：编委、编办名称，方案和请示的文号、日期、主送机关，签发人、报送人")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--set", action="append", metavar="键=值", help="如 doc.office=中共某旗委员会机构编制委员会办公室（可重复）")


COMMANDS: tuple[Declare, ...] = (declare_export, declare_templates, declare_import_doc, declare_doc_settings)
