"""The `.sydw` file: format marks, opening errors, migration, locking, transactions."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
from workspace_helpers import JURISDICTION, content, holding_writer, new_workspace, small_plan

from sydw_desktop.errors import ModelError, ReadOnlyWorkspace, WorkspaceError, WorkspaceInUse
from sydw_desktop.store.lock import lock_path
from sydw_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures"


def test_new_file_is_marked_and_versioned(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    # closed: one self-contained file, no journal or lock beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sydw"]


def test_closed_file_copied_elsewhere_opens_with_everything(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        before = content(ws)
    copy = tmp_path / "usb" / "copy.sydw"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    with Workspace.open(copy) as ws:
        assert content(ws) == before


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    path.write_bytes(b"precious")
    with pytest.raises(WorkspaceError, match="已存在"):
        Workspace.create(path, JURISDICTION)
    assert path.read_bytes() == b"precious"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("这不是工作区", encoding="utf-8"), "不是本程序的工作区文件"),
        (lambda p: p.write_bytes(b""), "不是本程序的工作区文件"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "不是本程序的工作区文件"),
    ],
    ids=["text", "empty", "foreign-sqlite"],
)
def test_open_rejects_files_that_are_not_workspaces(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "x.sydw"
    make(path)
    with pytest.raises(WorkspaceError, match=message):
        Workspace.open(path)
    assert not lock_path(path).exists()


def test_open_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="找不到"):
        Workspace.open(tmp_path / "none.sydw")


def test_open_rejects_newer_format(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="较新版本"):
        Workspace.open(path)


def test_open_rejects_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan(40)):
        pass
    data = bytearray(path.read_bytes())
    page = 4096
    # overwrite the middle pages (the unit table's b-tree) with garbage, keep the header intact
    for i in range(2 * page, min(len(data), 6 * page)):
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="损坏"):
        Workspace.open(path)


def test_old_format_file_is_migrated_with_its_data(tmp_path: Path) -> None:
    """``workspace-v1.sydw`` was written by the version-1 schema (before explanations existed)."""
    path = tmp_path / "old.sydw"
    shutil.copy(FIXTURES / "workspace-v1.sydw", path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    # read-only: the file is not touched, an in-memory copy is migrated
    with Workspace.open(path, readonly=True) as ws:
        names = [u.name for u in ws.units(Phase.BEFORE)]
        assert ws.explanations() == {}
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Workspace.open(path) as ws:
        assert [u.name for u in ws.units(Phase.BEFORE)] == names
        assert len(names) == 4
        ws.set_explanation("nm.suffix", names[0], "name", "历史名称，本轮更名")
        assert ws.explanations()[("nm.suffix", names[0], "name")].text == "历史名称，本轮更名"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_second_writer_is_told_who_has_it(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    first = new_workspace(path)
    owner = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert owner["host"] == socket.gethostname()
    assert owner["user"] == "测试员"
    with pytest.raises(WorkspaceInUse, match="已在本程序中打开"):
        Workspace.open(path)
    first.close()
    # another program holds it
    with holding_writer(path, user="张三"):
        with pytest.raises(WorkspaceInUse, match="张三.*以只读方式打开"):
            Workspace.open(path)
        # a reader may still look
        with Workspace.open(path, readonly=True) as reader:
            assert reader.jurisdiction().name == JURISDICTION.name
            with pytest.raises(ReadOnlyWorkspace):
                reader.add_unit(small_plan().after[0])


def test_lock_from_another_computer_is_respected(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    lock_path(path).write_text(
        json.dumps({"host": "BIANBAN-PC2", "user": "李四", "pid": 1, "since": "2026-11-29T08:00:00"}),
        encoding="utf-8",
    )
    with pytest.raises(WorkspaceInUse, match="BIANBAN-PC2.*李四"):
        Workspace.open(path)


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    lock_path(path).write_text(
        json.dumps({"host": socket.gethostname(), "user": "测试员", "pid": 2**22 + 12345, "since": "x"}),
        encoding="utf-8",
    )
    with Workspace.open(path) as ws:
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert ws.jurisdiction().code == "159999"
    assert not lock_path(path).exists()


def test_failed_mutation_changes_nothing(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        before = content(ws)
        log_len = len(ws.changelog())
        centre = ws.units(Phase.AFTER)[0]
        with pytest.raises(ModelError, match="不能为负数"):
            ws.update_unit(centre.id, staffing=-1)
        duplicate = ws.units(Phase.BEFORE)[0]
        with pytest.raises(ModelError, match="不能重复"):
            ws.add_unit(duplicate)
        assert content(ws) == before
        assert len(ws.changelog()) == log_len
        assert ws.undo_name == "导入 Excel"


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw") as ws:
        assert ws._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
