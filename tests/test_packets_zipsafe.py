"""Zip safety: unsafe entries are named and never extracted; extraction stays in its folder."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from packet_helpers import entry_info, write_entries

from sydw_desktop.packets import zipsafe
from sydw_desktop.packets.zipsafe import extract_safe, inspect_zip

BAG = "159901_改革方案材料_第1轮_20261129/"


def _zip(tmp_path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]], name: str = "p.zip") -> Path:
    return write_entries(tmp_path / name, entries)


def _problems(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in inspect_zip(path).problems:
        found.setdefault(p.file, []).append(p.message)
    return found


def test_a_clean_zip_has_no_problems_and_extracts_inside(tmp_path: Path) -> None:
    path = _zip(tmp_path, [(entry_info(BAG + "bagit.txt"), b"x"), (entry_info(BAG + "data/改革方案.pdf"), b"%PDF")])
    inspection = inspect_zip(path)
    assert inspection.problems == () and len(inspection.entries) == 2
    out = tmp_path / "out"
    out.mkdir()
    names, problems = extract_safe(path, inspection, out)
    assert problems == [] and (out / BAG / "data" / "改革方案.pdf").read_bytes() == b"%PDF"


def test_traversal_absolute_and_backslash_names_are_refused_and_not_written(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    evil = [
        (entry_info(BAG + "../../victim/owned.txt"), b"owned"),
        (entry_info(str(victim / "absolute.txt")), b"owned"),
        (entry_info("C:/Windows/evil.txt"), b"owned"),
        (entry_info(BAG + "data\\..\\..\\x.txt"), b"owned"),
        (entry_info(BAG + "bagit.txt"), b"ok"),
    ]
    path = _zip(tmp_path, evil)
    problems = _problems(path)
    assert any("“..”" in m for m in problems[BAG + "../../victim/owned.txt"])
    assert any("绝对路径" in m for m in problems[str(victim / "absolute.txt")])
    assert any("绝对路径" in m for m in problems["C:/Windows/evil.txt"])
    assert any("反斜杠" in m for m in problems[BAG + "data\\..\\..\\x.txt"])
    out = tmp_path / "out"
    out.mkdir()
    names, _ = extract_safe(path, inspect_zip(path), out)
    assert names == [BAG + "bagit.txt"]
    assert list(victim.iterdir()) == []
    assert not (tmp_path / "x.txt").exists()


def test_symlinks_and_special_files_are_refused(tmp_path: Path) -> None:
    link = entry_info(BAG + "data/link.pdf", mode=stat.S_IFLNK | 0o777)
    fifo = entry_info(BAG + "data/pipe", mode=stat.S_IFIFO | 0o644)
    path = _zip(tmp_path, [(link, b"/etc/passwd"), (fifo, b""), (entry_info(BAG + "bagit.txt"), b"x")])
    problems = _problems(path)
    assert any("符号链接" in m for m in problems[BAG + "data/link.pdf"])
    assert any("不是普通文件" in m for m in problems[BAG + "data/pipe"])
    names, _ = extract_safe(path, inspect_zip(path), tmp_path)
    assert not (tmp_path / BAG / "data" / "link.pdf").exists()


def test_names_equal_after_nfc_or_case_folding_are_refused(tmp_path: Path) -> None:
    composed = BAG + "data/caf\u00e9.pdf"  # é as one code point
    decomposed = BAG + "data/cafe\u0301.pdf"  # e + combining acute
    path = _zip(tmp_path, [(entry_info(composed), b"a"), (entry_info(decomposed), b"b"),
                           (entry_info(BAG + "data/A.xlsx"), b"c"), (entry_info(BAG + "data/a.xlsx"), b"d")])
    problems = _problems(path)
    assert any("同一个文件名" in m for m in problems[decomposed])
    assert any("NFC" in m for m in problems[decomposed])
    assert any("同一个文件名" in m for m in problems[BAG + "data/a.xlsx"])
    # An exact duplicate name (zipfile keeps both entries) is caught too.
    with pytest.warns(UserWarning, match="Duplicate name"):
        dup = _zip(tmp_path, [(entry_info(BAG + "x"), b"1"), (entry_info(BAG + "x"), b"2")], "dup.zip")
    assert any("同一个文件名" in m for m in _problems(dup)[BAG + "x"])


def test_zip_bomb_and_oversized_entries_are_refused_before_extraction(tmp_path: Path, monkeypatch) -> None:
    bomb = BAG + "data/bomb.pdf"
    path = _zip(tmp_path, [(entry_info(bomb), b"\0" * (8 * 1024 * 1024))])
    info = zipfile.ZipFile(path).getinfo(bomb)
    assert info.file_size / info.compress_size > zipsafe.MAX_RATIO
    assert any("压缩炸弹" in m for m in _problems(path)[bomb])
    assert inspect_zip(path).entries == ()
    monkeypatch.setattr(zipsafe, "MAX_ENTRY_BYTES", 1000)
    big = _zip(tmp_path, [(entry_info(BAG + "data/big.pdf"), bytes(range(256)) * 8)], "big.zip")
    assert any("过大" in m for m in _problems(big)[BAG + "data/big.pdf"])
    monkeypatch.setattr(zipsafe, "MAX_ENTRY_BYTES", 10**9)
    monkeypatch.setattr(zipsafe, "MAX_TOTAL_BYTES", 3000)
    many = _zip(tmp_path, [(entry_info(BAG + f"data/{i}.pdf"), bytes(range(256)) * 4) for i in range(4)], "many.zip")
    assert any("总大小" in m for m in _problems(many)["many.zip"])
    assert inspect_zip(many).entries == ()


def test_non_utf8_names_encryption_and_truncation_are_reported(tmp_path: Path) -> None:
    legacy = entry_info(BAG + "data/改革方案.pdf")
    path = _zip(tmp_path, [(legacy, b"x")])
    # Clear the UTF-8 flag in both headers: the name is then read as cp437 mojibake.
    raw = bytearray(path.read_bytes())
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = raw.find(sig)
        offset = 6 if sig == b"PK\x03\x04" else 8
        flags = int.from_bytes(raw[at + offset : at + offset + 2], "little") & ~0x800
        raw[at + offset : at + offset + 2] = flags.to_bytes(2, "little")
    path.write_bytes(bytes(raw))
    problems = inspect_zip(path).problems
    assert any("UTF-8" in p.message for p in problems)

    secret = entry_info(BAG + "data/secret.pdf")
    enc = _zip(tmp_path, [(secret, b"x")], "enc.zip")
    raw = bytearray(enc.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(sig)
        raw[at + offset] |= 0x01
    enc.write_bytes(bytes(raw))
    assert any("已加密" in m for m in _problems(enc)[BAG + "data/secret.pdf"])

    whole = _zip(tmp_path, [(entry_info(BAG + "data/a.pdf"), bytes(range(256)) * 100)], "whole.zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    inspection = inspect_zip(cut)
    assert not inspection.readable
    assert inspection.problems[0].file == "cut.zip" and "截断" in inspection.problems[0].message
