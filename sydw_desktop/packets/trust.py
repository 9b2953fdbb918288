"""The trust list: subordinate offices' certificates kept in the upper level's workspace.

An office adds a subordinate's ``NAME.cert.pem`` after confirming its fingerprint over the phone
(:func:`~sydw_desktop.packets.identity.fingerprint_groups`). ``verify --trust`` and ``receive``
then accept a packet only when its signer's certificate has one of the listed SHA-256
fingerprints (of the DER encoding).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509

from ..errors import ModelError
from ..model import TrustedCertificate
from ..workspace import Workspace
from .errors import IdentityError, TrustError
from .identity import certificate_info, certificate_pem, load_certificate, normalize_fingerprint


def trust_entry(certificate: x509.Certificate) -> TrustedCertificate:
    """The trust-list record of ``certificate``."""
    info = certificate_info(certificate)
    return TrustedCertificate(
        fingerprint=info.fingerprint,
        office=info.office,
        region_code=info.region_code or "",
        not_after=info.not_after.isoformat(),
        pem=certificate_pem(certificate).decode("ascii"),
    )


def addable_entry(certificate: x509.Certificate, where: str) -> TrustedCertificate:
    """The trust-list record of ``certificate``, refused when it has expired (``where`` names it)."""
    info = certificate_info(certificate)
    if info.not_after < datetime.now(UTC):
        raise TrustError(f"证书“{where}”（{info.office}）已于 {info.not_after:%Y-%m-%d} 过期，不能加入信任列表。")
    return trust_entry(certificate)


def add_trusted(ws: Workspace, pem_path: Path) -> TrustedCertificate:
    """Add the certificate in ``pem_path`` to ``ws``'s trust list; return the record."""
    entry = addable_entry(load_certificate(Path(pem_path)), Path(pem_path).name)
    try:
        ws.add_trusted_certificate(entry)
    except ModelError as exc:
        raise TrustError(exc.message) from None
    return entry


def find_trusted(ws: Workspace, fingerprint_text: str) -> TrustedCertificate:
    """The listed certificate whose fingerprint is (or starts with) ``fingerprint_text``."""
    try:
        wanted = normalize_fingerprint(fingerprint_text)
    except IdentityError as exc:
        raise TrustError(exc.message) from None
    matches = [c for c in ws.trusted_certificates() if c.fingerprint.startswith(wanted)]
    if not matches:
        raise TrustError(f"信任列表中没有指纹为“{fingerprint_text}”的证书。")
    if len(matches) > 1:
        raise TrustError(f"指纹“{fingerprint_text}”对应多张证书，请输入更多位。")
    return matches[0]


def remove_trusted(ws: Workspace, fingerprint_text: str) -> TrustedCertificate:
    """Remove the certificate with that fingerprint (or unique prefix of ≥ 8 digits)."""
    entry = find_trusted(ws, fingerprint_text)
    ws.remove_trusted_certificate(entry.fingerprint)
    return entry


def trusted_certificates(ws: Workspace) -> list[x509.Certificate]:
    return [x509.load_pem_x509_certificate(c.pem.encode("ascii")) for c in ws.trusted_certificates()]


def load_trust_sources(paths: Iterable[Path]) -> list[x509.Certificate]:
    """Certificates from ``--trust`` arguments: PEM files, or ``.sydw`` workspaces (their trust lists)."""
    found: list[x509.Certificate] = []
    for path in map(Path, paths):
        if path.suffix.lower() == ".sydw":
            with Workspace.open(path, readonly=True) as ws:
                found.extend(trusted_certificates(ws))
            continue
        if not path.is_file():
            raise IdentityError(f"找不到证书文件“{path}”。")
        data = path.read_bytes()
        if data.count(b"-----BEGIN CERTIFICATE-----") > 1:
            try:
                found.extend(x509.load_pem_x509_certificates(data))
            except ValueError:
                raise IdentityError(f"“{path.name}”不是有效的证书文件（PEM 格式的 X.509 证书）。") from None
        else:
            found.append(load_certificate(path))
    return found
