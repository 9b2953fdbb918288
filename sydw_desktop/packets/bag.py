"""The BagIt 1.0 bag (RFC 8493) inside a filing packet: naming, writing and parsing its tag files.

A bag is a folder ``{行政区划代码}_{材料}_{第N轮}_{YYYYMMDD}`` holding ``bagit.txt``,
``bag-info.txt``, ``manifest-sha256.txt`` (every payload file), ``tagmanifest-sha256.txt`` (the
three tag files before it) and the payload under ``data/``. The packet adds two files that the
tag manifest does not list — the detached CMS signature over the tag manifest and the signer's
certificate — because they are made after it (BagIt allows tag files a tag manifest omits).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .kinds import FILING, LABELS, REVIEW

BAGIT_TXT = "bagit.txt"
BAG_INFO_TXT = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "tagmanifest-sha256.txt.p7s"
SIGNER_CERT = "signer.cert.pem"
DATA = "data"
WORKSPACE_JSON = "data/workspace.json"
CHECK_REPORT_JSON = "data/check-report.json"

TAG_FILES = (BAGIT_TXT, BAG_INFO_TXT, MANIFEST)
"""The tag files the tag manifest must list."""
ROOT_FILES = frozenset({*TAG_FILES, TAGMANIFEST, SIGNATURE, SIGNER_CERT})
"""Every file allowed at the top of the bag."""

BAGIT_CONTENT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

MATERIAL = "改革方案材料"
"""The 材料 part of the bag name of an upward filing (上报) packet."""
REVIEW_MATERIAL = "审核意见"
"""The 材料 part of the bag name of a return packet (审核意见)."""
PROGRESS_MATERIAL = "进度报送"
"""The 材料 part of the bag name of a 进度报送包 (issue 17)."""
REVIEW_JSON = "data/review.json"
REPLIES_JSON = "data/replies.json"

#: ``X-Sydw-Kind`` values and what ``verify`` calls them: one list, in kinds.py (chain.md's four kinds and progress).
KIND_FILING, KIND_REVIEW, KIND_LABELS = FILING, REVIEW, LABELS

MAX_ROUND = 999
"""Highest round number (轮次) a packet may carry; rounds run 1…999."""
ROUND_RE = re.compile(r"[1-9][0-9]{0,2}")
"""A round as written in bag-info.txt (X-Sydw-Round) and in the bag name: 1…999, ASCII digits."""

BAG_NAME_RE = re.compile(r"^(?P<code>\d{6})_(?P<material>[^_/]+)_第(?P<round>[0-9]{1,3})轮_(?P<date>\d{8})$")

REQUIRED_INFO = (
    "Source-Organization",
    "Bagging-Date",
    "Payload-Oxum",
    "External-Identifier",
    "X-Sydw-Region-Code",
    "X-Sydw-Round",
    "X-Sydw-Rules-Version",
)
"""bag-info.txt labels interfaces.md §4.1 requires."""

_HASH_CHUNK = 1 << 20


def bag_name(region_code: str, round_number: int, bagging_date: str, material: str = MATERIAL) -> str:
    """``159901_改革方案材料_第1轮_20261129`` from the parts (``bagging_date`` as YYYY-MM-DD)."""
    return f"{region_code}_{material}_第{round_number}轮_{bagging_date.replace('-', '')}"


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


# -- manifests ---------------------------------------------------------------------------------


def encode_manifest_path(path: str) -> str:
    """RFC 8493 §2.1.3: percent-encode ``%``, CR and LF in manifest paths."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_manifest_path(path: str) -> str:
    return path.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n").replace(
        "%25", "%"
    )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_text(entries: Iterable[tuple[str, str]]) -> str:
    """Manifest lines ``<sha256>  <path>`` sorted by path."""
    return "".join(f"{digest}  {encode_manifest_path(path)}\n" for path, digest in sorted(entries))


@dataclass(frozen=True)
class ManifestLine:
    """One parsed manifest line."""

    line: int
    """1-based line number, for messages."""
    path: str
    """The decoded relative path (``/``-separated)."""
    digest: str
    """Lowercase hex digest."""


