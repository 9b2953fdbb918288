"""USB-safe writing: temp file in the destination folder, fsync, rename, read back.

USB sticks lie about what they have stored, get pulled out mid-copy and fill up. So a file is
first written under a temporary name that does not look like the real thing
(``.名称.xxxx.sydw-part``), flushed and fsynced, then renamed into place; the caller then reads
the final file back (:func:`sha256_of_file`) and compares. Any failure removes the temporary file
(as far as the device still allows) and raises :class:`PacketWriteError` with a Chinese message
saying what happened and that no packet was left behind.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .errors import PacketWriteError

TEMP_SUFFIX = ".sydw-part"
"""Suffix of files being written; a file with it is never a finished packet."""

READ_CHUNK = 1 << 20


def describe_os_error(exc: OSError) -> str:
    """A Chinese phrase for the usual ways writing to a USB stick fails."""
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return "磁盘空间不足（U 盘已满？）"
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT):
        return "读写出错（U 盘是否已被拔出？）"
    if code == errno.EROFS:
        return "磁盘为只读（U 盘是否有写保护开关？）"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    if code == errno.EFBIG:
        return "文件过大（U 盘是 FAT32 格式时单个文件不能超过 4 GB）"
    return exc.strerror or type(exc).__name__


def temp_path_for(dest: Path) -> Path:
    """A fresh temporary name beside ``dest`` that does not end in ``dest``'s suffix."""
    return dest.with_name(f".{dest.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _open_temp(path: Path) -> BinaryIO:
    """Open a new temporary file for writing (a seam the USB-failure tests replace)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    return os.fdopen(fd, "wb")


def _open_read(path: Path) -> BinaryIO:
    """Open a finished file for reading back (a seam the read-back tests replace)."""
    return open(path, "rb")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _drop_cache(handle: BinaryIO) -> None:
    """Ask the OS to forget its cached pages of the file, so reading back reaches the device."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    with suppress(OSError, AttributeError, ValueError):
        advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def remove_quietly(path: Path) -> None:
    """Delete ``path`` if the device still lets us (a leftover keeps its temporary name)."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


@contextmanager
def atomic_write(
    dest: Path, *, overwrite: bool = False, what: str = "文件", check: Callable[[Path], None] | None = None
) -> Iterator[BinaryIO]:
    """Write ``dest`` atomically: yield a handle on a temporary file, rename it on success.

    ``check`` is called with the temporary file once it is written, synced and closed — before the
    rename, so a file that fails it never takes ``dest``'s name (and an existing ``dest`` survives).
    ``what`` names the file in messages (``报送包``, ``签名身份文件`` …). When the body or ``check``
    raises, or flushing, syncing or renaming fails, the temporary file is removed and a
    :class:`PacketWriteError` (or the exception raised) propagates; ``dest`` is untouched.
    """
    dest = Path(dest)
    folder = dest.parent
    if not folder.is_dir():
        raise PacketWriteError(f"无法写入{what}“{dest}”：文件夹“{folder}”不存在。")
    if dest.exists() and not overwrite:
        raise PacketWriteError(f"{what}“{dest}”已存在，不会覆盖。请换一个文件名。")
    tmp = temp_path_for(dest)
    try:
        handle = _open_temp(tmp)
    except OSError as exc:
        raise PacketWriteError(f"无法在“{folder}”中写入{what}：{describe_os_error(exc)}。") from exc
    try:
        try:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            handle.close()
        if check is not None:
            check(tmp)
        if dest.exists() and not overwrite:
            raise PacketWriteError(f"{what}“{dest}”已存在，不会覆盖。请换一个文件名。")
        os.replace(tmp, dest)
        _fsync_dir(folder)
    except OSError as exc:
        remove_quietly(tmp)
        raise PacketWriteError(
            f"写入{what}“{dest}”失败：{describe_os_error(exc)}。没有生成{what}，目标文件夹中未留下不完整的文件。"
        ) from exc
    except BaseException:
        remove_quietly(tmp)
        raise


def _mismatch(what: str, dest: Path) -> PacketWriteError:
    return PacketWriteError(
        f"写入{what}“{dest}”后读回的内容与写入的不一致（U 盘不可靠或已被拔出？），没有生成{what}，请换一个 U 盘重试。"
    )


def write_bytes_atomic(dest: Path, data: bytes, *, overwrite: bool = False, what: str = "文件") -> None:
    """Write ``data`` to ``dest`` through :func:`atomic_write`, reading it back before the rename."""
    expected = hashlib.sha256(data).hexdigest()

    def read_back(tmp: Path) -> None:
        if sha256_of_file(tmp, what=what) != expected:
            raise _mismatch(what, dest)

    with atomic_write(dest, overwrite=overwrite, what=what, check=read_back) as handle:
        handle.write(data)


def sha256_of_file(path: Path, *, what: str = "文件") -> str:
    """SHA-256 of the file as the device gives it back now."""
    digest = hashlib.sha256()
    try:
        with _open_read(path) as handle:
            _drop_cache(handle)
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise PacketWriteError(f"读回{what}“{path}”失败：{describe_os_error(exc)}。") from exc
    return digest.hexdigest()


def copy_file_atomic(
    src: Path, dest: Path, *, overwrite: bool = False, what: str = "文件",
    check: Callable[[Path], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> str:
    """Copy ``src`` to ``dest`` atomically and make sure the device kept it; return its SHA-256.

    Before the rename the temporary copy is read back and compared, then ``check`` (e.g. a full
    verification) runs on it; after the rename the file is read back once more. Any mismatch or
    failure removes what was written and raises :class:`PacketWriteError` (or ``check``'s error).
    """
    digest = hashlib.sha256()
    with open(src, "rb") as source:
        while chunk := source.read(READ_CHUNK):
            digest.update(chunk)
    expected = digest.hexdigest()

    def read_back(tmp: Path) -> None:
        if sha256_of_file(tmp, what=what) != expected:
            raise _mismatch(what, dest)
        if check is not None:
            check(tmp)

    with atomic_write(dest, overwrite=overwrite, what=what, check=read_back) as out, open(src, "rb") as source:
        while chunk := source.read(READ_CHUNK):
            out.write(chunk)
            if on_bytes is not None:
                on_bytes(len(chunk))
    if sha256_of_file(dest, what=what) != expected:
        remove_quietly(dest)
        raise _mismatch(what, dest)
    return expected
