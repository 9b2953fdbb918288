"""Removable drives (U 盘) to offer as a packet's destination, and free space (no core imports).

:func:`removable_mounts` is the pure decision, tested with made-up mount lists; :func:`list_removable`
feeds it what the system reports: ``QStorageInfo.mountedVolumes()`` plus, on Windows,
``GetDriveTypeW`` (``DRIVE_REMOVABLE``) and, on Linux, the block devices ``/sys/block`` flags as
removable or finds on a USB bus.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

DRIVE_REMOVABLE = 2
"""``GetDriveTypeW`` result for a removable drive (USB stick, card reader)."""

#: Where Linux desktops (udisks) mount removable media.
LINUX_MEDIA_PREFIXES = ("/media/", "/run/media/")
MAC_MEDIA_PREFIX = "/Volumes/"


@dataclass(frozen=True)
class Mount:
    """One mounted volume as the system reports it."""

    root: str
    """Mount point or drive root: ``/media/user/STICK``, ``E:/``."""
    device: str = ""
    """The device: ``/dev/sdb1`` on Linux (empty when unknown)."""
    label: str = ""
    """The volume label, when it has one."""
    drive_type: int | None = None
    """Windows only: what ``GetDriveTypeW`` says about ``root``."""
    read_only: bool = False
    free: int = 0
    """Bytes available to the user."""
    total: int = 0


def block_device_name(device: str) -> str | None:
    """``/dev/sdb1`` → ``sdb1``; None for anything that is not a ``/dev`` node."""
    if not device.startswith("/dev/"):
        return None
    name = device[len("/dev/") :]
    return name or None


def parent_disk(partition: str, disks: Collection[str]) -> str | None:
    """The disk a partition belongs to: the longest name in ``disks`` that ``partition`` starts with.

    ``sdb1`` → ``sdb``, ``mmcblk0p1`` → ``mmcblk0``, ``sdb`` (a stick without partitions) → ``sdb``.
    """
    matches = [d for d in disks if partition.startswith(d)]
    return max(matches, key=len) if matches else None


def is_removable(mount: Mount, *, platform: str, removable_disks: Collection[str] = ()) -> bool:
    """Whether ``mount`` is a removable drive on ``platform`` (``sys.platform`` values)."""
    if platform == "win32":
        return mount.drive_type == DRIVE_REMOVABLE
    root = mount.root.rstrip("/") + "/"
    if platform == "darwin":
        return root.startswith(MAC_MEDIA_PREFIX) and root != MAC_MEDIA_PREFIX
    if any(root.startswith(prefix) and root != prefix for prefix in LINUX_MEDIA_PREFIXES):
        return True
    name = block_device_name(mount.device)
    return name is not None and parent_disk(name, removable_disks) is not None


def removable_mounts(
    mounts: Iterable[Mount], *, platform: str, removable_disks: Collection[str] = ()
) -> list[Mount]:
    """The removable ones of ``mounts``, one per root, sorted by root."""
    found: dict[str, Mount] = {}
    for mount in mounts:
        if mount.root and mount.root not in found and is_removable(
            mount, platform=platform, removable_disks=removable_disks
        ):
            found[mount.root] = mount
    return [found[root] for root in sorted(found)]


# -- asking the system -------------------------------------------------------------------------


def linux_removable_disks(sys_block: Path = Path("/sys/block")) -> frozenset[str]:
    """Disks flagged ``removable`` in ``/sys/block``, or attached through USB (many sticks say 0)."""
    found: set[str] = set()
    try:
        entries = list(sys_block.iterdir())
    except OSError:
        return frozenset()
    for entry in entries:
        try:
            flag = (entry / "removable").read_text().strip()
            on_usb = "/usb" in str(entry.resolve())
        except OSError:
            continue
        if flag == "1" or on_usb:
            found.add(entry.name)
    return frozenset(found)


def _windows_drive_type(root: str) -> int | None:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root.replace("/", "\\")))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None


def system_mounts() -> list[Mount]:
    """The mounted, ready volumes (``QStorageInfo``), with the drive type on Windows."""
    from PySide6.QtCore import QStorageInfo

    mounts = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady():
            continue
        root = volume.rootPath()
        mounts.append(Mount(
            root=root,
            device=bytes(volume.device().data()).decode("utf-8", "replace"),
            label=volume.name() or volume.displayName(),
            drive_type=_windows_drive_type(root) if sys.platform == "win32" else None,
            read_only=volume.isReadOnly(),
            free=volume.bytesAvailable(),
            total=volume.bytesTotal(),
        ))
    return mounts


def list_removable() -> list[Mount]:
    """The removable drives mounted now."""
    disks = linux_removable_disks() if sys.platform.startswith("linux") else frozenset()
    return removable_mounts(system_mounts(), platform=sys.platform, removable_disks=disks)


def free_space(folder: Path) -> int | None:
    """Bytes free for the user at ``folder`` (or its nearest existing parent); None when unknown."""
    path = Path(folder)
    while not path.exists():
        if path.parent == path:
            return None
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def format_bytes(count: int) -> str:
    """``12.5 MB``, counted in 1024s like Windows Explorer, which clerks compare it with."""
    if count < 1024:
        return f"{count} B"
    value = count / 1024
    for unit in ("KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{value:.1f} {unit}"


def describe(mount: Mount) -> str:
    """``STICK（/media/user/STICK）　可用 3.2 GB / 共 8.0 GB`` for the drive list."""
    root = mount.root.replace("/", os.sep) if sys.platform == "win32" else mount.root
    name = f"{mount.label}（{root}）" if mount.label else root
    if mount.read_only:
        return f"{name}　只读，不能写入"
    return f"{name}　可用 {format_bytes(mount.free)} / 共 {format_bytes(mount.total)}"
