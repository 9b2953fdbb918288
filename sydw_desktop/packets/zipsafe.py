"""Zip safety: inspect a packet's entries before anything is extracted, then extract safely.

A packet comes from another office on a USB stick; it is input, not trusted code. Before a byte
is written, every entry is checked against the limits below; only entries that pass are extracted,
and only into a fresh temporary folder, each to a path computed and checked here (never one
taken from the archive as is). The limits are stated in ``docs/packets.md`` too.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
import zipfile
import zlib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..files import describe_os_error
from ..progress import CancelCheck
from .results import Problem

MAX_PACKET_BYTES = 2 * 1024**3
"""Largest packet file accepted (2 GiB)."""
MAX_ENTRIES = 20_000
"""Most entries in one packet."""
MAX_ENTRY_BYTES = 512 * 1024**2
"""Largest single file once extracted (512 MiB)."""
MAX_TOTAL_BYTES = 2 * 1024**3
"""Largest total of all files once extracted (2 GiB)."""
MAX_RATIO = 100
"""Largest compression ratio (extracted ÷ stored size) of an entry bigger than :data:`RATIO_FLOOR`."""
RATIO_FLOOR = 1024**2
"""Entries up to this size (1 MiB) may compress as well as they like."""
MAX_NAME_CHARS = 400
"""Longest entry name (characters) — Windows paths stay workable after extraction."""

_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_SUPPORTED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class SafeEntry:
    """An entry that passed inspection, with the path it will be extracted to."""

    info: zipfile.ZipInfo
    name: str
    """The NFC-normalised ``/``-separated name."""
    is_dir: bool


@dataclass(frozen=True)
class Inspection:
    """The outcome of inspecting a zip file's entries."""

    entries: tuple[SafeEntry, ...]
    """Entries that are safe to extract."""
    problems: tuple[Problem, ...]
    """Every unsafe entry and container-level problem."""
    readable: bool = True
    """False when the file is not a readable zip at all (nothing can be extracted)."""


def _mode(info: zipfile.ZipInfo) -> int:
    return (info.external_attr >> 16) & 0xFFFF


def _name_problems(info: zipfile.ZipInfo) -> list[str]:
    name = info.filename
    problems: list[str] = []
    if not name:
        return ["文件名为空"]
    if len(name) > MAX_NAME_CHARS:
        problems.append(f"文件名过长（超过 {MAX_NAME_CHARS} 个字符）")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        problems.append("文件名含有控制字符")
    if "\\" in name:
        problems.append("文件名中含有反斜杠“\\”（在 Windows 上会被当作路径分隔符）")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        problems.append("使用了绝对路径（解压时会写到报送包之外）")
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if ".." in parts or ".." in name.replace("\\", "/").split("/"):
        problems.append("路径中含有“..”（解压时会写到报送包之外）")
    if any(p == "." for p in name.split("/")):
        problems.append("路径中含有“.”")
    if not info.flag_bits & _UTF8_FLAG and not name.isascii():
        problems.append("文件名不是按 UTF-8 存储的（缺少 UTF-8 标志）")
    if unicodedata.normalize("NFC", name) != name:
        problems.append("文件名没有做 NFC 规范化")
    return problems


def _kind_problems(info: zipfile.ZipInfo) -> list[str]:
    mode = _mode(info)
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return ["是符号链接（报送包中不允许链接）"]
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return ["不是普通文件（设备、管道等特殊文件）"]
    if kind == stat.S_IFDIR and not info.is_dir():
        return ["是文件夹，但名称不以“/”结尾"]
    problems = []
    if info.flag_bits & _ENCRYPTED_FLAG:
        problems.append("已加密，无法校验")
    if info.compress_type not in _SUPPORTED_METHODS:
        problems.append(f"使用了不支持的压缩方式（{info.compress_type}）")
    return problems


