"""A process killed in the middle of a large import leaves the workspace as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
from workspace_helpers import content, new_workspace, small_plan

from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

BEFORE_HEADERS = ["单位名称", "主管部门", "机构规格", "单位类别", "经费形式", "核定编制", "实有人数", "改革方式", "去向单位"]
AFTER_HEADERS = ["单位名称", "主管部门", "机构规格", "单位类别", "经费形式", "核定编制"]


def _big_workbook(path: Path, n_after: int) -> None:
    """A valid workbook with 3 stations merged into each of ``n_after`` centres."""
    wb = openpyxl.Workbook(write_only=True)
    before = wb.create_sheet("改革前单位")
    before.append(BEFORE_HEADERS)
    after = wb.create_sheet("改革后单位")
    after.append(AFTER_HEADERS)
    for i in range(n_after):
        centre = f"大旗第{i}综合服务中心"
        after.append([centre, "大旗农牧局", "股级", "公益一类", "财政全额拨款", 24])
        for j in range(3):
            before.append([f"大旗第{i}-{j}工作站", "大旗农牧局", "股级", "公益一类", "财政全额拨款", 8, 8, "整合", centre])
    wb.save(path)


def test_sigkill_during_import_leaves_the_previous_state(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        expected = content(ws)
    book = tmp_path / "big.xlsx"
    _big_workbook(book, 12_000)  # 48,000 rows: the import transaction takes seconds
    journal = path.with_name(path.name + "-journal")
    child = subprocess.Popen(
        [sys.executable, "-m", "sydw_desktop", "import-units", str(path), str(book)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not journal.exists():
        assert child.poll() is None, f"import finished before it could be interrupted: {child.communicate()}"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    time.sleep(0.3)  # well inside the transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert journal.exists(), "the transaction had committed before the kill"

    # a read-only command first: it must read the state before the import, not call the file damaged
    checked = subprocess.run([sys.executable, "-m", "sydw_desktop", "check", str(path), "--json"],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode in (0, 1), checked.stderr
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Workspace.open(path) as ws:  # the dead process's lock is stale and taken over
        assert content(ws) == expected
        assert ws.changelog()[0].operation == "导入 Excel"  # the earlier import, not the killed one
        assert len(ws.units(Phase.BEFORE)) == 4


# A writer whose page cache spilled into the file before it died: the journal is "hot" and a plain
# read-only connection refuses the file ("attempt to write a readonly database").
SPILLING_WRITER = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA cache_size = 10")
c.execute("BEGIN IMMEDIATE")
for i in range(20000):
    c.execute("INSERT INTO changelog (at, user, operation, entity, entity_name, field, old, new)"
              " VALUES ('t', 'u', '写入中', 'e', 'n', 'f', 'o', ?)", (str(i) * 20,))
print("ready", flush=True)
time.sleep(60)
"""


def test_read_only_commands_work_after_a_crashed_writer(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    with new_workspace(path, small_plan()) as ws:
        expected = content(ws)
        log = ws.changelog()
    child = subprocess.Popen([sys.executable, "-c", SPILLING_WRITER, str(path)], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    plain = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        plain.execute("PRAGMA quick_check").fetchone()
        raise AssertionError("expected the hot journal to stop a plain read-only reader")
    except sqlite3.OperationalError:
        pass
    finally:
        plain.close()
    with Workspace.open(path, readonly=True) as ws:  # what `sydw check/log/export/pack` do
        assert content(ws) == expected and ws.changelog() == log
    assert not journal.exists()
