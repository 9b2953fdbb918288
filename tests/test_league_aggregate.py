"""Issue 13, acceptance 1: three banners packed and received into a league; totals, allocations, checks."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from league_helpers import packed_banner, upper
from packet_helpers import flip_byte, have, identity, rewrite, run_cli, write_identity

from sydw_desktop.figures import headline_figures
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace

BANNERS = (("159902", "示例二旗"), ("159903", "示例三旗"), ("159904", "示例四旗"))
KEYS = {"事业单位数": "units", "事业编制数": "staff", "内设机构数": "organs", "领导职数": "leaders"}


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """A league (示例盟, 159900) that received the three banners' packets with ``sydw receive``."""
    folder = tmp_path_factory.mktemp("league")
    league = upper(folder, "示例盟", "159900", Level.LEAGUE, unit_cap=200, staff_cap=4000)
    workspaces = []
    for code, name in BANNERS:
        ws, packet, pem = packed_banner(folder, code, name)
        workspaces.append(ws)
        assert run_cli("trust", league, "add", pem).returncode == 0
        r = run_cli("receive", packet, "--into", league)
        assert r.returncode == 0, r.stdout + r.stderr
    return league, workspaces


@pytest.fixture
def league(received: tuple[Path, list[Path]], tmp_path: Path) -> Path:
    copy = tmp_path / "示例盟.sydw"
    shutil.copy(received[0], copy)
    return copy


def _expected(workspaces: list[Path]) -> dict[str, int]:
    """The sums of the banners' own figures (their workspaces) and of their own ``check --json``."""
    total: dict[str, int] = {}

    def add(key: str, value: int) -> None:
        total[key] = total.get(key, 0) + value

    for path in workspaces:
        with Workspace.open(path, readonly=True) as ws:
            figures = headline_figures(ws.snapshot())
        for f in figures:
            add(f"{KEYS[f.label]}_before", f.before)
            add(f"{KEYS[f.label]}_after", f.after)
        r = run_cli("check", path, "--json")
        assert r.returncode == 0, r.stdout
        report = json.loads(r.stdout)
        add("errors", report["summary"]["error"])
        add("warnings", report["summary"]["warning"])
        add("explained", sum(1 for f in report["findings"] if f["severity"] == "warning" and f["explanation"]))
    return total


def _aggregate_text(data: dict) -> str:
    """What ``sydw aggregate`` prints for the figures ``--json`` gives (no roll-ups below: one level)."""

    def pct(c: dict, key: str) -> str:
        before = c[f"{key}_before"]
        return f"{(before - c[f'{key}_after']) / before * 100:.1f}%"

    def counts(c: dict) -> str:
        return (f"  单位 {c['units_before']}→{c['units_after']}（精简{pct(c, 'units')}）  "
                f"编制 {c['staff_before']}→{c['staff_after']}（精简{pct(c, 'staff')}）  "
                f"内设机构 {c['organs_before']}→{c['organs_after']}  领导职数 {c['leaders_before']}→{c['leaders_after']}  "
                f"错误 {c['errors']} 警告 {c['warnings']}（已说明 {c['explained']}）")

    rows = data["subordinates"]
    return "".join(line + "\n" for line in [
        f"{data['workspace']}（{data['level']}）汇总：已报送 {len(rows)} 个，未报送 {len(data['missing'])} 个。",
        *(f"  {r['code']} {r['name']} 第{r['round']}轮 {r['status']}{counts(r)}" for r in rows),
        f"  合计{counts(data['total'])}",
        "未报送：" + "、".join(f"{m['name']}（{m['code']}）" for m in data["missing"]),
    ])


