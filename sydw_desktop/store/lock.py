"""Who has a workspace open for writing: a lock file beside it naming the computer and user.

``示例旗.sydw`` is locked by ``示例旗.sydw.lock``, created exclusively (``O_EXCL``) and holding
JSON ``{"host", "user", "pid", "since"}``. A lock left by a crashed program on the same computer
(its process is gone) is taken over; a live one, or one from another computer, is reported.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import WorkspaceError, WorkspaceInUse


def current_user() -> str:
    """The name recorded in the 台账: ``SYDW_USER`` if set, else the OS login name."""
    name = os.environ.get("SYDW_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class LockOwner:
    host: str
    user: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"计算机“{self.host}”上的用户“{self.user}”（自 {self.since} 起，进程 {self.pid}）"


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


class WorkspaceLock:
    """An acquired write lock; release it with :meth:`release`."""

    def __init__(self, workspace: Path) -> None:
        self.path = lock_path(workspace)
        self.workspace = workspace
        self.owner = LockOwner(
            host=socket.gethostname(),
            user=current_user(),
            pid=os.getpid(),
            since=datetime.now().isoformat(timespec="seconds"),
        )
        self._acquire()

    def _read_owner(self) -> LockOwner | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockOwner(str(data["host"]), str(data["user"]), int(data["pid"]), str(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _just_created(self, grace_seconds: float = 10.0) -> bool:
        try:
            return time.time() - self.path.stat().st_mtime < grace_seconds
        except OSError:
            return False

    def _acquire(self) -> None:
        payload = json.dumps(self.owner.__dict__, ensure_ascii=False).encode("utf-8")
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = self._read_owner()
                if other is None and self._just_created():
                    # another program is between creating its lock and writing who it is
                    raise WorkspaceInUse(f"工作区“{self.workspace.name}”正被另一个程序打开。") from None
                stale = other is None or (
                    other.host == self.owner.host and not _pid_alive(other.pid)
                )
                if other is not None and other.pid == os.getpid() and other.host == self.owner.host:
                    raise WorkspaceInUse(
                        f"工作区“{self.workspace.name}”已在本程序中打开，不能重复打开。"
                    ) from None
                if not stale:
                    assert other is not None
                    raise WorkspaceInUse(
                        f"工作区“{self.workspace.name}”正被{other.describe()}打开编辑。"
                        "请等对方关闭后再打开，或以只读方式查看。"
                    ) from None
                try:
                    self.path.unlink()
                except OSError as exc:
                    raise WorkspaceError(f"无法清除过期的锁文件“{self.path}”：{exc.strerror}") from exc
                continue
            except OSError as exc:
                raise WorkspaceError(
                    f"无法在“{self.path.parent}”创建锁文件（{exc.strerror}）；"
                    "该位置可能只读，请将工作区复制到可写的位置后再打开。"
                ) from exc
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            return
        raise WorkspaceInUse(f"工作区“{self.workspace.name}”正被另一个程序打开。")

    def release(self) -> None:
        owner = self._read_owner()
        if owner is not None and owner.pid == self.owner.pid and owner.host == self.owner.host:
            with contextlib.suppress(OSError):
                self.path.unlink()
