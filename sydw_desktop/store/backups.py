"""Rotating backups of a workspace file, made before risky operations and once a day.

Backups live in a folder beside the workspace — ``示例旗.sydw`` keeps them in ``示例旗.sydw-备份/`` —
named ``示例旗-20261203-031500-导入前.sydw`` (time, then why). Each is a consistent copy taken
through SQLite's backup API from the open connection, written under a temporary name, checked
(``PRAGMA integrity_check`` and the workspace marks), fsynced and only then renamed into place.
The newest :data:`DEFAULT_KEEP` are kept (the workspace setting ``backups_keep`` changes it).

Listing and restoring never open the workspace itself, so they work when it no longer opens.
Restoring keeps the current file (damaged or not) as a backup named ``恢复前`` first, removes
its rollback journal (it belongs to the damaged file), and puts the chosen backup in its place.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import WorkspaceError
from ..files import describe_os_error, temp_path_for
from .copy import CopyFailed, save_copy
from .lock import WorkspaceLock
from .schema import APPLICATION_ID

BEFORE_IMPORT = "导入前"
BEFORE_RECEIVE = "接收前"
BEFORE_PACK = "打包前"
#: for the review round's 导入审核意见 (a later feature calls :func:`write_backup` with it)
BEFORE_REVIEW_IMPORT = "导入审核意见前"
DAILY = "每日"
BEFORE_RESTORE = "恢复前"
MANUAL = "手动"

DEFAULT_KEEP = 10
#: the workspace setting (``meta``) that holds how many backups to keep
KEEP_SETTING = "backups_keep"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<time>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[^-]+)\.sydw$")
_TIME = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime
    reason: str
    size: int

    def describe(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M:%S}　{self.reason}　{self.size / 1024:.0f} KB"


def backup_folder(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + "-备份")


def list_backups(workspace: Path) -> list[Backup]:
    """The backups of ``workspace``, newest first (the workspace itself is not opened)."""
    folder = backup_folder(workspace)
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            created = datetime.strptime(match["time"][:15], _TIME)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(Backup(path, created, match["reason"], size))
    return sorted(found, key=lambda b: (b.created, _mtime(b.path)), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def check_backup(path: Path) -> str | None:
    """Why ``path`` is not a sound workspace copy, or None when it is."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return f"无法打开（{exc}）"
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "不是本程序的工作区文件"
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return None if result == "ok" else f"完整性检查未通过（{result}）"
    except sqlite3.Error as exc:
        return f"文件已损坏（{exc}）"
    finally:
        conn.close()


def _target(workspace: Path, reason: str, now: datetime) -> Path:
    folder = backup_folder(workspace)
    stem = workspace.stem
    target = folder / f"{stem}-{now:{_TIME}}-{reason}.sydw"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{now:{_TIME}}-{counter}-{reason}.sydw"
    return target


def write_backup(conn: sqlite3.Connection, workspace: Path, reason: str, *, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open database ``conn`` of ``workspace`` to a new, checked backup; returns its path.

    Raises :class:`WorkspaceError` (with nothing left behind) when it cannot be written or checked.
    """
    target = _target(workspace, reason, datetime.now())
    try:
        target.parent.mkdir(exist_ok=True)
        save_copy(conn, target)  # backup API, integrity and row counts checked, fsynced, then renamed
    except OSError as exc:
        raise WorkspaceError(f"无法写入备份“{target}”：{describe_os_error(exc)}。") from exc
    except CopyFailed as exc:
        raise WorkspaceError(f"无法写入备份：{exc.message}") from exc
    finally:
        with contextlib.suppress(OSError):
            target.parent.rmdir()  # only when empty: a failed first backup leaves no folder
    rotate(workspace, keep)
    return target


def rotate(workspace: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (at least one is always kept); returns those deleted."""
    removed = []
    for old in list_backups(workspace)[max(keep, 1):]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def due_daily(workspace: Path, now: datetime | None = None) -> bool:
    """True when the newest backup of ``workspace`` is a day old, or there is none."""
    backups = list_backups(workspace)
    return not backups or (now or datetime.now()) - backups[0].created >= timedelta(days=1)


def restore(workspace: Path, backup: Path) -> Path | None:
    """Put ``backup`` in place of ``workspace`` (which may be damaged, or gone).

    Refused while another program has the workspace open for writing. Returns where the replaced
    file was kept (a ``恢复前`` backup), or None when there was none.
    """
    problem = check_backup(backup)
    if problem is not None:
        raise WorkspaceError(f"备份“{backup.name}”不能用于恢复：{problem}。")
    lock = WorkspaceLock(workspace) if workspace.exists() else None
    kept = None
    temp = temp_path_for(workspace)
    try:
        with open(backup, "rb") as src, open(temp, "wb") as dst:  # the copy first: nothing moved yet
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        if lock is not None and sys.platform == "win32":  # pragma: no cover - Windows cannot rename an open file
            lock.release()
        if workspace.exists():
            kept = _target(workspace, BEFORE_RESTORE, datetime.now())
            kept.parent.mkdir(exist_ok=True)
            os.replace(workspace, kept)  # the same folder tree, the same disk: a rename
            journal = workspace.with_name(workspace.name + "-journal")
            if journal.exists():  # it belongs to the file just kept, never to the restored one
                os.replace(journal, kept.with_name(kept.name + "-journal"))
        os.replace(temp, workspace)
    except OSError as exc:
        if kept is not None and not workspace.exists():
            with contextlib.suppress(OSError):
                os.replace(kept, workspace)
        raise WorkspaceError(f"恢复“{workspace.name}”失败：{describe_os_error(exc)}。工作区文件保持原样。") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
        if lock is not None:
            lock.release()
    return kept
