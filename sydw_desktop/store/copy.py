"""A consistent, verified copy of an open workspace: 另存为 and 备份到….

The copy is made with SQLite's online backup API (a consistent image even while the workspace is
open), written to a temporary file beside the destination, checked (``PRAGMA integrity_check`` and
the same row counts as the source), flushed to disk and only then renamed into place. A full or
pulled USB stick leaves the destination as it was and says so; it never leaves half a workspace.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from ..errors import SydwError
from ..files import describe_os_error, temp_path_for
from ..progress import CancelCheck, Progress, check_cancel

SUFFIX = ".sydw"
#: Pages copied per backup step: small enough to report progress and honour cancel on a region file.
PAGES_PER_STEP = 2048
#: SQLite primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``).
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14


class CopyFailed(SydwError):
    """The copy could not be made or did not verify; the destination is untouched."""

    exit_code = 2


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return sorted(r[0] for r in rows)


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table: what a verified copy must match."""
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}


def _io_message(error: OSError, target: Path) -> str:
    return f"写入“{target}”失败：{describe_os_error(error)}。副本没有写成，原文件未受影响。"


def _sqlite_message(error: sqlite3.Error, target: Path) -> str:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_FULL:
        return _io_message(OSError(errno.ENOSPC, "disk full"), target)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY):
        return f"写入“{target}”失败：读写出错（磁盘已满、U 盘已拔出或有写保护？）。副本没有写成，原文件未受影响。"
    return f"复制到“{target}”失败（数据库错误）。副本没有写成，原文件未受影响。"


def save_copy(source: sqlite3.Connection, target: Path, *, source_path: Path | None = None,
              progress: Progress | None = None, cancel: CancelCheck | None = None) -> Path:
    """Copy the database behind ``source`` to ``target`` (``.sydw`` added if missing), verified.

    Refuses to write over ``source_path`` itself or over an existing file of another kind.
    Raises :class:`CopyFailed` with a Chinese message; on any failure ``target`` is as it was.
    """
    target = Path(target)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    if source_path is not None and target.exists() and target.resolve() == Path(source_path).resolve():
        raise CopyFailed(f"“{target}”就是当前打开的工作区文件，不能复制到它自己。请换一个文件名或文件夹。")
    if not target.parent.is_dir():
        raise CopyFailed(f"文件夹“{target.parent}”不存在（U 盘是否已拔出？）。")
    partial = temp_path_for(target)
    try:
        with contextlib.closing(sqlite3.connect(partial, isolation_level=None)) as dest:
            def step(status: int, remaining: int, total: int) -> None:
                check_cancel(cancel)
                if progress is not None and total:
                    progress((total - remaining) / total, f"正在复制 {total - remaining}/{total} 页")

            source.backup(dest, pages=PAGES_PER_STEP, progress=step)
            dest.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dest.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise CopyFailed(f"副本“{target.name}”校验未通过：{'；'.join(problems[:3])}。原文件未受影响。")
            if row_counts(dest) != row_counts(source):
                raise CopyFailed(f"副本“{target.name}”的内容与原工作区不一致，没有保存。请重试。")
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise CopyFailed(_sqlite_message(error, target)) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CopyFailed(_io_message(error, target)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
