"""G. The level above: allocations within the caps, plans within their allocations, parameters as
handed down, and missing filings (league.*). They read ``snapshot.league`` (league/facts.py) and
find nothing where it is absent (a county's own check)."""

from __future__ import annotations

from collections.abc import Iterator

from ..vocab import DocumentKind
from .context import RuleContext, rule
from .findings import Finding, Severity

_CAPS = (("机构限额", "unit_cap", "个"), ("事业编制总量", "staff_cap", "名"))


@rule("league.allocation_total")
def allocation_total(ctx: RuleContext) -> Iterator[Finding]:
    facts = ctx.snap.league
    if facts is None or not facts.allocations:
        return
    j = ctx.snap.jurisdiction
    for label, attr, word in _CAPS:
        own = getattr(j, attr)
        given = sum(getattr(a, attr) or 0 for a in facts.allocations)
        if own is None:
            continue
        if given > own:
            parts = "、".join(f"{a.name}{getattr(a, attr)}" for a in facts.allocations if getattr(a, attr))
            yield ctx.finding(
                f"分配给下级的{label}合计{given}{word}（{parts}），超过本级{label}{own}{word}（多{given - own}{word}）",
                document=DocumentKind.PLAN, field=attr, values=[attr, given, own],
            )
        else:
            yield ctx.finding(
                f"{label}{own}{word}：已分配给下级{given}{word}，预留{own - given}{word}",
                document=DocumentKind.PLAN, field=attr, values=[attr, given, own], severity=Severity.INFO,
            )


@rule("league.within_allocation")
def within_allocation(ctx: RuleContext) -> Iterator[Finding]:
    facts = ctx.snap.league
    if facts is None:
        return
    allocated = {a.region_code: a for a in facts.allocations}
    for plan in facts.plans:
        a = allocated.get(plan.code)
        if a is None:
            continue
        for (label, attr, word), value in zip(_CAPS, (plan.units_after, plan.staff_after), strict=True):
            cap = getattr(a, attr)
            if cap is not None and value > cap:
                what = "事业单位" if attr == "unit_cap" else "核定编制合计"
                yield ctx.finding(
                    f"{plan.name}（{plan.code}）第{plan.round}轮报送的改革后{what}{value}{word}，"
                    f"超过分配给它的{label}{cap}{word}（多{value - cap}{word}）",
                    document=DocumentKind.PLAN, unit=plan.name, field=attr, values=[plan.code, attr, value, cap],
                )


@rule("league.params_handed_down")
def params_handed_down(ctx: RuleContext) -> Iterator[Finding]:
    facts = ctx.snap.league
    if facts is None:
        return
    allocated = {a.region_code: a for a in facts.allocations}
    for plan in facts.plans:
        a = allocated.get(plan.code)
        differ: list[str] = []
        if a is not None:
            for label, attr, _word in _CAPS:
                given, own = getattr(a, attr), getattr(plan, attr)
                if given is not None and own != given:
                    differ.append(f"{label}（分配{given}，其工作区为{'未填' if own is None else own}）")
        for key, value in sorted(facts.handed_down.items()):
            own_value = plan.params.get(key)
            if own_value != value:
                differ.append(f"参数 {key}（下发 {value!r}，其工作区为 {own_value!r}）")
        if differ:
            yield ctx.finding(
                f"{plan.name}（{plan.code}）第{plan.round}轮所用的口径与下发的不一致：{'；'.join(differ)}",
                document=DocumentKind.PLAN, unit=plan.name, values=[plan.code, differ],
            )


@rule("league.missing_filing")
def missing_filing(ctx: RuleContext) -> Iterator[Finding]:
    facts = ctx.snap.league
    if facts is None:
        return
    filed = {p.code for p in facts.plans}
    for a in facts.allocations:
        if a.region_code not in filed:
            yield ctx.finding(
                f"{a.name}（{a.region_code}）尚未报送改革方案材料",
                document=DocumentKind.PLAN, unit=a.name, values=[a.region_code],
            )
