"""E. Names: 区域名, 格级名, uniqueness (nm.region_prefix, nm.suffix, nm.unique)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator

from ..model import Unit
from ..vocab import DocumentKind, Phase
from .context import RuleContext, rule
from .findings import Finding, Severity
from .textutil import norm_name

_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_SPLIT = re.compile(r"[、，,；;\s]+")


def _setting_list(ctx: RuleContext, key: str) -> list[str]:
    """A plan setting holding names: a JSON array or text separated by 、 ， ；."""
    raw = ctx.snap.settings.get(key, "").strip()
    if raw.startswith("["):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, list):
            return [str(v) for v in value if str(v).strip()]
    return [p for p in _SPLIT.split(raw) if p]


@rule("nm.region_prefix")
def region_prefix(ctx: RuleContext) -> Iterator[Finding]:
    prefixes = [ctx.snap.jurisdiction.name, *ctx.params["prefixes"], *_setting_list(ctx, "region_prefixes")]
    normalized = {norm_name(p) for p in prefixes if p.strip()}
    lengths = sorted({len(p) for p in normalized})
    for unit in ctx.snap.after:
        name = norm_name(unit.name)
        if any(name[:k] in normalized for k in lengths):
            continue
        if unit.dept.strip() and name.startswith(norm_name(unit.dept)):
            continue
        yield ctx.finding(
            f"{unit.name}未冠以区域名（应以“{ctx.snap.jurisdiction.name}”等区域名开头，部门所属单位也可以"
            "主管部门全称开头）",
            document=DocumentKind.PLAN, unit=unit.name, field="name", values=[unit.name, sorted(normalized)],
        )


def _core(name: str) -> str:
    """The name without a trailing bracketed part (“…中心（…台）” → “…中心”)."""
    core = norm_name(name)
    stripped = _TRAILING_BRACKET.sub("", core)
    return stripped or core


@rule("nm.suffix")
def suffix(ctx: RuleContext) -> Iterator[Finding]:
    allowed, forbidden = list(ctx.params["suffixes"]), list(ctx.params["forbidden_suffixes"])
    reserved = list(ctx.params["reserved_words"])
    approvals, problem = ctx.json_setting("name_approvals", dict)
    if problem is not None:
        yield problem
    approved = {norm_name(k) for k, v in (approvals or {}).items() if str(v).strip()}
    for unit in ctx.snap.after:
        core = _core(unit.name)
        good = max((s for s in allowed if s and core.endswith(s)), key=len, default="")
        bad = max((s for s in forbidden if s and core.endswith(s)), key=len, default="")
        if bad and len(bad) >= len(good):
            yield ctx.finding(
                f"事业单位名称不应以机关格级名“{bad}”结尾：{unit.name}（事业机构一般用中心、馆、所、站、院等）",
                document=DocumentKind.PLAN, unit=unit.name, field="name", values=[unit.name, bad],
            )
        elif not good:
            yield ctx.finding(
                f"{unit.name}未以事业机构格级名结尾（中心、馆、所、站、台、社、院、校、队、团、园等）",
                document=DocumentKind.PLAN, unit=unit.name, field="name", values=[unit.name],
            )
        words = [w for w in reserved if w and w in unit.name]
        if words and norm_name(unit.name) not in approved:
            yield ctx.finding(
                f"{unit.name}名称含“{'、'.join(words)}”，请在设置项 name_approvals 中填写批准文号",
                document=DocumentKind.PLAN, unit=unit.name, field="name", values=[words], severity=Severity.INFO,
            )


@rule("nm.unique")
def unique(ctx: RuleContext) -> Iterator[Finding]:
    for phase, units in ((Phase.AFTER, ctx.snap.after), (Phase.BEFORE, ctx.snap.before)):
        by_name: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            by_name[norm_name(unit.name)].append(unit)
        for same in by_name.values():
            for unit in same[1:]:
                yield ctx.finding(
                    f"{phase.value}单位名称重复：{unit.name}与{same[0].name}规范化后相同",
                    document=DocumentKind.PLAN, unit=unit.name, field="name", values=[unit.name, same[0].name],
                )
    plates: dict[str, Unit] = {}
    for unit in ctx.snap.after:
        for plate in (p for p in unit.paizi if p.strip()):
            key, owner = norm_name(plate), plates.get(norm_name(plate))
            if owner is not None and owner is not unit:
                yield ctx.finding(
                    f"{unit.name}加挂的“{plate}”与{owner.name}加挂的牌子同名",
                    document=DocumentKind.PLAN, unit=unit.name, field="paizi", values=[plate, owner.name],
                )
            plates.setdefault(key, unit)
    for unit in ctx.snap.after:
        owner = plates.get(norm_name(unit.name))
        if owner is not None and owner is not unit:
            yield ctx.finding(
                f"{unit.name}与{owner.name}加挂的牌子同名",
                document=DocumentKind.PLAN, unit=unit.name, field="name", values=[unit.name, owner.name],
            )
