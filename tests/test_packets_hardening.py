"""Malformed zips are findings, trust is said plainly, new passphrases have a minimum length
(issue 15, problems 4, 5 and 7)."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

import pytest
from packet_helpers import build_small_packet, identity, write_identity

from sydw_desktop.cli import main
from sydw_desktop.model import Jurisdiction
from sydw_desktop.packets.identity import format_fingerprint
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace
from tests.fixtures.workbooks.builders import write_book


def future_zip(src: Path, out: Path) -> Path:
    """``src`` with every entry's "version needed to extract" set to 6.4 (zipfile cannot read it)."""
    data = bytearray(src.read_bytes())
    for magic, at in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        start = 0
        while (found := data.find(magic, start)) >= 0:
            data[found + at:found + at + 2] = struct.pack("<H", 64)
            start = found + 4
    out.write_bytes(bytes(data))
    return out


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hardening")
    ident = identity("测试旗机构编制委员会办公室", "159999")
    _, pem = write_identity(folder, "signer", ident)
    return build_small_packet(folder, ident), pem


def test_a_future_zip_version_is_a_finding_for_verify(packet: tuple[Path, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = future_zip(packet[0], tmp_path / "bad.zip")
    assert main(["verify", str(bad)]) == 1
    text = capsys.readouterr().out
    assert "未通过校验" in text and "zip 格式不受支持" in text
    assert main(["verify", str(bad), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False and data["problems"][0]["file"] == "bad.zip"


def test_a_future_zip_version_is_refused_by_receive(packet: tuple[Path, Path], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    league = tmp_path / "示例盟.sydw"
    Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
    bad = future_zip(packet[0], tmp_path / "bad.zip")
    assert main(["receive", str(bad), "--into", str(league), "--trust", str(packet[1])]) == 1
    err = capsys.readouterr().err
    assert "zip 格式不受支持" in err and "程序内部错误" not in err


def test_a_future_zip_version_is_refused_by_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "w.sydw"
    assert main(["new", str(ws), "--name", "测试旗", "--code", "150102", "--level", "旗县"]) == 0
    bad = future_zip(write_book(tmp_path / "good.xlsx"), tmp_path / "bad.xlsx")
    assert main(["import-units", str(ws), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "压缩格式不受支持" in err and "程序内部错误" not in err


def test_without_a_trust_list_the_signer_is_not_confirmed(packet: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    zipped, pem = packet
    assert main(["verify", str(zipped)]) == 0  # exit codes as before: valid is 0
    text = capsys.readouterr().out
    assert "签名者未经确认" in text and "核对证书指纹" in text
    assert main(["verify", str(zipped), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    groups = format_fingerprint(data["signer"]["fingerprint"])
    assert data["trusted"] is False and data["trust_checked"] is False
    assert "未经确认" in data["trust_reason"] and groups in data["trust_reason"]
    assert main(["verify", str(zipped), "--trust", str(pem), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["trusted"] is True and data["trust_checked"] is True and "在信任列表中" in data["trust_reason"]


def test_a_short_passphrase_in_the_environment_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SYDW_PASSPHRASE", "1")
    out = tmp_path / "k.p12"
    assert main(["keygen", "--org", "示例旗机构编制委员会办公室", "--code", "159901", "--out", str(out)]) == 2
    assert "口令太短：至少 8 个字符" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_older_packet_of_the_same_round_does_not_replace_a_newer_one(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A replayed old packet is refused; receiving keeps a checked backup of the state before."""
    import time

    from sydw_desktop.store import backups

    ident = identity("测试旗机构编制委员会办公室", "159999")
    _, pem = write_identity(tmp_path, "signer", ident)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = build_small_packet(tmp_path / "old", ident)
    time.sleep(1.1)
    new = build_small_packet(tmp_path / "new", ident)
    league = tmp_path / "示例盟.sydw"
    Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
    assert main(["receive", str(new), "--into", str(league), "--trust", str(pem)]) == 0
    assert [b.reason for b in backups.list_backups(league)] == [backups.BEFORE_RECEIVE]
    capsys.readouterr()
    assert main(["receive", str(old), "--into", str(league), "--trust", str(pem)]) == 1
    refused = capsys.readouterr().err
    assert "早于已接收的同轮报送包" in refused and "未导入" in refused
    with Workspace.open(league, readonly=True) as ws:
        (filing,) = ws.subordinate_filings()
    assert filing.packet_sha256 == hashlib.sha256(new.read_bytes()).hexdigest()


def test_an_empty_folder_beside_the_bag_makes_the_packet_invalid(packet: tuple[Path, Path], tmp_path: Path) -> None:
    """Found by the fuzzer: a packet with an added empty top-level folder used to verify as valid."""
    import zipfile

    from sydw_desktop.packets.verify import verify_packet

    out = tmp_path / "extra.zip"
    with zipfile.ZipFile(packet[0]) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(zipfile.ZipInfo("dir/"), b"")
    result = verify_packet(out)
    assert not result.valid and "应只有一个文件夹" in str(result.problems[0])
