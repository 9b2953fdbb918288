"""Detached CMS (PKCS #7) signatures over the tag manifest.

Signing uses :mod:`cryptography`'s ``PKCS7SignatureBuilder`` (detached, binary, SHA-256), which
``openssl cms -verify -binary -inform DER … -purpose any`` accepts. Verifying is done here with
:mod:`asn1crypto` for the structure and :mod:`cryptography` for the arithmetic, so the program
needs no OpenSSL binary: the content digest must match the ``messageDigest`` attribute, the
signature must verify over the DER ``SET OF`` signed attributes, and the signing certificate in the
CMS must be the packet's ``signer.cert.pem``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms as asn1_cms
from asn1crypto import tsp as _asn1_tsp  # noqa: F401 - registers signing_certificate_v2, see below
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs7

from .identity import Identity, certificate_der

# asn1crypto builds CMSAttributeType's name → OID map once, on the first lookup by name, and
# asn1crypto.tsp adds ``signing_certificate_v2`` to it when imported. Verifying a packet before
# anything imported tsp froze the map without it, and pyHanko then failed to sign in the same
# process (GUI: 校验报送包, then 生成报送包). Importing tsp with this module keeps the order right.
_HASHES: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}


def sign_detached(content: bytes, identity: Identity) -> bytes:
    """A DER CMS SignedData over ``content``, detached, with the certificate embedded."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(identity.certificate, identity.key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )


@dataclass(frozen=True)
class CmsCheck:
    """The outcome of checking a detached CMS signature."""

    problems: tuple[str, ...]
    """Chinese descriptions of what is wrong; empty when the signature is good."""
    signing_time: datetime | None = None
    """The signingTime attribute, when present."""

    @property
    def valid(self) -> bool:
        return not self.problems


def verify_detached(signature: bytes, content: bytes, signer: x509.Certificate) -> CmsCheck:
    """Check that ``signature`` is a good detached CMS signature by ``signer`` over ``content``."""
    try:
        info = asn1_cms.ContentInfo.load(signature)
        if info["content_type"].native != "signed_data":
            return CmsCheck(("不是 CMS 签名数据（SignedData）",))
        signed = info["content"]
        signer_infos = signed["signer_infos"]
        embedded = [c.chosen.dump() for c in signed["certificates"] or [] if c.name == "certificate"]
        encap = signed["encap_content_info"]["content"]
        n_signers = len(signer_infos)
    except Exception:
        return CmsCheck(("无法解析签名文件（不是有效的 DER 编码 CMS 签名）",))
    if encap.native is not None:
        return CmsCheck(("签名不是分离式签名（签名文件中夹带了内容）",))
    if n_signers != 1:
        return CmsCheck((f"签名文件中应有 1 个签名者，实有 {n_signers} 个",))
    if certificate_der(signer) not in embedded:
        return CmsCheck(("签名文件中的证书与 signer.cert.pem 不一致",))
    si = signer_infos[0]
    try:
        return _check_signer_info(si, content, signer)
    except Exception:
        return CmsCheck(("签名文件的签名者信息无法解析",))


def _check_signer_info(si: asn1_cms.SignerInfo, content: bytes, signer: x509.Certificate) -> CmsCheck:
    problems: list[str] = []
    digest_name = si["digest_algorithm"]["algorithm"].native
    hash_cls = _HASHES.get(digest_name)
    if hash_cls is None:
        return CmsCheck((f"签名使用了不受支持的摘要算法 {digest_name}",))
    if not _sid_matches(si["sid"], signer):
        problems.append("签名者标识与 signer.cert.pem 不一致")
    signed_attrs = si["signed_attrs"]
    signing_time: datetime | None = None
    if signed_attrs.native is None:
        message = content
    else:
        attrs = {a["type"].native: a["values"] for a in signed_attrs}
        if "message_digest" not in attrs or attrs.get("content_type") is None:
            return CmsCheck(("签名缺少 messageDigest 或 contentType 属性",))
        if attrs["content_type"][0].native != "data":
            problems.append("签名的内容类型不是 data")
        actual = hashlib.new(digest_name, content).digest()
        if attrs["message_digest"][0].native != actual:
            problems.append("tagmanifest-sha256.txt 的内容与签名不符（签名后被修改）")
        if "signing_time" in attrs:
            signing_time = attrs["signing_time"][0].native
        # The signature covers the attributes DER-encoded as a universal SET OF, not [0] IMPLICIT.
        raw = signed_attrs.dump()
        message = b"\x31" + raw[1:]
    if not _signature_ok(si["signature"].native, message, signer, hash_cls()):
        problems.append("签名值校验失败（签名不是由 signer.cert.pem 的私钥对此内容作出的）")
    return CmsCheck(tuple(problems), signing_time)


def _sid_matches(sid: asn1_cms.SignerIdentifier, signer: x509.Certificate) -> bool:
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"].dump()
        return (
            issuer == signer.issuer.public_bytes()
            and bool(sid.chosen["serial_number"].native == signer.serial_number)
        )
    if sid.name == "subject_key_identifier":
        try:
            ski = signer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
        except x509.ExtensionNotFound:
            return False
        return bool(sid.chosen.native == ski)
    return False


def _signature_ok(signature: bytes, message: bytes, signer: x509.Certificate, algorithm: hashes.HashAlgorithm) -> bool:
    public = signer.public_key()
    try:
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, message, ec.ECDSA(algorithm))
        elif isinstance(public, rsa.RSAPublicKey):
            public.verify(signature, message, padding.PKCS1v15(), algorithm)
        else:
            return False
    except InvalidSignature:
        return False
    return True
