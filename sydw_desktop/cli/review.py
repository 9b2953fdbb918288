"""``sydw`` commands of the review cycle (chain.md): comment, comments, comment-edit, reply,
review-pack, review-import, rounds, diff, new-round."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SydwError
from .common import Add, Declare, extra_trust, out, report, signing_identity

if TYPE_CHECKING:
    from ..model import Comment
    from ..review.round_table import RoundRow


def _document(text: str) -> str:
    from ..review.targets import DOCUMENT_CHOICES, document_key

    try:
        return document_key(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"文书类型“{text}”不对，可选：{'、'.join(DOCUMENT_CHOICES)}") from None


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 999):
        raise argparse.ArgumentTypeError(f"应为 1 至 999 的整数，而不是“{text[:20]}”")
    return int(text)


def _comment_json(c: object) -> dict[str, object]:
    from ..review.targets import target_label

    data = dict(c.__dict__)
    data["target"] = target_label(c)  # type: ignore[arg-type]
    return data


# -- upper side --------------------------------------------------------------------------------


def cmd_comment(args: argparse.Namespace) -> int:
    from ..model import Comment
    from ..packets.receive import filing_snapshot
    from ..packets.review_pack import latest_filing
    from ..review.targets import field_key, target_label
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        filing = latest_filing(ws, args.sender, args.round)
        document = args.document or "plan"
        if args.unit:
            snap = filing_snapshot(ws, filing.region_code, filing.round)
            if not any(u.name == args.unit for u in (*snap.before, *snap.after)):
                raise SydwError(f"{filing.name}第{filing.round}轮的材料中没有名为“{args.unit}”的单位。")
        elif document != "plan":
            raise SydwError("对“三定”规定、清单或章程提意见时，请用 --unit 指明是哪个单位的。")
        field = None
        if args.field:
            try:
                field = field_key(args.field, document)
            except ValueError:
                raise SydwError(f"“{args.field}”不是{'单位' if document == 'plan' else '该文书'}的字段名。") from None
        comment = Comment(round_number=filing.round, text=args.text, document=document, unit=args.unit,
                          field=field, region_code=filing.region_code)
        ws.add_comment(comment)
        stored = ws.comments("out", filing.region_code, filing.round)[-1]
    return report(args, _comment_json(stored), [
        f"已添加审核意见（编号 {stored.id}）：{filing.name}第{filing.round}轮 · {target_label(stored)}",
        f"  {stored.text}",
    ])


def cmd_comments(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        if args.sender:
            items = ws.comments("out", args.sender, args.round)
        else:
            items = ws.comments("in", None, args.round)
    return report(args, [_comment_json(c) for c in items], _comment_lines(items))


def _comment_lines(items: list[Comment]) -> Iterator[str]:
    from ..review.targets import target_label

    if not items:
        yield "没有审核意见。"
    for c in items:
        if c.direction == "out":
            state = "已发出" if c.record is not None else "草稿，可修改或撤回"
        else:
            state = c.status or "待处理"
        yield f"[{c.id}] 第{c.round_number}轮 {target_label(c)}（{state}）"
        yield f"    意见：{c.text}"
        if c.reply:
            yield f"    答复：{c.reply}"


def cmd_comment_edit(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    if bool(args.text) == bool(args.withdraw):
        raise SydwError("请给出 --text 新内容，或 --withdraw 撤回（二者选一）。")
    with Workspace.open(Path(args.workspace)) as ws:
        if args.withdraw:
            ws.withdraw_comment(args.id)
            out(f"已撤回审核意见（编号 {args.id}）。")
        else:
            ws.edit_comment(args.id, args.text)
            out(f"已修改审核意见（编号 {args.id}）。")
    return 0


def cmd_review_pack(args: argparse.Namespace) -> int:
    from ..packets.review_pack import review_pack

    identity = signing_identity(args)
    result = review_pack(Path(args.workspace), args.sender, args.decision, args.opinion, identity, Path(args.out),
                         round_number=args.round, doc_no=args.doc_no or "", overwrite=args.force)
    r = result.record
    data = {"path": str(result.path), "bag": result.bag, "sha256": result.sha256, "round": r.round,
            "decision": r.decision, "comments": result.comments, "packet_id": r.packet_id}
    return report(args, data, [
        f"已生成审核意见包：{result.path}（第{r.round}轮，{r.decision}，具体意见 {result.comments} 条）",
        f"  {result.bag}；SHA-256：{result.sha256}",
        "  已从目标位置读回并完整校验；所附意见已标记为已发出。",
    ])


# -- county side -------------------------------------------------------------------------------


def cmd_review_import(args: argparse.Namespace) -> int:
    from ..packets.review_import import review_import

    extra = extra_trust(args)
    result = review_import(Path(args.workspace), Path(args.packet), extra_trust=extra)
    data = {"round": result.record.round, "decision": result.record.decision, "opinion": result.record.opinion,
            "comments": [_comment_json(c) for c in result.comments], "locked": result.approved}
    return report(args, data, result.summary_lines())


def cmd_reply(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        ws.answer_comment(args.id, args.status, args.text)
    out(f"已答复审核意见（编号 {args.id}）：{args.status}。答复会随下一轮报送包的修改说明一并报送。")
    return 0


def cmd_rounds(args: argparse.Namespace) -> int:
    from ..review.round_table import round_rows
    from ..review.rounds import state_label
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        rows = round_rows(ws)
        state = state_label(ws.rounds())
    return report(args, {"state": state, "rounds": [r.to_json() for r in rows]},
                  [f"当前状态：{state}", *map(_round_line, rows)])


def _round_line(r: RoundRow) -> str:
    submitted = f"报送于 {r.submitted[:16].replace('T', ' ')}" if r.submitted else "未报送"
    decision = r.decision or "（待审核）" if r.submitted else ""
    lock = "，已锁定" if r.locked else ""
    return (f"第{r.number}轮  {submitted}  {decision}  意见 {r.comments} 条，已答复 {r.replies} 条{lock}"
            + (f"  {r.note}" if r.note else ""))


def cmd_diff(args: argparse.Namespace) -> int:
    from ..packets.round_diff import round_diff
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        diff = round_diff(ws, args.from_round, args.to_round, args.sub)
    return report(args, diff.to_json(), [f"从{diff.from_label}到{diff.to_label}：{len(diff.changes)} 处变化",
                                         *(f"  [{c.kind}] {c.text()}" for c in diff.changes)])


def cmd_new_round(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace)) as ws:
        ws.new_round(args.reason)
        number = ws.current_round()
    out(f"已开始第{number}轮（理由：{args.reason.strip()}），已记入台账。现在可以修改材料，改完后重新报送。")
    return 0


# -- declarations ------------------------------------------------------------------------------


def declare_comment(add: Add) -> None:
    p = add("comment", cmd_comment, "上级对下级报送材料提审核意见（针对单位、字段或文书）")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--from", dest="sender", required=True, metavar="区划代码", help="报送单位的行政区划代码")
    p.add_argument("--round", type=_positive, metavar="N", help="轮次（默认：收到的最新一轮）")
    p.add_argument("--unit", metavar="单位名称")
    p.add_argument("--document", type=_document, metavar="改革方案|三定规定|政事权限清单|章程")
    p.add_argument("--field", metavar="字段", help="字段名（中文，如 核定编制；或英文字段名）")
    p.add_argument("--text", required=True, metavar="意见")
    p.add_argument("--json", action="store_true")


def declare_comments(add: Add) -> None:
    p = add("comments", cmd_comments, "列出审核意见：--from 代码 为本级对下级的意见，否则为上级给本级的意见")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--from", dest="sender", metavar="区划代码")
    p.add_argument("--round", type=_positive, metavar="N")
    p.add_argument("--json", action="store_true")


def declare_comment_edit(add: Add) -> None:
    p = add("comment-edit", cmd_comment_edit, "修改或撤回尚未发出的审核意见")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("id", type=int, metavar="编号")
    p.add_argument("--text", metavar="新内容")
    p.add_argument("--withdraw", action="store_true", help="撤回这条意见")


def declare_reply(add: Add) -> None:
    p = add("reply", cmd_reply, "答复上级的一条审核意见：已修改或已说明")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("id", type=int, metavar="编号")
    p.add_argument("--status", required=True, choices=["已修改", "已说明"])
    p.add_argument("--text", required=True, metavar="答复")


def declare_review_pack(add: Add) -> None:
    p = add("review-pack", cmd_review_pack, "生成签名的审核意见包（退回修改或同意），写入后读回校验")
    p.add_argument("workspace", metavar="UPPER.sydw")
    p.add_argument("--from", dest="sender", required=True, metavar="区划代码", help="答复哪个下级的报送")
    p.add_argument("--decision", required=True, choices=["退回修改", "同意"])
    p.add_argument("--opinion", required=True, metavar="总体意见")
    p.add_argument("--key", required=True, metavar="KEY.p12")
    p.add_argument("--out", required=True, metavar="RETURN.zip")
    p.add_argument("--round", type=_positive, metavar="N", help="轮次（默认：收到的最新一轮）")
    p.add_argument("--doc-no", metavar="文号", help="审核意见的文号，如 示编办函〔2026〕12号")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    p.add_argument("--json", action="store_true")


def declare_review_import(add: Add) -> None:
    p = add("review-import", cmd_review_import, "导入上级的审核意见包：校验后记录结论和意见")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("packet", metavar="RETURN.zip")
    p.add_argument("--trust", action="append", metavar="CERT.pem", help="上级编办的证书（另加信任列表）；可重复")
    p.add_argument("--json", action="store_true")


def declare_rounds(add: Add) -> None:
    p = add("rounds", cmd_rounds, "列出报送轮次：报送时间、审核结论、意见和答复、是否锁定")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--json", action="store_true")


def declare_diff(add: Add) -> None:
    p = add("diff", cmd_diff, "比较两轮材料（默认与当前状态比较）：单位、字段、文书段落、参数")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--from-round", type=_positive, required=True, metavar="N")
    p.add_argument("--to-round", type=_positive, metavar="M")
    p.add_argument("--sub", metavar="区划代码", help="上级：比较该下级报送的两轮材料")
    p.add_argument("--json", action="store_true")


def declare_new_round(add: Add) -> None:
    p = add("new-round", cmd_new_round, "已批准锁定后开始新一轮（须写明理由，记入台账）")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--reason", required=True, metavar="理由")


COMMANDS: tuple[Declare, ...] = (
    declare_comment, declare_comments, declare_comment_edit, declare_review_pack, declare_review_import,
    declare_reply, declare_rounds, declare_diff, declare_new_round,
)
