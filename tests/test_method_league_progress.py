"""Progress between levels (issue 17 item 4): a county packs its progress (进度报送包), the upper
office imports it, sets step dates, and its 通报 says who is behind by how many days; refusals
change nothing; filings carry method.json (optional: old filings still verify and receive)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from league_helpers import banner, upper
from packet_helpers import (
    PASSPHRASE,
    bag_prefix,
    build_small_packet,
    flip_byte,
    identity,
    rewrite,
    run_cli,
    small_pdf,
    write_identity,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.model import Period
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.method.upper import UpperRecords
from sydw_desktop.model import Allocation
from sydw_desktop.packets.assemble import PacketHeader, assemble_bag
from sydw_desktop.packets.errors import PacketInvalid, ReceiveRefused
from sydw_desktop.packets.method_json import method_problems
from sydw_desktop.packets.progress_import import progress_import
from sydw_desktop.packets.progress_pack import progress_pack
from sydw_desktop.packets.receive import receive_packet
from sydw_desktop.packets.verify import verify_packet
from sydw_desktop.packets.zipwrite import zip_bag
from sydw_desktop.vocab import Level, WorkflowStep
from sydw_desktop.workspace import Workspace

A, B, C = ("159901", "示例旗"), ("159902", "示例右旗"), ("159903", "示例左旗")
END = dt.date(2026, 11, 30)  # a day already past: a packet cannot report progress as of a later day


@dataclasses.dataclass
class Offices:
    folder: Path
    county_a: Path
    county_b: Path
    pem_a: Path
    pem_b: Path
    league: Path


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Offices:
    folder = tmp_path_factory.mktemp("progress")
    county_a, county_b = banner(folder, *A), banner(folder, *B)
    with Workspace.open(county_b) as ws:  # B held its 动员部署 on time; A has not held it
        MethodRecords(ws).mark_step(WorkflowStep.MOBILISE, "2026-11-01", "示右编发〔2026〕3号")
    _, pem_a = write_identity(folder, "示例旗编办", identity(f"{A[1]}机构编制委员会办公室", A[0]))
    _, pem_b = write_identity(folder, "示例右旗编办", identity(f"{B[1]}机构编制委员会办公室", B[0]))
    league = upper(folder, "示例盟", "159900", Level.LEAGUE)
    with Workspace.open(league) as ws:
        for code, name in (A, B, C):
            ws.set_allocation(Allocation(code, name))
    return Offices(folder, county_a, county_b, pem_a, pem_b, league)


def _ident(office: tuple[str, str]) -> Any:
    return identity(f"{office[1]}机构编制委员会办公室", office[0])


def _dump(path: Path) -> list[str]:
    """Everything the workspace file holds, as SQL (to prove a refusal changed nothing)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _fresh_league(o: Offices, name: str) -> Path:
    path = o.folder / f"{name}.sydw"
    path.write_bytes(o.league.read_bytes())
    return path