def inspect_zip(path: Path) -> Inspection:
    """Check every entry of the zip at ``path`` without extracting anything."""
    label = path.name
    size = path.stat().st_size
    if size > MAX_PACKET_BYTES:
        return Inspection((), (Problem(label, f"文件过大（{size} 字节，上限 {MAX_PACKET_BYTES} 字节）"),), False)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        return Inspection(
            (), (Problem(label, "不是完整的 zip 文件（文件被截断或损坏，可能复制时 U 盘被拔出）"),), False
        )
    except NotImplementedError as exc:  # "version needed to extract" or a feature zipfile lacks
        return Inspection((), (Problem(label, f"zip 格式不受支持（{exc}），不是本程序写出的报送包"),), False)
    except Exception as exc:  # reading outside data: any failure is a problem, never a crash
        return Inspection((), (Problem(label, f"无法作为 zip 文件读取（{type(exc).__name__}）"),), False)
    problems: list[Problem] = []
    if len(infos) > MAX_ENTRIES:
        return Inspection((), (Problem(label, f"文件数过多（{len(infos)} 个，上限 {MAX_ENTRIES} 个）"),), False)
    entries: list[SafeEntry] = []
    seen: dict[str, str] = {}
    total = 0
    for info in infos:
        reasons = _name_problems(info) + _kind_problems(info)
        if not info.is_dir():
            if info.file_size > MAX_ENTRY_BYTES:
                reasons.append(f"解压后过大（{info.file_size} 字节，上限 {MAX_ENTRY_BYTES} 字节）")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                reasons.append(f"压缩比异常（约 {ratio} 倍，上限 {MAX_RATIO} 倍），疑似“压缩炸弹”")
            total += info.file_size
        normalized = unicodedata.normalize("NFC", info.filename.rstrip("/"))
        key = normalized.casefold()
        if key in seen:
            reasons.append(f"与“{seen[key]}”是同一个文件名（规范化或忽略大小写后相同）")
        else:
            seen[key] = info.filename
        if reasons:
            problems.extend(Problem(info.filename or "（无名条目）", r) for r in reasons)
        else:
            entries.append(SafeEntry(info, normalized, info.is_dir()))
    if total > MAX_TOTAL_BYTES:
        problems.append(Problem(label, f"解压后总大小过大（{total} 字节，上限 {MAX_TOTAL_BYTES} 字节）"))
        entries = []
    return Inspection(tuple(entries), tuple(problems))


def _inside(root: Path, target: Path) -> bool:
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def extract_safe(
    path: Path, inspection: Inspection, into: Path, *, cancel: CancelCheck | None = None
) -> tuple[list[str], list[Problem]]:
    """Extract the safe entries of ``path`` into the (empty, temporary) folder ``into``.

    Returns the names extracted and the problems met (a CRC error, a truncated entry). Nothing is
    written outside ``into``: every target is computed from the checked name and confirmed to
    resolve inside it, files are created exclusively, and sizes are bounded by the declared ones.
    """
    extracted: list[str] = []
    problems: list[Problem] = []
    with zipfile.ZipFile(path) as archive:
        for entry in inspection.entries:
            if cancel is not None and cancel():
                break
            target = into.joinpath(*entry.name.split("/"))
            try:
                if not _inside(into, target):
                    problems.append(Problem(entry.info.filename, "解压路径不在临时文件夹内，已跳过"))
                    continue
                if entry.is_dir:
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                _copy_entry(archive, entry.info, target)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
                _remove_partial(target)
                problems.append(Problem(entry.info.filename, _read_error(exc)))
                continue
            except OSError as exc:  # the name cannot exist here: a file in the way, too long, …
                if not isinstance(exc, FileExistsError | IsADirectoryError | NotADirectoryError):
                    _remove_partial(target)
                problems.append(Problem(entry.info.filename, _os_error(exc)))
                continue
            extracted.append(entry.name)
    return extracted, problems


def _copy_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o600)
    written = 0
    with os.fdopen(fd, "wb") as out, archive.open(info) as source:
        while chunk := source.read(_COPY_CHUNK):
            written += len(chunk)
            if written > info.file_size or written > MAX_ENTRY_BYTES:
                raise ValueError("entry larger than declared")
            out.write(chunk)


def _remove_partial(target: Path) -> None:
    with suppress(OSError):
        if target.is_file() and not target.is_symlink():
            target.unlink()


def _os_error(exc: OSError) -> str:
    """Why an entry could not be extracted, in Chinese."""
    if isinstance(exc, FileExistsError | IsADirectoryError | NotADirectoryError):
        return "与另一个条目冲突（同一路径在压缩包中既是文件又是文件夹，或与另一个条目解压到同一位置），无法解压"
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return "文件名过长，无法在本机解压"
    return f"无法解压：{describe_os_error(exc)}"


def _read_error(exc: Exception) -> str:
    text = str(exc)
    if "CRC" in text or "Bad CRC" in text:
        return "数据校验（CRC）失败：文件在压缩包中已损坏"
    if isinstance(exc, ValueError) and "larger than declared" in text:
        return "解压后的大小超过压缩包中登记的大小"
    return f"无法解压（文件被截断或损坏：{type(exc).__name__}）"
