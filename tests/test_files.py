"""sydw_desktop.files: the one atomic writer every file goes through, and its Chinese failures."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from sydw_desktop import files
from sydw_desktop.documents.docx_render import save_atomic
from sydw_desktop.documents.xlsx_tables import TableSheet, findings_table, save_workbook
from sydw_desktop.errors import FileWriteError, SydwError
from sydw_desktop.files import TEMP_SUFFIX, atomic_path, atomic_write, write_bytes_atomic
from sydw_desktop.rules.findings import CheckReport
from sydw_desktop.workbook import WorkbookWriteError, write_template


def _table() -> TableSheet:
    return findings_table(CheckReport("测试旗", "2026-11-29", "test-rules"))


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_folder_in_the_way_is_named_for_every_kind_of_file(tmp_path: Path) -> None:
    for name in ("改革方案.docx", "对照表.xlsx", "导入模板.xlsx", "x.bin"):
        (tmp_path / name).mkdir()
    with pytest.raises(FileWriteError, match="“.*改革方案.docx”：已有同名的文件夹"):
        save_atomic(Document(), tmp_path / "改革方案.docx")
    with pytest.raises(FileWriteError, match="对照表.xlsx.*已有同名的文件夹"):
        save_workbook(_table(), tmp_path / "对照表.xlsx")
    with pytest.raises(WorkbookWriteError, match="导入模板.xlsx.*已有同名的文件夹"):
        write_template(tmp_path / "导入模板.xlsx")
    with pytest.raises(FileWriteError, match="已有同名的文件夹"):
        write_bytes_atomic(tmp_path / "x.bin", b"data", overwrite=True)
    assert _only(tmp_path) == sorted(["x.bin", "导入模板.xlsx", "对照表.xlsx", "改革方案.docx"])
    assert all((tmp_path / n).is_dir() for n in _only(tmp_path))


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="文件夹“.*没有”不存在"):
        write_bytes_atomic(tmp_path / "没有" / "a.txt", b"x")


def test_a_name_too_long_for_the_file_system_is_said_plainly(tmp_path: Path) -> None:
    long = tmp_path / ("章程-" + "很" * 100 + ".docx")  # 300+ bytes: more than ext4's 255
    with pytest.raises(FileWriteError) as info:
        save_atomic(Document(), long)
    assert "文件名或路径过长" in info.value.message and "很很很" in info.value.message
    assert _only(tmp_path) == []  # the temporary file (short name) is gone too


def test_a_long_but_valid_name_is_written(tmp_path: Path) -> None:
    name = "章程-" + "很" * 78 + ".docx"  # 245 bytes: fits, but “.name.xxxxxxxx.sydw-part” would not
    save_atomic(Document(), tmp_path / name)
    assert _only(tmp_path) == [name]


def test_a_file_held_open_elsewhere_keeps_the_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file Word has open (PermissionError); Linux cannot hold a lock
    like that, so the rename is made to fail the way Windows fails it."""
    target = tmp_path / "改革前后机构编制对照表.xlsx"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(SydwError) as info:
        save_workbook(_table(), target)
    message = info.value.message
    assert "改革前后机构编制对照表.xlsx" in message and "正被" in message and "未被改动" in message
    assert target.read_bytes() == b"old"
    assert _only(tmp_path) == [target.name]


def test_failures_inside_the_body_leave_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_path(tmp_path / "a.pdf") as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("layout failed")
    with pytest.raises(FileWriteError, match="磁盘空间不足"), atomic_write(tmp_path / "b.bin") as handle:
        handle.write(b"x")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert _only(tmp_path) == []


def test_replacing_keeps_the_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    write_template(target)
    os.chmod(target, 0o640)
    write_template(target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert openpyxl.load_workbook(target).sheetnames
    assert not any(p.name.endswith(TEMP_SUFFIX) for p in tmp_path.iterdir())
