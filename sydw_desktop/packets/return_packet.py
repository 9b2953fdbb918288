"""What the packets one office makes for another share (审核意见包, 检查验收意见包, 进度报送包): the
signer must be this office, and the packet is rendered files plus a JSON file in the filing packet's
container, signed, zipped, written USB-safely, read back and verified before it takes its name."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import Jurisdiction
from ..progress import Progress, report_progress
from ..review.rendering import render_template_pdf
from . import bag as B
from .assemble import PacketHeader, assemble_bag
from .errors import IdentityError
from .identity import Identity
from .pack import write_verified
from .results import VerifyResult
from .zipwrite import zip_bag


def check_own_identity(identity: Identity, j: Jurisdiction, *, workspace: str = "本工作区") -> None:
    """Refuse a signing identity whose certificate names another jurisdiction than ``j``."""
    info = identity.info
    if info.region_code and info.region_code != j.code:
        raise IdentityError(f"签名证书属于行政区划代码 {info.region_code}（{info.office}），而{workspace}是 {j.code}"
                            f"（{j.name}）。请使用本机关的签名身份。")


def write_signed_packet(header: PacketHeader, identity: Identity, out: Path, *, render: Callable[[Path], object],
                        data_json: dict[str, Any], what: str, overwrite: bool, progress: Progress | None = None,
                        signing_at: float = 0.4, tmp_prefix: str = "sydw-return-") -> tuple[str, VerifyResult]:
    """Let ``render`` write the packet's files into ``data/``, add ``data_json``, sign and write the
    packet at ``out``; returns its SHA-256 and the verification of the written file."""
    with tempfile.TemporaryDirectory(prefix=tmp_prefix) as tmp:
        bag_dir = Path(tmp) / header.bag_name
        data_dir = bag_dir / B.DATA
        data_dir.mkdir(parents=True)
        render(data_dir)
        report_progress(progress, signing_at, "签名")
        assemble_bag(bag_dir, header, identity, workspace_json=None, check_report=None, data_json=data_json)
        local_zip = Path(tmp) / "packet.zip"
        zip_bag(bag_dir, local_zip)
        report_progress(progress, 0.7, f"写入 {out}")
        return write_verified(local_zip, out, identity, overwrite=overwrite, what=what)


def write_return_packet(header: PacketHeader, identity: Identity, out: Path, *, template: str,
                        context: dict[str, Any], pdf_name: str, title: str, data_json: dict[str, Any],
                        what: str, overwrite: bool, progress: Progress | None = None) -> tuple[str, VerifyResult]:
    """Render ``template`` as ``data/{pdf_name}``, add ``data_json``, sign and write the packet at ``out``;
    returns its SHA-256 and the verification of the written file."""
    report_progress(progress, 0.0, f"生成{title}")
    return write_signed_packet(
        header, identity, out,
        render=lambda data_dir: render_template_pdf(template, context, data_dir / pdf_name, title=title),
        data_json=data_json, what=what, overwrite=overwrite, progress=progress)
