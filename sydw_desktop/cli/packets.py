"""``sydw`` commands about filing packets: keygen, pack, verify, receive, trust, subordinates.

The handlers import the signing machinery only when run, so ``sydw --help`` and the other
commands stay quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import SydwError
from .common import (
    Add,
    Declare,
    out,
    out_json,
    parse_date,
    report,
    signing_identity,
    split_formats,
)


def _formats(text: str) -> set[str]:
    formats = split_formats(text)
    unknown = formats - {"pdf", "docx", "xlsx"}
    if unknown:
        raise argparse.ArgumentTypeError(f"不认识的格式：{'、'.join(sorted(unknown))}（可选 pdf、docx、xlsx）")
    if "pdf" not in formats:
        raise argparse.ArgumentTypeError("报送包必须包含 PDF 文书（--format 中要有 pdf）")
    return formats


def _round(text: str) -> int:
    from ..packets.bag import MAX_ROUND

    number = text.strip()
    if not (number.isascii() and number.isdigit() and len(number) <= 3 and 1 <= int(number) <= MAX_ROUND):
        shown = number if len(number) <= 20 else number[:20] + "……"
        raise argparse.ArgumentTypeError(f"轮次应为 1 至 {MAX_ROUND} 的整数，而不是“{shown}”")
    return int(number)


# -- handlers ----------------------------------------------------------------------------------


def cmd_keygen(args: argparse.Namespace) -> int:
    from ..packets.identity import (
        KeyAlgorithm,
        certificate_path_for,
        format_fingerprint,
        generate_identity,
        save_identity,
    )
    from ..packets.passphrase import read_passphrase

    p12 = Path(args.out)
    office, code = args.org, args.code
    if args.workspace:
        from ..workspace import Workspace

        with Workspace.open(Path(args.workspace), readonly=True) as ws:
            jurisdiction = ws.jurisdiction()
        if code and code != jurisdiction.code:
            raise SydwError(f"--code {code} 与工作区的行政区划代码 {jurisdiction.code} 不一致。")
        code = jurisdiction.code
    for path in (p12, certificate_path_for(p12)):
        if path.exists():
            raise SydwError(f"文件“{path}”已存在，不会覆盖。请换一个文件名，或先把旧文件移走。")
    identity = generate_identity(office, code, algorithm=KeyAlgorithm(args.algorithm))
    files = save_identity(identity, p12, read_passphrase(p12.name, new=True))
    info = identity.info
    return report(args, {"p12": str(files.p12), "certificate": str(files.certificate_pem), **info.to_json()}, [
        f"已生成签名身份：{files.p12}（私钥和证书，口令保护）",
        f"证书（交上级加入信任列表）：{files.certificate_pem}",
        f"机关：{info.office}" + (f"，行政区划代码 {info.region_code}" if info.region_code else ""),
        f"算法：{info.algorithm}；有效期：{info.not_before:%Y-%m-%d} 至 {info.not_after:%Y-%m-%d}",
        f"证书指纹（SHA-256，电话核对用）：{format_fingerprint(identity.certificate)}",
    ])


def cmd_pack(args: argparse.Namespace) -> int:
    from ..packets.pack import pack_workspace

    identity = signing_identity(args)
    from ..method.decisions import workspace_committee_warning  # issue 17: 报批 before the 编委会议

    committee = workspace_committee_warning(Path(args.workspace), (args.as_of or date.today()).isoformat())
    if committee is not None:
        out(f"注意：{committee}", err=True)
    if _is_league_with_filings(Path(args.workspace)):
        return _pack_rollup(args, identity)
    result = pack_workspace(
        Path(args.workspace), identity, Path(args.out),
        round_number=args.round, note=args.note or "", visible_signature=args.stamp,
        formats=args.format, as_of=args.as_of, overwrite=args.force,
    )
    return report(args, result.to_json(), [
        f"已生成报送包：{result.path}（{result.size} 字节）",
        f"  {result.bag}：文件 {result.payload_files} 个，其中已签名 PDF {result.pdfs} 个",
        f"  签名机关：{result.signer.office}；证书指纹 {' '.join(result.signer.fingerprint_groups)}",
        f"  SHA-256：{result.sha256}",
        "  已从目标位置读回并完整校验。",
        *(f"  注意：{note}" for note in result.notes),
    ])


def _is_league_with_filings(path: Path) -> bool:
    from ..vocab import Level
    from ..workspace import Workspace

    with Workspace.open(path, readonly=True) as ws:
        return ws.jurisdiction().level is not Level.BANNER and bool(ws.subordinate_filings())


def _pack_rollup(args: argparse.Namespace, identity: Any) -> int:
    """``pack`` on a 盟市 or the 自治区 that has received filings: the roll-up (league/rollup.py)."""
    from ..league.rollup import pack_rollup

    digest, number, count = pack_rollup(Path(args.workspace), identity, Path(args.out), round_number=args.round,
                                        note=args.note or "", as_of=args.as_of, overwrite=args.force)
    return report(args, {"path": args.out, "kind": "rollup", "round": number, "subordinates": count, "sha256": digest}, [
        f"已生成汇总报送包（第{number}轮）：{args.out}，附下级报送包 {count} 个（原签名保留）。",
        f"  SHA-256：{digest}",
        "  已从目标位置读回并完整校验。",
    ])


def _trust_from_args(paths: list[str] | None) -> list[Any] | None:
    from ..packets.trust import load_trust_sources

    return None if not paths else load_trust_sources(Path(p) for p in paths)


def cmd_verify(args: argparse.Namespace) -> int:
    from ..packets.identity import format_fingerprint
    from ..packets.verify import verify_packet

    trusted = _trust_from_args(args.trust)
    result = verify_packet(Path(args.packet), trusted=trusted)
    if args.json:
        out_json(result.to_json())
        return 0 if result.ok else 1
    out(f"材料类型：{result.kind_label}（X-Sydw-Kind: {result.kind}）")
    signer = result.signer
    who = f"签名机关 {signer.office}（证书指纹 {format_fingerprint(signer.fingerprint)}）" if signer else "签名机关不明"
    trust = {None: "，签名者未经确认", True: "，签名证书在信任列表中", False: "，签名证书不在信任列表中"}[result.trusted]
    if result.ok:
        out(f"{result.kind_label}“{result.packet}”校验通过：{result.bag}，{who}{trust}。")
        out(f"  data/ 中文件 {result.payload_files} 个，已校验 PDF 签名 {result.pdfs_checked} 个。")
        if result.trusted is None:
            out(f"  注意：{result.trust_reason}；或用 --trust 证书.pem 指定可信证书。")
        return 0
    out(f"{result.kind_label}“{result.packet}”未通过校验：发现 {len(result.problems)} 处问题（{who}{trust}）。")
    for problem in result.problems:
        out(f"  {problem}")
    return 1


def cmd_receive(args: argparse.Namespace) -> int:
    from ..packets.receive import receive_packet

    extra = _trust_from_args(args.trust) or []
    result = receive_packet(Path(args.packet), Path(args.into), extra_trust=extra)
    f = result.filing
    return report(args, {"region_code": f.region_code, "round": f.round, "name": f.name, "packet_id": f.packet_id,
                         "replaced": result.replaced, "unchanged": result.unchanged, "summary": f.summary},
                  _received_lines(result))


def _received_lines(result: Any) -> Iterator[str]:
    f = result.filing
    if result.unchanged:
        yield f"这份报送包此前已经接收过（{f.name}第{f.round}轮），未重复导入。"
        return
    verb = "已替换此前接收的" if result.replaced else "已接收"
    yield f"{verb}{f.name}（{f.region_code}）第{f.round}轮报送材料，签名机关 {f.signer_office}。"
    for fig in f.summary.get("figures", []):
        ratio = "—" if fig["ratio"] is None else f"{fig['ratio'] * 100:.1f}%"
        yield f"  {fig['label']}：改革前 {fig['before']}，改革后 {fig['after']}，精简比例 {ratio}"
    counts = f.summary.get("findings", {})
    yield (f"  检查结果：错误 {counts.get('error', 0)} 项，警告 {counts.get('warning', 0)} 项（均有说明），"
           f"提示 {counts.get('info', 0)} 项")
    if result.rectified:
        yield f"  随报送包上报了检查验收的整改结果 {result.rectified} 项（sydw acceptance 工作区 list 可查看）。"


def cmd_trust(args: argparse.Namespace) -> int:
    from ..packets.identity import format_fingerprint
    from ..packets.trust import add_trusted, remove_trusted
    from ..workspace import Workspace

    if args.action == "list":
        with Workspace.open(Path(args.workspace), readonly=True) as ws:
            entries = ws.trusted_certificates()
        return report(args, [{k: v for k, v in e.__dict__.items() if k != "pem"} for e in entries], [
            *([] if entries else ["信任列表为空。"]),
            *(f"{e.office}" + (f"（{e.region_code}）" if e.region_code else "")
              + f"  有效至 {e.not_after[:10]}  指纹 {format_fingerprint(e.fingerprint)}" for e in entries),
        ])
    if not args.target:
        what = "证书文件（.pem）" if args.action == "add" else "证书指纹"
        raise SydwError(f"trust {args.action} 需要指定{what}。")
    with Workspace.open(Path(args.workspace)) as ws:
        if args.action == "add":
            entry = add_trusted(ws, Path(args.target))
            out(f"已加入信任列表：{entry.office}" + (f"（{entry.region_code}）" if entry.region_code else ""))
            out(f"证书指纹（请与对方电话核对）：{format_fingerprint(entry.fingerprint)}")
        else:
            entry = remove_trusted(ws, args.target)
            out(f"已从信任列表移除：{entry.office}（指纹 {format_fingerprint(entry.fingerprint)}）")
    return 0


def cmd_subordinates(args: argparse.Namespace) -> int:
    from ..workspace import Workspace

    with Workspace.open(Path(args.workspace), readonly=True) as ws:
        filings = ws.subordinate_filings()
    return report(args, [f.__dict__ for f in filings], [
        *([] if filings else ["还没有接收任何下级报送材料。"]),
        *(f"{f.region_code} {f.name} 第{f.round}轮  {f.bagging_date}  签名 {f.signer_office}  "
          f"警告 {f.summary.get('findings', {}).get('warning', 0)} 项  接收于 {f.received_at}" for f in filings),
    ])


# -- declarations ------------------------------------------------------------------------------


def declare_keygen(add: Add) -> None:
    p = add("keygen", cmd_keygen, "生成本机关的签名身份（私钥和证书，口令取自 SYDW_PASSPHRASE 或终端输入）")
    p.add_argument("--org", required=True, help="机关名称，如 示例旗机构编制委员会办公室")
    p.add_argument("--out", required=True, metavar="NAME.p12", help="签名身份文件；证书另存为 NAME.cert.pem")
    p.add_argument("--code", metavar="区划代码", help="本机关的 6 位行政区划代码（写入证书）")
    p.add_argument("--workspace", metavar="WS.sydw", help="从工作区取行政区划代码")
    p.add_argument("--algorithm", choices=["ecdsa", "rsa"], default="ecdsa",
                   help="密钥算法：ecdsa（P-256，默认）或 rsa（2048 位）")
    p.add_argument("--json", action="store_true")


def declare_pack(add: Add) -> None:
    p = add("pack", cmd_pack, "生成并签名报送包（BagIt + CMS + PAdES），写入后读回校验")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--key", required=True, metavar="KEY.p12", help="本机关的签名身份文件")
    p.add_argument("--out", required=True, metavar="PACKET.zip")
    p.add_argument("--round", type=_round, metavar="N", help="轮次 1–999（默认：接着工作区记录的轮次）")
    p.add_argument("--note", metavar="说明", help="本次报送的说明")
    p.add_argument("--stamp", action="store_true", help="在每个 PDF 末页加可见签名块（机关和时间）")
    p.add_argument("--format", type=_formats, default={"pdf", "docx", "xlsx"}, metavar="pdf,docx,xlsx",
                   help="包含的格式（必须有 pdf；默认三种都有）")
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="按该日有效的规则检查")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名报送包")
    p.add_argument("--json", action="store_true")


def declare_verify(add: Add) -> None:
    p = add("verify", cmd_verify, "完整校验报送包，列出全部问题")
    p.add_argument("packet", metavar="PACKET.zip")
    p.add_argument("--trust", action="append", metavar="CERT.pem",
                   help="可信证书（PEM 文件，或 .sydw 工作区的信任列表）；可重复")
    p.add_argument("--json", action="store_true")


def declare_receive(add: Add) -> None:
    p = add("receive", cmd_receive, "上级接收下级报送包：校验后导入其数据")
    p.add_argument("packet", metavar="PACKET.zip")
    p.add_argument("--into", required=True, metavar="UPPER.sydw", help="上级工作区")
    p.add_argument("--trust", action="append", metavar="CERT.pem",
                   help="除工作区信任列表外另外信任的证书；可重复")
    p.add_argument("--json", action="store_true")


def declare_trust(add: Add) -> None:
    p = add("trust", cmd_trust, "管理信任列表（下级编办的证书）：add 证书.pem | list | remove 指纹")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("target", nargs="?", metavar="CERT.pem|指纹")
    p.add_argument("--json", action="store_true")


def declare_subordinates(add: Add) -> None:
    p = add("subordinates", cmd_subordinates, "列出已接收的下级报送材料")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--json", action="store_true")


COMMANDS: tuple[Declare, ...] = (
    declare_keygen, declare_pack, declare_verify, declare_receive, declare_trust, declare_subordinates,
)
