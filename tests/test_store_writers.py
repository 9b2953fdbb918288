"""One writer per file, whatever its name; undo never overwrites another writer's edit; a full disk
is reported as such and the edit is not saved (issue 15, problems 2 and 3)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workspace_helpers import holding_writer, new_workspace, small_plan, unit

from sydw_desktop.errors import UndoConflict, WorkspaceError, WorkspaceInUse
from sydw_desktop.store.lock import lock_path
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def test_a_hard_link_or_symlink_meets_the_same_lock(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    hard, soft = tmp_path / "硬链接.sydw", tmp_path / "sub" / "软链接.sydw"
    os.link(path, hard)
    soft.parent.mkdir()
    soft.symlink_to(path)
    with holding_writer(path):
        for other in (hard, soft):
            with pytest.raises(WorkspaceInUse, match="以只读方式打开"):
                Workspace.open(other)
    with Workspace.open(hard), pytest.raises(WorkspaceInUse, match="已在本程序中打开"):  # in this program too
        Workspace.open(soft)


def test_a_left_over_note_never_blocks_on_this_computer(tmp_path: Path) -> None:
    """A note naming a live but unrelated process (pid reused after a reboot), or an empty note
    left by a full disk, does not block: nobody holds the OS lock."""
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    note = f'{{"host": "{socket.gethostname()}", "user": "张三", "pid": {os.getppid()}, "since": "2026-11-29T08:00:00"}}'
    lock_path(path).write_text(note, encoding="utf-8")
    with Workspace.open(path) as ws:
        assert ws.jurisdiction().code == "159999"
    lock_path(path).write_bytes(b"")  # just now, as a full disk leaves it
    with Workspace.open(path) as ws:
        assert ws.jurisdiction().code == "159999"
    assert not lock_path(path).exists()


_RACER = """
import sys, time
from pathlib import Path
from sydw_desktop.errors import WorkspaceInUse
from sydw_desktop.workspace import Workspace
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
try:
    ws = Workspace.open(sys.argv[1])
except WorkspaceInUse:
    print("refused", flush=True)
else:
    print("writer", flush=True)
    time.sleep(1.0)
    ws.close()
"""


def test_programs_racing_after_a_crash_get_one_writer(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path).close()
    for race in range(3):
        crashed = subprocess.Popen([sys.executable, "-c", "import sys\nfrom sydw_desktop.workspace import Workspace\n"
                                    "Workspace.open(sys.argv[1]); import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
                                    str(path)], cwd=ROOT)
        crashed.wait(30)
        go = tmp_path / f"go{race}"
        racers = [subprocess.Popen([sys.executable, "-c", _RACER, str(path), str(go)], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True) for _ in range(4)]
        time.sleep(1.5)  # all started and waiting
        go.touch()
        results = sorted(r.communicate(timeout=60)[0].strip() for r in racers)
        assert results == ["refused", "refused", "refused", "writer"], results


def test_undo_refuses_to_overwrite_another_writers_edit(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        assert centre.id is not None
        ws.update_unit(centre.id, staffing=30)
        # another program changes the same unit in the file since
        other = sqlite3.connect(path)
        other.execute("UPDATE unit SET staffing = 31 WHERE id = ?", (centre.id,))
        other.commit()
        other.close()
        log = len(ws.changelog())
        with pytest.raises(UndoConflict, match="单位在此之后已被其他程序修改"):
            ws.undo()
        assert ws.unit(centre.id).staffing == 31
        assert len(ws.changelog()) == log
        assert ws.undo_name is None  # the history no longer matches the file


def test_redo_refuses_too(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        assert centre.id is not None
        ws.update_unit(centre.id, remark="甲")
        ws.undo()
        other = sqlite3.connect(path)
        other.execute("UPDATE unit SET remark = '乙' WHERE id = ?", (centre.id,))
        other.commit()
        other.close()
        with pytest.raises(UndoConflict, match="无法重做"):
            ws.redo()
        assert ws.unit(centre.id).remark == "乙"


def test_an_edit_on_a_full_disk_says_so_and_is_not_saved(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        before = [u.name for u in ws.units(Phase.AFTER)]
        undo = ws.undo_name
        pages = ws._conn.execute("PRAGMA page_count").fetchone()[0]
        ws._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
        with pytest.raises(WorkspaceError, match="磁盘已满.*没有保存"):
            for i in range(50):
                ws.add_unit(unit(Phase.AFTER, f"新单位{i}", 3, remark="备注" * 2000))
        ws._conn.execute("PRAGMA max_page_count = 1073741823")
        added = [u.name for u in ws.units(Phase.AFTER)][len(before):]
        assert len(added) == i  # the ones reported done are there; the failed one is not
        assert ws.undo_name == (undo if i == 0 else "新增改革后单位")
        assert ws._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def tiny_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 512 KiB tmpfs (needs the right to mount: root in CI containers); skipped elsewhere."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_open_and_edit_on_a_really_full_disk(tiny_disk: Path) -> None:
    path = tiny_disk / "w.sydw"
    new_workspace(path, small_plan()).close()
    _fill(tiny_disk)
    # the note cannot be written: opening still works
    with Workspace.open(path) as ws, pytest.raises(WorkspaceError, match="磁盘已满"):
        for i in range(200):
            ws.add_unit(unit(Phase.AFTER, f"新单位{i}", 3, remark="备注" * 3000))
    leftovers = sorted(p.name for p in tiny_disk.iterdir())
    assert leftovers == ["filler", "w.sydw"]
    (tiny_disk / "filler").unlink()
    with Workspace.open(path) as ws:
        assert ws._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(ws.units(Phase.AFTER)) == 1 + i


def test_cli_refuses_a_second_writer_and_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path, small_plan()).close()
    book = tmp_path / "book.xlsx"
    sydw = [sys.executable, "-m", "sydw_desktop"]
    subprocess.run([*sydw, "export-units", str(path), str(book)], check=True, cwd=ROOT, capture_output=True)
    with holding_writer(path, user="张三"):
        refused = subprocess.run([*sydw, "import-units", str(path), str(book)], cwd=ROOT,
                                 capture_output=True, text=True)
        assert refused.returncode == 2
        assert "张三" in refused.stderr and "以只读方式打开" in refused.stderr
        assert "Traceback" not in refused.stderr
        read = subprocess.run([*sydw, "check", str(path)], cwd=ROOT, capture_output=True, text=True)
        assert read.returncode in (0, 1), read.stderr
