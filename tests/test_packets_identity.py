"""Office identity: keygen, the .p12 and .cert.pem files, passphrases and fingerprints."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from packet_helpers import PASSPHRASE, identity, run_cli, write_identity
from workspace_helpers import new_workspace

from sydw_desktop.packets.errors import IdentityError, PassphraseUnavailable, WrongPassphrase
from sydw_desktop.packets.identity import (
    KeyAlgorithm,
    certificate_info,
    fingerprint,
    fingerprint_groups,
    format_fingerprint,
    generate_identity,
    load_certificate,
    load_identity,
    normalize_fingerprint,
    save_identity,
)
from sydw_desktop.packets.passphrase import read_passphrase


@pytest.mark.parametrize("algorithm", list(KeyAlgorithm))
def test_identity_round_trips_through_p12_and_openssl_reads_it(tmp_path: Path, algorithm: KeyAlgorithm) -> None:
    ident = generate_identity("示例旗机构编制委员会办公室", "159901", algorithm=algorithm)
    files = save_identity(ident, tmp_path / "office.p12", PASSPHRASE)
    assert files.certificate_pem == tmp_path / "office.cert.pem"
    loaded = load_identity(files.p12, PASSPHRASE)
    assert fingerprint(loaded.certificate) == fingerprint(ident.certificate)
    assert isinstance(loaded.key, ec.EllipticCurvePrivateKey if algorithm is KeyAlgorithm.ECDSA_P256 else rsa.RSAPrivateKey)
    # The independent tool opens the PKCS#12 with the passphrase, and not without it.
    env = {**os.environ, "PW": PASSPHRASE}
    ok = subprocess.run(["openssl", "pkcs12", "-in", str(files.p12), "-passin", "env:PW", "-nokeys"],
                        capture_output=True, text=True, errors="replace", env=env)
    assert ok.returncode == 0 and "BEGIN CERTIFICATE" in ok.stdout
    bad = subprocess.run(["openssl", "pkcs12", "-in", str(files.p12), "-passin", "pass:wrong-pass", "-nokeys"],
                         capture_output=True, text=True)
    assert bad.returncode != 0
    if os.name == "posix":
        assert files.p12.stat().st_mode & 0o077 == 0


def test_certificate_names_the_office_and_region_and_lasts_five_years() -> None:
    cert = identity().certificate
    subject = cert.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "示例旗机构编制委员会办公室"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "示例旗机构编制委员会办公室"
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER)[0].value == "159901"
    assert cert.issuer == subject
    days = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
    assert 5 * 365 <= days <= 5 * 366
    assert cert.not_valid_before_utc <= datetime.now(UTC)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    info = certificate_info(cert)
    assert (info.office, info.region_code, info.algorithm) == ("示例旗机构编制委员会办公室", "159901", "ECDSA P-256")


def test_fingerprint_groups_match_openssl(tmp_path: Path) -> None:
    _, pem = write_identity(tmp_path)
    out = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-fingerprint", "-sha256"],
                         capture_output=True, text=True, check=True).stdout
    openssl_hex = out.strip().split("=", 1)[1].replace(":", "").lower()
    cert = load_certificate(pem)
    assert fingerprint(cert) == openssl_hex
    groups = fingerprint_groups(cert)
    assert len(groups) == 16 and all(len(g) == 4 and g == g.upper() for g in groups)
    assert "".join(groups).lower() == openssl_hex
    assert format_fingerprint(cert) == " ".join(groups)
    assert normalize_fingerprint(" ".join(groups)) == openssl_hex
    assert normalize_fingerprint(out.strip().split("=", 1)[1]) == openssl_hex


def test_wrong_passphrase_and_wrong_files_are_clear_errors(tmp_path: Path) -> None:
    p12, pem = write_identity(tmp_path)
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        load_identity(p12, "not-the-passphrase")
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"this is not pkcs12")
    with pytest.raises(IdentityError, match="不是签名身份文件"):
        load_identity(junk, PASSPHRASE)
    with pytest.raises(IdentityError, match="找不到"):
        load_identity(tmp_path / "missing.p12", PASSPHRASE)
    with pytest.raises(IdentityError, match="不是有效的证书文件"):
        load_certificate(p12)
    with pytest.raises(IdentityError, match="已存在"):
        save_identity(identity(), p12, PASSPHRASE)
    with pytest.raises(IdentityError, match="6 位数字"):
        generate_identity("某编办", "15990")
    with pytest.raises(IdentityError, match="指纹"):
        normalize_fingerprint("xyz not hex")


def test_passphrase_sources() -> None:
    env = {"SYDW_PASSPHRASE": "from-the-environment"}
    assert read_passphrase("a.p12", env=env) == "from-the-environment"
    with pytest.raises(PassphraseUnavailable, match="SYDW_PASSPHRASE"):
        read_passphrase("a.p12", env={}, interactive=False)
    answers = iter(["long-enough-1", "long-enough-1"])
    assert read_passphrase("a.p12", new=True, env={}, interactive=True, prompt=lambda _: next(answers)) == "long-enough-1"
    answers = iter(["long-enough-1", "different-22"])
    with pytest.raises(PassphraseUnavailable, match="不一致"):
        read_passphrase("a.p12", new=True, env={}, interactive=True, prompt=lambda _: next(answers))
    with pytest.raises(PassphraseUnavailable, match="太短"):
        read_passphrase("a.p12", new=True, env={}, interactive=True, prompt=lambda _: "short")
    # the same minimum for a new passphrase set in the environment (issue 15, problem 7)
    with pytest.raises(PassphraseUnavailable, match="SYDW_PASSPHRASE 中的口令太短：至少 8 个字符"):
        read_passphrase("a.p12", new=True, env={"SYDW_PASSPHRASE": "x"})
    assert read_passphrase("a.p12", env={"SYDW_PASSPHRASE": "short"}) == "short"  # opening an old one


def test_keygen_cli_writes_both_files_and_never_shows_the_passphrase(tmp_path: Path) -> None:
    log = tmp_path / "sydw.log"
    r = run_cli("keygen", "--org", "示例旗机构编制委员会办公室", "--code", "159901", "--out", tmp_path / "k.p12",
                env={"SYDW_LOG": str(log)})
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "k.p12").is_file() and (tmp_path / "k.cert.pem").is_file()
    cert = load_certificate(tmp_path / "k.cert.pem")
    assert format_fingerprint(cert) in r.stdout
    assert PASSPHRASE not in r.stdout + r.stderr
    assert not log.exists() or PASSPHRASE not in log.read_text(encoding="utf-8")
    # The contract form (no region code) works too; the key is RSA when asked.
    r = run_cli("keygen", "--org", "某盟机构编制委员会办公室", "--out", tmp_path / "m.p12", "--algorithm", "rsa")
    assert r.returncode == 0, r.stderr
    assert certificate_info(load_certificate(tmp_path / "m.cert.pem")).algorithm == "RSA-2048"
    # The region code can come from the workspace.
    new_workspace(tmp_path / "ws.sydw").close()
    r = run_cli("keygen", "--org", "测试旗机构编制委员会办公室", "--workspace", tmp_path / "ws.sydw", "--out", tmp_path / "w.p12")
    assert r.returncode == 0, r.stderr
    assert certificate_info(load_certificate(tmp_path / "w.cert.pem")).region_code == "159999"
    # Existing files are never overwritten; no passphrase and no terminal is a clear error.
    r = run_cli("keygen", "--org", "x", "--out", tmp_path / "k.p12")
    assert r.returncode == 2 and "已存在" in r.stderr
    r = run_cli("keygen", "--org", "x", "--out", tmp_path / "n.p12", passphrase=None)
    assert r.returncode == 2 and "SYDW_PASSPHRASE" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "n.p12").exists()
    # There is no way to give the passphrase on the command line.
    r = run_cli("keygen", "--org", "x", "--out", tmp_path / "p.p12", "--passphrase", "abcdefgh12")
    assert r.returncode == 2 and not (tmp_path / "p.p12").exists()


def test_pack_with_a_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    p12, _ = write_identity(tmp_path)
    r = run_cli("pack", tmp_path / "none.sydw", "--key", p12, "--out", tmp_path / "x.zip", passphrase="wrong-passphrase")
    assert r.returncode == 2
    assert "口令不正确" in r.stderr and "wrong-passphrase" not in r.stderr
    assert not (tmp_path / "x.zip").exists()
