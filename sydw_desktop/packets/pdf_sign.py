"""PAdES baseline B-B signatures on the packet's PDFs (pyHanko), and their validation.

Each PDF gets one signature by the office's identity, optionally with a visible block on the last
page naming the office and the signing time. Validation accepts a PDF only when every signature in
it is intact and valid, was made with the packet's signing certificate, and the last one covers
the whole file — an incremental update appended after signing is rejected (``pdfsig`` says
``Not total document signed`` in that case; pyHanko reports a coverage below ``ENTIRE_FILE``).
"""

from __future__ import annotations

import io
import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from fontTools import subset as ft_subset
from fontTools import ttLib

from ..paths import resources
from .identity import Identity, certificate_der

# pyHanko logs diff-analysis tracebacks for tampered files; the verifier reports them itself.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())

FIELD_NAME = "sydw-signature"
STAMP_FONT = Path("fonts") / "ui" / "NotoSansSC-Regular-GB2312.ttf"
"""Font of the visible signature block, relative to ``resources/`` (OFL, GB2312 coverage)."""
STAMP_BOX = (180, 16, 415, 58)
"""Visible block on the last page, centred below the page-number line of a GB/T 9704 page:
(x1, y1, x2, y2) in points from the bottom-left corner of an A4 page."""
_STAMP_FIXED_TEXT = "电子签名签名机关时间：0123456789-: 年月日上报材料"


@dataclass(frozen=True)
class VisibleSignature:
    """What the visible signature block says."""

    office: str
    """The signing office, as on the certificate."""
    when: datetime
    """The signing time shown (local time)."""

    def text(self) -> str:
        return f"电子签名：{self.office}\n签名时间：{self.when:%Y-%m-%d %H:%M}"


def stamp_font_path() -> Path:
    return resources() / STAMP_FONT


def missing_stamp_glyphs(text: str, font: Path | None = None) -> list[str]:
    """Characters of ``text`` the stamp font cannot show (the block is then left out)."""
    cmap = _cmap(str(font or stamp_font_path()))
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


@cache
def _cmap(font: str) -> frozenset[int]:
    return frozenset(ttLib.TTFont(font, lazy=True).getBestCmap())


class PdfSigningSession:
    """Signs many PDFs with one identity; prepares the stamp font once per office name.

    Use as a context manager: the subsetted stamp font lives in a temporary folder.
    """

    def __init__(self, identity: Identity, *, visible: bool = False, location: str = "") -> None:
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        cert = asn1_x509.Certificate.load(certificate_der(identity.certificate))
        key = asn1_keys.PrivateKeyInfo.load(
            identity.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        self._signer = signers.SimpleSigner(
            signing_cert=cert, signing_key=key,
            cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]  # pyHanko leaves it unannotated
        )
        self.office = identity.info.office
        self.location = location
        self.visible = visible
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._font: Path | None = None
        self.note: str | None = None
        """Why the visible block was left out, if it was."""

    def __enter__(self) -> PdfSigningSession:
        if self.visible:
            missing = missing_stamp_glyphs(self.office + _STAMP_FIXED_TEXT)
            if not _opentype_available():
                self.visible = False
                self.note = "本程序缺少排版组件（uharfbuzz），已改为不可见签名（签名本身不受影响）。"
            elif missing:
                self.visible = False
                self.note = f"可见签名块的字体缺少“{''.join(missing)}”，已改为不可见签名（签名本身不受影响）。"
            else:
                self._tmp = tempfile.TemporaryDirectory(prefix="sydw-stamp-")
                self._font = Path(self._tmp.name) / "stamp.ttf"
                _subset_font(stamp_font_path(), self.office + _STAMP_FIXED_TEXT, self._font)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def sign(self, pdf: bytes, when: datetime | None = None) -> bytes:
        """Return ``pdf`` with a PAdES B-B signature appended as an incremental update."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason="上报材料",
            location=self.location or None,
            name=self.office,
        )
        if self.visible and self._font is not None:
            from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
            from pyhanko.pdf_utils.text import TextBoxStyle
            from pyhanko.stamp import TextStampStyle

            stamp = VisibleSignature(self.office, (when or datetime.now()).astimezone())
            style = TextStampStyle(
                stamp_text=stamp.text(),
                text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(self._font)), font_size=9),
            )
            spec = fields.SigFieldSpec(FIELD_NAME, on_page=-1, box=STAMP_BOX)
            pdf_signer = signers.PdfSigner(meta, signer=self._signer, stamp_style=style, new_field_spec=spec)
        else:
            pdf_signer = signers.PdfSigner(meta, signer=self._signer)
        out = pdf_signer.sign_pdf(writer)
        return bytes(out.getvalue())


def _opentype_available() -> bool:
    """Whether pyHanko's OpenType support (``pyhanko[opentype]``: uharfbuzz) is installed."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def _subset_font(font: Path, text: str, out: Path) -> None:
    """A small TrueType subset of ``font`` with just ``text``'s glyphs (pyHanko loads it per PDF)."""
    tt = ttLib.TTFont(str(font))
    options = ft_subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = ft_subset.Subsetter(options=options)
    subsetter.populate(text=text)
    subsetter.subset(tt)
    tt.save(str(out))


# -- validation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfSignatureCheck:
    """The outcome of validating a PDF's signatures against the packet's signer."""

    problems: tuple[str, ...]
    """Chinese descriptions of what is wrong; empty when the PDF is properly signed."""
    signatures: int = 0
    """How many signatures the PDF carries."""

    @property
    def valid(self) -> bool:
        return not self.problems


def check_pdf_signatures(pdf: bytes, signer: x509.Certificate) -> PdfSignatureCheck:
    """Validate every signature of ``pdf``; trust comes from ``signer`` alone (offline, B-B)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(certificate_der(signer))
    # A PDF from a packet is hostile input: any failure to parse it is a finding, never a crash.
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:
        return PdfSignatureCheck(("不是有效的 PDF 文件，无法读取",))
    if not signatures:
        return PdfSignatureCheck(("没有数字签名",))
    problems: list[str] = []
    for index, embedded in enumerate(signatures, start=1):
        label = f"第 {index} 个签名" if len(signatures) > 1 else "签名"
        try:
            if embedded.signer_cert.dump() != root.dump():
                problems.append(f"{label}不是用本报送包的签名证书（signer.cert.pem）作出的")
                continue
            context = ValidationContext(trust_roots=[root], allow_fetching=False)
            status = validate_pdf_signature(embedded, context)
        except SignatureValidationError as exc:
            problems.append(f"{label}无法校验（{exc.failure_message}）")
            continue
        except Exception as exc:
            problems.append(f"{label}无法校验（{type(exc).__name__}）")
            continue
        if not status.intact:
            problems.append(f"{label}覆盖的内容已被修改（摘要不符）")
        elif not status.valid:
            problems.append(f"{label}的签名值无效")
        elif not status.trusted:
            problems.append(f"{label}的证书不可信")
    last = signatures[-1]
    try:
        coverage = last.evaluate_signature_coverage()
        if coverage != SignatureCoverageLevel.ENTIRE_FILE:
            problems.append("签名之后文件又被追加修改（签名没有覆盖整个文件）")
    except Exception as exc:
        problems.append(f"无法判断签名覆盖范围（{type(exc).__name__}）")
    return PdfSignatureCheck(tuple(problems), len(signatures))
