"""``sydw`` commands of the level above: aggregate, allocate, handdown, handdown-import."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import SydwError
from .common import Add, Declare, out, out_json


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def cmd_aggregate(args: argparse.Namespace) -> int:
    from ..league.aggregate import aggregate
    from ..league.tables import save_aggregate_pdf, save_aggregate_xlsx
    from ..workspace import Workspace

    targets = [Path(p) for p in args.out or []]
    bad = [str(p) for p in targets if p.suffix.lower() not in (".xlsx", ".pdf")]
    if bad:
        raise SydwError(f"--out 应为 .xlsx 或 .pdf 文件：{'、'.join(bad)}")
    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        agg = aggregate(ws)
    for target in targets:
        if target.suffix.lower() == ".xlsx":
            save_aggregate_xlsx(agg, target)
        else:
            save_aggregate_pdf(agg, target)
    if args.json:
        out_json(agg.to_json())
        return 0
    out(f"{agg.name}（{agg.level}）汇总：已报送 {len(agg.rows)} 个，未报送 {len(agg.missing)} 个。")

    def line(indent: str, name: str, extra: str, c: object) -> None:
        from ..league.aggregate import Counts

        assert isinstance(c, Counts)
        out(f"{indent}{name}{extra}  单位 {c.units_before}→{c.units_after}（精简{_pct(c.ratio('units'))}）  "
            f"编制 {c.staff_before}→{c.staff_after}（精简{_pct(c.ratio('staff'))}）  "
            f"内设机构 {c.organs_before}→{c.organs_after}  领导职数 {c.leaders_before}→{c.leaders_after}  "
            f"错误 {c.errors} 警告 {c.warnings}（已说明 {c.explained}）")

    for row in agg.rows:
        line("  ", f"{row.code} {row.name}", f" 第{row.round}轮 {row.status}", row.counts)
        for child in row.children:
            line("      └ ", f"{child.code} {child.name}", f" 第{child.round}轮 {child.status}", child.counts)
    line("  ", "合计", "", agg.total)
    if agg.missing:
        out("未报送：" + "、".join(f"{n}（{c}）" for c, n in agg.missing))
    for target in targets:
        out(f"已写出：{target}")
    return 0


def _count(text: str) -> int | None:
    """An ``argparse`` type: a cap (integer ≥ 0), or ``-``/``无`` for none."""
    if text.strip() in ("-", "无", "不设"):
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 0 或正整数（或 - 表示不设），而不是“{text}”") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"应为 0 或正整数，而不是“{text}”")
    return value


def cmd_allocate(args: argparse.Namespace) -> int:
    from ..league.allocate import allocate, reserve
    from ..workspace import Workspace

    given = {k: getattr(args, k) for k in ("unit_cap", "staff_cap") if getattr(args, k) is not _UNSET}
    if args.to is None and (given or args.name):
        raise SydwError("请用 --to 指定分配给哪个下级（6 位行政区划代码）。")
    with Workspace.open(Path(args.workspace), readonly=args.to is None) as ws:
        if args.to is not None:
            allocation, _ = allocate(ws, args.to, name=args.name, doc_no=args.doc_no or "", **given)
            out(f"已分配：{allocation.name}（{allocation.region_code}）机构限额 {_cap(allocation.unit_cap)}，"
                f"事业编制总量 {_cap(allocation.staff_cap)}。")
        allocations, left = ws.allocations(), reserve(ws)
    if args.json:
        out_json({"allocations": [a.__dict__ for a in allocations],
                  "unit_cap": left.unit_cap, "staff_cap": left.staff_cap,
                  "units_allocated": left.units_allocated, "staff_allocated": left.staff_allocated,
                  "units_reserved": left.units_reserved, "staff_reserved": left.staff_reserved})
        return 0
    for a in allocations:
        out(f"  {a.region_code} {a.name}  机构限额 {_cap(a.unit_cap)}  事业编制总量 {_cap(a.staff_cap)}"
            + (f"  〔{a.doc_no}〕" if a.doc_no else ""))
    out(f"本级机构限额 {_cap(left.unit_cap)}，已分配 {left.units_allocated}，预留 {_cap(left.units_reserved)}；"
        f"事业编制总量 {_cap(left.staff_cap)}，已分配 {left.staff_allocated}，预留 {_cap(left.staff_reserved)}。")
    return 0


_UNSET = object()


def _cap(value: int | None) -> str:
    return "不设" if value is None else str(value)


def declare_allocate(add: Add) -> None:
    p = add("allocate", cmd_allocate, "把本级的机构限额和事业编制总量分配给下级（不带 --to 时列出分配表和预留）")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--to", metavar="CODE", help="下级的 6 位行政区划代码")
    p.add_argument("--name", metavar="名称", help="下级名称（尚未报送时必填）")
    p.add_argument("--unit-cap", type=_count, default=_UNSET, metavar="N", help="分配的机构限额（- 表示不设）")
    p.add_argument("--staff-cap", type=_count, default=_UNSET, metavar="N", help="分配的事业编制总量（- 表示不设）")
    p.add_argument("--doc-no", metavar="文号", help="分配依据的文号")
    p.add_argument("--json", action="store_true")


def declare_aggregate(add: Add) -> None:
    p = add("aggregate", cmd_aggregate, "上级汇总：各下级最新一轮报送的单位数、编制数、内设机构、领导职数和检查结果")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--out", action="append", metavar="汇总表.xlsx|汇总表.pdf", help="写出汇总表（Excel 或 PDF）；可重复")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (declare_aggregate, declare_allocate)
