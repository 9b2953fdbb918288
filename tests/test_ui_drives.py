"""Which mounted volumes the packet wizard offers as U 盘 (pure decisions on made-up mount lists)."""

from __future__ import annotations

from pathlib import Path

from ui.packets.drives import (
    DRIVE_REMOVABLE,
    Mount,
    describe,
    format_bytes,
    free_space,
    linux_removable_disks,
    parent_disk,
    removable_mounts,
)

DRIVE_FIXED, DRIVE_CDROM = 3, 5


def roots(mounts: list[Mount]) -> list[str]:
    return [m.root for m in mounts]


def test_linux_media_mounts_and_removable_disks() -> None:
    mounts = [
        Mount("/", "/dev/sda2"),
        Mount("/boot/efi", "/dev/sda1"),
        Mount("/media/ann/STICK", "/dev/sdb1", "STICK"),
        Mount("/run/media/ann/CARD", "/dev/mmcblk0p1"),
        Mount("/mnt/usb", "/dev/sdc1"),  # mounted by hand, but the disk is flagged removable
        Mount("/mnt/backup", "/dev/sdd1"),  # a fixed second disk
        Mount("/media/", "tmpfs"),  # the folder itself is not a drive
        Mount("/proc", "proc"),
        Mount("/media/ann/STICK", "/dev/sdb1", "STICK"),  # reported twice: listed once
    ]
    found = removable_mounts(mounts, platform="linux", removable_disks={"sdc", "sda0"})
    assert roots(found) == ["/media/ann/STICK", "/mnt/usb", "/run/media/ann/CARD"]


def test_windows_drive_types() -> None:
    mounts = [
        Mount("C:/", drive_type=DRIVE_FIXED),
        Mount("G:/", drive_type=DRIVE_REMOVABLE, label="U盘"),
        Mount("E:/", drive_type=DRIVE_REMOVABLE),
        Mount("D:/", drive_type=DRIVE_CDROM),
        Mount("F:/", drive_type=None),  # type unknown: not offered
        Mount("/media/x/STICK", "/dev/sdb1"),  # Linux-looking paths mean nothing on Windows
    ]
    assert roots(removable_mounts(mounts, platform="win32")) == ["E:/", "G:/"]


def test_mac_volumes() -> None:
    mounts = [Mount("/"), Mount("/Volumes/STICK"), Mount("/Volumes/")]
    assert roots(removable_mounts(mounts, platform="darwin")) == ["/Volumes/STICK"]


def test_parent_disk_of_partitions() -> None:
    disks = {"sda", "sdb", "mmcblk0", "nvme0n1"}
    assert parent_disk("sdb1", disks) == "sdb"
    assert parent_disk("sdb", disks) == "sdb"
    assert parent_disk("mmcblk0p1", disks) == "mmcblk0"
    assert parent_disk("nvme0n1p2", disks) == "nvme0n1"
    assert parent_disk("sdc1", disks) is None


def test_linux_removable_disks_from_sys_block(tmp_path: Path) -> None:
    block = tmp_path / "block"
    block.mkdir()
    for name, flag in (("sda", "0"), ("sdb", "1"), ("loop0", "0")):
        (block / name).mkdir()
        (block / name / "removable").write_text(flag + "\n")
    # a USB disk that says removable=0 (common for sticks) but sits on a USB bus
    usb = tmp_path / "devices" / "pci0000:00" / "usb2" / "2-1" / "block" / "sdc"
    usb.mkdir(parents=True)
    (usb / "removable").write_text("0\n")
    (block / "sdc").symlink_to(usb)
    assert linux_removable_disks(block) == {"sdb", "sdc"}
    assert linux_removable_disks(tmp_path / "missing") == frozenset()


def test_sizes_and_descriptions(tmp_path: Path) -> None:
    assert format_bytes(512) == "512 B"
    assert format_bytes(9_213_838) == "8.8 MB"
    assert format_bytes(8 * 1024**3) == "8.0 GB"
    assert describe(Mount("/media/a/STICK", label="STICK", free=3 * 1024**3, total=8 * 1024**3)) == \
        "STICK（/media/a/STICK）　可用 3.0 GB / 共 8.0 GB"
    assert "只读" in describe(Mount("/media/a/RO", read_only=True))
    free = free_space(tmp_path / "not" / "yet")  # the nearest existing folder answers
    assert free is not None and free > 0
