"""Typed results of packing and verifying (frozen dataclasses; ``to_json`` for ``--json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .identity import CertificateInfo


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a packet, naming the file it concerns."""

    file: str
    """The file: a path inside the bag (``data/workspace.json``), a zip entry name, or the
    packet's own file name for problems of the container."""
    message: str
    """What is wrong, in Chinese."""

    def __str__(self) -> str:
        return f"{self.file}：{self.message}"

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "message": self.message}


@dataclass(frozen=True)
class VerifyResult:
    """Everything ``sydw verify`` found out about a packet."""

    packet: str
    """The packet's file name."""
    valid: bool
    """True when the container, the bag, every checksum and every signature are in order
    (trust aside)."""
    trusted: bool | None
    """Whether the signer is on the trust list given; None when no trust list was given."""
    signer: CertificateInfo | None
    """The signing certificate (``signer.cert.pem``), when it could be read."""
    problems: tuple[Problem, ...]
    """Every problem found, trust included."""
    bag: str | None = None
    """The bag folder's name."""
    bag_info: dict[str, str] = field(default_factory=dict)
    """bag-info.txt as parsed."""
    payload_files: int = 0
    """Files under ``data/`` in the packet."""
    pdfs_checked: int = 0
    """PDFs whose signatures were validated."""
    signed_at: str | None = None
    """The CMS signingTime (ISO 8601), when present."""
    workspace: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/workspace.json`` parsed, when it was present and matched the schema."""
    check_report: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/check-report.json`` parsed, when it was present and well-formed."""
    kind_data: Any = field(default=None, repr=False, compare=False)
    """The data of a packet that is not a filing (a hand-down pack's ``handdown.json``), when well-formed."""

    @property
    def kind(self) -> str:
        """``filing``, ``rollup`` or ``handdown`` (bag-info.txt ``X-Sydw-Kind``; none means filing)."""
        return self.bag_info.get("X-Sydw-Kind", "filing") or "filing"

    @property
    def ok(self) -> bool:
        """Valid, and trusted unless no trust list was given: what exit code 0 means."""
        return self.valid and self.trusted is not False

    def to_json(self) -> dict[str, Any]:
        return {
            "packet": self.packet,
            "kind": self.kind,
            "valid": self.valid,
            "trusted": self.trusted,
            "signer": None if self.signer is None else self.signer.to_json(),
            "bag": self.bag,
            "bag_info": self.bag_info,
            "payload_files": self.payload_files,
            "pdfs_checked": self.pdfs_checked,
            "signed_at": self.signed_at,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass(frozen=True)
class PackResult:
    """A packet that was written, read back and verified."""

    path: Path
    """Where the packet is."""
    bag: str
    """The bag folder's name inside it."""
    round_number: int
    size: int
    """Bytes of the zip file."""
    sha256: str
    """SHA-256 of the zip file as read back from the destination."""
    payload_files: int
    pdfs: int
    """Signed PDFs in the packet."""
    signer: CertificateInfo
    verification: VerifyResult
    """The verification of the written file (always valid, or packing would have failed)."""
    notes: tuple[str, ...] = ()
    """Things the clerk should know (e.g. the visible signature block was left out)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bag": self.bag,
            "round": self.round_number,
            "size": self.size,
            "sha256": self.sha256,
            "payload_files": self.payload_files,
            "pdfs": self.pdfs,
            "signer": self.signer.to_json(),
            "notes": list(self.notes),
        }