def test_aggregate_totals_are_the_sums_of_the_banners_own(received: tuple[Path, list[Path]], league: Path,
                                                         tmp_path: Path) -> None:
    r = run_cli("allocate", league, "--to", "159905", "--name", "示例五旗", "--unit-cap", "30")
    assert r.returncode == 0, r.stderr
    xlsx, pdf = tmp_path / "汇总表.xlsx", tmp_path / "汇总表.pdf"
    r = run_cli("aggregate", league, "--json", "--out", xlsx, "--out", pdf)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    expected = _expected(received[1])
    assert {k: data["total"][k] for k in expected} == expected
    assert expected["warnings"] > 0 and expected["explained"] == expected["warnings"]
    rows = data["subordinates"]
    assert [(s["code"], s["name"]) for s in rows] == list(BANNERS)
    for row in rows:
        assert row["status"] == "待审核" and row["round"] >= 1
        for key in ("units_before", "units_after", "staff_before", "staff_after", "organs_before",
                    "organs_after", "leaders_before", "leaders_after", "errors", "warnings", "explained"):
            assert key in row
    for key in expected:
        assert sum(row[key] for row in rows) == data["total"][key]
    assert data["missing"] == [{"code": "159905", "name": "示例五旗"}]
    assert run_cli("aggregate", league).stdout == _aggregate_text(data)  # the table as printed, byte for byte

    sheet = openpyxl.load_workbook(xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    names = [row[1] for row in values]
    assert all(name in names for _, name in BANNERS)
    total_row = next(row for row in values if row[0] == "合计")
    assert total_row[4:6] == [expected["units_before"], expected["units_after"]]
    assert total_row[8:10] == [expected["staff_before"], expected["staff_after"]]
    assert any(row[0] == "未报送" and "示例五旗（159905）" in str(row[1]) for row in values)
    if have("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "示例盟事业单位改革情况汇总表" in text and all(code in text for code, _ in BANNERS)
        assert str(expected["staff_before"]) in text and "示例五旗" in text
    if have("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        assert fonts and all(" yes " in line for line in fonts)


def _check(league: Path) -> tuple[int, list[dict[str, object]]]:
    r = run_cli("check", league, "--json")
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)["findings"]


def test_allocations_within_caps_pass_and_leave_a_reserve(league: Path) -> None:
    for code, _ in BANNERS:
        assert run_cli("allocate", league, "--to", code, "--unit-cap", "60", "--staff-cap", "1200").returncode == 0
    code, findings = _check(league)
    assert code == 0, findings
    infos = [f["message"] for f in findings if f["rule"] == "league.allocation_total"]
    assert any("预留20个" in str(m) for m in infos) and any("预留400名" in str(m) for m in infos)
    listing = json.loads(run_cli("allocate", league, "--json").stdout)
    assert (listing["units_reserved"], listing["staff_reserved"]) == (20, 400)


def test_allocation_over_the_league_cap_is_an_error(league: Path) -> None:
    for code, _ in BANNERS:
        assert run_cli("allocate", league, "--to", code, "--unit-cap", "70").returncode == 0
    code, findings = _check(league)
    assert code == 1
    (over,) = [f for f in findings if f["rule"] == "league.allocation_total" and f["severity"] == "error"]
    assert "合计210个" in str(over["message"]) and "多10个" in str(over["message"]) and over["basis"]


def test_plan_over_its_allocation_is_an_error_and_a_missing_banner_a_warning(league: Path) -> None:
    aggregate = json.loads(run_cli("aggregate", league, "--json").stdout)
    units_after = aggregate["subordinates"][0]["units_after"]
    assert run_cli("allocate", league, "--to", "159902", "--unit-cap", str(units_after - 1)).returncode == 0
    assert run_cli("allocate", league, "--to", "159905", "--name", "示例五旗").returncode == 0
    code, findings = _check(league)
    assert code == 1
    (over,) = [f for f in findings if f["rule"] == "league.within_allocation"]
    assert over["severity"] == "error" and over["unit"] == "示例二旗" and "多1个" in str(over["message"])
    (missing,) = [f for f in findings if f["rule"] == "league.missing_filing"]
    assert missing["severity"] == "warning" and "示例五旗（159905）" in str(missing["message"])
    differs = [f for f in findings if f["rule"] == "league.params_handed_down"]
    assert [f["unit"] for f in differs] == ["示例二旗"]  # its own 机构限额 is not the allocated one


def test_allocate_refuses_what_is_not_a_subordinate(league: Path) -> None:
    r = run_cli("allocate", league, "--to", "150102", "--name", "别处区", "--unit-cap", "3")
    assert r.returncode == 2 and "不在示例盟" in r.stderr
    r = run_cli("allocate", league, "--to", "159906", "--unit-cap", "3")
    assert r.returncode == 2 and "--name" in r.stderr
    r = run_cli("allocate", league, "--to", "159906", "--name", "示例六旗", "--unit-cap", "-3")
    assert r.returncode == 2
    with Workspace.open(league, readonly=True) as ws:
        assert ws.allocations() == []


def test_rollup_through_the_league_to_the_region(received: tuple[Path, list[Path]], league: Path,
                                                  tmp_path: Path) -> None:
    """Acceptance 3: three banners → the league (roll-up, their packets unchanged) → the region."""
    key, pem = write_identity(tmp_path, "示例盟编办", identity("示例盟机构编制委员会办公室", "159900"))
    rollup = tmp_path / "示例盟汇总报送包.zip"
    r = run_cli("pack", league, "--key", key, "--out", rollup, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["subordinates"] == 3
    verified = json.loads(run_cli("verify", rollup, "--trust", pem, "--json").stdout)
    assert verified["valid"] and verified["trusted"] and verified["bag"].startswith("159900_汇总报送材料_第1轮_")
    with zipfile.ZipFile(rollup) as z:
        inner = sorted(n.rsplit("/", 1)[1] for n in z.namelist() if "/data/subordinates/" in n)
        info = z.read(next(n for n in z.namelist() if n.endswith("/bag-info.txt"))).decode()
    assert "X-Sydw-Kind: rollup" in info and "X-Sydw-To: 150000" in info
    assert [n.split("_")[0] for n in inner] == [code for code, _ in BANNERS]

    region = upper(tmp_path, "内蒙古自治区", "150000", Level.REGION)
    assert run_cli("trust", region, "add", pem).returncode == 0
    tampered = rewrite(rollup, tmp_path / "tampered.zip", lambda entries: [
        (info, flip_byte(data) if info.filename.endswith("/data/subordinates/" + inner[0]) else data)
        for info, data in entries])
    r = run_cli("receive", tampered, "--into", region)
    assert r.returncode == 1 and f"data/subordinates/{inner[0]}" in r.stdout + r.stderr
    with Workspace.open(region, readonly=True) as ws:
        assert ws.subordinate_filings() == []
    r = run_cli("receive", rollup, "--into", region)
    assert r.returncode == 0, r.stdout + r.stderr
    at_league = json.loads(run_cli("aggregate", league, "--json").stdout)
    at_region = json.loads(run_cli("aggregate", region, "--json").stdout)
    (row,) = at_region["subordinates"]
    assert (row["code"], row["level"]) == ("159900", "盟市")
    assert [s["code"] for s in row["subordinates"]] == [code for code, _ in BANNERS]
    expected = _expected(received[1])
    assert {k: at_region["total"][k] for k in expected} == expected
    assert at_region["total"] == at_league["total"]
    # The banners' own signatures came through the league: the region holds their packets unchanged.
    with Workspace.open(region, readonly=True) as ws:
        held = {f.region_code: f for f in ws.subordinate_filings()}
        assert set(held) == {"159900", *(code for code, _ in BANNERS)}
        assert held["159902"].signer_office == "示例二旗机构编制委员会办公室"
        kept = ws.subordinate_packet("159902", held["159902"].round)
    assert kept is not None and hashlib.sha256(kept).hexdigest() == held["159902"].packet_sha256
    r = run_cli("check", region, "--json")
    assert r.returncode == 0, r.stdout
    # At the region a league's plan counts its banners: an allocation below their sum is an error.
    units_after = at_region["total"]["units_after"]
    assert run_cli("allocate", region, "--to", "159900", "--unit-cap", str(units_after - 2)).returncode == 0
    r = run_cli("check", region, "--json")
    assert r.returncode == 1
    (over,) = [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "league.within_allocation"]
    assert over["unit"] == "示例盟" and f"事业单位{units_after}个" in over["message"] and "多2个" in over["message"]


def test_a_banner_using_other_parameters_than_handed_down_is_flagged(league: Path) -> None:
    assert run_cli("params", league, "--set", "plan.min_unit_size.T=4", "--from", "2020-01-01",
                   "--doc-no", "示例盟编发〔2026〕8号").returncode == 0
    code, findings = _check(league)
    assert code == 0  # a warning: to be looked into (or explained), not an error
    differs = [f for f in findings if f["rule"] == "league.params_handed_down"]
    assert sorted(str(f["unit"]) for f in differs) == sorted(name for _, name in BANNERS)
    assert all("参数 plan.min_unit_size.T（下发 4，其工作区为 5）" in str(f["message"]) for f in differs)
