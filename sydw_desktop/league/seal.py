"""Sealing a bag of another kind than a county's filing (a 示范卷, a roll-up) into a signed packet.

The same container as a filing (interfaces.md §4): every payload PDF signed (PAdES B-B), the BagIt
tag files, the detached CMS signature over the tag manifest and the signer's certificate; zipped,
written beside the destination, read back and verified whole, then renamed into place.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from ..packets import bag as B
from ..packets.cms import sign_detached
from ..packets.errors import PacketError, PacketWriteError
from ..packets.identity import Identity, certificate_pem
from ..packets.pdf_sign import PdfSigningSession
from ..packets.results import VerifyResult
from ..packets.safe_write import copy_file_atomic
from ..packets.verify import verify_packet
from ..packets.zipwrite import zip_bag


def issued_now() -> str:
    """``X-Sydw-Issued-At`` for a packet sealed now (chain.md)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def seal_bag(bag_dir: Path, fields: list[tuple[str, str]], identity: Identity, *, location: str) -> None:
    """Sign ``bag_dir``'s payload PDFs and write its tag files, signature and certificate."""
    pdfs = sorted(p for p in (bag_dir / B.DATA).rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    if not pdfs:
        raise PacketError("没有可签名的 PDF 文书，未打包。")
    with PdfSigningSession(identity, location=location) as session:
        for pdf in pdfs:
            pdf.write_bytes(session.sign(pdf.read_bytes()))
    written = B.write_tag_files(bag_dir, fields)
    (bag_dir / B.SIGNATURE).write_bytes(sign_detached(written.tagmanifest, identity))
    (bag_dir / B.SIGNER_CERT).write_bytes(certificate_pem(identity.certificate))


def write_packet(bag_dir: Path, identity: Identity, out: Path, *, what: str, overwrite: bool = False
                 ) -> tuple[str, VerifyResult]:
    """Zip the sealed ``bag_dir``, write it to ``out`` safely and verify the written copy.

    Returns the packet's SHA-256 and its verification.
    """
    verified: list[VerifyResult] = []

    def verify_written(tmp_file: Path) -> None:
        result = verify_packet(tmp_file, trusted=[identity.certificate])
        if not result.ok:
            lines = "\n".join(f"  {p}" for p in result.problems[:20])
            raise PacketWriteError(f"写入后读回的{what}未通过校验，没有生成“{out}”：\n{lines}")
        verified.append(dataclasses.replace(result, packet=out.name))

    with tempfile.TemporaryDirectory(prefix="sydw-seal-") as tmp:
        local = Path(tmp) / "packet.zip"
        zip_bag(bag_dir, local)
        digest = copy_file_atomic(local, out, overwrite=overwrite, what=what, check=verify_written)
    return digest, verified[0]