def test_county_packs_progress_and_the_upper_report_says_who_is_behind(offices: Offices, tmp_path: Path) -> None:
    league = _fresh_league(offices, "盟-通报")
    packet_a, packet_b = tmp_path / "a.zip", tmp_path / "b.zip"
    progress_pack(offices.county_a, _ident(A), packet_a, period=Period.MONTH, end=END)
    progress_pack(offices.county_b, _ident(B), packet_b, period=Period.MONTH, end=END)
    verified = verify_packet(packet_a, trusted=[_ident(A).certificate])
    assert verified.ok and verified.kind == "progress" and verified.kind_label == "进度报送包"
    assert verified.method is not None and verified.method["as_of"] == "2026-11-30"
    assert [s["step"] for s in verified.method["steps"]] == list(range(1, 10))
    assert verified.method["period"] == {"kind": "月", "start": "2026-11-01", "end": "2026-11-30"}
    assert verified.bag is not None and verified.bag.startswith("159901_进度报送_")
    # the county's own 通报 travels signed in it
    assert verified.pdfs_checked == 1

    for packet, pem in ((packet_a, offices.pem_a), (packet_b, offices.pem_b)):
        done = run_cli("progress-import", league, packet, "--trust", pem)
        assert done.returncode == 0, done.stderr
    set_dates = run_cli("step-dates", league, "--set", "4=2026-11-15", "--set", "5=2026-09-26",
                        "--doc-no", "示盟编办发〔2026〕8号", "--json")
    assert set_dates.returncode == 0, set_dates.stderr
    assert [(d["step"], d["due_on"]) for d in json.loads(set_dates.stdout)] == [(4, "2026-11-15"), (5, "2026-09-26")]
    for bad, message in ((["--set", "10=2026-12-01"], "应为 1 至 9 的序号或步骤名称"),
                         (["--set", "6=2026-13-01"], "不是有效日期"), (["--clear", "7"], "没有设定完成时限"),
                         # a step due before a step it requires (方案报批 before 方案设计) is not a schedule
                         (["--set", "2=2026-10-01", "--set", "3=2026-09-01"],
                          "第3步“方案报批”的完成时限 2026-09-01 早于须先完成的第2步“方案设计”的完成时限 2026-10-01"),
                         (["--set", "3=2026-11-20"], "第4步“动员部署”的完成时限 2026-11-15 早于须先完成的第3步“方案报批”"),
                         (["--set", "6=2026-12-01", "--clear", "6"], "既设定又取消"),
                         (["--set", "6=2026-12-01", "--set", "6=2026-12-05"], "第6步的完成时限写了不止一次")):
        refused = run_cli("step-dates", league, *bad)
        assert refused.returncode == 2 and message in refused.stderr, refused.stderr

    pdf = tmp_path / "盟通报.pdf"
    as_json = run_cli("report", league, "--period", "月", "--to", "2026-12-31", "--json")
    assert as_json.returncode == 0, as_json.stderr
    listed = json.loads(as_json.stdout)["subordinates"]["subordinates"]
    assert [(r["region_code"], r["max_days"], r["reported"]) for r in listed] == [(A[0], 46, True), (B[0], 0, True),
                                                                                 (C[0], 0, False)]
    assert listed[0]["late"] == [{"step": 4, "name": "动员部署", "due_on": "2026-11-15", "days": 46, "done_on": None}]
    report = run_cli("report", league, "--period", "月", "--to", "2026-12-31", "--out", pdf)
    assert report.returncode == 0, report.stderr
    # by hand: A has not done step 4, due 2026-11-15: 2026-12-31 − 2026-11-15 = 15 + 31 = 46 days.
    # B did it on 2026-11-01 (on time); both did step 5 on 2026-09-25, a day before it was due.
    assert "示例旗（截至 2026-11-30，进度报送包）：已完成 3 步" in report.stdout
    assert "第4步“动员部署”超期 46 天" in report.stdout
    assert "示例右旗（截至 2026-11-30，进度报送包）：已完成 4 步" in report.stdout
    assert "示例左旗（159903）：未报送进度。" in report.stdout
    assert len(re.findall(r"超期 \d+ 天", report.stdout)) == 1  # exactly one subordinate is behind, on one step
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    # the league reforms no units of its own: its 通报 is about its subordinates alone, not its own
    # nine steps (“前期准备进行中，还需：尚未导入改革前单位” is nothing a 盟 would print)
    assert "一、各旗县（市、区）进度" in flat
    assert "总体进展" not in flat and "尚未导入改革前单位" not in flat and "二、" not in flat
    assert flat.count("各下级的进度明细见所附《进展明细表》中的“下级进度”表。") == 1
    # the upper office's 通报 goes to its subordinates' offices, not to 各有关部门、单位
    assert "各旗县（市、区）机构编制委员会办公室：" in flat and "各有关部门、单位" not in flat
    assert "本级按示盟编办发〔2026〕8号设定的完成时限：第4步“动员部署”2026年11月15日；第5步“培训指导”2026年9月26日。" in flat
    assert "3个下级中" not in flat and "2个下级报送了工作进度，其中1个有步骤超过本级设定的完成时限；1个未报送进度。" in flat
    assert "示例旗（据2026年11月30日进度报送包）：已完成3步，当前为第3步“方案报批”（进行中）；第4步“动员部署”超期46天。" in flat
    assert "示例右旗（据2026年11月30日进度报送包）：已完成4步" in flat and "示例右旗" in flat.split("超期46天")[1]
    assert "示例左旗（159903）：未报送进度。" in flat
    sheet = openpyxl.load_workbook(pdf.with_suffix(".xlsx"))["下级进度"]
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True) if r[1] in (A[0], B[0], C[0])]
    assert [(r[1], r[7]) for r in rows] == [(A[0], 46), (B[0], 0), (C[0], 0)]
    assert rows[0][8] == "第4步“动员部署”超期 46 天" and rows[2][8] == "未报送进度"

    # a step done after its date: done_on − due (5 − … : 2026-09-25 − 2026-09-20 = 5 days), most behind first
    with Workspace.open(league) as ws:
        UpperRecords(ws).set_due(5, "2026-09-20")
        from sydw_desktop.method.league_progress import league_progress

        found = league_progress(ws, dt.date(2026, 12, 31))
        assert found is not None
        assert [(r.region_code, [x.text() for x in r.late]) for r in found.rows] == [
            (A[0], ["第4步“动员部署”超期 46 天", "第5步“培训指导”超期 5 天完成"]),
            (B[0], ["第5步“培训指导”超期 5 天完成"]),
            (C[0], []),
        ]
        ws.undo()  # the step date is one undoable operation, in the 台账
        assert UpperRecords(ws).step_dues()[5].due_on == "2026-09-26"
        assert any(e.entity == "完成时限" for e in ws.changelog())


