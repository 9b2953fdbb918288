"""C. "三定": sections and 规格 (sd.sections, sd.spec_by_level, sd.spec_vs_parent, sd.dept_spec)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Sanding, Unit
from ..vocab import Affiliation, DocumentKind, Spec
from .context import SPEC_RANK, RuleContext, rule
from .findings import Finding
from .textutil import norm_name


def _duties(unit: Unit, sd: Sanding) -> str:
    return "" if any(d.strip() for d in sd.duties) else "主要职责为空"


def _organs(unit: Unit, sd: Sanding) -> str:
    bad = [o.name.strip() or f"第{i}个" for i, o in enumerate(sd.organs, 1)
           if not o.name.strip() or not any(d.strip() for d in o.duties)]
    return f"内设机构未写明名称或职责：{'、'.join(bad)}" if bad else ""


def _staffing(unit: Unit, sd: Sanding) -> str:
    if unit.staffing <= 0:
        return "人员编制为0名"
    if unit.leaders_principal is None and unit.leaders_deputy is None:
        return "未写明领导职数"
    return ""


#: section name → (field, check returning the problem or "").
SECTIONS: dict[str, tuple[str, Callable[[Unit, Sanding], str]]] = {
    "主要职责": ("duties", _duties),
    "内设机构": ("organs", _organs),
    "人员编制和领导职数": ("staffing", _staffing),
    "其他事项": ("other_matters", lambda u, sd: "" if sd.other_matters.strip() else "其他事项为空"),
    "附则": ("supplementary", lambda u, sd: "" if sd.supplementary.strip() else "附则为空"),
}


@rule("sd.sections")
def sections(ctx: RuleContext) -> Iterator[Finding]:
    wanted = [s for s in ctx.params["sections"] if s in SECTIONS]
    for unit in ctx.snap.after:
        sd = ctx.sanding_of(unit)
        if sd is None:
            yield ctx.finding(
                f"{unit.name}尚无“三定”规定（应含{'、'.join(wanted)}）",
                document=DocumentKind.SANDING, unit=unit.name, values=["missing"],
            )
            continue
        for section in wanted:
            field, check = SECTIONS[section]
            problem = check(unit, sd)
            if problem:
                yield ctx.finding(
                    f"{unit.name}的“三定”规定“{section}”部分不完整：{problem}",
                    document=DocumentKind.SANDING, unit=unit.name, field=field, values=[section, problem],
                )


@rule("sd.spec_by_level")
def spec_by_level(ctx: RuleContext) -> Iterator[Finding]:
    top = Spec(ctx.params["max_spec"])
    for unit in ctx.snap.after:
        if SPEC_RANK[unit.spec] > SPEC_RANK[top]:
            yield ctx.finding(
                f"{ctx.level_word}事业单位的机构规格不高于{top.value}：{unit.name}为{unit.spec.value}",
                document=DocumentKind.SANDING, unit=unit.name, field="spec", values=[unit.spec.value, top.value],
            )


@rule("sd.spec_vs_parent")
def spec_vs_parent(ctx: RuleContext) -> Iterator[Finding]:
    raw, problem = ctx.json_setting("dept_specs", dict)
    if problem is not None:
        yield problem
    parents: dict[str, Spec] = {}
    for dept, label in (raw or {}).items():
        try:
            parents[norm_name(str(dept))] = Spec.parse(str(label))
        except ValueError:
            continue
    strict = bool(ctx.params["strict"])
    level_dept = Spec(ctx.params["dept_spec"])
    relation = "低于" if strict else "不高于"
    for unit in ctx.snap.after:
        if unit.spec is Spec.NONE:
            continue
        sd = ctx.sanding_of(unit)
        affiliation = sd.affiliation if sd else Affiliation.DEPARTMENT
        if affiliation in (Affiliation.GOVERNMENT, Affiliation.PARTY_COMMITTEE):
            if SPEC_RANK[unit.spec] > SPEC_RANK[level_dept]:
                yield ctx.finding(
                    f"{affiliation.value}单位{unit.name}为{unit.spec.value}，不应高于本级部门规格{level_dept.value}",
                    document=DocumentKind.SANDING, unit=unit.name, field="spec", values=[unit.spec.value, level_dept.value],
                )
            continue
        parent = parents.get(norm_name(unit.dept))
        if parent is None or parent is Spec.NONE:
            continue
        rank, parent_rank = SPEC_RANK[unit.spec], SPEC_RANK[parent]
        if rank > parent_rank or (strict and rank == parent_rank):
            yield ctx.finding(
                f"{unit.name}为{unit.spec.value}，应{relation}主管部门{unit.dept}（{parent.value}）",
                document=DocumentKind.SANDING, unit=unit.name, field="spec",
                values=[unit.spec.value, unit.dept, parent.value, strict],
            )


@rule("sd.dept_spec")
def dept_spec(ctx: RuleContext) -> Iterator[Finding]:
    mapping: dict[str, list[str]] = ctx.params["mapping"]
    for unit, sd in ctx.idx.with_sanding:
        if not sd.organs:
            continue
        allowed = mapping.get(unit.spec.value)
        bad = [
            f"{o.name}（{o.spec.value}）"
            for o in sd.organs
            if o.spec is not None and (o.spec.value not in allowed if allowed else o.spec is not Spec.NONE)
        ]
        if bad:
            should = "、".join(allowed) if allowed else "不定规格"
            yield ctx.finding(
                f"{unit.name}为{unit.spec.value}，内设机构规格应为{should}：{'、'.join(bad)}",
                document=DocumentKind.SANDING, unit=unit.name, field="organs", values=[unit.spec.value, bad],
            )
