"""Writing files safely: temporary name in the destination folder, fsync, rename, read back.

Every file the program writes — exported documents and tables, workbooks, templates, packets,
signing identities — goes through here. A file is first written under a temporary name that does
not look like the real thing (``.名称.xxxx.sydw-part``), flushed and fsynced, then renamed into
place, so a failure never leaves half a file under the real name and never damages the file it
would have replaced. Callers that must be sure the device kept the data (USB sticks lie about what
they have stored) read the file back (:func:`sha256_of_file`) and compare.

Any failure removes the temporary file (as far as the device still allows) and raises ``error``
(a :class:`~sydw_desktop.errors.SydwError` subclass, :class:`FileWriteError` by default) with a
Chinese message naming the file and saying what happened: the folder is missing, a folder of that
name is in the way, the file is open in Word, the disk is full, the stick was pulled …
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .errors import FileWriteError, SydwError

TEMP_SUFFIX = ".sydw-part"
"""Suffix of files being written; a file with it is never a finished file."""

READ_CHUNK = 1 << 20
_MAX_NAME_BYTES = 255
"""Longest file name most file systems take (NTFS counts 255 UTF-16 units, ext4 255 bytes)."""

ErrorType = type[SydwError]


def describe_os_error(exc: OSError) -> str:
    """A Chinese phrase for the usual ways writing a file fails."""
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return "磁盘空间不足（U 盘已满？）"
    if code in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT):
        return "读写出错（U 盘是否已被拔出？）"
    if code == errno.EROFS:
        return "磁盘为只读（U 盘是否有写保护开关？）"
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "文件正被其他程序（如 Word、WPS、Excel）打开，请关闭后重试"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限（或文件正被 Word、WPS、Excel 等程序打开，请关闭后重试）"
    if code == errno.EFBIG:
        return "文件过大（U 盘是 FAT32 格式时单个文件不能超过 4 GB）"
    if code == errno.EISDIR:
        return "已有同名的文件夹"
    if code == errno.ENOTDIR:
        return "路径中有一部分是文件而不是文件夹"
    if code == errno.ENAMETOOLONG or winerror == 206:
        return "文件名或路径过长"
    if code == errno.EINVAL or winerror == 123:
        return "文件名或路径无效（含有系统不允许的字符？）"
    return exc.strerror or type(exc).__name__


def temp_path_for(dest: Path) -> Path:
    """A fresh temporary name beside ``dest`` that does not end in ``dest``'s suffix.

    Normally ``.<name>.<random>.sydw-part``; when that would be too long for the file system, a
    short ``.sydw-<random>.sydw-part`` (so a long but valid name still gets written).
    """
    token = secrets.token_hex(4)
    name = f".{dest.name}.{token}{TEMP_SUFFIX}"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = f".sydw-{token}{TEMP_SUFFIX}"
    return dest.with_name(name)


def _open_temp(path: Path) -> BinaryIO:
    """Open a new temporary file for writing (a seam the USB-failure tests replace)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    return os.fdopen(fd, "wb")


def _open_read(path: Path) -> BinaryIO:
    """Open a finished file for reading back (a seam the read-back tests replace)."""
    return open(path, "rb")


