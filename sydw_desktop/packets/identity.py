"""The office's signing identity: a key pair and a self-signed X.509 certificate naming the office.

Stored as a passphrase-protected PKCS#12 file (``NAME.p12``) with the certificate alone beside it
(``NAME.cert.pem``), which is what the office hands to the level above for its trust list. The
certificate's subject is ``C=CN, O=机关名称, CN=机关名称`` plus, when known, the 6-digit 行政区划代码
as ``organizationIdentifier`` (OID 2.5.4.97). Offices confirm a certificate over the phone by its
SHA-256 fingerprint read out in groups of four (:func:`fingerprint_groups`).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from .errors import IdentityError, WrongPassphrase
from .safe_write import write_bytes_atomic

VALIDITY_YEARS = 5
"""How long a new certificate is valid."""

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


class KeyAlgorithm(StrEnum):
    """The key types an office identity may use."""

    ECDSA_P256 = "ecdsa"
    RSA_2048 = "rsa"

    @property
    def label(self) -> str:
        return {"ecdsa": "ECDSA P-256", "rsa": "RSA-2048"}[self.value]


@dataclass(frozen=True)
class Identity:
    """A signing identity as held in memory after the passphrase opened it."""

    key: SigningKey
    """The private key (ECDSA P-256 or RSA-2048)."""
    certificate: x509.Certificate
    """The self-signed certificate naming the office."""

    @property
    def info(self) -> CertificateInfo:
        return certificate_info(self.certificate)


@dataclass(frozen=True)
class IdentityFiles:
    """Where :func:`save_identity` wrote an identity."""

    p12: Path
    """The passphrase-protected PKCS#12 file (key + certificate)."""
    certificate_pem: Path
    """The certificate alone, PEM, for the trust list of the level above."""


@dataclass(frozen=True)
class CertificateInfo:
    """What a person needs to see of a certificate."""

    office: str
    """The office (``O``, falling back to ``CN``)."""
    common_name: str
    region_code: str | None
    """The 行政区划代码 from ``organizationIdentifier``, or None when the certificate has none."""
    fingerprint: str
    """SHA-256 of the DER certificate, 64 lowercase hex digits."""
    not_before: datetime
    not_after: datetime
    algorithm: str
    """``ECDSA P-256``, ``RSA-2048`` … for display."""

    @property
    def fingerprint_groups(self) -> list[str]:
        return _groups(self.fingerprint)

    def to_json(self) -> dict[str, object]:
        return {
            "office": self.office,
            "common_name": self.common_name,
            "region_code": self.region_code,
            "fingerprint": self.fingerprint,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "algorithm": self.algorithm,
        }


# -- making an identity ------------------------------------------------------------------------


def generate_identity(
    office: str,
    region_code: str | None = None,
    *,
    algorithm: KeyAlgorithm = KeyAlgorithm.ECDSA_P256,
    now: datetime | None = None,
    years: int = VALIDITY_YEARS,
) -> Identity:
    """Make a new key pair and a self-signed certificate for ``office``, valid ``years`` years."""
    office = office.strip()
    if not office:
        raise IdentityError("机关名称不能为空。")
    if len(office) > 64:
        raise IdentityError(f"机关名称“{office}”过长（证书中最多 64 个字）。")
    if region_code is not None and not (len(region_code) == 6 and region_code.isdigit()):
        raise IdentityError(f"行政区划代码“{region_code}”应为 6 位数字。")
    key: SigningKey = (
        ec.generate_private_key(ec.SECP256R1())
        if algorithm is KeyAlgorithm.ECDSA_P256
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, office),
    ]
    if region_code:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, region_code))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, office))
    name = x509.Name(attributes)
    start = (now or datetime.now(UTC)).replace(microsecond=0) - timedelta(minutes=5)
    end = _add_years(start, years)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, certificate)


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def certificate_path_for(p12_path: Path) -> Path:
    """``NAME.p12`` → ``NAME.cert.pem`` beside it."""
    return p12_path.with_suffix(".cert.pem")