def test_refusals_leave_the_upper_workspace_unchanged(offices: Offices, tmp_path: Path) -> None:
    league = _fresh_league(offices, "盟-拒绝")
    newer = tmp_path / "newer.zip"
    progress_pack(offices.county_a, _ident(A), newer, period=Period.TEN_DAYS, end=END)
    assert run_cli("progress-import", league, newer, "--trust", offices.pem_a).returncode == 0
    before = _dump(league)

    older = tmp_path / "older.zip"
    progress_pack(offices.county_a, _ident(A), older, period=Period.TEN_DAYS, end=dt.date(2026, 11, 20))
    elsewhere = tmp_path / "elsewhere.zip"
    progress_pack(offices.county_a, _ident(A), elsewhere, period=Period.MONTH, end=END, to_code="150000")
    prefix = bag_prefix(newer)
    tampered = rewrite(newer, tmp_path / "tampered.zip", lambda es: [
        (i, flip_byte(d) if i.filename == prefix + "data/method.json" else d) for i, d in es])

    cases = [
        (older, offices.pem_a, "较旧的进度不会替换较新的"),
        (newer, offices.pem_a, "此前已经导入过"),
        (elsewhere, offices.pem_a, "是发给行政区划代码 150000 的"),
        (tampered, offices.pem_a, "data/method.json：校验值与清单不符"),
        (newer, offices.pem_b, "签名证书不在信任列表中"),
    ]
    for packet, pem, message in cases:
        refused = run_cli("progress-import", league, packet, "--trust", pem)
        assert refused.returncode == 1, (packet.name, refused.stdout, refused.stderr)
        assert message in refused.stderr, (packet.name, refused.stderr)
        assert _dump(league) == before, packet.name
    # the wrong kind: a filing is not taken as progress, a progress packet is not a filing
    filing = build_small_packet(tmp_path)
    refused = run_cli("progress-import", league, filing, "--trust", offices.pem_a)
    assert refused.returncode == 1 and "不是进度报送包" in refused.stderr
    refused = run_cli("receive", newer, "--into", league, "--trust", offices.pem_a)
    assert refused.returncode == 1 and "进度报送包" in refused.stderr
    assert _dump(league) == before
    # progress as of a day still to come would stand in for every real packet until that day: refused when
    # packed, and a packet that claims it (made by hand) does not verify, so it cannot be imported
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(SydwError, match="晚于今天"):
        progress_pack(offices.county_a, _ident(A), tmp_path / "future.zip", period=Period.MONTH, end=tomorrow)
    assert not (tmp_path / "future.zip").exists()
    # a county cannot address its progress to an office it is not under
    with pytest.raises(SydwError, match="不是行政区划代码 152500 的下级"):
        progress_pack(offices.county_a, _ident(A), tmp_path / "x.zip", period=Period.MONTH, end=END, to_code="152500")
    # an empty trust list: nothing to trust (exit 2), nothing changed
    bare = upper(tmp_path, "空盟", "159900", Level.LEAGUE)
    snapshot = _dump(bare)
    assert run_cli("progress-import", bare, newer).returncode == 2
    assert _dump(bare) == snapshot


