"""F. Consistency between the plan, 三定, 章程 and 清单 (x.name, x.staffing, x.attributes, x.uscc,
x.quanxian_units).

Shared values live once on the after-unit, so these rules look where copies *can* diverge: the
free text of the documents, the counts each document keeps of its own, and the before-unit's data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Quanxian, Unit
from ..vocab import FUNDING_SOURCE_HINT, DocumentKind, ExerciseMode, QuanxianCategory, QuanxianSubject
from .context import RuleContext, rule
from .findings import Finding, Severity
from .textutil import norm_name, norm_text
from .uscc import normalize_uscc

_PLATES_IN_TEXT = re.compile(r"加挂(.{2,80}?)(?:的)?牌子")
_PLATE_SPLIT = re.compile(r"[、，,和及]")
_QUOTES = "“”\"'「」‘’ "
_STAFFING_IN_TEXT = re.compile(r"核定(?:事业)?编制(\d+)名")


def _texts(ctx: RuleContext, unit: Unit) -> list[tuple[DocumentKind, str, str, str]]:
    """(document, field, Chinese place, text) of every free text written for ``unit``."""
    out: list[tuple[DocumentKind, str, str, str]] = []
    sd, ch, qx = ctx.sanding_of(unit), ctx.charter_of(unit), ctx.quanxian_of(unit)
    if sd is not None:
        organs = "\n".join(o.name + "：" + "；".join(o.duties) for o in sd.organs)
        out += [(DocumentKind.SANDING, "duties", "“三定”主要职责", "\n".join(sd.duties)),
                (DocumentKind.SANDING, "organs", "“三定”内设机构", organs),
                (DocumentKind.SANDING, "other_matters", "“三定”其他事项", sd.other_matters),
                (DocumentKind.SANDING, "supplementary", "“三定”附则", sd.supplementary)]
    if ch is not None:
        out += [(DocumentKind.CHARTER, "purpose", "章程宗旨", ch.purpose), (DocumentKind.CHARTER, "scope", "章程业务范围", "\n".join(ch.scope)),
                (DocumentKind.CHARTER, "organization", "章程组织机构", ch.organization),
                (DocumentKind.CHARTER, "party_building", "章程党的建设", ch.party_building),
                (DocumentKind.CHARTER, "supplementary", "章程附则", ch.supplementary)]
    if qx is not None:
        out.append((DocumentKind.QUANXIAN, "items", DocumentKind.QUANXIAN.label, "\n".join(i.content + i.basis for i in qx.items)))
    return [t for t in out if t[3].strip()]


def _old_name_used(text: str, old: str, protected: list[str]) -> bool:
    """``old`` occurs in ``text`` other than inside a protected name or as “原<old>”."""
    for name in protected:
        if name:
            text = text.replace(name, "\0")
    start = text.find(old)
    while start != -1:
        if start == 0 or text[start - 1] != "原":
            return True
        start = text.find(old, start + 1)
    return False


@rule("x.name")
def names_agree(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.after:
        sources = ctx.idx.sources.get(unit.id, []) if unit.id is not None else []
        olds = [s.name for s in sources if norm_name(s.name) != norm_name(unit.name)]
        sd = ctx.sanding_of(unit)
        if not olds and not (sd and ("加挂" in sd.other_matters or "加挂" in sd.supplementary
                                     or any("加挂" in d for d in sd.duties))):
            continue  # nothing that could differ: no earlier name, no nameplate written in the text
        protected = sorted([unit.name, *unit.paizi], key=len, reverse=True)
        plates = {norm_name(p) for p in unit.paizi}
        for document, field, place, text in _texts(ctx, unit):
            used = [old for old in olds if _old_name_used(text, old, protected)]
            if used:
                yield ctx.finding(
                    f"{unit.name}的{place}仍使用改革前名称“{'、'.join(used)}”（指原单位时请写作“原××”）",
                    document=document, unit=unit.name, field=field, values=[used],
                )
            if document is not DocumentKind.SANDING:
                continue
            written = [n.strip(_QUOTES) for m in _PLATES_IN_TEXT.finditer(text) for n in _PLATE_SPLIT.split(m.group(1))]
            strays = [n for n in written if n and norm_name(n) not in plates]
            if strays:
                listed = "、".join(unit.paizi) or "无"
                yield ctx.finding(
                    f"{unit.name}的{place}写明加挂“{'、'.join(strays)}”牌子，方案中的加挂牌子为：{listed}",
                    document=DocumentKind.SANDING, unit=unit.name, field="paizi", values=[strays, unit.paizi],
                )


@rule("x.staffing")
def staffing_agrees(ctx: RuleContext) -> Iterator[Finding]:
    for unit in (*ctx.snap.after, *ctx.snap.before):
        split = unit.staffing_by_funding
        if split and sum(split.values()) != unit.staffing:
            parts = "、".join(f"{k.value}{v}名" for k, v in split.items())
            yield ctx.finding(
                f"{unit.phase.value}单位{unit.name}按经费形式分列的编制合计{sum(split.values())}名（{parts}），"
                f"与核定编制{unit.staffing}名不一致",
                document=DocumentKind.PLAN, unit=unit.name, field="staffing_by_funding",
                values=[unit.phase.value, sorted((k.value, v) for k, v in split.items()), unit.staffing],
            )
    for unit, sd in ctx.idx.with_sanding:
        structure = sd.staffing_structure
        if structure and sum(structure.values()) != unit.staffing:
            parts = "、".join(f"{k.value}{v}名" for k, v in structure.items())
            yield ctx.finding(
                f"{unit.name}的“三定”编制结构合计{sum(structure.values())}名（{parts}），与核定编制{unit.staffing}名不一致",
                document=DocumentKind.SANDING, unit=unit.name, field="staffing_structure",
                values=[sorted((k.value, v) for k, v in structure.items()), unit.staffing],
            )
        text = "\n".join((sd.other_matters, sd.supplementary))
        stated = sorted({int(n) for n in _STAFFING_IN_TEXT.findall(text)} - {unit.staffing})
        if stated:
            yield ctx.finding(
                f"{unit.name}的“三定”文字写明核定编制{'、'.join(map(str, stated))}名，方案中核定编制为{unit.staffing}名",
                document=DocumentKind.SANDING, unit=unit.name, field="staffing", values=[stated, unit.staffing],
            )


@rule("x.attributes")
def attributes_agree(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.after:
        sd, ch, qx = ctx.sanding_of(unit), ctx.charter_of(unit), ctx.quanxian_of(unit)
        if sd is not None:
            if unit.depts is not None and unit.depts != len(sd.organs):
                yield ctx.finding(
                    f"{unit.name}的内设机构数在方案中为{unit.depts}个，“三定”列出{len(sd.organs)}个",
                    document=DocumentKind.SANDING, unit=unit.name, field="organs", values=[unit.depts, len(sd.organs)],
                )
            for count, title, field, kind in (
                (unit.leaders_principal, sd.principal_title, "principal_title", "正职"),
                (unit.leaders_deputy, sd.deputy_title, "deputy_title", "副职"),
            ):
                if (count or 0) > 0 and not title.strip():
                    yield ctx.finding(
                        f"{unit.name}核定{kind}领导职数{count}名，“三定”未写明{kind}的职务名称",
                        document=DocumentKind.SANDING, unit=unit.name, field=field, values=[count, title],
                    )
        if ch is not None:
            first = next((s for s in ch.sponsors if s.strip()), "")
            if first and norm_name(first) != norm_name(unit.dept):
                yield ctx.finding(
                    f"{unit.name}章程的举办单位“{first}”与方案中的主管部门“{unit.dept}”不一致",
                    document=DocumentKind.CHARTER, unit=unit.name, field="sponsors", values=[first, unit.dept],
                )
            hint = FUNDING_SOURCE_HINT[unit.funding]
            if ch.funding_source is not None and ch.funding_source is not hint:
                yield ctx.finding(
                    f"{unit.name}经费形式为{unit.funding.value}，章程经费来源为{ch.funding_source.value}"
                    f"（通常对应{hint.value}，只作提示）",
                    document=DocumentKind.CHARTER, unit=unit.name, field="funding_source",
                    values=[unit.funding.value, ch.funding_source.value], severity=Severity.INFO,
                )
        if qx is not None and qx.supervisor.strip() and norm_name(qx.supervisor) != norm_name(unit.dept):
            yield ctx.finding(
                f"{unit.name}政事权限清单的主管部门“{qx.supervisor}”与方案中的主管部门“{unit.dept}”不一致",
                document=DocumentKind.QUANXIAN, unit=unit.name, field="supervisor", values=[qx.supervisor, unit.dept],
            )


@rule("x.uscc")
def uscc_carried(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.after:
        olds = [(s.name, normalize_uscc(s.uscc)) for s in ctx.idx.continuing_sources(unit) if s.uscc.strip()]
        mine = normalize_uscc(unit.uscc)
        if not olds or mine in {code for _, code in olds}:
            continue
        name, code = olds[0]
        if not mine:
            text = f"{unit.name}承继{name}，改革后未填写统一社会信用代码，应沿用原代码“{code}”"
        else:
            text = f"{unit.name}的统一社会信用代码“{mine}”与原单位{name}的“{code}”不同（保留、更名、划转的单位代码不变）"
        yield ctx.finding(text, document=DocumentKind.UNIT, unit=unit.name, field="uscc", values=[mine, olds])


_DECIDING = (ExerciseMode.DECIDE, ExerciseMode.AUTONOMOUS)
_BOTH_SIDES = frozenset({QuanxianSubject.SUPERVISOR, QuanxianSubject.UNIT})


def _item_problems(qx: Quanxian, categories: set[QuanxianCategory], owners: set[QuanxianSubject]) -> list[str]:
    if not qx.items:
        return ["清单没有事项"]
    problems: list[str] = []
    deciders: dict[str, set[QuanxianSubject]] = {}
    for i, item in enumerate(qx.items, 1):
        if item.category not in categories:
            problems.append(f"第{i}项类别为“{item.category.value}”")
        if item.subject not in owners:
            problems.append(f"第{i}项责任主体为“{item.subject.value}”")
        if not item.basis.strip():
            problems.append(f"第{i}项未写依据")
        if item.mode in _DECIDING:
            deciders.setdefault(norm_text(item.content), set()).add(item.subject)
    problems += [f"“{c}”由主管部门和事业单位同时决定" for c, who in deciders.items() if who >= _BOTH_SIDES]
    return problems


@rule("x.quanxian_units")
def quanxian_units(ctx: RuleContext) -> Iterator[Finding]:
    pilots, problem = ctx.json_setting("quanxian_pilot_units", list)
    if problem is not None:
        yield problem
    pilot_names = {norm_name(str(p)) for p in pilots} if pilots else None
    topics = [t for t in ctx.params["autonomy_topics"] if t]
    categories = {c for c in QuanxianCategory if c.value in ctx.params["categories"]}
    owners = {s for s in QuanxianSubject if s.value in ctx.params["owners"]}
    in_scope = {u.id for u in ctx.snap.after
                if u.dept.strip() and (pilot_names is None or norm_name(u.name) in pilot_names)}
    for unit in ctx.snap.after:
        qx = ctx.quanxian_of(unit)
        if unit.id in in_scope and qx is None:
            yield ctx.finding(f"{unit.name}尚无政事权限清单", document=DocumentKind.QUANXIAN, unit=unit.name, field="items",
                              values=["missing"])
        elif unit.id not in in_scope and qx is not None:
            why = "没有主管部门" if not unit.dept.strip() else "不是政事权限清单试点单位"
            yield ctx.finding(f"{unit.name}{why}，不应编制政事权限清单", document=DocumentKind.QUANXIAN, unit=unit.name,
                              field="items", values=[why])
        problems = _item_problems(qx, categories, owners) if qx is not None else []
        if problems:
            yield ctx.finding(f"{unit.name}的政事权限清单事项不规范：{'；'.join(problems)}",
                              document=DocumentKind.QUANXIAN, unit=unit.name, field="items", values=problems)
        for item in qx.items if qx is not None and ctx.sanding_of(unit) is not None else []:
            if item.subject is not QuanxianSubject.UNIT or item.mode not in _DECIDING:
                continue
            hits = [t for t in topics if t in item.content]
            if hits:
                yield ctx.finding(
                    f"{unit.name}的政事权限清单赋予单位自主决定“{item.content}”，请与“三定”规定核对（{'、'.join(hits)}）",
                    document=DocumentKind.QUANXIAN, unit=unit.name, field="items", values=[item.content],
                    severity=Severity.INFO,
                )
    after_ids = {u.id for u in ctx.snap.after}
    for uid in ctx.snap.quanxian:
        if uid not in after_ids:
            name = ctx.idx.name_of(uid) or None
            yield ctx.finding(f"政事权限清单挂在不是改革后单位的{name or '（已删除的单位）'}上",
                              document=DocumentKind.QUANXIAN, unit=name, field="items" if name else None, values=[uid])
