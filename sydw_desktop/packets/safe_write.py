"""USB-safe writing of packets and identities: :mod:`sydw_desktop.files` with packet errors.

The mechanics (temporary name in the destination folder, fsync, rename, read back) live in
:mod:`sydw_desktop.files`, which every file the program writes goes through. Here they raise
:class:`PacketWriteError`, so the packet layer's callers see one error type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .. import files
from ..files import TEMP_SUFFIX, describe_os_error, remove_quietly, temp_path_for
from .errors import PacketWriteError

__all__ = [
    "TEMP_SUFFIX",
    "atomic_write",
    "copy_file_atomic",
    "describe_os_error",
    "remove_quietly",
    "sha256_of_file",
    "temp_path_for",
    "write_bytes_atomic",
]


@contextmanager
def atomic_write(
    dest: Path, *, overwrite: bool = False, what: str = "文件", check: Callable[[Path], None] | None = None
) -> Iterator[BinaryIO]:
    """:func:`sydw_desktop.files.atomic_write` raising :class:`PacketWriteError`."""
    with files.atomic_write(dest, overwrite=overwrite, what=what, check=check, error=PacketWriteError) as handle:
        yield handle


def write_bytes_atomic(dest: Path, data: bytes, *, overwrite: bool = False, what: str = "文件") -> None:
    """:func:`sydw_desktop.files.write_bytes_atomic` raising :class:`PacketWriteError`."""
    files.write_bytes_atomic(dest, data, overwrite=overwrite, what=what, error=PacketWriteError)


def sha256_of_file(path: Path, *, what: str = "文件") -> str:
    """:func:`sydw_desktop.files.sha256_of_file` raising :class:`PacketWriteError`."""
    return files.sha256_of_file(path, what=what, error=PacketWriteError)


def copy_file_atomic(
    src: Path, dest: Path, *, overwrite: bool = False, what: str = "文件",
    check: Callable[[Path], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> str:
    """:func:`sydw_desktop.files.copy_file_atomic` raising :class:`PacketWriteError`."""
    return files.copy_file_atomic(src, dest, overwrite=overwrite, what=what, check=check, on_bytes=on_bytes,
                                  error=PacketWriteError)
