"""The tamper matrix: every kind of damage or forgery is rejected, naming the file it concerns."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from packet_helpers import (
    Entry,
    bag_prefix,
    entry_info,
    flip_byte,
    packed_demo,
    read_entries,
    rewrite,
    run_cli,
)

from sydw_desktop.packets import bag as B
from sydw_desktop.packets.cms import sign_detached
from sydw_desktop.packets.identity import certificate_pem, generate_identity, load_certificate
from sydw_desktop.packets.verify import verify_packet


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return packed_demo(tmp_path_factory.getbasetemp() / "packed-demo")


def _first(entries: list[Entry], suffix: str) -> str:
    return next(i.filename for i, _ in entries if i.filename.endswith(suffix))


def _change(name_suffix: str, how: Callable[[bytes], bytes]) -> Callable[[list[Entry]], list[Entry]]:
    def change(entries: list[Entry]) -> list[Entry]:
        target = _first(entries, name_suffix)
        return [(i, how(d) if i.filename == target else d) for i, d in entries]

    return change


def _append_incremental_update(pdf: bytes) -> bytes:
    """What an editor does when it saves a signed PDF: append an incremental update."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    extra = writer.add_object(generic.StreamObject(stream_data=b"BT ET"))
    contents = page.raw_get("/Contents")
    page["/Contents"] = generic.ArrayObject([*(contents if isinstance(contents, list) else [contents]), extra])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bag_file(packet: Path, suffix: str) -> str:
    """The bag-relative path of the first entry ending in ``suffix``."""
    prefix = bag_prefix(packet)
    return _first(read_entries(packet), suffix)[len(prefix):]


def _verify(path: Path, trust: Path | None = None) -> tuple[object, dict[str, list[str]]]:
    result = verify_packet(path, trusted=None if trust is None else [load_certificate(trust)])
    by_file: dict[str, list[str]] = {}
    for p in result.problems:
        by_file.setdefault(p.file, []).append(p.message)
    return result, by_file