def test_filings_carry_method_json_and_old_filings_still_receive(offices: Offices, tmp_path: Path) -> None:
    from sydw_desktop.packets.pack import pack_workspace

    league = _fresh_league(offices, "盟-报送")
    packet = tmp_path / "filing.zip"
    pack_workspace(offices.county_b, _ident(B), packet, formats={"pdf"}, as_of=END)
    verified = verify_packet(packet)
    assert verified.valid and verified.kind == "filing" and verified.method is not None
    assert verified.method["period"] is None and verified.method["region"]["code"] == B[0]
    receive_packet(packet, league, extra_trust=[_ident(B).certificate])
    with Workspace.open(league, readonly=True) as ws:
        held = UpperRecords(ws).progress()
    assert set(held) == {B[0]} and held[B[0]].source == "filing" and held[B[0]].as_of == "2026-11-30"

    # checked by the rules of a day to come (--as-of), the filing still states its progress as of today
    ahead = tmp_path / "ahead.zip"
    pack_workspace(offices.county_b, _ident(B), ahead, formats={"pdf"}, as_of=dt.date.today() + dt.timedelta(days=30))
    checked_ahead = verify_packet(ahead)
    assert checked_ahead.valid and checked_ahead.method is not None, checked_ahead.problems
    assert checked_ahead.method["as_of"] == dt.date.today().isoformat()

    old = build_small_packet(tmp_path)  # made the way packets were before method.json existed
    with zipfile.ZipFile(old) as z:
        assert not any(n.endswith("data/method.json") for n in z.namelist())
    checked = verify_packet(old)
    assert checked.valid and checked.method is None, checked.problems
    result = receive_packet(old, league, extra_trust=[identity("测试旗机构编制委员会办公室", "159999").certificate])
    assert result.filing.region_code == "159999"
    with Workspace.open(league, readonly=True) as ws:
        assert set(UpperRecords(ws).progress()) == {B[0]}


def _progress_bag(tmp_path: Path, method: Any, code: str = "159999") -> Path:
    """A signed progress packet whose method.json is ``method`` (made by hand, to test the checks)."""
    ident = identity("测试旗机构编制委员会办公室", code)
    header = PacketHeader(
        region_code=code, jurisdiction="测试旗", level="旗县", round_number=1, bagging_date=END.isoformat(),
        source_organization=ident.info.office, rules_version="test", kind="progress", material="进度报送",
        external_identifier="urn:uuid:00000000-0000-4000-8000-0000000000aa", to_code="159900",
    )
    bag_dir = tmp_path / "build" / header.bag_name
    (bag_dir / "data").mkdir(parents=True)
    (bag_dir / "data" / "进度通报.pdf").write_bytes(small_pdf("测试旗进度通报"))
    assemble_bag(bag_dir, header, ident, workspace_json=None, check_report=None, data_json={"method.json": method})
    out = tmp_path / "hand.zip"
    zip_bag(bag_dir, out)
    return out


