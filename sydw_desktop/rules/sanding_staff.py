"""C. "三定": posts, internal organs, nameplates and powers (sd.leader_quota, sd.dept_min_size,
sd.dept_staff_sum, sd.paizi_no_resources, sd.admin_power)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..vocab import Category, DocumentKind, Spec
from .context import RuleContext, rule
from .findings import Finding, Severity
from .params import table_lookup
from .textutil import contains_any, norm_name

_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
_RESOURCE_WORDS = ("核定", "编制", "领导职数")


@rule("sd.leader_quota")
def leader_quota(ctx: RuleContext) -> Iterator[Finding]:
    unit_table, organ_table = ctx.params["unit_table"], ctx.params["organ_table"]
    exceed_from, minimum = int(ctx.params["exceed_from"]), int(ctx.params["min_leaders"])
    for unit in ctx.snap.after:
        total = unit.leaders
        counts = f"正职{unit.leaders_principal or 0}名、副职{unit.leaders_deputy or 0}名"
        if total < minimum:
            yield ctx.finding(
                f"{unit.name}领导职数{total}名，至少应核定{minimum}名",
                document=DocumentKind.SANDING, unit=unit.name, field="leaders_principal", values=[total, minimum],
            )
        elif unit.staffing < exceed_from:
            cap = table_lookup(unit_table, unit.staffing)
            if total > cap:
                yield ctx.finding(
                    f"{unit.name}核定编制{unit.staffing}名，领导职数{total}名（{counts}），超过上限{cap}名",
                    document=DocumentKind.SANDING, unit=unit.name, field="leaders_deputy",
                    values=[unit.staffing, total, cap],
                )
        sd = ctx.sanding_of(unit)
        bad: list[str] = []
        for organ in sd.organs if sd else []:
            if organ.spec is Spec.NONE and organ.leaders > 0:
                bad.append(f"{organ.name}（不定规格的内设专业技术机构不设领导职数，现为{organ.leaders}名）")
            elif organ.staffing is not None:
                cap = table_lookup(organ_table, organ.staffing)
                if organ.leaders > cap:
                    bad.append(f"{organ.name}（编制{organ.staffing}名，领导职数{organ.leaders}名，上限{cap}名）")
        if bad:
            yield ctx.finding(
                f"{unit.name}的内设机构领导职数超过标准：{'、'.join(bad)}",
                document=DocumentKind.SANDING, unit=unit.name, field="organs", values=bad,
            )


@rule("sd.dept_min_size")
def dept_min_size(ctx: RuleContext) -> Iterator[Finding]:
    threshold, per = int(ctx.params["dept_threshold"]), int(ctx.params["min_staff_per_dept"])
    for unit in ctx.snap.after:
        sd = ctx.sanding_of(unit)
        if sd is not None:
            count, document, field = len(sd.organs), DocumentKind.SANDING, "organs"
        elif unit.depts is not None:
            count, document, field = unit.depts, DocumentKind.PLAN, "depts"
        else:
            continue
        if unit.staffing < threshold:
            if count > 0:
                yield ctx.finding(
                    f"{unit.name}核定编制{unit.staffing}名，不满{threshold}名，不设内设机构（现设{count}个）",
                    document=document, unit=unit.name, field=field, values=[unit.staffing, count, threshold],
                )
        elif per > 0 and count > unit.staffing // per:
            yield ctx.finding(
                f"{unit.name}核定编制{unit.staffing}名，内设机构至多{unit.staffing // per}个"
                f"（每个至少{per}名编制），现设{count}个",
                document=document, unit=unit.name, field=field, values=[unit.staffing, count, per],
            )


@rule("sd.dept_staff_sum")
def dept_staff_sum(ctx: RuleContext) -> Iterator[Finding]:
    inside = bool(ctx.params["leaders_inside_depts"])
    for unit, sd in ctx.idx.with_sanding:
        allocated = [o.staffing for o in sd.organs if o.staffing is not None]
        if allocated:
            leaders = 0 if inside else unit.leaders
            total = sum(allocated) + leaders
            if total > unit.staffing:
                extra = "" if inside else f"，另单位领导职数{leaders}名"
                yield ctx.finding(
                    f"{unit.name}各内设机构编制合计{sum(allocated)}名{extra}，共{total}名，超过核定编制{unit.staffing}名",
                    document=DocumentKind.SANDING, unit=unit.name, field="organs", values=[allocated, leaders, unit.staffing],
                )
        listed = sum(o.leaders for o in sd.organs)
        if listed and sd.organ_leaders != listed:
            yield ctx.finding(
                f"{unit.name}的“三定”写明内设机构领导职数{sd.organ_leaders}名，各内设机构领导职数之和为{listed}名",
                document=DocumentKind.SANDING, unit=unit.name, field="organ_leaders", values=[sd.organ_leaders, listed],
            )


def _gives_resources(plate: str, text: str) -> bool:
    """``text`` gives the nameplate its own 编制/领导职数 (“××牌子核定编制3名”, not “不单独核定”)."""
    pattern = re.escape(plate) + r"[^。；\n]{0,8}?(?:" + "|".join(_RESOURCE_WORDS) + ")"
    return any("不" not in m.group(0) and "无" not in m.group(0) for m in re.finditer(pattern, text))


@rule("sd.paizi_no_resources")
def paizi_no_resources(ctx: RuleContext) -> Iterator[Finding]:
    units = {norm_name(u.name): u for u in ctx.snap.after}
    for unit in ctx.snap.after:
        sd = ctx.sanding_of(unit)
        organs = {norm_name(o.name) for o in sd.organs} if sd else set()
        text = "\n".join([sd.other_matters, sd.supplementary, *sd.duties]) if sd else ""
        for plate in (p.strip() for p in unit.paizi):
            if not plate:
                continue
            key, problems = norm_name(plate), []
            other = units.get(key)
            if other is not None and other is not unit:
                problems.append(f"同时是单独核定编制的单位（核定编制{other.staffing}名）")
            if key in organs:
                problems.append("以牌子名义设置了内设机构")
            if _gives_resources(plate, text):
                problems.append("“三定”文字为牌子单独写明了编制或领导职数")
            if problems:
                yield ctx.finding(
                    f"{unit.name}加挂的“{plate}”牌子不应单独核定编制、领导职数或设置机构：{'；'.join(problems)}",
                    document=DocumentKind.SANDING, unit=unit.name, field="paizi", values=[plate, problems],
                )


@rule("sd.admin_power")
def admin_power(ctx: RuleContext) -> Iterator[Finding]:
    words, exclude = list(ctx.params["keywords"]), list(ctx.params["exclude_phrases"])
    for unit, sd in ctx.idx.with_sanding:
        hits = contains_any("\n".join(sd.duties), words, exclude)
        if not hits:
            continue
        basis = sd.legal_basis.strip()
        powers = "、".join(hits)
        if not basis:
            public = unit.category in (Category.PUBLIC_1, Category.PUBLIC_2)
            yield ctx.finding(
                f"{unit.name}（{unit.category.value}）的主要职责含行政职权事项（{powers}），未写明法律法规授权依据；"
                "无授权的应将行政职权划归行政机关（行政职权合理归位）",
                document=DocumentKind.SANDING, unit=unit.name, field="legal_basis", values=[hits, basis, unit.category.value],
                severity=Severity.ERROR if public else None,
            )
        elif "《" not in basis or not _ARTICLE.search(basis):
            yield ctx.finding(
                f"{unit.name}的主要职责含行政职权事项（{powers}），授权依据“{basis}”未写明法律法规名称（《》）和条款",
                document=DocumentKind.SANDING, unit=unit.name, field="legal_basis", values=[hits, basis],
            )
