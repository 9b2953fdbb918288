"""USB-safe writing: a full disk, a pulled stick or a lying stick leaves nothing that looks like a packet."""

from __future__ import annotations

import errno
import io
from pathlib import Path
from typing import BinaryIO

import pytest
from packet_helpers import build_small_packet, identity, packed_demo

from sydw_desktop import files
from sydw_desktop.packets.errors import PacketWriteError
from sydw_desktop.packets.pack import pack_workspace
from sydw_desktop.packets.safe_write import TEMP_SUFFIX, copy_file_atomic


class _FailingWriter:
    """A file that accepts ``limit`` bytes and then fails like a full or vanished device."""

    def __init__(self, real: BinaryIO, limit: int, code: int) -> None:
        self.real, self.limit, self.code, self.written = real, limit, code, 0

    def write(self, data: bytes) -> int:
        room = self.limit - self.written
        if len(data) > room:
            self.real.write(bytes(data[:room]))
            self.written = self.limit
            raise OSError(self.code, "simulated")
        self.written += len(data)
        return self.real.write(data)

    def flush(self) -> None:
        self.real.flush()

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:
        self.real.close()


def _fail_after(monkeypatch: pytest.MonkeyPatch, limit: int, code: int) -> None:
    real_open = files._open_temp
    monkeypatch.setattr(files, "_open_temp", lambda path: _FailingWriter(real_open(path), limit, code))  # type: ignore[arg-type, return-value]


def _lie_on_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def open_read(path: Path) -> BinaryIO:  # what a stick that silently dropped a block gives back
        data = bytearray(Path(path).read_bytes())
        data[len(data) // 2] ^= 0xFF
        return io.BytesIO(bytes(data))

    monkeypatch.setattr(files, "_open_read", open_read)


def _looks_like_packets(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".zip")


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EIO, "拔出")])
def test_copy_that_fails_midway_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                               words: str) -> None:
    src = build_small_packet(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    _fail_after(monkeypatch, 10_000, code)
    with pytest.raises(PacketWriteError, match=words) as info:
        copy_file_atomic(src, usb / "报送包.zip", what="报送包")
    assert "没有生成报送包" in info.value.message
    assert list(usb.iterdir()) == []


def test_a_pulled_stick_may_leave_a_temporary_file_but_never_a_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = build_small_packet(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()

    def gone(*_args: object) -> None:
        raise OSError(errno.EIO, "device vanished")

    monkeypatch.setattr(files.os, "fsync", gone)  # the stick is pulled before the data is safe ...
    monkeypatch.setattr(files, "remove_quietly", lambda path: None)  # ... and nothing can be deleted
    with pytest.raises(PacketWriteError, match="拔出"):
        copy_file_atomic(src, usb / "报送包.zip", what="报送包")
    leftovers = list(usb.iterdir())
    assert _looks_like_packets(usb) == []
    assert all(p.name.endswith(TEMP_SUFFIX) and p.name.startswith(".") for p in leftovers)


def test_read_back_mismatch_removes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = build_small_packet(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    _lie_on_read_back(monkeypatch)
    with pytest.raises(PacketWriteError, match="读回的内容与写入的不一致"):
        copy_file_atomic(src, usb / "报送包.zip", what="报送包")
    assert list(usb.iterdir()) == []


def test_existing_files_are_not_overwritten_without_asking(tmp_path: Path) -> None:
    src = build_small_packet(tmp_path)
    dest = tmp_path / "usb.zip"
    dest.write_bytes(b"old")
    with pytest.raises(PacketWriteError, match="已存在"):
        copy_file_atomic(src, dest, what="报送包")
    assert dest.read_bytes() == b"old"
    copy_file_atomic(src, dest, overwrite=True, what="报送包")
    assert dest.read_bytes() == src.read_bytes()


# -- the same through `pack`, with the real demo -----------------------------------------------


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    packet, _ = packed_demo(tmp_path_factory.getbasetemp() / "packed-demo")
    return packet.parent / "示例旗.sydw"


def test_pack_onto_a_full_stick_fails_cleanly(demo_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    _fail_after(monkeypatch, 200_000, errno.ENOSPC)
    with pytest.raises(PacketWriteError) as info:
        pack_workspace(demo_ws, identity(), usb / "示例旗.zip", formats={"pdf"})
    assert "磁盘空间不足" in info.value.message and "示例旗.zip" in info.value.message
    assert list(usb.iterdir()) == []


def test_pack_onto_a_lying_stick_fails_cleanly(demo_ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    _lie_on_read_back(monkeypatch)
    with pytest.raises(PacketWriteError, match="不一致"):
        pack_workspace(demo_ws, identity(), usb / "示例旗.zip", formats={"pdf"})
    assert list(usb.iterdir()) == []
