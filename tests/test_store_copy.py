"""另存为 / 备份到…: a consistent, verified copy, and nothing half-written when the disk gives out."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from packet_helpers import ROOT, run_cli

from sydw_desktop.demo import write_demo
from sydw_desktop.progress import Cancelled
from sydw_desktop.rules.engine import run_checks
from sydw_desktop.store.copy import CopyFailed, row_counts
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace


@pytest.fixture()
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    return path


def test_the_copy_is_the_same_workspace_and_opens_on_its_own(demo: Path, tmp_path: Path) -> None:
    with Workspace.open(demo) as ws:
        unit = ws.units(Phase.AFTER)[0]
        ws.update_unit(unit.id, staffing=unit.staffing + 1)  # a change made after opening is in the copy
        seen: list[str] = []
        written = ws.save_copy(tmp_path / "备份 副本", progress=lambda _f, t: seen.append(t))
        original = ws.snapshot()
    assert written == tmp_path / "备份 副本.sydw" and seen
    assert not list(tmp_path.glob(".*copying"))
    with Workspace.open(written) as copy:
        assert copy.snapshot() == original
        assert run_checks(copy.snapshot()).to_json() == run_checks(original).to_json()
        assert copy.changelog(limit=1)[0].new == str(unit.staffing + 1)
    with sqlite3.connect(demo) as a, sqlite3.connect(written) as b:
        assert row_counts(a) == row_counts(b)


def test_a_copy_onto_itself_or_into_a_missing_folder_is_refused(demo: Path, tmp_path: Path) -> None:
    with Workspace.open(demo) as ws:
        with pytest.raises(CopyFailed, match="就是当前打开的工作区文件"):
            ws.save_copy(demo)
        with pytest.raises(CopyFailed, match="不存在"):
            ws.save_copy(tmp_path / "拔出的U盘" / "x.sydw")


def test_cancel_leaves_nothing_behind(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "old.sydw"
    target.write_bytes(b"the previous backup")
    with Workspace.open(demo) as ws, pytest.raises(Cancelled):
        ws.save_copy(target, cancel=lambda: True)
    assert target.read_bytes() == b"the previous backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sydw", "示例旗.sydw"]


def test_a_full_disk_leaves_the_old_file_and_says_so(demo: Path, tmp_path: Path) -> None:
    """A real write failure: the child process may not write files larger than 64 KiB (RLIMIT_FSIZE)."""
    target = tmp_path / "备份.sydw"
    target.write_bytes(b"yesterday's backup")
    script = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from sydw_desktop.workspace import Workspace
        from sydw_desktop.store.copy import CopyFailed
        ws = Workspace.open({str(demo)!r}, readonly=True)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        try:
            ws.save_copy(__import__("pathlib").Path({str(target)!r}))
        except CopyFailed as error:
            print(error.message)
            sys.exit(2)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "没有写成" in proc.stdout and ("空间不足" in proc.stdout or "磁盘已满" in proc.stdout), proc.stdout
    assert not re.search("[A-Za-z]{3,}", proc.stdout.replace(str(target), "")), proc.stdout  # no English error text
    assert str(tmp_path) in proc.stdout
    assert target.read_bytes() == b"yesterday's backup"
    assert not list(tmp_path.glob(".*copying"))


def test_cli_copy(demo: Path, tmp_path: Path) -> None:
    first = run_cli("copy", demo, tmp_path / "备份")
    assert first.returncode == 0, first.stderr
    assert "校验通过" in first.stdout and (tmp_path / "备份.sydw").exists()
    again = run_cli("copy", demo, tmp_path / "备份.sydw")
    assert again.returncode == 2 and "已存在" in again.stderr
    forced = run_cli("copy", demo, tmp_path / "备份.sydw", "--force")
    assert forced.returncode == 0, forced.stderr
    assert run_cli("check", tmp_path / "备份.sydw").returncode == 0
