"""The checks of a packet's bag, run by :func:`~sydw_desktop.packets.verify.verify_packet`.

Each check reads the extracted bag, adds every problem it finds to the :class:`VerifyRun` (naming
the file, bag-relative) and never stops at the first one; later checks do not depend on earlier
ones succeeding beyond what they need (a missing certificate skips the signature checks only).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from ..progress import CancelCheck, Progress, check_cancel, report_progress
from . import bag as B
from .acceptance_json import ACCEPTANCE_REPLIES_JSON, replies_problems
from .cms import verify_detached
from .errors import IdentityError
from .identity import CertificateInfo, certificate_info, parse_certificate
from .kinds import FILING_KINDS, PROGRESS, check_kind_data
from .method_json import METHOD_JSON, method_problems
from .pdf_sign import check_pdf_signatures
from .results import Problem
from .review_json import review_problems
from .workspace_json import CHECK_REPORT_SCHEMA_FILE, reference_problems, schema_problems


@dataclass
class VerifyRun:
    """Mutable state of one verification: what was found so far."""

    packet: Path
    progress: Progress | None
    cancel: CancelCheck | None
    problems: list[Problem] = field(default_factory=list)
    bag_name: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    signer: x509.Certificate | None = None
    signer_info: CertificateInfo | None = None
    signed_at: datetime | None = None
    payload: list[str] = field(default_factory=list)
    pdfs_checked: int = 0
    workspace: dict[str, Any] | None = None
    check_report: dict[str, Any] | None = None
    review: dict[str, Any] | None = None
    replies: dict[str, Any] | None = None
    method: dict[str, Any] | None = None
    acceptance_replies: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        """``X-Sydw-Kind`` (a packet without it is a filing, interfaces.md §5)."""
        return self.bag_info.get("X-Sydw-Kind") or B.KIND_FILING
    kind_data: Any = None
    """The data of a packet that is not a filing (a hand-down pack's handdown.json), once checked."""

    def add(self, file: str, message: str) -> None:
        self.problems.append(Problem(file, message))

    def step(self, fraction: float, message: str) -> None:
        check_cancel(self.cancel, "已取消校验。")
        report_progress(self.progress, fraction, message)


def _read_text(run: VerifyRun, root: Path, name: str) -> str | None:
    path = root / name
    if not path.is_file():
        run.add(name, "缺少此文件")
        return None
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        run.add(name, "不是 UTF-8 编码的文本")
        return None


def check_bag(run: VerifyRun, root: Path) -> None:
    run.step(0.1, "检查 BagIt 结构和校验值")
    bagit = _read_text(run, root, B.BAGIT_TXT)
    if bagit is not None:
        fields, problems = B.parse_bag_info(bagit)
        for p in problems:
            run.add(B.BAGIT_TXT, p)
        if fields.get("BagIt-Version") != "1.0":
            run.add(B.BAGIT_TXT, f"BagIt 版本应为 1.0，实为“{fields.get('BagIt-Version', '（缺）')}”")
        if fields.get("Tag-File-Character-Encoding", "").upper() != "UTF-8":
            run.add(B.BAGIT_TXT, "标签文件编码应为 UTF-8")
    _check_bag_info(run, root)
    _check_payload_manifest(run, root)
    tagmanifest = _check_tag_manifest(run, root)
    _check_signature(run, root, tagmanifest)
    _check_pdfs(run, root)
    run.step(0.9, "检查数据文件")
    if run.kind == B.KIND_REVIEW:
        _check_review_json(run, root)
        return
    if run.kind == PROGRESS:
        _check_method_json(run, root, required=True)
        return
    if run.kind not in FILING_KINDS:  # a 示范卷 (hand-down pack), or a kind this program does not know
        found, run.kind_data = check_kind_data(run.kind, root, run.payload, run.bag_info)
        for file, message in found:
            run.add(file, message)
        return
    _check_workspace_json(run, root)
    _check_report_json(run, root)
    _check_method_json(run, root, required=False)
    if B.REPLIES_JSON in run.payload:
        data = _load_json(run, root, B.REPLIES_JSON)
        if isinstance(data, dict):
            run.replies = data
        elif data is not None:
            run.add(B.REPLIES_JSON, "应为一个 JSON 对象")
    if ACCEPTANCE_REPLIES_JSON in run.payload:
        data = _load_json(run, root, ACCEPTANCE_REPLIES_JSON)
        shape = None if data is None else _structure_problems(run, ACCEPTANCE_REPLIES_JSON,
                                                               lambda: replies_problems(data))
        for problem in shape or []:
            run.add(ACCEPTANCE_REPLIES_JSON, f"不符合格式要求：{problem}")
        if shape == []:
            run.acceptance_replies = data


def _check_review_json(run: VerifyRun, root: Path) -> None:
    data = _load_json(run, root, B.REVIEW_JSON)
    if data is None:
        return
    problems = _structure_problems(run, B.REVIEW_JSON, lambda: review_problems(data))
    if problems is None:
        return
    for p in problems:
        run.add(B.REVIEW_JSON, f"不符合格式要求：{p}")
    if problems:
        return
    run.review = data
    info = run.bag_info
    for label, value in (("X-Sydw-Region-Code", data["from"]["code"]), ("X-Sydw-To", data["to"]["code"]),
                         ("X-Sydw-Round", str(data["round"]))):
        if info.get(label) != value:
            run.add(B.REVIEW_JSON, f"{value} 与 bag-info.txt 的 {label}（{info.get(label, '缺')}）不一致")


def _check_method_json(run: VerifyRun, root: Path, *, required: bool) -> None:
    """``data/method.json``: required in a 进度报送包, optional in a filing (older packets have none)."""
    if not required and METHOD_JSON not in run.payload:
        return
    data = _load_json(run, root, METHOD_JSON)
    if data is None:
        return
    problems = _structure_problems(run, METHOD_JSON, lambda: method_problems(data, period_required=required))
    if problems is None:
        return
    for p in problems:
        run.add(METHOD_JSON, f"不符合格式要求：{p}")
    if problems:
        return
    code = run.bag_info.get("X-Sydw-Region-Code")
    if code and data["region"]["code"] != code:
        run.add(METHOD_JSON, f"region.code（{data['region']['code']}）与 bag-info.txt 的 X-Sydw-Region-Code（{code}）不一致")
        return
    bagged = run.bag_info.get("Bagging-Date", "")
    if len(bagged) == 10 and data["as_of"] > bagged:  # it would stand in for every real packet until that day
        run.add(METHOD_JSON, f"as_of（{data['as_of']}）晚于打包日期（bag-info.txt 的 Bagging-Date {bagged}）：进度不能截至打包之后")
        return
    run.method = data


def _check_bag_info(run: VerifyRun, root: Path) -> None:
    text = _read_text(run, root, B.BAG_INFO_TXT)
    if text is None:
        return
    fields, problems = B.parse_bag_info(text)
    run.bag_info = fields
    for p in problems:
        run.add(B.BAG_INFO_TXT, p)
    missing = [label for label in B.REQUIRED_INFO if not fields.get(label)]
    if missing:
        run.add(B.BAG_INFO_TXT, f"缺少必填项：{'、'.join(missing)}")
    files = [root / p for p in run.payload]
    actual = f"{sum(f.stat().st_size for f in files if f.is_file())}.{len(files)}"
    if fields.get("Payload-Oxum") and fields["Payload-Oxum"] != actual:
        run.add(B.BAG_INFO_TXT, f"Payload-Oxum 为 {fields['Payload-Oxum']}，而 data/ 中实有 {actual}（字节数.文件数）")
    match = B.BAG_NAME_RE.match(run.bag_name or "")
    if match:
        code, round_text = fields.get("X-Sydw-Region-Code"), fields.get("X-Sydw-Round")
        if code and code != match["code"]:
            run.add(B.BAG_INFO_TXT, f"X-Sydw-Region-Code（{code}）与文件夹名称中的区划代码（{match['code']}）不一致")
        if round_text and round_text != match["round"]:
            run.add(B.BAG_INFO_TXT, f"X-Sydw-Round（{round_text}）与文件夹名称中的轮次（第{match['round']}轮）不一致")
        date = fields.get("Bagging-Date", "").replace("-", "")
        if date and date != match["date"]:
            run.add(B.BAG_INFO_TXT, f"Bagging-Date 与文件夹名称中的日期（{match['date']}）不一致")
    round_text = fields.get("X-Sydw-Round")
    if round_text and not B.ROUND_RE.fullmatch(round_text):
        shown = round_text if len(round_text) <= 20 else round_text[:20] + "……"
        run.add(B.BAG_INFO_TXT, f"X-Sydw-Round“{shown}”应为 1 至 {B.MAX_ROUND} 的整数（轮次）")


def _check_payload_manifest(run: VerifyRun, root: Path) -> None:
    text = _read_text(run, root, B.MANIFEST)
    if text is None:
        return
    lines, problems = B.parse_manifest(text)
    for p in problems:
        run.add(B.MANIFEST, p)
    listed: set[str] = set()
    for line in lines:
        path = B.nfc(line.path)
        if path in listed:
            run.add(B.MANIFEST, f"第 {line.line} 行重复列出“{path}”")
            continue
        listed.add(path)
        if not path.startswith(B.DATA + "/"):
            run.add(B.MANIFEST, f"第 {line.line} 行列出的“{path}”不在 data/ 中")
            continue
        if path not in run.payload:
            run.add(path, "清单（manifest-sha256.txt）中列出，但报送包中没有此文件")
            continue
        if B.sha256_file(root / path) != line.digest:
            run.add(path, "校验值与清单不符（文件内容被修改或损坏）")
    for path in run.payload:
        if path not in listed:
            run.add(path, "多出的文件（不在清单 manifest-sha256.txt 中）")


def _check_tag_manifest(run: VerifyRun, root: Path) -> bytes | None:
    path = root / B.TAGMANIFEST
    if not path.is_file():
        run.add(B.TAGMANIFEST, "缺少此文件")
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        run.add(B.TAGMANIFEST, "不是 UTF-8 编码的文本")
        return raw
    lines, problems = B.parse_manifest(text)
    for p in problems:
        run.add(B.TAGMANIFEST, p)
    listed = {line.path: line for line in lines}
    for name in B.TAG_FILES:
        if name not in listed:
            run.add(B.TAGMANIFEST, f"没有列出 {name}")
    for name, line in listed.items():
        target = root / name
        if name.startswith(B.DATA + "/") or "/" in name or name in (B.TAGMANIFEST, B.SIGNATURE):
            run.add(B.TAGMANIFEST, f"第 {line.line} 行列出的“{name}”不是标签文件")
            continue
        if not target.is_file():
            run.add(name, "标签清单（tagmanifest-sha256.txt）中列出，但报送包中没有此文件")
        elif B.sha256_file(target) != line.digest:
            run.add(name, "校验值与清单不符（文件内容被修改）")
    return raw


def _check_signature(run: VerifyRun, root: Path, tagmanifest: bytes | None) -> None:
    run.step(0.2, "校验签名")
    cert_path = root / B.SIGNER_CERT
    if not cert_path.is_file():
        run.add(B.SIGNER_CERT, "缺少签名证书，无法校验任何签名")
        return
    try:
        run.signer = parse_certificate(cert_path.read_bytes(), B.SIGNER_CERT)
    except IdentityError as exc:
        run.add(B.SIGNER_CERT, exc.message)
        return
    run.signer_info = certificate_info(run.signer)
    sig_path = root / B.SIGNATURE
    if not sig_path.is_file():
        run.add(B.SIGNATURE, "缺少对标签清单的签名")
        return
    if tagmanifest is None:
        run.add(B.SIGNATURE, "标签清单缺失，无法校验签名")
        return
    check = verify_detached(sig_path.read_bytes(), tagmanifest, run.signer)
    for p in check.problems:
        run.add(B.SIGNATURE, p)
    run.signed_at = check.signing_time
    info = run.signer_info
    if check.signing_time is not None and not (info.not_before <= check.signing_time <= info.not_after):
        run.add(
            B.SIGNER_CERT,
            f"签名时间 {check.signing_time:%Y-%m-%d} 不在证书有效期（{info.not_before:%Y-%m-%d} 至 {info.not_after:%Y-%m-%d}）内",
        )


def _check_pdfs(run: VerifyRun, root: Path) -> None:
    pdfs = [p for p in run.payload if p.lower().endswith(".pdf")]
    if not pdfs:
        run.add(B.DATA + "/", "报送包中没有 PDF 文书")
        return
    if run.signer is None:
        for p in pdfs:
            run.add(p, "没有可用的签名证书，无法校验此 PDF 的签名")
        return
    for index, name in enumerate(pdfs):
        run.step(0.25 + 0.6 * index / len(pdfs), f"校验 PDF 签名：{name}")
        check = check_pdf_signatures((root / name).read_bytes(), run.signer)
        run.pdfs_checked += 1
        for p in check.problems:
            run.add(name, p)


def _load_json(run: VerifyRun, root: Path, name: str) -> Any | None:
    path = root / name
    if name not in run.payload or not path.is_file():
        run.add(name, "缺少此文件")
        return None
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        run.add(name, "不是 UTF-8 编码的文本")
    except json.JSONDecodeError as exc:
        run.add(name, f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列有语法错误）")
    except RecursionError:
        run.add(name, "不是可接受的 JSON（括号嵌套层数过多）")
    except ValueError as exc:  # e.g. a number with more digits than Python converts
        run.add(name, f"不是可接受的 JSON（{exc}）")
    return None


def _structure_problems(run: VerifyRun, name: str, check: Callable[[], list[str]]) -> list[str] | None:
    """``check()``'s problems, or None (with a problem added) when the data is nested too deeply."""
    try:
        return check()
    except RecursionError:
        run.add(name, "不符合格式要求：数据嵌套层数过多")
        return None


def _check_workspace_json(run: VerifyRun, root: Path) -> None:
    data = _load_json(run, root, B.WORKSPACE_JSON)
    if data is None:
        return
    problems = _structure_problems(run, B.WORKSPACE_JSON, lambda: schema_problems(data) or reference_problems(data))
    if problems is None:
        return
    for p in problems:
        run.add(B.WORKSPACE_JSON, f"不符合格式要求：{p}")
    if problems:
        return
    run.workspace = data
    code = run.bag_info.get("X-Sydw-Region-Code")
    if code and data["jurisdiction"]["code"] != code:
        run.add(B.WORKSPACE_JSON, f"行政区划代码（{data['jurisdiction']['code']}）与 bag-info.txt 的 X-Sydw-Region-Code（{code}）不一致")


def _check_report_json(run: VerifyRun, root: Path) -> None:
    data = _load_json(run, root, B.CHECK_REPORT_JSON)
    if data is None:
        return
    problems = _structure_problems(run, B.CHECK_REPORT_JSON, lambda: schema_problems(data, CHECK_REPORT_SCHEMA_FILE))
    if problems is None:
        return
    for p in problems:
        run.add(B.CHECK_REPORT_JSON, f"不符合格式要求：{p}")
    if problems:
        return
    run.check_report = data
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    unexplained = [f for f in data["findings"] if f["severity"] == "warning" and not (f.get("explanation") or "").strip()]
    if errors:
        run.add(B.CHECK_REPORT_JSON, f"打包时有 {len(errors)} 项“错误”级检查结果，这样的材料不应签发报送")
    if unexplained:
        run.add(B.CHECK_REPORT_JSON, f"有 {len(unexplained)} 项“警告”没有填写说明")
    version = run.bag_info.get("X-Sydw-Rules-Version")
    if version and data["rules_version"] != version:
        run.add(B.CHECK_REPORT_JSON, f"规则版本（{data['rules_version']}）与 bag-info.txt 的 X-Sydw-Rules-Version（{version}）不一致")