def _fsync_path(path: Path) -> None:
    """fsync a file some library wrote by name."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


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


def _preflight(dest: Path, overwrite: bool, what: str, error: ErrorType) -> bool:
    """Refuse what cannot work before anything is written; True when ``dest`` exists (a file)."""
    folder = dest.parent
    try:
        if not folder.is_dir():
            raise error(f"无法写入{what}“{dest}”：文件夹“{folder}”不存在。")
        if dest.is_dir():
            raise error(f"无法写入{what}“{dest}”：已有同名的文件夹，请把它移走或改名后重试。")
        existed = dest.exists()
    except OSError as exc:  # the name itself is unusable here (too long, invalid characters …)
        raise error(f"无法写入{what}“{dest}”：{describe_os_error(exc)}。") from exc
    if existed and not overwrite:
        raise error(f"{what}“{dest}”已存在，不会覆盖。请换一个文件名。")
    return existed


def _write_failed(what: str, dest: Path, existed: bool, exc: OSError, error: ErrorType) -> SydwError:
    kept = f"原有的“{dest.name}”未被改动" if existed else f"没有生成{what}"
    return error(f"无法写入{what}“{dest}”：{describe_os_error(exc)}。{kept}，目标文件夹中未留下不完整的文件。")


@contextmanager
def _atomic(
    dest: Path, overwrite: bool, what: str, check: Callable[[Path], None] | None, error: ErrorType, by_name: bool
) -> Iterator[BinaryIO | Path]:
    dest = Path(dest)
    existed = _preflight(dest, overwrite, what, error)
    tmp = temp_path_for(dest)
    try:
        handle = _open_temp(tmp)
    except OSError as exc:
        raise error(f"无法写入{what}“{dest}”：{describe_os_error(exc)}。") from exc
    try:
        if by_name:
            handle.close()
            yield tmp
            _fsync_path(tmp)
        else:
            try:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            finally:
                handle.close()
        if check is not None:
            check(tmp)
        if dest.exists() and not overwrite:
            raise error(f"{what}“{dest}”已存在，不会覆盖。请换一个文件名。")
        if existed:  # the replaced file's permissions, not the umask default
            with suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(dest.stat().st_mode))
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except OSError as exc:
        remove_quietly(tmp)
        raise _write_failed(what, dest, existed, exc, error) from exc
    except BaseException:
        remove_quietly(tmp)
        raise


@contextmanager
def atomic_write(
    dest: Path, *, overwrite: bool = False, what: str = "文件", check: Callable[[Path], None] | None = None,
    error: ErrorType = FileWriteError,
) -> Iterator[BinaryIO]:
    """Write ``dest`` atomically: yield a handle on a temporary file, rename it on success.

    ``check`` is called with the temporary file once it is written, synced and closed — before the
    rename, so a file that fails it never takes ``dest``'s name (and an existing ``dest`` survives).
    ``what`` names the file in messages (``报送包``, ``签名身份文件`` …). When the body or ``check``
    raises, or flushing, syncing or renaming fails, the temporary file is removed and ``error``
    (or the exception raised) propagates; ``dest`` is untouched.
    """
    with _atomic(dest, overwrite, what, check, error, by_name=False) as handle:
        yield handle  # type: ignore[misc]


@contextmanager
def atomic_path(
    dest: Path, *, overwrite: bool = False, what: str = "文件", check: Callable[[Path], None] | None = None,
    error: ErrorType = FileWriteError,
) -> Iterator[Path]:
    """Like :func:`atomic_write`, for libraries that write a file by name: yield the temporary path.

    The body writes the whole file at the yielded path (``book.save(tmp)``); it is then fsynced,
    checked and renamed to ``dest`` exactly as with :func:`atomic_write`.
    """
    with _atomic(dest, overwrite, what, check, error, by_name=True) as tmp:
        yield tmp  # type: ignore[misc]


def _mismatch(what: str, dest: Path, error: ErrorType) -> SydwError:
    return error(
        f"写入{what}“{dest}”后读回的内容与写入的不一致（U 盘不可靠或已被拔出？），没有生成{what}，请换一个 U 盘重试。"
    )


def write_bytes_atomic(
    dest: Path, data: bytes, *, overwrite: bool = False, what: str = "文件", error: ErrorType = FileWriteError
) -> None:
    """Write ``data`` to ``dest`` through :func:`atomic_write`, reading it back before the rename."""
    expected = hashlib.sha256(data).hexdigest()

    def read_back(tmp: Path) -> None:
        if sha256_of_file(tmp, what=what, error=error) != expected:
            raise _mismatch(what, dest, error)

    with atomic_write(dest, overwrite=overwrite, what=what, check=read_back, error=error) as handle:
        handle.write(data)


def sha256_of_file(path: Path, *, what: str = "文件", error: ErrorType = FileWriteError) -> str:
    """SHA-256 of the file as the device gives it back now."""
    digest = hashlib.sha256()
    try:
        with _open_read(path) as handle:
            _drop_cache(handle)
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise error(f"读回{what}“{path}”失败：{describe_os_error(exc)}。") from exc
    return digest.hexdigest()


def copy_file_atomic(
    src: Path, dest: Path, *, overwrite: bool = False, what: str = "文件",
    check: Callable[[Path], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
    error: ErrorType = FileWriteError,
) -> str:
    """Copy ``src`` to ``dest`` atomically and make sure the device kept it; return its SHA-256.

    Before the rename the temporary copy is read back and compared, then ``check`` (e.g. a full
    verification) runs on it; after the rename the file is read back once more. Any mismatch or
    failure removes what was written and raises ``error`` (or ``check``'s error).
    """
    digest = hashlib.sha256()
    try:
        with open(src, "rb") as source:
            while chunk := source.read(READ_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise error(f"无法读取“{src}”：{describe_os_error(exc)}。") from exc
    expected = digest.hexdigest()

    def read_back(tmp: Path) -> None:
        if sha256_of_file(tmp, what=what, error=error) != expected:
            raise _mismatch(what, dest, error)
        if check is not None:
            check(tmp)

    with atomic_write(dest, overwrite=overwrite, what=what, check=read_back, error=error) as out, \
            open(src, "rb") as source:
        while chunk := source.read(READ_CHUNK):
            out.write(chunk)
            if on_bytes is not None:
                on_bytes(len(chunk))
    if sha256_of_file(dest, what=what, error=error) != expected:
        remove_quietly(dest)
        raise _mismatch(what, dest, error)
    return expected
