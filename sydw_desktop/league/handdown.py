"""示范卷: the upper office's rule parameters (with 文号 and dates), allocations and templates,
handed down as a signed pack (``sydw handdown``) and installed below (``sydw handdown-import``).

The pack is the filing container with ``X-Sydw-Kind: handdown``: ``data/handdown.json``, a signed
示范卷说明 PDF listing what it sets, and ``data/templates/*.docx``. Its round is the issuer's
hand-down number, so a newer pack has a higher one (or the same and a later signing time).

Installing one is one 台账 operation: the pack is recorded, every handed-down parameter becomes a
parameter override of the lower workspace (so its checks use it), its allocated 机构限额 and
编制总量 become its own, and the templates are installed for its documents. Afterwards
:mod:`sydw_desktop.handed_down` refuses a local change that loosens them.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import tempfile
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography import x509

from ..documents.fonts import FontBook
from ..documents.pdf_render import render_pdf
from ..documents.templates import KINDS, TemplateStore, validate_template
from ..documents.xlsx_tables import Column, TableSheet
from ..handed_down import allocation_for
from ..model import InstalledHanddown, Jurisdiction, ParamOverride
from ..packets import bag as B
from ..packets.assemble import PacketHeader
from ..packets.errors import (
    IdentityError,
    PacketError,
    PacketInvalid,
    PacketWriteError,
    ReceiveRefused,
    TrustError,
)
from ..packets.identity import Identity
from ..packets.kinds import HANDDOWN, LABELS
from ..packets.receive import subordinate_problem
from ..packets.trust import trusted_certificates
from ..packets.verify import verify_packet
from ..rules.catalogue import load_catalogue
from ..rules.params import RuleParamError, validate_override
from ..vocab import Level
from ..workspace import Workspace
from .seal import issued_now, seal_bag, write_packet
from .tables import sheet_docx

MATERIAL = "示范卷"
NUMBER_SETTING = "handdown_number"
"""Workspace setting: the number of the last 示范卷 this office issued."""


@dataclass(frozen=True)
class HanddownResult:
    path: Path
    number: int
    sha256: str
    params: int
    allocations: int
    templates: int


@dataclass(frozen=True)
class InstallResult:
    issuer: str
    number: int
    params: int
    caps_set: bool
    templates: int
    unchanged: bool = False


# -- making a pack ------------------------------------------------------------------------------


def handdown_payload(ws: Workspace, number: int, store: TemplateStore) -> dict[str, Any]:
    j = ws.jurisdiction()
    return {
        "format": 1,
        "issuer": {"code": j.code, "name": j.name, "level": j.level.value},
        "number": number,
        "params": [
            {"rule": o.rule, "param": o.param, "value": o.value, "effective_from": str(o.effective_from),
             "doc_no": o.doc_no, "reason": o.reason}
            for o in ws.param_overrides()
        ],
        "allocations": [
            {"region_code": a.region_code, "name": a.name, "unit_cap": a.unit_cap, "staff_cap": a.staff_cap,
             "doc_no": a.doc_no}
            for a in ws.allocations()
        ],
        "templates": [
            {"kind": s.kind.key, "file": f"templates/{s.kind.filename}", "title": s.kind.title}
            for s in store.status() if s.installed
        ],
    }


def _statement(payload: dict[str, Any]) -> TableSheet:
    """示范卷说明: every parameter, allocation and template the pack sets, one row each."""
    catalogue = load_catalogue()
    rows: list[tuple[str, str, str, str, str, str]] = []
    for p in payload["params"]:
        entry = catalogue.get(p["rule"])
        spec = entry.param(p["param"]) if entry else None
        label = f"{entry.title if entry else p['rule']}：{spec.label if spec else p['param']}"
        rows.append(("规则参数", f"{label}（{p['rule']}.{p['param']}）", json.dumps(p["value"], ensure_ascii=False),
                     p["effective_from"], p["doc_no"], p["reason"]))
    for a in payload["allocations"]:
        for word, key in (("机构限额", "unit_cap"), ("事业编制总量", "staff_cap")):
            if a[key] is not None:
                rows.append(("限额分配", f"{a['name']}（{a['region_code']}）{word}", str(a[key]), "", a["doc_no"], ""))
    for t in payload["templates"]:
        rows.append(("格式模板", t["title"], t["file"], "", "", ""))
    columns = [Column(h, operator.itemgetter(i)) for i, h in
               enumerate(("类别", "项目", "取值", "生效日期", "文号", "说明"))]
    issuer = payload["issuer"]
    return TableSheet(f"{issuer['name']}示范卷（第{payload['number']}号）", columns, rows,
                      totals=[["合计", f"{len(rows)}项", None, None, None, None]])


def make_handdown(upper: Path, identity: Identity, out: Path, *, store: TemplateStore | None = None,
                  overwrite: bool = False) -> HanddownResult:
    """Write the signed 示范卷 of the upper workspace file ``upper`` to ``out`` and record its number."""
    with Workspace.open(Path(upper)) as ws:
        return issue_handdown(ws, identity, out, store=store, overwrite=overwrite)


def issue_handdown(ws: Workspace, identity: Identity, out: Path, *, store: TemplateStore | None = None,
                   overwrite: bool = False) -> HanddownResult:
    """Write the signed 示范卷 of the open upper workspace ``ws`` to ``out`` and record its number."""
    out, store = Path(out), store or TemplateStore()
    if out.exists() and not overwrite:
        raise PacketWriteError(f"文件“{out}”已存在，不会覆盖。请换一个文件名。")
    j = ws.jurisdiction()
    if j.level is Level.BANNER:
        raise PacketError(f"{j.name}是旗县级，没有下级，不能下发示范卷。")
    if identity.info.region_code and identity.info.region_code != j.code:
        raise IdentityError(f"签名证书属于行政区划代码 {identity.info.region_code}，而工作区是 {j.code}（{j.name}）。")
    number = int(ws.setting(NUMBER_SETTING, "0") or 0) + 1
    payload = handdown_payload(ws, number, store)
    header = PacketHeader(
        region_code=j.code, jurisdiction=j.name, level=j.level.value, round_number=number,
        bagging_date=date.today().isoformat(), source_organization=identity.info.office,
        rules_version=load_catalogue().version, external_identifier=f"urn:uuid:{uuid.uuid4()}",
        material=MATERIAL, kind=HANDDOWN, to_code=j.code, issued_at=issued_now(),
    )
    with tempfile.TemporaryDirectory(prefix="sydw-handdown-") as tmp:
        bag_dir = Path(tmp) / header.bag_name
        data = bag_dir / B.DATA
        (data / "templates").mkdir(parents=True)
        (data / "handdown.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
        for t in payload["templates"]:
            (data / t["file"]).write_bytes(store.installed_path(t["kind"]).read_bytes())
        sheet = _statement(payload)
        subtitle = f"{j.name}（{j.level.value}，行政区划代码 {j.code}）下发　{date.today().isoformat()}"
        render_pdf(sheet_docx(sheet, subtitle), data / "示范卷说明.pdf", fonts=FontBook(), title=sheet.title)
        seal_bag(bag_dir, header.fields(), identity, location=j.name)
        digest, _ = write_packet(bag_dir, identity, out, what="示范卷", overwrite=overwrite)
    ws.set_setting(NUMBER_SETTING, str(number), "下发示范卷编号")
    return HanddownResult(out, number, digest, len(payload["params"]), len(payload["allocations"]),
                          len(payload["templates"]))


# -- installing one -----------------------------------------------------------------------------


def _newer(info: dict[str, str], signed_at: str, old: InstalledHanddown) -> bool:
    number = int(info["X-Sydw-Round"])
    return number > old.number or (number == old.number and signed_at > old.signed_at)


def _checked_params(payload: dict[str, Any]) -> list[dict[str, Any]]:
    params = []
    for p in payload["params"]:
        try:
            value = validate_override(p["rule"], p["param"], p.get("value"))
            date.fromisoformat(p["effective_from"])
        except (RuleParamError, ValueError) as exc:
            raise PacketInvalid("示范卷中的参数无法使用，未导入任何内容：", [str(exc)]) from exc
        params.append({**p, "value": value})
    return params


def _checked_templates(packet: Path, bag: str, payload: dict[str, Any], folder: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    problems: list[str] = []
    with zipfile.ZipFile(packet) as z:
        names = {B.nfc(n): n for n in z.namelist()}
        for t in payload["templates"]:
            if t["kind"] not in KINDS:
                problems.append(f"不认识的模板类型“{t['kind']}”")
                continue
            path = folder / KINDS[t["kind"]].filename
            path.write_bytes(z.read(names[B.nfc(f"{bag}/data/{t['file']}")]))
            report = validate_template(path, t["kind"])
            if not report.ok:
                problems.append(report.text())
            found.append((t["kind"], path))
    if problems:
        raise PacketInvalid("示范卷中的格式模板无法使用，未导入任何内容：", problems)
    return found


def import_handdown(workspace: Path, packet: Path, *, trust: Sequence[x509.Certificate] = (),
                    store: TemplateStore | None = None) -> InstallResult:
    """Verify the 示范卷 ``packet`` and install it in the lower workspace file ``workspace``."""
    with Workspace.open(Path(workspace)) as ws:
        return install_handdown(ws, packet, trust=trust, store=store)


def install_handdown(ws: Workspace, packet: Path, *, trust: Sequence[x509.Certificate] = (),
                     store: TemplateStore | None = None) -> InstallResult:
    """Verify the 示范卷 ``packet`` and install it in the open lower workspace ``ws``.

    Nothing is changed when it is refused (:class:`PacketInvalid`, :class:`ReceiveRefused`,
    :class:`TrustError`); the last operation of ``ws`` is the installation otherwise.
    """
    packet, store = Path(packet), store or TemplateStore()
    trusted = [*trust, *trusted_certificates(ws)]
    if not trusted:
        raise TrustError("没有可信的证书：请用 --trust 指定上级编办的证书（.cert.pem）。")
    result = verify_packet(packet, trusted=trusted)
    if not result.ok:
        raise PacketInvalid(f"示范卷“{packet.name}”未通过校验，未导入任何内容。发现 {len(result.problems)} 处问题：",
                            [str(p) for p in result.problems], verification=result)
    if result.kind != HANDDOWN:
        raise ReceiveRefused(f"“{packet.name}”是{LABELS.get(result.kind, result.kind)}，不是示范卷，未导入。")
    payload, info = result.kind_data, result.bag_info
    assert isinstance(payload, dict) and result.signer is not None
    issuer = payload["issuer"]
    code = info["X-Sydw-Region-Code"]
    if issuer["code"] != code or (result.signer.region_code and result.signer.region_code != code):
        raise ReceiveRefused(f"示范卷的签发机关（{result.signer.office}）与其行政区划代码 {code} 不一致，未导入。")
    me = ws.jurisdiction()
    problem = subordinate_problem(Jurisdiction(issuer["name"], code, Level.parse(issuer["level"])),
                                  me.code, me.level.value)
    if problem is not None:
        raise ReceiveRefused(f"这份示范卷不是下发给{me.name}的：{problem}未导入。")
    signed_at, number = result.signed_at or "", int(info["X-Sydw-Round"])
    old = ws.installed_handdown()
    digest = _sha256(packet)
    if old is not None and old.packet_sha256 == digest:
        return InstallResult(old.issuer_name, old.number, 0, False, 0, unchanged=True)
    if old is not None and old.issuer_code == code and not _newer(info, signed_at, old):
        raise ReceiveRefused(
            f"这份示范卷（第{number}号，签发于 {signed_at[:19]}）不比已导入的第{old.number}号"
            f"（签发于 {old.signed_at[:19]}）新，未导入。")
    params = _checked_params(payload)
    allocation = allocation_for(payload, me.code)
    with tempfile.TemporaryDirectory(prefix="sydw-handdown-import-") as tmp:
        templates = _checked_templates(packet, result.bag or "", payload, Path(tmp))
        record = InstalledHanddown(code, issuer["name"], number, signed_at, digest, result.signer.fingerprint,
                                   result.signer.office, payload)
        caps = me
        if allocation is not None:
            caps = dataclasses.replace(
                me, unit_cap=me.unit_cap if allocation.unit_cap is None else allocation.unit_cap,
                staff_cap=me.staff_cap if allocation.staff_cap is None else allocation.staff_cap)
        with ws.batch(f"导入{issuer['name']}示范卷第{number}号"):
            ws.record_handdown(record)
            for p in params:
                ws.add_param_override(ParamOverride(
                    p["rule"], p["param"], p["value"], p["effective_from"], doc_no=p.get("doc_no", ""),
                    reason=f"{issuer['name']}示范卷第{number}号下发" + (f"：{p['reason']}" if p.get("reason") else ""),
                ))
            if caps != me:
                ws.set_jurisdiction(caps)
        for kind, path in templates:
            store.install(kind, path)
    return InstallResult(issuer["name"], number, len(params), caps != me, len(templates))


def _sha256(path: Path) -> str:
    return B.sha256_file(path)