def save_identity(identity: Identity, p12_path: Path, passphrase: str) -> IdentityFiles:
    """Write ``NAME.p12`` (protected by ``passphrase``) and ``NAME.cert.pem``; never overwrite."""
    p12_path = Path(p12_path)
    pem_path = certificate_path_for(p12_path)
    if not passphrase:
        raise IdentityError("口令不能为空。")
    for path in (p12_path, pem_path):
        if path.exists():
            raise IdentityError(f"文件“{path}”已存在，不会覆盖。请换一个文件名，或先把旧文件移走。")
    info = identity.info
    data = pkcs12.serialize_key_and_certificates(
        # ASCII friendly name: OpenSSL and Windows' import dialog garble UTF-8 here.
        name=f"sydw-{info.region_code or 'office'}".encode("ascii"),
        key=identity.key,
        cert=identity.certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    write_bytes_atomic(p12_path, data, what="签名身份文件")
    try:
        write_bytes_atomic(pem_path, certificate_pem(identity.certificate), what="证书文件")
    except BaseException:
        p12_path.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        p12_path.chmod(0o600)
    return IdentityFiles(p12_path, pem_path)


# -- reading -----------------------------------------------------------------------------------


def load_identity(p12_path: Path, passphrase: str) -> Identity:
    """Open a ``.p12`` identity file. A wrong passphrase raises :class:`WrongPassphrase`."""
    p12_path = Path(p12_path)
    data = _read(p12_path, "签名身份文件")
    try:
        asn1_pkcs12.Pfx.load(data).native  # noqa: B018 - parse only, to tell "not PKCS#12" apart
    except Exception:
        raise IdentityError(f"“{p12_path.name}”不是签名身份文件（PKCS#12 / .p12），或文件已损坏。") from None
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError:
        raise WrongPassphrase(f"口令不正确，无法打开签名身份文件“{p12_path.name}”。") from None
    if key is None or certificate is None:
        raise IdentityError(f"签名身份文件“{p12_path.name}”中缺少私钥或证书。")
    if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        raise IdentityError(f"签名身份文件“{p12_path.name}”的密钥类型不受支持（只支持 ECDSA P-256 和 RSA）。")
    if key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        raise IdentityError(f"签名身份文件“{p12_path.name}”中的私钥与证书不匹配。")
    return Identity(key, certificate)


def load_certificate(path: Path) -> x509.Certificate:
    """Read a certificate from a PEM (or DER) file."""
    path = Path(path)
    return parse_certificate(_read(path, "证书文件"), path.name)


def parse_certificate(data: bytes, where: str) -> x509.Certificate:
    """Parse PEM or DER certificate bytes; ``where`` names the source in the error message."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise IdentityError(f"“{where}”不是有效的证书文件（PEM 格式的 X.509 证书）。") from None


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IdentityError(f"找不到{what}“{path}”。") from None
    except IsADirectoryError:
        raise IdentityError(f"“{path}”是一个文件夹，不是{what}。") from None
    except OSError as exc:
        raise IdentityError(f"无法读取{what}“{path}”：{exc.strerror}") from None


# -- describing --------------------------------------------------------------------------------


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def certificate_der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate as 64 lowercase hex digits (how trust is compared)."""
    return hashlib.sha256(certificate_der(certificate)).hexdigest()


def fingerprint_groups(certificate: x509.Certificate | str) -> list[str]:
    """The fingerprint as 16 groups of 4 uppercase hex digits, for reading out over the phone."""
    text = certificate if isinstance(certificate, str) else fingerprint(certificate)
    return _groups(normalize_fingerprint(text))


def format_fingerprint(certificate: x509.Certificate | str) -> str:
    """The fingerprint groups joined by spaces: ``3F2A 91BC …``."""
    return " ".join(fingerprint_groups(certificate))


def _groups(hex_digits: str) -> list[str]:
    upper = hex_digits.upper()
    return [upper[i : i + 4] for i in range(0, len(upper), 4)]


def normalize_fingerprint(text: str) -> str:
    """Accept a fingerprint as typed (spaces, colons, either case); return lowercase hex.

    A prefix of at least 8 digits is returned as is (for looking up a unique match); anything
    that is not hex raises :class:`IdentityError`.
    """
    digits = "".join(ch for ch in text if ch not in " :-\t").lower()
    if not digits or any(ch not in "0123456789abcdef" for ch in digits) or len(digits) > 64:
        raise IdentityError(f"“{text}”不是证书指纹（SHA-256，64 位十六进制数字）。")
    if len(digits) < 8:
        raise IdentityError(f"指纹“{text}”太短：至少输入前 8 位。")
    return digits


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def certificate_info(certificate: x509.Certificate) -> CertificateInfo:
    subject = certificate.subject
    common_name = _attribute(subject, NameOID.COMMON_NAME) or ""
    office = _attribute(subject, NameOID.ORGANIZATION_NAME) or common_name
    public = certificate.public_key()
    if isinstance(public, ec.EllipticCurvePublicKey):
        algorithm = f"ECDSA {public.curve.name}"
        if public.curve.name == "secp256r1":
            algorithm = "ECDSA P-256"
    elif isinstance(public, rsa.RSAPublicKey):
        algorithm = f"RSA-{public.key_size}"
    else:
        algorithm = type(public).__name__
    return CertificateInfo(
        office=office,
        common_name=common_name,
        region_code=_attribute(subject, NameOID.ORGANIZATION_IDENTIFIER),
        fingerprint=fingerprint(certificate),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        algorithm=algorithm,
    )


def check_usable(certificate: x509.Certificate, at: datetime | None = None) -> None:
    """Refuse to sign with a certificate outside its validity period."""
    at = at or datetime.now(UTC)
    info = certificate_info(certificate)
    if at < info.not_before:
        raise IdentityError(f"签名证书自 {info.not_before:%Y-%m-%d} 起才生效（请检查计算机日期）。")
    if at > info.not_after:
        raise IdentityError(f"签名证书已于 {info.not_after:%Y-%m-%d} 过期，请重新生成签名身份并把新证书报上级。")
