"""B. Plan: organisation of the units after the reform (plan.support_units_1_2_x,
plan.dual_principal, plan.paizi_count, plan.party_org)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..model import Unit
from ..vocab import DocumentKind, PartyOrg, ServiceTarget
from .context import RuleContext, rule
from .findings import Finding, Severity

OWN_ORGS = (PartyOrg.BRANCH, PartyOrg.GENERAL_BRANCH, PartyOrg.COMMITTEE)


@rule("plan.support_units_1_2_x")
def support_units(ctx: RuleContext) -> Iterator[Finding]:
    by_dept: dict[str, list[Unit]] = defaultdict(list)
    for unit in ctx.snap.after:
        if unit.service is ServiceTarget.ORGAN_SUPPORT:
            by_dept[unit.dept].append(unit)
    keyword = str(ctx.params["comprehensive_keyword"])
    max_comp = int(ctx.params["max_comprehensive"])
    for dept, units in by_dept.items():
        x = int(ctx.params["X"].get(dept, ctx.params["X_default"]))
        limit = 3 + x
        names = "、".join(u.name for u in units)
        for unit in units[limit:]:
            yield ctx.finding(
                f"{dept}所属为机关提供支持保障的事业单位共{len(units)}个（{names}），超过“1+2+X”上限{limit}个"
                f"（X={x}）：{unit.name}",
                document=DocumentKind.PLAN, unit=unit.name, field="service", values=[dept, len(units), limit],
            )
        comprehensive = [u for u in units if keyword and keyword in u.name]
        for unit in comprehensive[max_comp:]:
            yield ctx.finding(
                f"{dept}所属名称含“{keyword}”的单位{len(comprehensive)}个，至多{max_comp}个：{unit.name}",
                document=DocumentKind.PLAN, unit=unit.name, field="name", values=[dept, len(comprehensive), max_comp],
            )


@rule("plan.dual_principal")
def dual_principal(ctx: RuleContext) -> Iterator[Finding]:
    whitelist = list(ctx.params["whitelist"])
    for unit in ctx.snap.after:
        principals = unit.leaders_principal or 0
        if principals >= 2 and not any(w and w in unit.name for w in whitelist):
            yield ctx.finding(
                f"{unit.name}核定正职领导职数{principals}名（双正职）；双正职限于基础科研、报社、电视台、高校、"
                "公立医院等单位",
                document=DocumentKind.PLAN, unit=unit.name, field="leaders_principal", values=[principals],
            )


def _plates(unit: Unit) -> list[str]:
    return [p for p in unit.paizi if p.strip()]


@rule("plan.paizi_count")
def paizi_count(ctx: RuleContext) -> Iterator[Finding]:
    limit = int(ctx.params["max_paizi"])
    for unit in ctx.snap.after:
        plates = _plates(unit)
        if len(plates) > limit:
            yield ctx.finding(
                f"{unit.name}加挂牌子{len(plates)}块（{'、'.join(plates)}），超过{limit}块",
                document=DocumentKind.PLAN, unit=unit.name, field="paizi", values=[plates, limit],
            )
    after = sum(len(_plates(u)) for u in ctx.snap.after)
    before = sum(len(_plates(u)) for u in ctx.snap.before)
    if after > before:
        yield ctx.finding(
            f"改革后加挂牌子共{after}块，多于改革前的{before}块（应严控挂牌数量）",
            document=DocumentKind.PLAN, values=[after, before],
        )


def _party(ctx: RuleContext, unit: Unit, text: str, field: str, severity: Severity | None = None) -> Finding:
    org = unit.party_org.value if unit.party_org else ""
    return ctx.finding(
        text, document=DocumentKind.PLAN, unit=unit.name, field=field, severity=severity,
        values=[unit.party_members, org, unit.party_committee, unit.joint_branch_units],
    )


@rule("plan.party_org")
def party_org(ctx: RuleContext) -> Iterator[Finding]:
    p = ctx.params
    min_members, committee = int(p["min_members"]), int(p["committee_members"])
    max_branch, max_joint = int(p["max_branch_members"]), int(p["max_joint_units"])
    big = int(p["party_committee_members"])
    for unit in ctx.snap.after:
        members, org = unit.party_members, unit.party_org
        if members is None:
            continue
        name, shown = unit.name, (org.value if org else "未填写")
        if members >= min_members and org not in OWN_ORGS:
            yield _party(ctx, unit, f"{name}有正式党员{members}名（{min_members}名以上），应成立党支部"
                         f"（或党总支、党委），现为“{shown}”", "party_org")
        if members >= committee and org is PartyOrg.BRANCH and not unit.party_committee:
            yield _party(ctx, unit, f"{name}党支部有党员{members}名（{committee}名以上），应设立支部委员会",
                         "party_committee")
        if org is PartyOrg.BRANCH and members > max_branch:
            yield _party(ctx, unit, f"{name}党支部有党员{members}名，超过{max_branch}名，应分设党支部或成立党总支",
                         "party_members")
        if 0 < members < min_members:
            if org is not PartyOrg.JOINT_BRANCH:
                yield _party(ctx, unit, f"{name}正式党员{members}名，不足{min_members}名，应与邻近单位成立"
                             f"联合党支部，现为“{shown}”", "party_org")
            elif unit.joint_branch_units is not None and unit.joint_branch_units > max_joint:
                yield _party(ctx, unit, f"{name}所在联合党支部覆盖{unit.joint_branch_units}个单位，"
                             f"超过{max_joint}个", "joint_branch_units")
        if members > big and org is not PartyOrg.COMMITTEE:
            yield _party(ctx, unit, f"{name}有党员{members}名，超过{big}名，可以成立党的基层委员会", "party_org",
                         Severity.INFO)
