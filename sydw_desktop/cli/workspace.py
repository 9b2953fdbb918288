"""``sydw`` commands that make, fill or copy a workspace: demo, new, import-units, export-units, template, copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import SydwError
from ..model import Jurisdiction
from ..vocab import Level
from .common import Add, Declare, out


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import write_demo

    write_demo(Path(args.out), flawed=args.flawed)
    kind = "带训练问题的示例工作区" if args.flawed else "示例工作区"
    out(f"已写入{kind}：{args.out}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    jurisdiction = Jurisdiction(
        name=args.name,
        code=args.code,
        level=Level.parse(args.level),
        unit_cap=args.unit_cap,
        staff_cap=args.staff_cap,
    )
    Workspace.create(Path(args.out), jurisdiction).close()
    out(f"已新建工作区：{args.out}（{jurisdiction.name}，{jurisdiction.level.value}，{jurisdiction.code}）")
    return 0


def cmd_import_units(args: argparse.Namespace) -> int:
    from ..workbook import import_workbook_with_notes, read_workbook
    from ..workspace import Workspace

    book = Path(args.book)
    contents = read_workbook(book)  # checked completely before the workspace is opened
    with Workspace.open(Path(args.workspace)) as ws:
        _, notes = import_workbook_with_notes(ws, book, contents=contents)
    for note in notes:
        out(f"提示：{note}")
    plan = contents.plan
    out(f"已导入：改革前单位 {len(plan.before)} 个，改革后单位 {len(plan.after)} 个，人员转隶 {len(plan.transfers)} 条。")
    return 0


def cmd_export_units(args: argparse.Namespace) -> int:
    from ..workbook import write_plan
    from ..workspace import Workspace

    target, workspace = Path(args.out), Path(args.workspace)
    if target.exists() and target.resolve() == workspace.resolve():
        raise SydwError(f"导出文件“{target}”就是工作区文件本身，不会覆盖。请换一个文件名（.xlsx）。")
    if target.exists() and not args.force:
        raise SydwError(f"文件“{target}”已存在，不会覆盖（如需覆盖请加 --force）。")
    with Workspace.open(workspace, readonly=True) as ws:
        write_plan(target, ws.snapshot())
    out(f"已导出清单和方案：{target}")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    target = Path(args.out)
    if target.suffix.lower() != ".sydw":
        target = target.with_name(target.name + ".sydw")
    if target.exists() and not args.force:
        raise SydwError(f"文件“{target}”已存在，不会覆盖（如需覆盖请加 --force）。")
    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        written = ws.save_copy(target)
    out(f"已复制工作区并校验通过：{written}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from ..workbook import write_template

    target = Path(args.out)
    if target.exists() and not args.force:
        raise SydwError(f"文件“{target}”已存在，不会覆盖（如需覆盖请加 --force）。")
    write_template(target)
    out(f"已写入导入模板：{target}")
    return 0


# -- declarations ------------------------------------------------------------------------------


def declare_demo(add: Add) -> None:
    p = add("demo", cmd_demo, "写出内置的示例工作区（示例旗）")
    p.add_argument("out", metavar="OUT.sydw")
    p.add_argument("--flawed", action="store_true", help="写出埋有问题的培训用版本")


def declare_new(add: Add) -> None:
    p = add("new", cmd_new, "新建空白工作区")
    p.add_argument("out", metavar="OUT.sydw")
    p.add_argument("--name", required=True, help="行政区划名称")
    p.add_argument("--code", required=True, help="6 位行政区划代码")
    p.add_argument("--level", required=True, choices=Level.labels(), help="层级")
    p.add_argument("--unit-cap", type=int, help="机构限额")
    p.add_argument("--staff-cap", type=int, help="事业编制总量")


def declare_import_units(add: Add) -> None:
    p = add("import-units", cmd_import_units, "从 Excel 工作簿导入单位清单和改革方案")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("book", metavar="BOOK.xlsx")


def declare_export_units(add: Add) -> None:
    p = add("export-units", cmd_export_units, "把工作区的单位清单和改革方案导出为导入格式的工作簿")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


def declare_copy(add: Add) -> None:
    p = add("copy", cmd_copy, "把工作区复制为另一个文件（另存为 / 备份到 U 盘），复制后校验")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("out", metavar="COPY.sydw")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


def declare_template(add: Add) -> None:
    p = add("template", cmd_template, "写出空白导入模板（含填写说明和下拉列表）")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")


COMMANDS: tuple[Declare, ...] = (
    declare_demo, declare_new, declare_import_units, declare_export_units, declare_template, declare_copy,
)