def test_method_json_shape_errors_are_reported_field_by_field(tmp_path: Path) -> None:
    good = {
        "format": "sydw-method", "format_version": 1, "as_of": "2026-11-30",
        "region": {"code": "159999", "name": "测试旗", "level": "旗县"},
        "period": {"kind": "月", "start": "2026-11-01", "end": "2026-11-30"},
        "steps": [{"step": n, "name": name, "state": "not_started", "missing": ["…"], "done_on": None}
                  for n, name in enumerate(["前期准备", "方案设计", "方案报批", "动员部署", "培训指导", "“三定”审理",
                                            "人员转隶", "机构运行", "督查评估"], 1)],
        "sanding_stages": {"未开始": 3}, "evaluation": {"evaluated": 0, "reformed": 3, "share": 0.0,
                                                       "target": 0.8, "open_demands": 0, "met": False},
        "decisions": [],
    }
    assert method_problems(good) == []
    bad = json.loads(json.dumps(good))
    bad["as_of"] = "2026-13-01"
    bad["steps"][5]["state"] = "finished"
    bad["steps"][2]["done_on"] = "昨天"
    bad["evaluation"]["reformed"] = -1
    bad["decisions"] = [{"kind": "编委会议"}]
    bad["period"] = None
    assert method_problems(bad, period_required=True) == [
        "as_of 应为 YYYY-MM-DD 日期",
        "进度报送包的 period（kind、start、end）不能为空",
        "steps 第 3 项的 done_on 应为 YYYY-MM-DD 日期或 null",
        "steps 第 6 项的 state 应为 done、in_progress、blocked、not_started 之一",
        "evaluation.reformed 应为非负整数",
        "decisions 第 1 项应有 kind、held_on、doc_no、result（文本）",
    ]
    assert method_problems([]) == ["应为一个 JSON 对象"]
    assert verify_packet(_progress_bag(tmp_path / "ok", good)).valid
    ahead = json.loads(json.dumps(good))
    ahead["as_of"] = ahead["period"]["end"] = "2026-12-01"  # the day after the bag was made (Bagging-Date END)
    dated = verify_packet(_progress_bag(tmp_path / "ahead", ahead))
    assert not dated.valid and [str(p) for p in dated.problems] == [
        "data/method.json：as_of（2026-12-01）晚于打包日期（bag-info.txt 的 Bagging-Date 2026-11-30）：进度不能截至打包之后"]
    result = verify_packet(_progress_bag(tmp_path / "bad", bad))
    assert not result.valid and result.kind == "progress" and result.method is None
    assert [str(p) for p in result.problems if p.file == "data/method.json"] == [
        f"data/method.json：不符合格式要求：{p}" for p in method_problems(bad, period_required=True)]
    shown = run_cli("verify", _progress_bag(tmp_path / "cli", bad), passphrase=PASSPHRASE)
    assert shown.returncode == 1 and "材料类型：进度报送包" in shown.stdout and "steps 第 6 项的 state" in shown.stdout
    league = upper(tmp_path, "盟", "159900", Level.LEAGUE)
    with pytest.raises(PacketInvalid):
        progress_import(league, _progress_bag(tmp_path / "imp", bad),
                        extra_trust=[identity("测试旗机构编制委员会办公室", "159999").certificate])
    # well-formed and addressed here, but from a banner of another league: not a subordinate
    stranger = json.loads(json.dumps(good))
    stranger["region"]["code"] = "152599"
    before = _dump(league)
    with pytest.raises(ReceiveRefused, match="不在盟（159900）的辖区内"):
        progress_import(league, _progress_bag(tmp_path / "far", stranger, "152599"),
                        extra_trust=[identity("测试旗机构编制委员会办公室", "152599").certificate])
    assert _dump(league) == before
