"""检查验收 (issue 17 item 5) between a league and its banner, through the CLI, with real packets.

The league records an acceptance with two problem items → acceptance-pack (signed, read back,
verified; the PDF read with pdftotext) → the county imports it → the items are open findings and
step 9 lists them → the county answers them → they close → its next filing carries the answers up
and the league's items show them. Refusals (tampered, untrusted, mis-addressed, not from the
superior, another kind, replayed, older) leave the county's workspace unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from packet_helpers import PASSPHRASE, cli_ok, cli_refused, have, rewrite, run_cli, unzip, write_identity

from sydw_desktop.demo import write_demo
from sydw_desktop.errors import ModelError
from sydw_desktop.method.acceptance import Acceptance, AcceptanceItem
from sydw_desktop.method.acceptance_records import AcceptanceRecords
from sydw_desktop.model import Allocation, Jurisdiction
from sydw_desktop.packets.identity import generate_identity
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace

LEAGUE = Jurisdiction("示例盟", "159900", Level.LEAGUE)
LEAGUE_OFFICE = "示例盟机构编制委员会办公室"
UNIT = "示例旗烈士陵园管理所"
DOC_NO = "示编办发〔2026〕31号"
ORGAN = ("机构设置与撤并", "示例旗烈士陵园管理所仍挂原牌子，未按方案撤销。", "按方案撤销原牌子，报送撤销文件。", "2027-03-31")
FILES = ("档案资料", "“三定”审理过程的征求意见记录不全。", "补齐征求意见和协商会议记录并归档。", "2027-02-28")


def _state(path: Path) -> tuple[int, ...]:
    """Row counts that any import would change."""
    with sqlite3.connect(path) as conn:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("acceptance", "acceptance_item", "received_packet", "changelog"))


def _steps(path: Path) -> dict[str, Any]:
    steps = json.loads(cli_ok(run_cli("steps", path, "--json")))
    return next(s for s in steps if s["name"] == "督查评估")


def _add(league: Path, *extra: str, date: str = "2026-12-01") -> dict[str, Any]:
    return json.loads(cli_ok(run_cli("acceptance", league, "add", "--to", "159901", "--date", date, *extra, "--json")))


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("acceptance")
    county = base / "示例旗.sydw"
    write_demo(county)
    league = base / "示例盟.sydw"
    with Workspace.create(league, LEAGUE) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", 40, 1200))
    county_key, county_pem = write_identity(base, "示例旗编办")
    league_key, league_pem = write_identity(base, "示例盟编办", generate_identity(LEAGUE_OFFICE, LEAGUE.code))
    usb = base / "U盘"
    usb.mkdir()
    # -- the league records the acceptance and sends it down
    added = _add(league, "--result", "限期整改", "--team", "示例盟委编办检查验收组", "--doc-no", "示编办发[2026]31号",
                 "--opinion", "改革总体按方案推进，个别事项需限期整改。",
                 "--problem", *ORGAN, "--unit", ORGAN[0], UNIT, "--field", ORGAN[0], "备注", "--problem", *FILES)
    assert added["doc_no"] == DOC_NO and added["number"] == 1 and added["packet_id"] == ""
    assert [i["conclusion"] for i in added["items"]].count("存在问题") == 2 and len(added["items"]) == 8
    organ = next(i for i in added["items"] if i["item"] == "institutions")
    assert (organ["unit"], organ["field"], organ["deadline"]) == (UNIT, "remark", "2027-03-31")
    cli_ok(run_cli("acceptance-pack", league, "--to", "159901", "--identity", league_key, "--out", usb / "验收1.zip"))
    return {"base": base, "county": county, "league": league, "county_key": county_key, "county_pem": county_pem,
            "league_key": league_key, "league_pem": league_pem, "usb": usb}


def test_the_packet_verifies_as_its_kind_and_its_pdf_says_what_was_found(loop: dict[str, Path]) -> None:
    report = json.loads(cli_ok(run_cli("verify", loop["usb"] / "验收1.zip", "--trust", loop["league_pem"], "--json")))
    assert report["kind"] == "acceptance" and report["valid"] and report["trusted"]
    assert report["bag"].startswith("159900_检查验收意见_第1轮_")
    assert report["bag_info"]["X-Sydw-To"] == "159901" and report["pdfs_checked"] == 1
    bag = unzip(loop["usb"] / "验收1.zip", loop["base"] / "a1")
    data = json.loads((bag / "data" / "acceptance.json").read_text(encoding="utf-8"))
    assert data["format"] == "sydw-acceptance" and data["from"]["code"] == "159900" and data["to"]["code"] == "159901"
    assert data["result"] == "限期整改" and data["doc_no"] == DOC_NO and data["date"] == "2026-12-01"
    if not have("pdftotext"):
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", bag / "data" / "检查验收意见.pdf", "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    for words in (f"{LEAGUE_OFFICE}文件", DOC_NO, "检查验收情况的意见", "示例旗机构编制委员会办公室：",
                  "于2026年12月1日", "限期整改", "共检查8个项目，符合6项，存在问题2项", "整改期限", "2027年3月31日",
                  "机构设置与撤并", "档案资料", "（示例旗", "2027年2月28日"):  # the target, after the problem
        assert words in text, words
    with Workspace.open(loop["league"], readonly=True) as ws:
        [sent] = AcceptanceRecords(ws).acceptances("out", "159901")
    assert sent.sent and sent.packet_id == report["bag_info"]["External-Identifier"]
    cli_refused(run_cli("acceptance", loop["league"], "delete", str(sent.id)), "已随检查验收意见包发出")


def test_refused_packets_change_nothing_in_the_county(loop: dict[str, Path]) -> None:
    county, usb, league_pem = loop["county"], loop["usb"], loop["league_pem"]
    before = _state(county)

    def tamper(entries: list) -> list:
        return [(n, d.replace("限期整改".encode(), "通过".encode(), 1)) if n.filename.endswith("acceptance.json")
                else (n, d) for n, d in entries]

    forged = rewrite(usb / "验收1.zip", usb / "forged.zip", tamper)
    cli_refused(run_cli("acceptance-import", county, forged, "--trust", league_pem), "未通过校验", "acceptance.json")
    cli_refused(run_cli("acceptance-import", county, usb / "验收1.zip", "--trust", loop["county_pem"]),
             "未通过校验", "不在信任列表中（不是已登记的上级机关的证书）")
    # another kind of packet is named as such, not reported as untrusted (the county's own 进度报送包 here)
    cli_ok(run_cli("progress-pack", county, "--period", "周", "--key", loop["county_key"], "--out", usb / "进度.zip"))
    cli_refused(run_cli("acceptance-import", county, usb / "进度.zip", "--trust", league_pem),
             "“进度.zip”是进度报送包，不是检查验收意见包，未导入。")
    other = loop["base"] / "另一旗.sydw"
    write_demo(other)
    with Workspace.open(other) as ws:
        j = ws.jurisdiction()
        ws.set_jurisdiction(Jurisdiction("另一旗", "159902", j.level, j.unit_cap, j.staff_cap))
    cli_refused(run_cli("acceptance-import", other, usb / "验收1.zip", "--trust", league_pem), "不是本工作区")
    # a league that is not this banner's: signed by its own (trusted) certificate, addressed to 159901
    far = loop["base"] / "另一盟.sydw"
    with Workspace.create(far, Jurisdiction("另一盟", "150100", Level.LEAGUE)) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", None, None))
    far_key, far_pem = write_identity(loop["base"], "另一盟编办", generate_identity("另一盟机构编制委员会办公室", "150100"))
    _add(far, "--result", "通过")
    cli_ok(run_cli("acceptance-pack", far, "--to", "159901", "--key", far_key, "--out", usb / "far.zip"))
    cli_refused(run_cli("acceptance-import", county, usb / "far.zip", "--trust", far_pem), "不是本级的上级")
    cli_refused(run_cli("acceptance-import", county, loop["league"], "--trust", league_pem), "")  # not a packet
    assert _state(county) == before


def test_the_county_answers_the_items_and_the_answers_go_up(loop: dict[str, Path]) -> None:
    county, league, usb = loop["county"], loop["league"], loop["usb"]
    assert not any("检查验收" in m for m in _steps(county)["missing"])
    out = cli_ok(run_cli("acceptance-import", county, usb / "验收1.zip", "--trust", loop["league_pem"]))
    assert "限期整改" in out and "存在问题 2 项" in out and DOC_NO in out
    before = _state(county)
    cli_refused(run_cli("acceptance-import", county, usb / "验收1.zip", "--trust", loop["league_pem"]), "已经导入过")
    assert _state(county) == before
    missing = _steps(county)["missing"]
    assert f"上级检查验收（{DOC_NO}）中 2 项存在问题尚未答复整改结果（机构设置与撤并、档案资料）" in missing
    with Workspace.open(county, readonly=True) as ws:
        records = AcceptanceRecords(ws)
        [received] = records.acceptances("in")
        open_items = [i for _a, i in records.open_items()]
    assert received.office == LEAGUE_OFFICE and [i.label for i in open_items] == ["机构设置与撤并", "档案资料"]
    assert open_items[0].unit == UNIT and open_items[0].field == "remark"
    organ, files = (i.id for i in open_items)
    cli_ok(run_cli("acceptance", county, "answer", str(organ), "--status", "已整改", "--text", "已撤销原牌子（示编发〔2027〕2号）。"))
    assert "1 项存在问题" in " ".join(_steps(county)["missing"])
    with Workspace.open(county) as ws:  # the answer is one undoable operation in the 台账
        records = AcceptanceRecords(ws)
        assert files is not None
        for day, words in (("2026-11-30", "早于检查验收日期 2026-12-01"),  # answered before it was inspected
                           ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "晚于今天")):
            with pytest.raises(ModelError, match=words):
                records.answer(files, "已说明", "记录已补齐归档。", day)
        records.answer(files, "已说明", "记录已补齐归档。", "2026-12-02")
        assert records.open_items() == [] and any(e.new == "记录已补齐归档。" for e in ws.changelog())
        ws.undo()
        assert [i.label for _a, i in records.open_items()] == ["档案资料"]
        ws.redo()
    assert not any("检查验收" in m for m in _steps(county)["missing"])
    # -- up: the next filing carries the answers; receiving it updates the league's items
    cli_ok(run_cli("pack", county, "--key", loop["county_key"], "--out", usb / "报送.zip"))
    bag = unzip(usb / "报送.zip", loop["base"] / "f1")
    replies = json.loads((bag / "data" / "acceptance-replies.json").read_text(encoding="utf-8"))
    assert [(r["label"], r["status"]) for r in replies["replies"]] == [("机构设置与撤并", "已整改"), ("档案资料", "已说明")]
    received = cli_ok(run_cli("receive", usb / "报送.zip", "--into", league, "--trust", loop["county_pem"]))
    assert "检查验收的整改结果 2 项" in received
    listed = json.loads(cli_ok(run_cli("acceptance", league, "list", "--to", "159901", "--json")))["out"]
    answers = {i["label"]: (i["status"], i["reply"], i["answered_on"]) for i in listed[0]["items"] if i["status"]}
    assert answers == {"机构设置与撤并": ("已整改", "已撤销原牌子（示编发〔2027〕2号）。", answers["机构设置与撤并"][2]),
                       "档案资料": ("已说明", "记录已补齐归档。", "2026-12-02")}


def test_an_older_acceptance_after_a_newer_one_is_refused(loop: dict[str, Path]) -> None:
    league, county, usb = loop["league"], loop["county"], loop["usb"]
    for n in (2, 3):
        _add(league, "--result", "通过", date=f"2026-11-0{n}")
        cli_ok(run_cli("acceptance-pack", league, "--to", "159901", "--key", loop["league_key"], "--out", usb / f"验收{n}.zip"))
    cli_ok(run_cli("acceptance-import", county, usb / "验收3.zip", "--trust", loop["league_pem"]))
    before = _state(county)
    cli_refused(run_cli("acceptance-import", county, usb / "验收2.zip", "--trust", loop["league_pem"]), "旧，未导入")
    assert _state(county) == before


def test_the_records_refuse_what_an_acceptance_cannot_be(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "盟.sydw", LEAGUE) as ws:
        ws.set_allocation(Allocation("159901", "示例旗", None, None))
        records = AcceptanceRecords(ws)
        problem = AcceptanceItem("档案资料", "存在问题", "缺", "补", "")

        def refused(a: Acceptance, words: str) -> None:
            with pytest.raises(Exception) as err:
                records.add(a)
            assert words in str(err.value)

        refused(Acceptance("out", "159902", "", "2026-12-01", "通过", (AcceptanceItem("plan"),)), "不是本级的下级")
        refused(Acceptance("out", "159901", "", "2026-13-01", "通过", (AcceptanceItem("plan"),)), "不是有效日期")
        refused(Acceptance("out", "159901", "", "2026-12-01", "限期整改", (problem,)), "写明整改期限")
        refused(Acceptance("out", "159901", "", "2026-12-01", "不通过", (AcceptanceItem("plan"),)), "没有一项“存在问题”")
        refused(Acceptance("out", "159901", "", "2026-12-01", "通过", (AcceptanceItem("面积"),)), "不是检查验收的项目")
        refused(Acceptance("out", "159901", "", "2026-12-01", "通过",
                           (AcceptanceItem("plan", "存在问题", "", "补"),)), "请写明问题")
        late = AcceptanceItem("plan", "存在问题", "问题", "要求", "2026-11-01")
        refused(Acceptance("out", "159901", "", "2026-12-01", "限期整改", (late,)), "早于检查验收日期")
        tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()  # a 检查验收 is recorded once held
        refused(Acceptance("out", "159901", "", tomorrow, "通过", (AcceptanceItem("plan"),)), "晚于今天")
        assert records.acceptances("out") == []
        records.add(Acceptance("out", "159901", "", "2026-12-01", "通过", (AcceptanceItem("plan"),)))
        [a] = records.acceptances("out")
        # a 文号 names one document: a second 检查验收意见 under the same number is a clerk's slip
        records.add(Acceptance("out", "159901", "", "2026-12-01", "通过", (AcceptanceItem("plan"),),
                               doc_no="示编办发〔2026〕31号"))
        refused(Acceptance("out", "159901", "", "2026-12-02", "通过", (AcceptanceItem("plan"),),
                           doc_no="示编办发[2026]31号"), "文号“示编办发〔2026〕31号”已用于对示例旗的第2次检查验收")
        ws.undo()
        assert a.name == "示例旗" and a.number == 1 and not a.sent
        assert any(e.entity == "检查验收" and e.entity_name == "示例旗" for e in ws.changelog())
        ws.undo()
        assert records.acceptances("out") == []


def test_verify_reports_each_shape_error_of_acceptance_json(loop: dict[str, Path]) -> None:
    def reshape(entries: list) -> list:
        changed = []
        for info, data in entries:
            if info.filename.endswith("acceptance.json"):
                doc = json.loads(data)
                doc["result"] = "优秀"
                doc["date"] = "2026/12/01"
                doc["to"]["code"] = "15990"
                doc["items"][0]["conclusion"] = "基本符合"
                doc["items"][1].update(item="面积", problem="", deadline="明年")
                del doc["uid"]
                data = json.dumps(doc, ensure_ascii=False).encode()
            changed.append((info, data))
        return changed

    bad = rewrite(loop["usb"] / "验收1.zip", loop["usb"] / "bad-shape.zip", reshape)
    r = run_cli("verify", bad, "--trust", loop["league_pem"], "--json")
    assert r.returncode == 1
    problems = [p["message"] for p in json.loads(r.stdout)["problems"] if p["file"] == "data/acceptance.json"]
    for words in ("result 应为通过、限期整改、不通过之一", "date 应为 YYYY-MM-DD", "uid 应为非空文本",
                  "to.code 应为 6 位行政区划代码", "items 第 1 项的 conclusion 应为符合或存在问题",
                  "items 第 2 项的 item 应为检查验收项目之一", "items 第 2 项的 problem（问题）不能为空",
                  "items 第 2 项的 deadline 应为 YYYY-MM-DD"):
        assert any(words in p for p in problems), (words, problems)
    assert any(p["file"] != "data/acceptance.json" for p in json.loads(r.stdout)["problems"])  # the bag says it changed


def test_shape_checks_of_the_json_files() -> None:
    from sydw_desktop.packets.acceptance_json import acceptance_problems, replies_problems

    assert acceptance_problems([]) == ["应为一个 JSON 对象"]
    assert "items 应为非空列表" in acceptance_problems({"items": []})
    assert replies_problems({"format": "sydw-acceptance-replies", "format_version": 1, "replies": []}) == []
    found = replies_problems({"format": "x", "replies": [{"acceptance": "a", "uid": "", "status": "已修改",
                                                          "reply": "r", "answered_on": "昨天"}]})
    assert found == ["format 应为“sydw-acceptance-replies”、format_version 应为 1", "replies 第 1 项的 uid 应为非空文本",
                     "replies 第 1 项的 status 应为已整改或已说明", "replies 第 1 项的 answered_on 应为 YYYY-MM-DD 格式的日期"]


def test_the_committed_template_is_what_its_generator_makes(tmp_path: Path) -> None:
    import sys
    import zipfile

    from sydw_desktop.paths import templates_dir

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import make_acceptance_template
    finally:
        sys.path.pop(0)
    generated = tmp_path / make_acceptance_template.FILENAME
    make_acceptance_template.build().save(generated)
    with zipfile.ZipFile(generated) as a, zipfile.ZipFile(templates_dir() / make_acceptance_template.FILENAME) as b:
        for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
            assert a.read(part) == b.read(part), f"{part}: run scripts/make_acceptance_template.py"


def test_sending_is_not_undone(loop: dict[str, Path]) -> None:
    """Once the signed 检查验收意见包 is written it exists outside the workspace: undo must not turn the
    acceptance back into an editable draft (a second packet with the same 次 would then be refused)."""
    from sydw_desktop.packets.acceptance_pack import acceptance_pack_into
    from sydw_desktop.packets.identity import load_identity

    league = loop["base"] / "示例盟-撤销.sydw"
    league.write_bytes(loop["league"].read_bytes())
    _add(league, "--result", "通过", date="2026-11-20")
    identity = load_identity(loop["league_key"], PASSPHRASE)
    with Workspace.open(league) as ws:
        records = AcceptanceRecords(ws)
        draft = next(a for a in records.acceptances("out") if not a.sent)
        assert draft.id is not None
        acceptance_pack_into(ws, draft.id, identity, loop["usb"] / "撤销.zip")
        assert records.acceptance(draft.id).sent
        ws.undo()
        assert records.acceptance(draft.id).sent and records.acceptance(draft.id).packet_id