def parse_manifest(text: str) -> tuple[list[ManifestLine], list[str]]:
    """Parse a ``manifest-sha256.txt``-style file; return the lines and the problems found."""
    lines: list[ManifestLine] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        digest, sep, path = raw.partition(" ")
        path = path.lstrip(" \t")
        if not sep or not path or not re.fullmatch(r"[0-9a-fA-F]{64}", digest):
            problems.append(f"第 {number} 行格式不正确（应为“校验值 两个空格 文件路径”）")
            continue
        lines.append(ManifestLine(number, decode_manifest_path(path), digest.lower()))
    return lines, problems


# -- bag-info.txt ------------------------------------------------------------------------------


def bag_info_text(fields: Iterable[tuple[str, str]]) -> str:
    """``Label: value`` lines; a multi-line value continues on indented lines (RFC 8493 §2.2.2)."""
    out = []
    for label, value in fields:
        parts = [p.strip() for p in str(value).splitlines() if p.strip()] or [""]
        out.append(f"{label}: {parts[0]}\n")
        out.extend(f"    {p}\n" for p in parts[1:])
    return "".join(out)


def parse_bag_info(text: str) -> tuple[dict[str, str], list[str]]:
    """Parse bag-info.txt into ``{label: value}`` (continuations joined); return the problems too."""
    fields: dict[str, str] = {}
    problems: list[str] = []
    last: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        if raw[0] in " \t":
            if last is None:
                problems.append(f"第 {number} 行是续行，但前面没有标签")
            else:
                fields[last] = f"{fields[last]} {raw.strip()}".strip()
            continue
        label, sep, value = raw.partition(":")
        if not sep or not label.strip():
            problems.append(f"第 {number} 行格式不正确（应为“标签: 值”）")
            continue
        last = label.strip()
        if last in fields:
            problems.append(f"标签“{last}”重复出现（第 {number} 行）")
        fields[last] = value.strip()
    return fields, problems


# -- writing -----------------------------------------------------------------------------------


def payload_files(bag_root: Path) -> list[tuple[str, Path]]:
    """Every regular file under ``data/`` as (``data/…`` NFC path, filesystem path), sorted."""
    found: list[tuple[str, Path]] = []
    data = bag_root / DATA
    for folder, _dirs, files in os.walk(data):
        for name in files:
            full = Path(folder) / name
            rel = full.relative_to(bag_root).as_posix()
            found.append((nfc(rel), full))
    return sorted(found)


@dataclass(frozen=True)
class BagWritten:
    """What :func:`write_tag_files` produced."""

    payload_octets: int
    payload_count: int
    tagmanifest: bytes
    """The bytes of ``tagmanifest-sha256.txt``: what the CMS signature covers."""


def write_tag_files(bag_root: Path, info: list[tuple[str, str]]) -> BagWritten:
    """Write bagit.txt, bag-info.txt (adding Payload-Oxum), manifest and tag manifest.

    The payload must already be complete under ``bag_root/data``; ``info`` is bag-info.txt's
    fields in order, without Payload-Oxum.
    """
    files = payload_files(bag_root)
    octets = sum(path.stat().st_size for _, path in files)
    entries = [(rel, sha256_file(path)) for rel, path in files]
    fields = [*info]
    at = next((i for i, (label, _) in enumerate(fields) if label == "External-Identifier"), len(fields))
    fields.insert(at, ("Payload-Oxum", f"{octets}.{len(files)}"))
    texts = {
        BAGIT_TXT: BAGIT_CONTENT,
        BAG_INFO_TXT: bag_info_text(fields),
        MANIFEST: manifest_text(entries),
    }
    for name, text in texts.items():
        (bag_root / name).write_bytes(text.encode("utf-8"))
    tag_entries = [(name, hashlib.sha256(text.encode("utf-8")).hexdigest()) for name, text in texts.items()]
    tagmanifest = manifest_text(tag_entries).encode("utf-8")
    (bag_root / TAGMANIFEST).write_bytes(tagmanifest)
    return BagWritten(octets, len(files), tagmanifest)
