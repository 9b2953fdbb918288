"""Guards for what a clerk would lose: re-imports, renames, batches across threads, odd files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from examples import own_book
from workspace_helpers import JURISDICTION, content, new_workspace, small_plan

from sydw_desktop.demo import write_demo
from sydw_desktop.errors import ModelError, WorkspaceError
from sydw_desktop.model import Jurisdiction, Sanding, TransferLine
from sydw_desktop.rules import run_checks
from sydw_desktop.vocab import Funding, Level, Phase
from sydw_desktop.workbook import import_workbook_with_notes, write_plan
from sydw_desktop.workspace import Workspace


def sydw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sydw_desktop", *args], capture_output=True, text=True, timeout=300)


def test_reimporting_the_exported_plan_keeps_what_the_workbook_does_not_carry(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sydw"
    write_demo(demo)
    book = tmp_path / "plan.xlsx"
    with Workspace.open(demo) as ws:
        before = content(ws)
        write_plan(book, ws.snapshot())
        import_workbook_with_notes(ws, book)
        assert content(ws) == before  # duties, exemptions, 消化期限, splits … all still there
        assert not run_checks(ws.snapshot()).has_errors


def test_a_spacing_difference_in_a_name_keeps_the_unit_and_its_documents(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        ws.set_document(centre.id, Sanding(duties=["负责技术推广。"]))
        plan = small_plan()
        spaced = "测试旗综合 服务中心"
        plan.after[0].name = spaced
        plan.destinations = {k: spaced for k in plan.destinations}
        plan.transfers = [TransferLine(t.source, t.count, target=spaced if t.target else None,
                                       placement=t.placement) for t in plan.transfers]
        ws.replace_plan(plan)
        [after] = ws.units(Phase.AFTER)
        assert after.id == centre.id and after.name == spaced
        assert ws.sanding(centre.id).duties == ["负责技术推广。"]


def test_import_notes_name_units_dropped_with_their_documents(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        ws.set_document(centre.id, Sanding(duties=["负责技术推广。"]))
        _, notes = import_workbook_with_notes(ws, own_book().path)
        assert any("测试旗综合服务中心" in n and "“三定”规定" in n for n in notes)


def test_a_failing_mutation_inside_a_batch_is_undone_alone(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        transfers = ws.transfers()
        centre = ws.units(Phase.AFTER)[0]
        broken = small_plan()
        broken.transfers.append(TransferLine("测试旗招待所", 0, target=broken.after[0].name))
        with ws.batch("调整"):
            ws.update_unit(centre.id, staffing=20)
            with pytest.raises(ModelError):
                ws.replace_plan(broken)  # deletes every transfer first, then fails on 人数 0
        assert ws.transfers() == transfers
        assert ws.unit(centre.id).staffing == 20
        assert [e.field for e in ws.changelog(limit=1)] == ["核定编制"]


def test_another_threads_mutation_waits_for_the_running_batch(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        inside = threading.Event()

        def worker() -> None:
            with ws.batch("后台导入"):
                ws.update_unit(centre.id, staffing=30)
                inside.set()
                time.sleep(0.3)
                raise_in_batch()

        def raise_in_batch() -> None:
            raise RuntimeError("后台任务失败")

        errors: list[BaseException] = []
        thread = threading.Thread(target=lambda: _catch(worker, errors))
        thread.start()
        inside.wait(5)
        seen = ws.unit(centre.id).staffing  # blocks until the batch is over: never half-done data
        ws.set_explanation("nm.suffix", centre.name, "name", "说明文字")
        thread.join()
        assert seen == 24 and [type(e) for e in errors] == [RuntimeError]
        assert ws.unit(centre.id).staffing == 24  # the worker's batch rolled back
        assert ws.explanations()[("nm.suffix", centre.name, "name")].text == "说明文字"  # ours survived
        assert ws.undo_name == "填写说明"


def _catch(func, errors: list[BaseException]) -> None:  # type: ignore[no-untyped-def]
    try:
        func()
    except BaseException as exc:
        errors.append(exc)


def test_new_workspace_with_absurd_figures_leaves_no_file(tmp_path: Path) -> None:
    r = sydw("new", str(tmp_path / "n.sydw"), "--name", "甲旗", "--code", "159901", "--level", "旗县",
             "--unit-cap", "99999999999999999999")
    assert r.returncode == 2 and "机构限额" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []
    r = sydw("new", str(tmp_path / "n.sydw"), "--name", "甲旗", "--code", "１５９９０１", "--level", "旗县")
    assert r.returncode == 2 and "6 位数字" in r.stderr


def test_damaged_values_are_reported_as_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "w.sydw"
    new_workspace(path, small_plan()).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE unit SET spec = 'bogus' WHERE id = 1")
    conn.commit()
    conn.close()
    with Workspace.open(path, readonly=True) as ws, pytest.raises(WorkspaceError, match="单位数据已损坏"):
        ws.snapshot()
    r = sydw("check", str(path))
    assert r.returncode == 2 and "已损坏" in r.stderr and "程序内部错误" not in r.stderr


def test_export_units_never_overwrites_without_force(tmp_path: Path) -> None:
    ws_path = tmp_path / "w.sydw"
    new_workspace(ws_path, small_plan()).close()
    saved = ws_path.read_bytes()
    r = sydw("export-units", str(ws_path), str(ws_path))
    assert r.returncode == 2 and "工作区文件本身" in r.stderr
    assert ws_path.read_bytes() == saved
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"keep")
    assert sydw("export-units", str(ws_path), str(out)).returncode == 2
    assert out.read_bytes() == b"keep"
    assert sydw("export-units", str(ws_path), str(out), "--force").returncode == 0


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sydw"
    write_demo(demo)
    r = subprocess.run(f'"{sys.executable}" -m sydw_desktop log "{demo}" | head -1', shell=True,
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() and "错误" not in r.stderr


def test_workspace_keeps_funding_splits_through_reimport(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        centre = ws.units(Phase.AFTER)[0]
        ws.update_unit(centre.id, staffing_by_funding={Funding.FULL: 20, Funding.PARTIAL: 4})
        ws.replace_plan(small_plan())
        assert ws.unit(centre.id).staffing_by_funding == {Funding.FULL: 20, Funding.PARTIAL: 4}


def test_jurisdiction_is_validated_once_more_on_change(tmp_path: Path) -> None:
    with new_workspace(tmp_path / "w.sydw") as ws:
        with pytest.raises(ModelError):
            ws.set_jurisdiction(Jurisdiction("测试旗", "15999", Level.BANNER))
        assert ws.jurisdiction() == JURISDICTION


def test_a_sent_return_packet_is_not_undone(tmp_path: Path) -> None:
    """The signed 审核意见包 is out once written: undo must not unmark it (its comments would be editable
    again, and the 汇总 would say 待审核 for a filing already answered)."""
    from sydw_desktop.model import ReviewRecord

    with Workspace.create(tmp_path / "盟.sydw", Jurisdiction("示例盟", "159900", Level.LEAGUE)) as ws:
        ws.record_review_sent(ReviewRecord("out", "159901", 1, "同意", "同意。", "urn:uuid:r", "urn:uuid:f",
                                           "2026-12-03T10:00:00+08:00"), [])
        ws.undo()
        assert [r.packet_id for r in ws.review_records("out")] == ["urn:uuid:r"]
