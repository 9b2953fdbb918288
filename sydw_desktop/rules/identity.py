"""A. Identity: the 统一社会信用代码 of every unit (uscc.*)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import cast

from ..model import Unit
from ..vocab import Disposition, DocumentKind, Phase
from .context import CONTINUING, RuleContext, rule
from .findings import Finding, Severity
from .uscc import (
    USCC_PATTERN,
    format_problem,
    is_well_formed,
    normalize_uscc,
    org_check_char,
    uscc_check_char,
)

#: A before-unit whose code may live on in its destination (合并后存续).
_MAY_SURVIVE = CONTINUING | {Disposition.INTEGRATE, Disposition.MERGE_INTO}


def _units(ctx: RuleContext) -> list[Unit]:
    """After-units, then before-units not already seen with the same name and code."""
    if "identity.units" not in ctx.idx.memo:
        seen: set[tuple[str, str]] = set()
        units = []
        for unit in (*ctx.snap.after, *ctx.snap.before):
            key = (unit.name, normalize_uscc(unit.uscc))
            if key not in seen:
                seen.add(key)
                units.append(unit)
        ctx.idx.memo["identity.units"] = units
    return cast(list[Unit], ctx.idx.memo["identity.units"])


def _coded(ctx: RuleContext) -> list[tuple[Unit, str]]:
    """Units with a well-formed code, with the normalised code."""
    if "identity.coded" not in ctx.idx.memo:
        pairs = [(u, normalize_uscc(u.uscc)) for u in _units(ctx)]
        ctx.idx.memo["identity.coded"] = [(u, code) for u, code in pairs if is_well_formed(code)]
    return cast(list[tuple[Unit, str]], ctx.idx.memo["identity.coded"])


def _may_be_pending(ctx: RuleContext, unit: Unit) -> bool:
    """New units and units formed by 整合/并入 may wait for their code (待赋码)."""
    return unit.phase is Phase.AFTER and not ctx.idx.continuing_sources(unit)


@rule("uscc.format")
def uscc_format(ctx: RuleContext) -> Iterator[Finding]:
    for unit in _units(ctx):
        raw = unit.uscc
        if not raw.strip():
            if not _may_be_pending(ctx, unit):
                yield ctx.finding(
                    f"{unit.name}缺少统一社会信用代码（只有新设或合并组建、待赋码的单位可以暂不填写）",
                    document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[unit.phase.value, ""],
                )
            continue
        code = normalize_uscc(raw)
        if code != raw:
            yield ctx.finding(
                f"{unit.name}的统一社会信用代码“{raw}”含空格、全角字符或小写字母，已按“{code}”校验",
                document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[raw], severity=Severity.INFO,
            )
        if not is_well_formed(code):
            yield ctx.finding(
                f"{unit.name}的统一社会信用代码“{code}”格式不正确：{format_problem(code)}",
                document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[code],
            )


@rule("uscc.checksum")
def uscc_checksum(ctx: RuleContext) -> Iterator[Finding]:
    for unit in _units(ctx):
        code = normalize_uscc(unit.uscc)
        if len(code) != 18 or not USCC_PATTERN.fullmatch(code[:17] + "0"):
            continue  # uscc.format reports it; the check digit is only defined over valid characters
        expected = uscc_check_char(code[:17])
        if code[17] != expected:
            yield ctx.finding(
                f"{unit.name}的统一社会信用代码“{code}”校验码错误：第18位按 GB 32100 应为“{expected}”，"
                f"现为“{code[17]}”",
                document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[code],
            )


@rule("uscc.orgcode")
def uscc_orgcode(ctx: RuleContext) -> Iterator[Finding]:
    for unit, code in _coded(ctx):
        expected = org_check_char(code[8:16])
        if code[16] != expected:
            yield ctx.finding(
                f"{unit.name}的统一社会信用代码“{code}”第9–17位不是有效的组织机构代码："
                f"按 GB 11714 第17位应为“{expected}”，现为“{code[16]}”",
                document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[code],
            )


@rule("uscc.parts")
def uscc_parts(ctx: RuleContext) -> Iterator[Finding]:
    prefix = str(ctx.params["expected_prefix"])
    province = str(ctx.params["province_code"])
    region = str(ctx.params["region_code"] or ctx.snap.jurisdiction.code)
    lifelong = "（代码终身不变，如系区划调整或管理权限划转所致，请写明说明）"
    for unit, code in _coded(ctx):
        problems: list[tuple[str, Severity | None]] = []
        head = code[:2]
        if head == "11":
            problems.append(("以“11”开头，是机关的代码，不能用于事业单位", Severity.ERROR))
        elif head != prefix:
            why = ("第1位不是“1”，不是由机构编制部门登记的" if head[0] != "1"
                   else f"机构类别码为“{head[1]}”，不是事业单位（2）")
            problems.append((f"{why}，应以“{prefix}”开头", None))
        if code[2:4] != province:
            problems.append((f"第3–4位为“{code[2:4]}”，不是本省区划码“{province}”{lifelong}", None))
        elif code[2:8] != region:
            problems.append((f"第3–8位为“{code[2:8]}”，与登记机关区划代码“{region}”不同{lifelong}", None))
        for text, severity in problems:
            yield ctx.finding(
                f"{unit.name}的统一社会信用代码“{code}”{text}",
                document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[code, prefix, province, region],
                severity=severity,
            )


@rule("uscc.unique")
def uscc_unique(ctx: RuleContext) -> Iterator[Finding]:
    after_by_code: dict[str, list[Unit]] = {}
    for phase, units in ((Phase.AFTER, ctx.snap.after), (Phase.BEFORE, ctx.snap.before)):
        by_code: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            code = normalize_uscc(unit.uscc)
            if code:
                by_code[code].append(unit)
        for code, sharing in by_code.items():
            for unit in sharing[1:]:
                yield ctx.finding(
                    f"{phase.value}单位{unit.name}与{sharing[0].name}使用同一个统一社会信用代码“{code}”",
                    document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[code, sharing[0].name],
                )
        if phase is Phase.AFTER:
            after_by_code = by_code
    for old in ctx.snap.before:
        code = normalize_uscc(old.uscc)
        for new in after_by_code.get(code, []) if code else ():
            if new.id is not None and new.id == old.destination and old.disposition in _MAY_SURVIVE:
                continue
            way = old.disposition.value if old.disposition else "未确定改革方式"
            yield ctx.finding(
                f"改革后单位{new.name}使用了原单位{old.name}（{way}）的统一社会信用代码“{code}”，"
                f"但方案没有写明{new.name}承继{old.name}的法人资格",
                document=DocumentKind.UNIT, unit=new.name, field="uscc", values=[code, old.name, way],
            )
