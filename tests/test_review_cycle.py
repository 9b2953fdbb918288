"""The review cycle between a county and its league, through the CLI, with two real identities.

pack → receive → comment (a unit's field, a 三定) → review-pack 退回修改 → review-import → fix
one, explain the other → pack round 2 (cover 第2轮, 修改说明) → receive → diff shows exactly the
fix → review-pack 同意 → review-import → import-units / params --set refused (exit 1) →
new-round unlocks. Then what must be refused: tampered, untrusted, mis-addressed and replayed
return packets, and an older filing received after a newer one.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from packet_helpers import cli_ok, cli_refused, have, rewrite, run_cli, unzip, write_identity

from sydw_desktop.demo import write_demo
from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import generate_identity
from sydw_desktop.store.schema import SCHEMA_VERSION
from sydw_desktop.vocab import Level, Phase
from sydw_desktop.workspace import Workspace

LEAGUE = Jurisdiction("示例盟", "159900", Level.LEAGUE)
LEAGUE_OFFICE = "示例盟机构编制委员会办公室"
FIELD_UNIT = "示例旗烈士陵园管理所"
FIX = "保留依据：示编发〔2026〕3号"


def _pdftext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _cover(data: Path) -> Path:
    [cover] = data.glob("*封面及报送材料目录.pdf")
    return cover


def _records(path: Path) -> tuple[int, int, int]:
    with Workspace.open(path, readonly=True) as ws:
        return len(ws.review_records("in")), len(ws.comments("in")), len(ws.rounds())


def _comments_in(path: Path) -> list[object]:
    with Workspace.open(path, readonly=True) as ws:
        return list(ws.comments("in"))


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("cycle")
    county = base / "示例旗.sydw"
    write_demo(county)
    # The demo carries a history of rounds from its story; this county has not filed yet.
    with sqlite3.connect(county) as conn:
        conn.execute("DELETE FROM round")
        conn.execute("DELETE FROM review_comment")
    league = base / "示例盟.sydw"
    Workspace.create(league, LEAGUE).close()
    county_key, county_pem = write_identity(base, "示例旗编办")
    league_key, league_pem = write_identity(base, "示例盟编办", generate_identity(LEAGUE_OFFICE, LEAGUE.code))
    usb = base / "U盘"
    usb.mkdir()
    return {"base": base, "county": county, "league": league, "county_key": county_key, "county_pem": county_pem,
            "league_key": league_key, "league_pem": league_pem, "usb": usb}


@pytest.fixture(scope="module")
def run(cycle: dict[str, Path]) -> dict[str, Path]:
    """The whole cycle; each step asserts its own outcome; later tests look at what it left."""
    c, u = cycle, cycle["usb"]
    # -- round 1 up
    cli_ok(run_cli("pack", c["county"], "--key", c["county_key"], "--out", u / "r1.zip"))
    bag = unzip(u / "r1.zip", c["base"] / "r1")
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "X-Sydw-Kind: filing" in info and "X-Sydw-To: 159900" in info and "X-Sydw-Issued-At: " in info
    assert "（第1轮）" in _pdftext(_cover(bag / "data"))
    cli_ok(run_cli("receive", u / "r1.zip", "--into", c["league"], "--trust", c["county_pem"]))
    # -- comments at the league
    cli_ok(run_cli("comment", c["league"], "--from", "159901", "--unit", FIELD_UNIT, "--field", "备注",
                "--text", "请在备注中写明保留该单位的依据文号。"))
    with Workspace.open(c["county"], readonly=True) as ws:
        sanding_unit = next(u for u in ws.units(Phase.AFTER) if u.id in ws.snapshot().sanding).name
    cli_ok(run_cli("comment", c["league"], "--from", "159901", "--unit", sanding_unit, "--document", "三定规定",
                "--text", "主要职责第三条表述与主管部门职责交叉，请说明。"))
    listed = json.loads(cli_ok(run_cli("comments", c["league"], "--from", "159901", "--json")))
    assert [x["target"] for x in listed] == [f"{FIELD_UNIT}·备注", f"{sanding_unit}·“三定”规定"]
    def status() -> str:  # as the league's 汇总 says it
        return json.loads(cli_ok(run_cli("aggregate", c["league"], "--json")))["subordinates"][0]["status"]

    assert status() == "待审核"
    # -- 退回修改
    cli_ok(run_cli("review-pack", c["league"], "--from", "159901", "--decision", "退回修改",
                "--opinion", "方案总体可行，请按具体意见修改后重新报送。", "--doc-no", "示编办函〔2026〕12号",
                "--key", c["league_key"], "--out", u / "back1.zip"))
    cli_refused(run_cli("comment-edit", c["league"], str(listed[0]["id"]), "--text", "改"), "已随审核意见包发出")
    assert status() == "退回修改"
    verify = cli_ok(run_cli("verify", u / "back1.zip", "--trust", c["league_pem"]))
    assert "审核意见包" in verify
    cli_ok(run_cli("review-import", c["county"], u / "back1.zip", "--trust", c["league_pem"]))
    received = json.loads(cli_ok(run_cli("comments", c["county"], "--json")))
    assert [x["text"] for x in received] == [x["text"] for x in listed]
    # -- fix one, explain the other
    with Workspace.open(c["county"]) as ws:
        unit = ws.find_unit(Phase.AFTER, FIELD_UNIT) or ws.find_unit(Phase.BEFORE, FIELD_UNIT)
        assert unit is not None and unit.id is not None
        ws.update_unit(unit.id, remark=FIX)
    cli_ok(run_cli("reply", c["county"], str(received[0]["id"]), "--status", "已修改", "--text", "已在备注中写明依据文号。"))
    cli_ok(run_cli("reply", c["county"], str(received[1]["id"]), "--status", "已说明",
                "--text", "该条职责为本单位承担的技术支撑，与主管部门行政职责不交叉。"))
    # -- round 2 up
    cli_ok(run_cli("pack", c["county"], "--key", c["county_key"], "--out", u / "r2.zip"))
    cli_ok(run_cli("receive", u / "r2.zip", "--into", c["league"], "--trust", c["county_pem"]))
    # -- 同意
    cli_ok(run_cli("review-pack", c["league"], "--from", "159901", "--decision", "同意", "--opinion", "同意。",
                "--doc-no", "示编办函〔2026〕15号", "--key", c["league_key"], "--out", u / "ok2.zip"))
    out = cli_ok(run_cli("review-import", c["county"], u / "ok2.zip", "--trust", c["league_pem"]))
    assert "已锁定" in out
    assert status() == "已同意"
    return {**cycle, "sanding_unit": Path(sanding_unit)}


def test_round_two_cover_and_change_notes(run: dict[str, Path]) -> None:
    bag = unzip(run["usb"] / "r2.zip", run["base"] / "r2")
    assert "_第2轮_" in bag.name
    data = bag / "data"
    assert "（第2轮）" in _pdftext(_cover(data))
    notes = _pdftext(data / "修改说明.pdf")
    assert "修改说明" in notes and "已在备注中写明依据文号" in notes and "已说明" in notes
    assert "Total document signed" in subprocess.run(
        ["pdfsig", str(data / "修改说明.pdf")], capture_output=True, text=True).stdout
    replies = json.loads((data / "replies.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in replies["replies"]] == ["已修改", "已说明"]
    [change] = replies["replies"][0]["changes"]
    assert FIELD_UNIT in change and "备注：" in change and change.endswith(f" → {FIX}")
    assert replies["replies"][1]["changes"] == [] and replies["other_changes"] == []
    from openpyxl import load_workbook

    sheet = load_workbook(data / "修改说明.xlsx").active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {"已修改", "已说明", "已在备注中写明依据文号。"} <= set(values)


def test_the_diff_shows_exactly_the_fix_on_both_sides(run: dict[str, Path]) -> None:
    upper = json.loads(cli_ok(run_cli("diff", run["league"], "--sub", "159901", "--from-round", "1", "--to-round", "2",
                                   "--json")))
    county = json.loads(cli_ok(run_cli("diff", run["county"], "--from-round", "1", "--to-round", "2", "--json")))
    for diff in (upper, county):
        assert [(c["kind"], c["unit"], c["field"], c["new"]) for c in diff["changes"]] == [
            ("修改", FIELD_UNIT, "备注", FIX)]
    text = cli_ok(run_cli("diff", run["county"], "--from-round", "1"))
    [change] = county["changes"]
    assert text == f"从第1轮到当前：1 处变化\n  [修改] {change['text']}\n"  # the whole text, byte for byte
    assert change["text"] == f"改革后单位“{FIELD_UNIT}”备注：{change['old']} → {FIX}"


def test_the_return_packet_is_signed_and_says_what_it_is(run: dict[str, Path]) -> None:
    bag = unzip(run["usb"] / "back1.zip", run["base"] / "back1")
    assert bag.name.startswith("159900_审核意见_第1轮_")
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    assert "X-Sydw-Kind: review" in info and "X-Sydw-To: 159901" in info
    review = json.loads((bag / "data" / "review.json").read_text(encoding="utf-8"))
    assert review["decision"] == "退回修改" and len(review["comments"]) == 2
    with Workspace.open(run["county"], readonly=True) as ws:
        first = ws.submissions()[0]
    assert review["answers"]["packet_id"] == first.packet_id
    text = _pdftext(bag / "data" / "审核意见.pdf")
    assert "示编办函〔2026〕12号" in text and "退回修改" in text and "示例盟机构编制委员会办公室" in text
    assert "Total document signed" in subprocess.run(["pdfsig", str(bag / "data" / "审核意见.pdf")],
                                                     capture_output=True, text=True).stdout
    if have("openssl"):
        r = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
                            str(bag / "tagmanifest-sha256.txt.p7s"), "-content", str(bag / "tagmanifest-sha256.txt"),
                            "-CAfile", str(bag / "signer.cert.pem"), "-purpose", "any", "-out", "/dev/null"],
                           capture_output=True, text=True)
        assert "Verification successful" in r.stderr


def test_rounds_lock_and_new_round(run: dict[str, Path], tmp_path: Path) -> None:
    rounds = json.loads(cli_ok(run_cli("rounds", run["county"], "--json")))
    assert [(r["round"], r["decision"], r["comments"], r["replies"], r["locked"]) for r in rounds["rounds"]] == [
        (1, "退回修改", 2, 2, False), (2, "同意", 0, 0, True)]
    first, second = (r["submitted"][:16].replace("T", " ") for r in rounds["rounds"])
    assert cli_ok(run_cli("rounds", run["county"])) == (  # the table as printed, byte for byte
        "当前状态：第2轮已获上级同意（已锁定）\n"
        f"第1轮  报送于 {first}  退回修改  意见 2 条，已答复 2 条\n"
        f"第2轮  报送于 {second}  同意  意见 0 条，已答复 0 条，已锁定\n")
    book = tmp_path / "units.xlsx"
    cli_ok(run_cli("export-units", run["county"], book))
    cli_refused(run_cli("import-units", run["county"], book), "已经上级同意并锁定", "new-round")
    cli_refused(run_cli("params", run["county"], "--set", "plan.min_unit_size.T=2"), "已经上级同意并锁定")
    assert run_cli("new-round", run["county"], "--reason", " ").returncode == 2
    cli_ok(run_cli("new-round", run["county"], "--reason", "盟编办通知调整两家单位名称"))
    cli_ok(run_cli("params", run["county"], "--set", "plan.min_unit_size.T=2"))
    rounds = json.loads(cli_ok(run_cli("rounds", run["county"], "--json")))
    assert rounds["rounds"][-1]["round"] == 3 and not any(r["locked"] for r in rounds["rounds"])
    with Workspace.open(run["county"], readonly=True) as ws:
        assert any(e.field == "开始新一轮" and "调整两家单位名称" in e.new for e in ws.changelog())


def test_replayed_tampered_untrusted_and_misaddressed_return_packets_are_refused(run: dict[str, Path]) -> None:
    county, usb = run["county"], run["usb"]
    before = _records(county)
    cli_refused(run_cli("review-import", county, usb / "back1.zip", "--trust", run["league_pem"]), "已经导入过")
    cli_refused(run_cli("review-import", county, usb / "ok2.zip", "--trust", run["league_pem"]), "已经导入过")

    def tamper(entries: list) -> list:
        return [(n, d.replace("方案总体可行".encode(), "方案完全可行".encode())) if n.filename.endswith("review.json") else (n, d)
                for n, d in entries]

    forged = rewrite(usb / "back1.zip", usb / "forged.zip", tamper)
    cli_refused(run_cli("review-import", county, forged, "--trust", run["league_pem"]), "未通过校验", "review.json")
    stranger = generate_identity("另一机关", "159900")
    _, stranger_pem = write_identity(run["base"], "stranger", stranger)
    cli_refused(run_cli("review-import", county, usb / "back1.zip", "--trust", stranger_pem), "未通过校验")
    other = run["base"] / "另一旗.sydw"
    shutil.copy(county, other)
    with Workspace.open(other) as ws:
        j = ws.jurisdiction()
        if ws.is_locked():  # a copy of the approved county: open a round to change its code
            ws.new_round("复制为另一旗")
        ws.set_jurisdiction(Jurisdiction("另一旗", "159902", j.level, j.unit_cap, j.staff_cap))
    cli_refused(run_cli("review-import", other, usb / "back1.zip", "--trust", run["league_pem"]), "不是本工作区")
    never = run["base"] / "未报送的示例旗.sydw"  # the right code, but it never packed what the review answers
    write_demo(never)
    cli_refused(run_cli("review-import", never, usb / "back1.zip", "--trust", run["league_pem"]), "不是本工作区报送的")
    assert _records(never)[:2] == (0, len(_comments_in(never)))
    assert _records(county) == before


def test_an_older_filing_after_a_newer_one_is_refused(run: dict[str, Path]) -> None:
    with Workspace.open(run["league"], readonly=True) as ws:
        held = [(f.round, f.packet_id) for f in ws.subordinate_filings()]
    cli_refused(run_cli("receive", run["usb"] / "r1.zip", "--into", run["league"], "--trust", run["county_pem"]),
             "较旧")
    with Workspace.open(run["league"], readonly=True) as ws:
        assert [(f.round, f.packet_id) for f in ws.subordinate_filings()] == held


def test_a_version_3_workspace_is_upgraded_in_place(tmp_path: Path) -> None:
    from sydw_desktop.store.database import create_database

    path = tmp_path / "old.sydw"
    conn = create_database(path, version=3)
    conn.execute("INSERT INTO jurisdiction (id, name, code, level) VALUES (1, '旧旗', '159903', '旗县')")
    conn.execute("INSERT INTO review_comment (round_number, text) VALUES (1, '旧的意见')")
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.comments("in")[0].text == "旧的意见" and ws.submissions() == [] and not ws.is_locked()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION



def test_resending_the_approved_version_keeps_the_lock(tmp_path: Path) -> None:
    from workspace_helpers import new_workspace, small_plan

    from sydw_desktop.model import Round, Submission
    from sydw_desktop.vocab import RoundDirection

    with new_workspace(tmp_path / "w.sydw", small_plan()) as ws:
        ws.add_round(Round(1, RoundDirection.APPROVED, "2026-12-01", locked=True))
        ws.record_submission(Submission("urn:uuid:x", 1, "bag", "0" * 64, ""), {})
        assert ws.is_locked() and ws.current_round() == 1
        ws.new_round("调整")
        assert not ws.is_locked() and ws.current_round() == 2
