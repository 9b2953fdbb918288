"""Issue 13, acceptance 2: a 示范卷 handed down and installed; the county's check follows it, a local
loosening is refused, and a tampered or older pack is refused."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest
from league_helpers import banner, upper
from packet_helpers import bag_prefix, flip_byte, identity, rewrite, run_cli, write_identity

from sydw_desktop.errors import ModelError
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def _home(folder: Path) -> dict[str, str]:
    """A per-office user data folder (where installed templates live)."""
    return {"XDG_DATA_HOME": str(folder), "APPDATA": str(folder)}


def _findings(ws: Path, rule: str) -> list[dict[str, object]]:
    """The ``error`` findings of ``rule`` in ``sydw check --json``."""
    r = run_cli("check", ws, "--json")
    return [f for f in json.loads(r.stdout)["findings"] if f["rule"] == rule and f["severity"] == "error"]


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("handdown")
    league = upper(folder, "示例盟", "159900", Level.LEAGUE, unit_cap=200, staff_cap=4000)
    key, pem = write_identity(folder, "示例盟编办", identity("示例盟机构编制委员会办公室", "159900"))
    county = banner(folder, "159902", "示例二旗")
    with Workspace.open(county, readonly=True) as ws:
        snap = ws.snapshot()
    smallest = min(u.staffing for u in snap.after if not u.exemption.strip())
    units_after = len(snap.after)
    league_home = folder / "league-home"
    installed = league_home / "sydw" / "templates"
    installed.mkdir(parents=True)
    shutil.copy(ROOT / "templates_docx" / "改革方案.docx", installed / "改革方案.docx")
    assert run_cli("params", league, "--set", f"plan.min_unit_size.T={smallest}", "--from", "2020-01-01",
                   "--doc-no", "示例盟编发〔2026〕8号", "--reason", "全盟统一口径").returncode == 0
    assert run_cli("allocate", league, "--to", "159902", "--name", "示例二旗", "--unit-cap", str(units_after - 1),
                   "--staff-cap", "3000", "--doc-no", "示例盟编发〔2026〕9号").returncode == 0
    pack1 = folder / "示范卷1.zip"
    r = run_cli("handdown", league, "--key", key, "--out", pack1, env=_home(league_home))
    assert r.returncode == 0, r.stderr
    assert run_cli("params", league, "--set", f"plan.min_unit_size.T={smallest + 1}", "--from", "2020-01-01",
                   "--doc-no", "示例盟编发〔2026〕10号").returncode == 0
    pack2 = folder / "示范卷2.zip"
    r = run_cli("handdown", league, "--key", key, "--out", pack2, env=_home(league_home))
    assert r.returncode == 0, r.stderr
    return {"folder": folder, "league": league, "pem": pem, "county": county, "pack1": pack1, "pack2": pack2,
            "smallest": Path(str(smallest)), "units_after": Path(str(units_after))}


def test_the_pack_is_a_signed_container_of_its_kind(offices: dict[str, Path]) -> None:
    r = run_cli("verify", offices["pack1"], "--trust", offices["pem"], "--json")
    assert r.returncode == 0, r.stdout
    data = json.loads(r.stdout)
    assert data["valid"] and data["trusted"] and data["pdfs_checked"] == 1
    assert data["bag"].startswith("159900_示范卷_第1轮_")
    assert data["kind"] == "handdown"
    r2 = json.loads(run_cli("verify", offices["pack2"], "--json").stdout)
    assert r2["bag"].startswith("159900_示范卷_第2轮_")
    text = run_cli("verify", offices["pack1"], "--trust", offices["pem"]).stdout
    assert "材料类型：示范卷（下发参数包）" in text and "校验通过" in text


def test_import_changes_the_check_and_refuses_a_local_loosening(offices: dict[str, Path], tmp_path: Path) -> None:
    county = tmp_path / "示例二旗.sydw"
    shutil.copy(offices["county"], county)
    smallest, units_after = int(offices["smallest"].name), int(offices["units_after"].name)
    assert _findings(county, "plan.min_unit_size") == [] and _findings(county, "plan.unit_cap") == []
    home = tmp_path / "county-home"
    r = run_cli("handdown-import", county, offices["pack1"], "--trust", offices["pem"], env=_home(home))
    assert r.returncode == 0, r.stderr
    assert "第1号" in r.stdout and "格式模板 1 个" in r.stdout
    small = _findings(county, "plan.min_unit_size")
    assert small and all(f"{smallest}名" in str(f["message"]) for f in small)
    (cap,) = _findings(county, "plan.unit_cap")
    assert f"超过机构限额{units_after - 1}个" in str(cap["message"])
    assert (home / "sydw" / "templates" / "改革方案.docx").read_bytes() == (
        ROOT / "templates_docx" / "改革方案.docx").read_bytes()
    log = json.loads(run_cli("log", county, "--json").stdout)
    assert any(e["operation"] == "导入示例盟示范卷第1号" for e in log)
    params = json.loads(run_cli("params", county, "--json").stdout)
    assert params["params"]["plan.min_unit_size"]["T"] == smallest
    # A local attempt to loosen what was handed down is refused, with the reason.
    r = run_cli("params", county, "--set", "plan.min_unit_size.T=5")
    assert r.returncode == 2 and "示例盟第1号下发参数" in r.stderr and "示例盟编发〔2026〕8号" in r.stderr
    with Workspace.open(county) as ws:
        j = ws.jurisdiction()
        with pytest.raises(ModelError, match="不能放宽"):
            ws.set_jurisdiction(dataclasses.replace(j, unit_cap=units_after + 5))
        ws.set_jurisdiction(dataclasses.replace(j, unit_cap=units_after - 2))  # tightening is allowed
    # The same pack again changes nothing; a newer one replaces it; then the older one is refused.
    r = run_cli("handdown-import", county, offices["pack1"], "--trust", offices["pem"], env=_home(home))
    assert r.returncode == 0 and "此前已经导入" in r.stdout
    r = run_cli("handdown-import", county, offices["pack2"], "--trust", offices["pem"], env=_home(home))
    assert r.returncode == 0, r.stderr
    assert all(f"{smallest + 1}名" in str(f["message"]) for f in _findings(county, "plan.min_unit_size"))
    r = run_cli("handdown-import", county, offices["pack1"], "--trust", offices["pem"], env=_home(home))
    assert r.returncode == 1 and "不比已导入的第2号" in r.stderr
    with Workspace.open(county, readonly=True) as ws:
        installed = ws.installed_handdown()
    assert installed is not None and installed.number == 2


def test_a_tampered_or_untrusted_or_foreign_pack_is_refused(offices: dict[str, Path], tmp_path: Path) -> None:
    county = tmp_path / "示例二旗.sydw"
    shutil.copy(offices["county"], county)
    prefix = bag_prefix(offices["pack1"])
    tampered = rewrite(offices["pack1"], tmp_path / "tampered.zip", lambda entries: [
        (info, flip_byte(data) if info.filename == prefix + "data/handdown.json" else data) for info, data in entries])
    before = county.read_bytes()
    r = run_cli("handdown-import", county, tampered, "--trust", offices["pem"], env=_home(tmp_path))
    assert r.returncode == 1 and "data/handdown.json" in r.stderr
    _, stranger = write_identity(tmp_path, "别的盟", identity("别的盟编办", "159900"))
    r = run_cli("handdown-import", county, offices["pack1"], "--trust", stranger, env=_home(tmp_path))
    assert r.returncode == 1 and "信任列表" in r.stderr
    other = banner(tmp_path, "150102", "别处区")
    r = run_cli("handdown-import", other, offices["pack1"], "--trust", offices["pem"], env=_home(tmp_path))
    assert r.returncode == 1 and "不是下发给别处区的" in r.stderr
    r = run_cli("receive", offices["pack1"], "--into", offices["league"], "--trust", offices["pem"])
    assert r.returncode == 1
    assert county.read_bytes() == before
    assert not (tmp_path / "sydw" / "templates").exists()


def test_handdown_needs_a_jurisdiction_with_subordinates(offices: dict[str, Path], tmp_path: Path) -> None:
    key, _ = write_identity(tmp_path, "示例二旗编办", identity("示例二旗编办", "159902"))
    r = run_cli("handdown", offices["county"], "--key", key, "--out", tmp_path / "x.zip")
    assert r.returncode == 2 and "没有下级" in r.stderr and not (tmp_path / "x.zip").exists()
    assert os.listdir(tmp_path) == [n for n in os.listdir(tmp_path) if not n.startswith("x.zip")]
