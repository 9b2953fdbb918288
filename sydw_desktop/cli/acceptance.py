"""``sydw`` commands of the 检查验收 (issue 17 item 5): acceptance (add, list, delete, answer),
acceptance-pack (upper → subordinate, signed) and acceptance-import (the county takes it in)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import SydwError
from .common import Add, Declare, extra_trust, out, report, signing_identity


def _items(args: argparse.Namespace) -> list[Any]:
    """The checklist from ``--problem`` / ``--unit`` / ``--document`` / ``--field``: every catalogue
    item, 存在问题 where a ``--problem`` names it, 符合 otherwise."""
    from ..method.acceptance import CONFORMS, PROBLEM, AcceptanceItem, catalogue, item_kind
    from ..review.targets import document_key

    def key(text: str, option: str) -> str:
        try:
            return item_kind(text).key
        except KeyError:
            labels = "、".join(k.label for k in catalogue())
            raise SydwError(f"{option} 的检查项目“{text}”不对，可选：{labels}。") from None

    problems = {key(p[0], "--problem"): p[1:] for p in args.problem or []}
    targets: dict[str, dict[str, str]] = {}
    for option, name in (("unit", "--unit"), ("document", "--document"), ("field", "--field")):
        for item, value in getattr(args, option) or []:
            k = key(item, name)
            if k not in problems:
                raise SydwError(f"{name} 指向的项目“{item}”没有用 --problem 写明问题。")
            if option == "document":
                try:
                    value = document_key(value)
                except ValueError:
                    raise SydwError(f"--document 的文书“{value}”不对，可选：改革方案、三定规定、政事权限清单、章程。") from None
            targets.setdefault(k, {})[option] = value
    found = []
    for kind in catalogue():
        if kind.key in problems:
            problem, demand, deadline = problems[kind.key]
            target = targets.get(kind.key, {})
            found.append(AcceptanceItem(kind.key, PROBLEM, problem, demand, deadline,
                                        document=target.get("document", "plan"), unit=target.get("unit"),
                                        field=target.get("field")))
        else:
            found.append(AcceptanceItem(kind.key, CONFORMS))
    return found


def _check_targets(ws: Any, code: str, items: list[Any]) -> list[Any]:
    """Each item's unit must be in the subordinate's latest filing; its field a field of that document."""
    import dataclasses

    from ..packets.receive import filing_snapshot
    from ..review.targets import field_key

    filings = [f for f in ws.subordinate_filings() if f.region_code == code]
    names: set[str] | None = None
    if filings:
        latest = max(filings, key=lambda f: f.round)
        snap = filing_snapshot(ws, code, latest.round)
        names = {u.name for u in (*snap.before, *snap.after)}
    checked = []
    for i in items:
        if i.unit and names is not None and i.unit not in names:
            raise SydwError(f"下级报送的材料中没有名为“{i.unit}”的单位（--unit {i.label}）。")
        if i.field:
            try:
                i = dataclasses.replace(i, field=field_key(i.field, i.document))
            except ValueError:
                raise SydwError(f"“{i.field}”不是{'单位' if i.document == 'plan' else '该文书'}的字段名（--field {i.label}）。") from None
        checked.append(i)
    return checked


def cmd_acceptance_add(args: argparse.Namespace) -> int:
    from ..method.acceptance import Acceptance
    from ..method.acceptance_records import AcceptanceRecords
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        records = AcceptanceRecords(ws)
        items = _check_targets(ws, args.to, _items(args))
        draft = Acceptance("out", args.to, "", args.date, args.result, tuple(items), team=args.team or "",
                           doc_no=args.doc_no or "", opinion=args.opinion or "")
        records.add(draft)
        stored = records.acceptances("out", args.to)[-1]
    return report(args, stored.to_json(), [
        f"已登记对{stored.name}的第{stored.number}次检查验收（编号 {stored.id}）：{stored.result}，"
        f"存在问题 {len(stored.problems)} 项。",
        f"  生成检查验收意见包：sydw acceptance-pack {args.workspace} --to {args.to} --key 身份.p12 --out 文件.zip",
    ])


def _acceptance_lines(a: Any) -> Iterator[str]:
    from ..review.targets import target_label

    if a.direction == "out":
        state = "已发出" if a.sent else "草稿，可修改或删除"
        who = f"对{a.name}（{a.region_code}）"
    else:
        state = f"待整改 {len(a.open_items)} 项" if a.open_items else "已全部答复"
        who = f"{a.office or a.name}"
    yield (f"[{a.id}] {who} 第{a.number}次检查验收 {a.held_on} {a.doc_no} {a.result}（{state}）".replace("  ", " "))
    for i in a.items:
        if not i.has_problem:
            yield f"    {i.label}：符合"
            continue
        target = f"（{target_label(i)}）" if i.unit or i.field else ""
        deadline = f"（整改期限 {i.deadline}）" if i.deadline else ""
        yield f"    [{i.id}] {i.label}：存在问题 {i.problem}{target}；整改要求：{i.demand}{deadline}"
        if i.status:
            yield f"        整改结果：{i.status}（{i.answered_on}）{i.reply}"


def cmd_acceptance_list(args: argparse.Namespace) -> int:
    from ..method.acceptance_records import AcceptanceRecords
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        records = AcceptanceRecords(ws)
        sent = records.acceptances("out", args.to)
        received = [] if args.to else records.acceptances("in")
    return report(args, {"out": [a.to_json() for a in sent], "in": [a.to_json() for a in received]},
                  _list_lines(sent, received))


def _list_lines(sent: list[Any], received: list[Any]) -> Iterator[str]:
    if not sent and not received:
        yield "没有检查验收记录。"
    for heading, items in (("本级对下级的检查验收：", sent), ("上级对本级的检查验收：", received)):
        if items:
            yield heading
            for a in items:
                yield from _acceptance_lines(a)


def cmd_acceptance_delete(args: argparse.Namespace) -> int:
    from ..method.acceptance_records import AcceptanceRecords
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        AcceptanceRecords(ws).delete(args.id)
    out(f"已删除检查验收记录（编号 {args.id}），已记入台账，可撤销。")
    return 0


def cmd_acceptance_answer(args: argparse.Namespace) -> int:
    from ..method.acceptance_records import AcceptanceRecords
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        AcceptanceRecords(ws).answer(args.id, args.status, args.text, args.date or "")
    out(f"已填写整改结果（项目编号 {args.id}）：{args.status}。整改结果会随下一次报送包一并报送。")
    return 0


def cmd_acceptance_pack(args: argparse.Namespace) -> int:
    from ..method.acceptance_records import AcceptanceRecords
    from ..packets.acceptance_pack import acceptance_pack_into, latest_draft
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        if args.id is not None:
            draft = AcceptanceRecords(ws).acceptance(args.id)
            if draft.region_code != args.to:
                raise SydwError(f"编号 {args.id} 的检查验收是对 {draft.region_code} 的，不是 {args.to}。")
        else:
            draft = latest_draft(ws, args.to)
        identity = signing_identity(args)
        assert draft.id is not None
        result = acceptance_pack_into(ws, draft.id, identity, Path(args.out), overwrite=args.force)
    a = result.acceptance
    data = {"path": str(result.path), "bag": result.bag, "sha256": result.sha256, "packet_id": result.packet_id,
            "to": a.region_code, "number": a.number, "result": a.result, "problems": len(a.problems)}
    return report(args, data, [
        f"已生成检查验收意见包：{result.path}（对{a.name}第{a.number}次检查验收，{a.result}，存在问题 {len(a.problems)} 项）",
        f"  {result.bag}；SHA-256：{result.sha256}",
        "  已从目标位置读回并完整校验；这次检查验收已标记为已发出。",
    ])


def cmd_acceptance_import(args: argparse.Namespace) -> int:
    from ..packets.acceptance_import import acceptance_import

    extra = extra_trust(args)
    result = acceptance_import(Path(args.workspace), Path(args.packet), extra_trust=extra)
    return report(args, result.acceptance.to_json(), result.summary_lines())


# -- declarations ------------------------------------------------------------------------------


_ACTIONS = {"add": "登记对下级的一次检查验收（--to --date --result，存在问题的项目用 --problem）",
            "list": "列出本级对下级的和上级对本级的检查验收",
            "delete": "删除尚未发出的检查验收记录（编号）",
            "answer": "下级填写一项存在问题的整改结果（项目编号 --status --text）"}
_NEEDS = {"add": ("to", "date", "result"), "delete": ("id",), "answer": ("id", "status", "text")}
_OPTION = {"to": "--to 区划代码", "date": "--date 日期", "result": "--result 验收结论", "id": "编号",
           "status": "--status 已整改|已说明", "text": "--text 整改结果"}


def cmd_acceptance(args: argparse.Namespace) -> int:
    missing = [_OPTION[n] for n in _NEEDS.get(args.action, ()) if getattr(args, n) is None]
    if missing:
        raise SydwError(f"sydw acceptance … {args.action} 需要：{'、'.join(missing)}。")
    handler = {"add": cmd_acceptance_add, "list": cmd_acceptance_list, "delete": cmd_acceptance_delete,
               "answer": cmd_acceptance_answer}[args.action]
    return handler(args)


def declare_acceptance(add: Add) -> None:
    p = add("acceptance", cmd_acceptance, "检查验收：上级登记对下级的检查验收（add、list、delete），下级答复存在的问题（answer）")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("action", choices=list(_ACTIONS), metavar="add|list|delete|answer",
                   help="；".join(f"{k}：{v}" for k, v in _ACTIONS.items()))
    p.add_argument("id", type=int, nargs="?", metavar="编号", help="delete：检查验收编号；answer：项目编号")
    p.add_argument("--to", metavar="区划代码", help="被检查验收的下级的行政区划代码（list 时只列这个下级的）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="add：检查验收日期；answer：整改完成日期（默认今天）")
    p.add_argument("--result", choices=["通过", "限期整改", "不通过"], help="验收结论")
    p.add_argument("--team", metavar="检查组", help="检查组或处室，如 示例盟委编办检查验收组")
    p.add_argument("--doc-no", metavar="文号", help="检查验收意见的文号，如 示编办发〔2026〕31号")
    p.add_argument("--opinion", metavar="总体意见")
    p.add_argument("--problem", nargs=4, action="append", metavar=("项目", "问题", "整改要求", "整改期限"),
                   help="一个存在问题的项目（其余项目为符合）；整改期限可为空字符串；可重复")
    p.add_argument("--unit", nargs=2, action="append", metavar=("项目", "单位名称"), help="问题针对的单位；可重复")
    p.add_argument("--document", nargs=2, action="append", metavar=("项目", "文书"),
                   help="问题针对的文书（改革方案、三定规定、政事权限清单、章程）")
    p.add_argument("--field", nargs=2, action="append", metavar=("项目", "字段"), help="问题针对的字段（中文名）")
    p.add_argument("--status", choices=["已整改", "已说明"], help="answer：整改结果")
    p.add_argument("--text", metavar="整改结果", help="answer：整改了什么，或为什么不改")
    p.add_argument("--json", action="store_true")


def declare_acceptance_pack(add: Add) -> None:
    p = add("acceptance-pack", cmd_acceptance_pack, "生成签名的检查验收意见包发给下级，写入后读回校验")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--to", required=True, metavar="区划代码", help="发给哪个下级")
    p.add_argument("--id", type=int, metavar="编号", help="哪一次检查验收（默认：对该下级最新的未发出记录）")
    p.add_argument("--key", "--identity", dest="key", required=True, metavar="ID.p12", help="本机关的签名身份")
    p.add_argument("--out", required=True, metavar="X.zip")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    p.add_argument("--json", action="store_true")


def declare_acceptance_import(add: Add) -> None:
    p = add("acceptance-import", cmd_acceptance_import, "导入上级的检查验收意见包：校验后登记存在的问题，待逐项整改")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("packet", metavar="X.zip")
    p.add_argument("--trust", action="append", metavar="CERT.pem", help="上级编办的证书（另加信任列表）；可重复")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (declare_acceptance, declare_acceptance_pack, declare_acceptance_import)
