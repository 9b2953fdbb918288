"""``sydw`` commands of the level above: aggregate, allocate, handdown, handdown-import."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SydwError
from .common import Add, Declare, out, report, signing_identity

if TYPE_CHECKING:
    from ..league.aggregate import Aggregate, Counts


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
    return report(args, agg.to_json(), _aggregate_lines(agg, targets))


def _aggregate_lines(agg: Aggregate, targets: list[Path]) -> Iterator[str]:
    yield f"{agg.name}（{agg.level}）汇总：已报送 {len(agg.rows)} 个，未报送 {len(agg.missing)} 个。"
    for row in agg.rows:
        yield _counts_line("  ", f"{row.code} {row.name}", f" 第{row.round}轮 {row.status}", row.counts)
        for child in row.children:
            yield _counts_line("      └ ", f"{child.code} {child.name}", f" 第{child.round}轮 {child.status}",
                               child.counts)
    yield _counts_line("  ", "合计", "", agg.total)
    if agg.missing:
        yield "未报送：" + "、".join(f"{n}（{c}）" for c, n in agg.missing)
    for target in targets:
        yield f"已写出：{target}"


def _counts_line(indent: str, name: str, extra: str, c: Counts) -> str:
    return (f"{indent}{name}{extra}  单位 {c.units_before}→{c.units_after}（精简{_pct(c.ratio('units'))}）  "
            f"编制 {c.staff_before}→{c.staff_after}（精简{_pct(c.ratio('staff'))}）  "
            f"内设机构 {c.organs_before}→{c.organs_after}  领导职数 {c.leaders_before}→{c.leaders_after}  "
            f"错误 {c.errors} 警告 {c.warnings}（已说明 {c.explained}）")


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
    data = {"allocations": [a.__dict__ for a in allocations],
            "unit_cap": left.unit_cap, "staff_cap": left.staff_cap,
            "units_allocated": left.units_allocated, "staff_allocated": left.staff_allocated,
            "units_reserved": left.units_reserved, "staff_reserved": left.staff_reserved}
    return report(args, data, [
        *(f"  {a.region_code} {a.name}  机构限额 {_cap(a.unit_cap)}  事业编制总量 {_cap(a.staff_cap)}"
          + (f"  〔{a.doc_no}〕" if a.doc_no else "") for a in allocations),
        left.text(),
    ])


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


def cmd_handdown(args: argparse.Namespace) -> int:
    from ..league.handdown import make_handdown

    identity = signing_identity(args)
    result = make_handdown(Path(args.workspace), identity, Path(args.out), overwrite=args.force)
    data = {"path": str(result.path), "number": result.number, "sha256": result.sha256,
            "params": result.params, "allocations": result.allocations, "templates": result.templates}
    return report(args, data, [
        f"已生成示范卷（第{result.number}号）：{result.path}",
        f"  规则参数 {result.params} 项，限额分配 {result.allocations} 个，格式模板 {result.templates} 个；"
        f"SHA-256 {result.sha256}",
    ])


def cmd_handdown_import(args: argparse.Namespace) -> int:
    from ..league.handdown import import_handdown
    from ..packets.trust import load_trust_sources

    trust = load_trust_sources(Path(p) for p in args.trust or [])
    result = import_handdown(Path(args.workspace), Path(args.packet), trust=trust)
    if result.unchanged:
        line = f"这份示范卷（{result.issuer}第{result.number}号）此前已经导入，未重复导入。"
    else:
        line = (f"已导入{result.issuer}示范卷第{result.number}号：规则参数 {result.params} 项"
                + ("，机构限额和事业编制总量已按分配设置" if result.caps_set else "")
                + (f"，格式模板 {result.templates} 个" if result.templates else "") + "。已记入台账。")
    return report(args, result.__dict__, [line])


def declare_handdown(add: Add) -> None:
    p = add("handdown", cmd_handdown, "上级生成签名的示范卷：本级规则参数（含文号和生效日期）、限额分配和格式模板")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--key", required=True, metavar="KEY.p12", help="本机关的签名身份文件")
    p.add_argument("--out", required=True, metavar="PACK.zip")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    p.add_argument("--json", action="store_true")


def declare_handdown_import(add: Add) -> None:
    p = add("handdown-import", cmd_handdown_import, "下级导入上级下发的示范卷（校验签名；较旧的示范卷不予导入）")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("packet", metavar="PACK.zip")
    p.add_argument("--trust", action="append", metavar="UPPER.cert.pem", help="上级编办的证书；可重复")
    p.add_argument("--json", action="store_true")


def declare_aggregate(add: Add) -> None:
    p = add("aggregate", cmd_aggregate, "上级汇总：各下级最新一轮报送的单位数、编制数、内设机构、领导职数和检查结果")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--out", action="append", metavar="汇总表.xlsx|汇总表.pdf", help="写出汇总表（Excel 或 PDF）；可重复")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (declare_aggregate, declare_allocate, declare_handdown, declare_handdown_import)
