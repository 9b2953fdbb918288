"""Who has a workspace open for writing: an OS lock held on the ``.sydw`` file itself.

The writer holds an exclusive, non-blocking OS lock on the workspace file for as long as it is open
(``flock`` on POSIX, ``msvcrt.locking`` on a byte of SQLite's never-used lock page on Windows). The
lock belongs to the file, not to its name: a symbolic or hard link to the same file meets the same
lock, and the OS drops it when the process ends, however it ends — so a crash never leaves a lock
that blocks the next open, and several programs racing to open it cannot all win.

Beside the file, ``示例旗.sydw.lock`` holds JSON ``{"host", "user", "pid", "since"}`` only to say
*who* has it. On the same computer it is a hint and never blocks: the OS lock decides. A note from
another computer (a shared folder, where OS locks may not reach) is respected while that
computer's lock cannot be checked.

``flock`` locks and SQLite's own ``fcntl`` locks are independent; the lock's descriptor is closed
only after the connection, and a second open in the same process is refused before touching the
file (closing any descriptor of a file drops the process's ``fcntl`` locks on it).
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import WorkspaceError, WorkspaceInUse, WorkspaceNotWritable

#: On Windows: the byte locked, inside SQLite's lock page (1 GiB + 2 KiB; SQLite locks only the first
#: 512 bytes of that page and never reads or writes it)
_WINDOWS_LOCK_OFFSET = 0x40000000 + 2048

#: errors of a file system that has no locks at all
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}

#: Files this process holds the lock of, by (device, inode)
_HELD: set[tuple[int, int]] = set()
_HELD_MUTEX = threading.Lock()


def current_user() -> str:
    """The name recorded in the 台账: ``SYDW_USER`` if set, else the OS login name."""
    name = os.environ.get("SYDW_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "未知用户"


@dataclass(frozen=True)
class LockOwner:
    host: str
    user: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"计算机“{self.host}”上的用户“{self.user}”（自 {self.since.replace('T', ' ')} 起，进程 {self.pid}）"


def lock_path(workspace: Path) -> Path:
    """The note beside ``workspace`` saying who has it open."""
    return workspace.with_name(workspace.name + ".lock")


def read_owner(workspace: Path) -> LockOwner | None:
    """Who the note beside ``workspace`` names, or None when there is no readable note."""
    try:
        data = json.loads(lock_path(workspace).read_text(encoding="utf-8"))
        return LockOwner(str(data["host"]), str(data["user"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _try_os_lock(fd: int) -> bool:
    """Take the exclusive lock on ``fd`` without waiting; False when another holder has it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _in_use(workspace: Path) -> WorkspaceInUse:
    owner = read_owner(workspace)
    who = f"正被{owner.describe()}打开编辑" if owner is not None else "正被另一个程序打开编辑"
    return WorkspaceInUse(
        f"工作区“{workspace.name}”{who}。请等对方关闭后再打开，或以只读方式打开查看。"
    )


class WorkspaceLock:
    """An acquired write lock on ``workspace``; release it with :meth:`release` (after closing the database)."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.path = lock_path(workspace)
        self.owner = LockOwner(
            host=socket.gethostname(),
            user=current_user(),
            pid=os.getpid(),
            since=datetime.now().isoformat(timespec="seconds"),
        )
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
        self._acquire()

    def _acquire(self) -> None:
        name = self.workspace.name
        try:
            info = os.stat(self.workspace)
        except OSError as exc:
            raise WorkspaceError(f"无法读取工作区文件“{self.workspace}”：{exc.strerror}") from exc
        identity = (info.st_dev, info.st_ino)
        with _HELD_MUTEX:
            if identity in _HELD:
                raise WorkspaceInUse(f"工作区“{name}”已在本程序中打开，不能重复打开。")
            other = read_owner(self.workspace)
            if other is not None and other.host != self.owner.host:
                raise WorkspaceInUse(
                    f"工作区“{name}”正被{other.describe()}打开编辑。请等对方关闭后再打开，或以只读方式打开查看。"
                    f"如确认对方已关闭（例如那台计算机已关机），可删除锁文件“{self.path.name}”后重试。"
                )
            try:
                fd = os.open(self.workspace, os.O_RDWR | getattr(os, "O_BINARY", 0))
            except OSError as exc:
                raise WorkspaceNotWritable(
                    f"无法以可写方式打开工作区“{name}”（{exc.strerror}）；"
                    "该位置可能只读，可以以只读方式打开查看，或将工作区复制到可写的位置后再打开。"
                ) from exc
            try:
                locked = _try_os_lock(fd)
            except OSError as exc:
                if exc.errno not in _NO_LOCKS:
                    os.close(fd)
                    raise WorkspaceError(f"无法锁定工作区“{name}”：{exc.strerror}") from exc
                locked = True  # a file system without locks (some network shares): the note is all there is
            if not locked:
                os.close(fd)
                raise _in_use(self.workspace)
            self._fd, self._identity = fd, identity
            _HELD.add(identity)
        self._write_note()

    def _write_note(self) -> None:
        """Say who holds the lock (best effort: a full or read-only folder only loses the note)."""
        payload = json.dumps(self.owner.__dict__, ensure_ascii=False).encode("utf-8")
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as handle:
                handle.write(payload)
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()

    def release(self) -> None:
        if self._fd is None:
            return
        owner = read_owner(self.workspace)
        if owner is not None and owner.pid == self.owner.pid and owner.host == self.owner.host:
            with contextlib.suppress(OSError):
                self.path.unlink()
        with _HELD_MUTEX:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # drops the OS lock
            self._fd = None
            if self._identity is not None:
                _HELD.discard(self._identity)
