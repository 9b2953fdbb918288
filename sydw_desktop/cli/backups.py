"""``sydw backups`` (list, make one, set how many are kept) and ``sydw restore``.

Both work on the file's path without opening the workspace, so they work when it no longer opens.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import SydwError
from ..store import backups as B
from .common import Add, Declare, out, report


def cmd_backups(args: argparse.Namespace) -> int:
    workspace = Path(args.workspace)
    if args.now or args.keep is not None:
        from ..workspace import Workspace

        with Workspace.open(workspace) as ws:
            if args.keep is not None:
                if args.keep < 1:
                    raise SydwError("保留的备份份数至少为 1。")
                ws.set_setting(B.KEEP_SETTING, str(args.keep), "保留备份份数")
                B.rotate(workspace, args.keep)
                out(f"已设置：保留最近 {args.keep} 份备份。")
            if args.now:
                out(f"已备份：{ws.backup(B.MANUAL)}")
    found = B.list_backups(workspace)
    data = [{"number": n, "path": str(b.path), "created": b.created.isoformat(), "reason": b.reason, "size": b.size}
            for n, b in enumerate(found, 1)]
    if not found:
        return report(args, data, [f"“{workspace.name}”还没有备份（备份文件夹：{B.backup_folder(workspace)}）。"])
    return report(args, data, [
        f"“{workspace.name}”的备份（最新的在前，文件夹：{B.backup_folder(workspace)}）：",
        *(f"  {number:>2}. {backup.describe()}　{backup.path.name}" for number, backup in enumerate(found, 1)),
        "恢复：sydw restore 工作区 编号（或备份文件路径）",
    ])


def _chosen(workspace: Path, which: str) -> Path:
    if which.isdigit():
        found = B.list_backups(workspace)
        number = int(which)
        if not 1 <= number <= len(found):
            raise SydwError(f"没有编号为 {which} 的备份（共 {len(found)} 份，用 sydw backups 查看）。")
        return found[number - 1].path
    path = Path(which)
    if not path.is_file():
        raise SydwError(f"找不到备份文件“{path}”。")
    return path


def cmd_restore(args: argparse.Namespace) -> int:
    workspace = Path(args.workspace)
    backup = _chosen(workspace, args.backup)
    kept = B.restore(workspace, backup)
    out(f"已用备份“{backup.name}”恢复工作区“{workspace.name}”。")
    if kept is not None:
        out(f"  恢复前的文件已保留为：{kept}")
    return 0


def declare_backups(add: Add) -> None:
    p = add("backups", cmd_backups, "列出工作区的备份（导入、接收、打包前和每日自动备份），或立即备份、设置保留份数")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("--now", action="store_true", help="立即备份一次")
    p.add_argument("--keep", type=int, metavar="N", help="设置保留最近 N 份备份（默认 10）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def declare_restore(add: Add) -> None:
    p = add("restore", cmd_restore, "用备份恢复工作区（工作区文件损坏、打不开时也可用）；恢复前的文件另存为备份")
    p.add_argument("workspace", metavar="WS.sydw")
    p.add_argument("backup", metavar="编号或备份文件", help="sydw backups 列出的编号，或备份文件的路径")


COMMANDS: tuple[Declare, ...] = (declare_backups, declare_restore)