def test_the_untouched_packet_verifies(demo: tuple[Path, Path]) -> None:
    packet, pem = demo
    result, problems = _verify(packet, pem)
    assert problems == {} and result.valid and result.trusted is True
    r = run_cli("verify", packet, "--trust", pem, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["valid"] is True and data["trusted"] is True and data["problems"] == []
    assert data["signer"]["fingerprint"] == result.signer.fingerprint


@pytest.mark.parametrize(
    ("case", "suffix", "words"),
    [
        ("pdf byte", ".pdf", ["校验值与清单不符", "签名"]),
        ("xlsx byte", ".xlsx", ["校验值与清单不符"]),
        ("workspace.json byte", "data/workspace.json", ["校验值与清单不符"]),
        ("bag-info byte", "bag-info.txt", ["校验值与清单不符"]),
        ("incremental update", ".pdf", ["追加修改"]),
    ],
)
def test_changed_files_are_named(demo: tuple[Path, Path], tmp_path: Path, case: str, suffix: str,
                                 words: list[str]) -> None:
    packet, pem = demo
    how = _append_incremental_update if case == "incremental update" else flip_byte
    if case == "bag-info byte":
        how = lambda d: d.replace("第一轮上报".encode(), "第二轮上报".encode())  # noqa: E731
    tampered = rewrite(packet, tmp_path / "t.zip", _change(suffix, how))
    result, problems = _verify(tampered, pem)
    name = _bag_file(packet, suffix)
    assert not result.valid
    assert name in problems, problems
    for word in words:
        assert any(word in m for m in problems[name]), problems[name]
    if case == "bag-info byte":  # the signed tag manifest no longer matches: the signature still holds
        assert B.SIGNATURE not in problems
    r = run_cli("verify", tampered, "--trust", pem)
    assert r.returncode == 1 and name in r.stdout


def test_removed_and_added_files_are_named(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    prefix = bag_prefix(packet)
    gone = _bag_file(packet, ".xlsx")
    removed = rewrite(packet, tmp_path / "removed.zip",
                      lambda es: [(i, d) for i, d in es if i.filename != prefix + gone])
    result, problems = _verify(removed, pem)
    assert not result.valid and any("没有此文件" in m for m in problems[gone])
    assert any("Payload-Oxum" in m for m in problems[B.BAG_INFO_TXT])

    added = rewrite(packet, tmp_path / "added.zip",
                    lambda es: [*es, (entry_info(prefix + "data/补充说明.txt"), "后加的文件".encode())])
    result, problems = _verify(added, pem)
    assert not result.valid and any("多出的文件" in m for m in problems["data/补充说明.txt"])

    beside = rewrite(packet, tmp_path / "beside.zip",
                     lambda es: [*es, (entry_info(prefix + "readme.txt"), b"x")])
    result, problems = _verify(beside, pem)
    assert not result.valid and "readme.txt" in problems


def test_a_packet_signed_by_an_untrusted_key_is_rejected_with_trust(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    forger = generate_identity("示例旗机构编制委员会办公室", "159901")
    prefix = bag_prefix(packet)

    def resign(entries: list[Entry]) -> list[Entry]:
        tagmanifest = next(d for i, d in entries if i.filename == prefix + B.TAGMANIFEST)
        replaced = {prefix + B.SIGNATURE: sign_detached(tagmanifest, forger),
                    prefix + B.SIGNER_CERT: certificate_pem(forger.certificate)}
        return [(i, replaced.get(i.filename, d)) for i, d in entries]

    forged = rewrite(packet, tmp_path / "forged.zip", resign)
    # Without a trust list the tag manifest signature is consistent, but the PDFs betray the swap.
    result, problems = _verify(forged)
    assert B.SIGNATURE not in problems
    assert any(name.endswith(".pdf") for name in problems)
    # With the trust list the signer itself is named.
    result, problems = _verify(forged, pem)
    assert result.trusted is False
    assert any("信任列表" in m for m in problems[B.SIGNER_CERT])
    r = run_cli("verify", forged, "--trust", pem, "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["trusted"] is False and any(p["file"] == B.SIGNER_CERT for p in data["problems"])


def test_a_whole_packet_made_with_another_key_is_valid_but_untrusted(demo: tuple[Path, Path], tmp_path: Path) -> None:
    from sydw_desktop.packets.pack import pack_workspace

    packet, pem = demo
    other = generate_identity("示例旗机构编制委员会办公室", "159901")
    made = pack_workspace(packet.parent / "示例旗.sydw", other, tmp_path / "other.zip", formats={"pdf"}).path
    result, problems = _verify(made)
    assert result.valid and result.trusted is None and problems == {}
    result, problems = _verify(made, pem)
    assert result.valid and result.trusted is False and list(problems) == [B.SIGNER_CERT]
    assert run_cli("verify", made, "--trust", pem).returncode == 1
    assert run_cli("verify", made).returncode == 0


def test_a_truncated_zip_is_named(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    cut = tmp_path / "截断.zip"
    cut.write_bytes(packet.read_bytes()[: packet.stat().st_size * 2 // 3])
    result, problems = _verify(cut, pem)
    assert not result.valid and any("截断" in m for m in problems["截断.zip"])
    r = run_cli("verify", cut)
    assert r.returncode == 1 and "截断.zip" in r.stdout


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink", "nfc-duplicate", "bomb"])
def test_unsafe_entries_are_named_and_nothing_is_written_outside_a_temporary_folder(
    demo: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    packet, pem = demo
    prefix = bag_prefix(packet)
    outside = tmp_path / "outside"
    outside.mkdir()
    extra: list[Entry]
    if kind == "dotdot":
        name = prefix + "data/../../../outside/dotdot.txt"
        extra = [(entry_info(name), b"owned")]
    elif kind == "absolute":
        name = str(outside / "absolute.txt")
        extra = [(entry_info(name), b"owned")]
    elif kind == "symlink":
        name = prefix + "data/link.pdf"
        extra = [(entry_info(name, mode=0o120777), str(outside).encode())]
    elif kind == "nfc-duplicate":  # "é" decomposed, then composed: one name after NFC
        extra = [(entry_info(prefix + "data/e\u0301.pdf"), b"1"), (entry_info(prefix + "data/\u00e9.pdf"), b"2")]
        name = prefix + "data/\u00e9.pdf"
    else:
        name = prefix + "data/bomb.pdf"
        extra = [(entry_info(name), b"\0" * (16 * 1024 * 1024))]
    tampered = rewrite(packet, tmp_path / f"{kind}.zip", lambda es: [*es, *extra])

    scratch = tmp_path / "scratch-tmp"
    scratch.mkdir()
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    r = run_cli("verify", tampered, "--trust", pem, "--json", cwd=cwd, env={"TMPDIR": str(scratch)})
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert any(p["file"] == name for p in data["problems"]), data["problems"]
    assert before == after  # nothing new anywhere: not beside the packet, not in cwd, not left in TMPDIR
    assert list(outside.iterdir()) == [] and list(scratch.iterdir()) == []


def test_every_problem_is_reported_not_just_the_first(demo: tuple[Path, Path], tmp_path: Path) -> None:
    packet, pem = demo
    prefix = bag_prefix(packet)
    pdfs = [i.filename for i, _ in read_entries(packet) if i.filename.endswith(".pdf")][:2]
    xlsx = _first(read_entries(packet), ".xlsx")

    def several(entries: list[Entry]) -> list[Entry]:
        out = [(i, flip_byte(d) if i.filename in pdfs else d) for i, d in entries if i.filename != xlsx]
        return [*out, (entry_info(prefix + "data/多余.txt"), b"x"), (entry_info(prefix + "../evil.txt"), b"x")]

    result, problems = _verify(rewrite(packet, tmp_path / "several.zip", several), pem)
    named = set(problems)
    assert {p[len(prefix):] for p in pdfs} <= named
    assert xlsx[len(prefix):] in named and "data/多余.txt" in named and prefix + "../evil.txt" in named
    assert B.BAG_INFO_TXT in named  # Payload-Oxum


def test_verify_reports_unreadable_input_with_exit_2(tmp_path: Path) -> None:
    r = run_cli("verify", tmp_path / "missing.zip")
    assert r.returncode == 2 and "找不到" in r.stderr
    r = run_cli("verify", tmp_path)
    assert r.returncode == 2 and "文件夹" in r.stderr
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    r = run_cli("verify", not_zip, "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["problems"][0]["file"] == "x.zip"


# -- zips and JSON that used to crash the verifier ----------------------------------------------


@pytest.mark.parametrize("kind", ["file-then-folder", "folder-then-file", "long-name"])
def test_entries_that_cannot_be_extracted_here_are_named(demo: tuple[Path, Path], tmp_path: Path, kind: str) -> None:
    packet, pem = demo
    prefix = bag_prefix(packet)
    if kind == "long-name":  # 300 bytes in one name: fine in a zip, too long for the file system
        name = prefix + "data/" + "汉" * 100 + ".pdf"
        extra = [(entry_info(name), b"%PDF-1.7")]
    else:
        outer, inner = prefix + "data/冲突.pdf", prefix + "data/冲突.pdf/内部.pdf"
        pair = [(entry_info(outer), b"file"), (entry_info(inner), b"inside")]
        extra = pair if kind == "file-then-folder" else pair[::-1]
        name = inner if kind == "file-then-folder" else outer
    tampered = rewrite(packet, tmp_path / f"{kind}.zip", lambda es: [*es, *extra])
    result, problems = _verify(tampered, pem)
    assert not result.valid and name in problems, problems
    assert any("无法" in m and "解压" in m for m in problems[name]), problems[name]
    r = run_cli("verify", tampered, "--trust", pem)
    assert r.returncode == 1, r.stderr
    assert name in r.stdout and "程序内部错误" not in r.stderr + r.stdout and "Traceback" not in r.stderr


@pytest.mark.parametrize("target", [B.WORKSPACE_JSON, B.CHECK_REPORT_JSON])
def test_json_nested_too_deeply_is_a_problem_of_that_file(demo: tuple[Path, Path], tmp_path: Path,
                                                          target: str) -> None:
    packet, pem = demo
    prefix = bag_prefix(packet)
    deep = b"[" * 100_000 + b"]" * 100_000
    tampered = rewrite(packet, tmp_path / "deep.zip",
                       lambda es: [(i, deep if i.filename == prefix + target else d) for i, d in es])
    result, problems = _verify(tampered, pem)
    assert any("嵌套层数过多" in m for m in problems[target]), problems.get(target)
    r = run_cli("verify", tampered, "--trust", pem)
    assert r.returncode == 1 and target in r.stdout and "程序内部错误" not in r.stderr


def test_a_round_beyond_999_is_refused_by_pack_verify_and_receive(demo: tuple[Path, Path], tmp_path: Path) -> None:
    from packet_helpers import build_small_packet, identity, write_identity

    from sydw_desktop.model import Jurisdiction
    from sydw_desktop.packets.errors import PacketError
    from sydw_desktop.packets.pack import pack_workspace
    from sydw_desktop.vocab import Level
    from sydw_desktop.workspace import Workspace

    packet, pem = demo
    workspace = packet.parent / "示例旗.sydw"
    key, _ = write_identity(tmp_path, "示例旗编办", identity())
    for bad in ("99999999999999999999", "1000", "0", "-1", "三"):
        r = run_cli("pack", workspace, "--key", key, "--out", tmp_path / "p.zip", "--round", bad)
        assert r.returncode == 2 and "轮次应为 1 至 999 的整数" in r.stderr, (bad, r.stderr)
    assert not (tmp_path / "p.zip").exists()
    with pytest.raises(PacketError, match="1 至 999"):
        pack_workspace(workspace, identity(), tmp_path / "p.zip", round_number=1000)

    # A correctly signed packet whose round no Python int → SQLite conversion survives.
    signer = identity("测试旗机构编制委员会办公室", "159999")
    huge = build_small_packet(tmp_path, signer, name="huge.zip", round_number=10**20)
    _, signer_pem = write_identity(tmp_path, "测试旗编办", signer)
    result, problems = _verify(huge, signer_pem)
    assert not result.valid and any("1 至 999" in m for m in problems[B.BAG_INFO_TXT]), problems
    r = run_cli("verify", huge, "--trust", signer_pem)
    assert r.returncode == 1 and B.BAG_INFO_TXT in r.stdout
    league = tmp_path / "示例盟.sydw"
    Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
    r = run_cli("receive", huge, "--into", league, "--trust", signer_pem)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "X-Sydw-Round" in r.stderr and "程序内部错误" not in r.stderr and "Traceback" not in r.stderr
