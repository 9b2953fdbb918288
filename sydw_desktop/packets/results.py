"""Typed results of packing and verifying (frozen dataclasses; ``to_json`` for ``--json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Submission
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
    """Whether the signer is on the trust list given; None when no trust list was given. In
    ``to_json``: ``trusted`` is true only when checked and found, ``trust_checked`` says whether a
    list was given, ``trust_reason`` says why in words."""
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
    kind: str = "filing"
    """``X-Sydw-Kind``: filing (报送包), review (审核意见包), rollup (汇总报送包), handdown (示范卷) or
    progress (进度报送包)."""
    review: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/review.json`` of a return packet, when present and valid."""
    replies: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/replies.json`` of a filing from round 2 on (the 修改说明's data), when present."""
    kind_data: Any = field(default=None, repr=False, compare=False)
    acceptance_replies: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/acceptance-replies.json`` of a filing (the 整改结果 of a 检查验收), when present and valid."""
    """The data of a packet that is not a filing (a hand-down pack's ``handdown.json``), when well-formed."""
    method: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """``data/method.json`` (the office's method state) of a filing or 进度报送包, when present and valid."""

    @property
    def kind_label(self) -> str:
        from .kinds import LABELS

        return LABELS.get(self.kind, self.kind)

    @property
    def ok(self) -> bool:
        """Valid, and trusted unless no trust list was given: what exit code 0 means."""
        return self.valid and self.trusted is not False

    @property
    def trust_reason(self) -> str:
        """Why the signer is or is not confirmed, with the fingerprint to compare (Chinese)."""
        if self.signer is None:
            return "无法读取签名证书，签名者未经确认"
        groups = " ".join(self.signer.fingerprint_groups)
        if self.trusted is None:
            return (f"未提供信任列表，签名者未经确认：机关名称“{self.signer.office}”是签名者自己填写的，"
                    f"请与对方机关当面或电话核对证书指纹 {groups}")
        if self.trusted:
            return f"签名证书在信任列表中（证书指纹 {groups}）"
        return f"签名证书不在信任列表中（证书指纹 {groups}），签名者未经确认"

    def to_json(self) -> dict[str, Any]:
        return {
            "packet": self.packet,
            "kind": self.kind,
            "valid": self.valid,
            "trusted": self.trusted is True,
            "trust_checked": self.trusted is not None,
            "trust_reason": self.trust_reason,
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
    packet_id: str = ""
    """The packet's External-Identifier (``urn:uuid:…``)."""
    to_code: str = ""
    """X-Sydw-To: the office the filing goes to."""
    workspace_json: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """The workspace as packed (recorded with the submission, for round diffs)."""

    def submission(self) -> Submission:
        """What the workspace records of this packet."""
        return Submission(packet_id=self.packet_id, round=self.round_number, bag=self.bag,
                          packet_sha256=self.sha256, submitted_at="", to_code=self.to_code)

    def to_json(self) -> dict[str, Any]:
        return {
            "packet_id": self.packet_id,
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
