"""The upper level: trust list, receiving a subordinate's packet, and what it keeps."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from packet_helpers import bag_prefix, flip_byte, packed_demo, rewrite, run_cli, write_identity

from sydw_desktop.figures import headline_figures
from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import format_fingerprint, generate_identity, load_certificate
from sydw_desktop.packets.receive import filing_snapshot, subordinate_problem
from sydw_desktop.store.schema import SCHEMA_VERSION
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace

LEAGUE = Jurisdiction("示例盟", "159900", Level.LEAGUE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return packed_demo(tmp_path_factory.getbasetemp() / "packed-demo")


def _league(tmp_path: Path, jurisdiction: Jurisdiction = LEAGUE) -> Path:
    path = tmp_path / f"{jurisdiction.name}.sydw"
    Workspace.create(path, jurisdiction).close()
    return path


def _filings(path: Path) -> list[object]:
    with Workspace.open(path, readonly=True) as ws:
        return ws.subordinate_filings()


def test_trust_list_add_list_remove(tmp_path: Path) -> None:
    league = _league(tmp_path)
    _, pem = write_identity(tmp_path)
    r = run_cli("trust", league, "add", pem)
    assert r.returncode == 0, r.stderr
    fp = format_fingerprint(load_certificate(pem))
    assert fp in r.stdout
    r = run_cli("trust", league, "list")
    assert r.returncode == 0 and "示例旗机构编制委员会办公室" in r.stdout and fp in r.stdout
    listed = json.loads(run_cli("trust", league, "list", "--json").stdout)
    assert [e["fingerprint"] for e in listed] == [fp.replace(" ", "").lower()]
    assert run_cli("trust", league, "add", pem).returncode == 2  # already there
    assert run_cli("trust", league, "remove", "00000000").returncode == 2
    r = run_cli("trust", league, "remove", fp.split()[0] + fp.split()[1])  # a unique prefix will do
    assert r.returncode == 0, r.stderr
    assert json.loads(run_cli("trust", league, "list", "--json").stdout) == []
    with Workspace.open(league, readonly=True) as ws:
        assert {e.operation for e in ws.changelog()} >= {"添加信任证书", "移除信任证书"}


def test_receive_keeps_the_subordinates_data_with_summary_figures(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    league = _league(tmp_path)
    assert run_cli("trust", league, "add", pem).returncode == 0
    assert run_cli("verify", packet, "--trust", league).returncode == 0  # a workspace's list works as --trust
    r = run_cli("receive", packet, "--into", league)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "示例旗" in r.stdout and "精简比例" in r.stdout
    (filing,) = _filings(league)
    assert (filing.region_code, filing.round, filing.name, filing.level) == ("159901", 2, "示例旗", "旗县")
    assert filing.signer_office == "示例旗机构编制委员会办公室" and filing.note == "第一轮上报"
    with Workspace.open(packet.parent / "示例旗.sydw", readonly=True) as ws:
        original = ws.snapshot()
    expected = [[f.label, f.before, f.after] for f in headline_figures(original)]
    assert [[f["label"], f["before"], f["after"]] for f in filing.summary["figures"]] == expected
    assert filing.summary["findings"]["error"] == 0
    with Workspace.open(league, readonly=True) as ws:
        received = filing_snapshot(ws, "159901", 2)
    assert received.before == original.before and received.after == original.after
    assert received.sanding == original.sanding and received.explanations == original.explanations
    # The same packet again changes nothing.
    r = run_cli("receive", packet, "--into", league)
    assert r.returncode == 0 and "已经接收过" in r.stdout
    assert len(_filings(league)) == 1


def test_receive_refuses_and_imports_nothing(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    league = _league(tmp_path)
    # Nothing to trust at all.
    r = run_cli("receive", packet, "--into", league)
    assert r.returncode == 2 and "信任" in r.stderr
    # Trusted only by --trust on the command line: fine for verifying, here used with a tampered packet.
    prefix = bag_prefix(packet)
    tampered = rewrite(packet, tmp_path / "t.zip", lambda es: [
        (i, flip_byte(d) if i.filename == prefix + "data/workspace.json" else d) for i, d in es])
    r = run_cli("receive", tampered, "--into", league, "--trust", pem)
    assert r.returncode == 1 and "data/workspace.json" in r.stderr and "未导入" in r.stderr
    # A signer not on the list.
    _, other_pem = write_identity(tmp_path, "other", generate_identity("别的编办", "159901"))
    r = run_cli("receive", packet, "--into", league, "--trust", other_pem)
    assert r.returncode == 1 and "信任列表" in r.stderr
    # Another league's workspace: the banner is not under it.
    elsewhere = _league(tmp_path, Jurisdiction("另一盟", "152900", Level.LEAGUE))
    r = run_cli("receive", packet, "--into", elsewhere, "--trust", pem)
    assert r.returncode == 1 and "不在" in r.stderr
    assert _filings(league) == [] and _filings(elsewhere) == []
    r = run_cli("receive", packet, "--into", league, "--trust", pem)
    assert r.returncode == 0, r.stderr


def test_which_jurisdictions_are_subordinate() -> None:
    region = Jurisdiction("内蒙古自治区", "150000", Level.REGION)
    assert subordinate_problem(LEAGUE, "159901", "旗县") is None
    assert subordinate_problem(LEAGUE, "152921", "旗县") is not None
    assert subordinate_problem(LEAGUE, "159901", "盟市") is not None
    assert subordinate_problem(LEAGUE, "159900", "盟市") is not None
    assert subordinate_problem(region, "159900", "盟市") is None
    assert subordinate_problem(region, "159901", "旗县") is None  # a banner is inside the region too
    assert subordinate_problem(region, "219901", "旗县") is not None
    assert subordinate_problem(region, "150000", "自治区") is not None
    assert subordinate_problem(Jurisdiction("示例旗", "159901", Level.BANNER), "159902", "旗县") is not None


def test_schema_version_3_adds_the_tables_and_old_files_migrate(tmp_path: Path) -> None:
    assert SCHEMA_VERSION >= 3
    fixture = Path(__file__).parent / "fixtures" / "workspace-v1.sydw"
    copy = tmp_path / "old.sydw"
    copy.write_bytes(fixture.read_bytes())
    with Workspace.open(copy) as ws:
        assert ws.trusted_certificates() == [] and ws.subordinate_filings() == []
    with sqlite3.connect(copy) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"trusted_cert", "subordinate"} <= tables
