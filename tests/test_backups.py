"""Backups before risky operations, kept count, and restore when the file no longer opens (issue 15)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from workspace_helpers import content, new_workspace, small_plan

from sydw_desktop.cli import main
from sydw_desktop.errors import WorkspaceError, WorkspaceInUse
from sydw_desktop.store import backups as B
from sydw_desktop.vocab import Phase
from sydw_desktop.workbook import import_workbook, write_plan
from sydw_desktop.workspace import Workspace
from tests.fixtures.workbooks.builders import write_book


def corrupt(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing stick does."""
    with open(path, "r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\xff" * 4096 * 3)


def test_import_makes_a_checked_backup_of_the_state_before(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        before = content(ws)
        import_workbook(ws, write_book(tmp_path / "book.xlsx"))
        assert content(ws) != before
    (backup,) = B.list_backups(path)
    assert backup.reason == B.BEFORE_IMPORT and backup.path.parent == B.backup_folder(path)
    assert B.check_backup(backup.path) is None
    with Workspace.open(backup.path, readonly=True) as old:
        assert content(old) == before
    assert not list(B.backup_folder(path).glob("*.sydw-part"))


def test_an_import_that_cannot_be_backed_up_does_not_happen(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    B.backup_folder(path).write_text("a file in the way")
    with new_workspace(path, small_plan()) as ws:
        before = content(ws)
        with pytest.raises(WorkspaceError, match="无法写入备份"):
            import_workbook(ws, write_book(tmp_path / "book.xlsx"))
        assert content(ws) == before


def test_only_the_newest_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path, small_plan()).close()
    assert main(["backups", str(path), "--keep", "3"]) == 0
    for _ in range(5):
        assert main(["backups", str(path), "--now"]) == 0
    assert len(B.list_backups(path)) == 3
    capsys.readouterr()
    assert main(["backups", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["number"] for b in listed] == [1, 2, 3] and {b["reason"] for b in listed} == {B.MANUAL}


def test_restore_through_the_cli_when_the_file_no_longer_opens(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        good = content(ws)
        ws.backup(B.MANUAL)
        ws.add_unit(dataclasses.replace(small_plan().after[0], name="后来的单位"))
    corrupt(path)
    with pytest.raises(WorkspaceError, match="已损坏.*sydw restore"):
        Workspace.open(path)
    assert main(["restore", str(path), "1"]) == 0
    assert "已用备份" in capsys.readouterr().out
    with Workspace.open(path) as ws:
        assert content(ws) == good
        assert ws._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = [b for b in B.list_backups(path) if b.reason == B.BEFORE_RESTORE]
    assert len(kept) == 1 and B.check_backup(kept[0].path) is not None  # the damaged file, kept as it was


def test_restore_is_refused_while_another_program_writes(tmp_path: Path) -> None:
    from workspace_helpers import holding_writer

    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        backup = ws.backup(B.MANUAL)
    with holding_writer(path), pytest.raises(WorkspaceInUse):
        B.restore(path, backup)
    assert [b.reason for b in B.list_backups(path)] == [B.MANUAL]


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        backup = ws.backup(B.MANUAL)
        units = len(ws.units(Phase.AFTER))
    corrupt(backup)
    with pytest.raises(WorkspaceError, match="不能用于恢复"):
        B.restore(path, backup)
    with Workspace.open(path) as ws:
        assert len(ws.units(Phase.AFTER)) == units


def test_daily_backup_is_due_after_a_day(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    path = tmp_path / "w.sydw"
    assert B.due_daily(path)
    with new_workspace(path) as ws:
        ws.backup(B.DAILY)
    assert not B.due_daily(path)
    assert B.due_daily(path, datetime.now() + timedelta(days=1, seconds=1))


def test_export_then_import_roundtrip_still_works_with_backups(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        book = tmp_path / "out.xlsx"
        write_plan(book, ws.snapshot())
        import_workbook(ws, book)
    assert [b.reason for b in B.list_backups(path)] == [B.BEFORE_IMPORT]
