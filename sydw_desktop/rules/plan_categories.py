"""B. Plan: categories and what each category's units become (plan.category_*, plan.no_new_…,
plan.gongyi1_no_business, plan.central_domains)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..vocab import Category, Disposition, DocumentKind
from .context import RuleContext, rule
from .findings import Finding
from .textutil import contains_any

ADMIN_WAYS = (Disposition.FUNCTIONS_TO_ADMIN, Disposition.TO_ADMIN)
BUSINESS_WAYS = (Disposition.TO_ENTERPRISE, Disposition.ABOLISH)
PUBLIC = (Category.PUBLIC_1, Category.PUBLIC_2)


def _labels(items: tuple[Disposition, ...] | tuple[Category, ...]) -> str:
    return "或".join(i.value for i in items)


@rule("plan.category_assigned")
def category_assigned(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.before:
        if unit.category is Category.UNCLASSIFIED:
            yield ctx.finding(
                f"改革前单位{unit.name}尚未分类（单位类别为“未分类”），应确定为承担行政职能、从事生产经营活动、"
                "公益一类或公益二类",
                document=DocumentKind.PLAN, unit=unit.name, field="category", values=[unit.category.value],
            )
        if unit.disposition is None:
            yield ctx.finding(
                f"改革前单位{unit.name}尚未确定改革方式",
                document=DocumentKind.PLAN, unit=unit.name, field="disposition", values=[None],
            )


@rule("plan.category_disposition")
def category_disposition(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.before:
        way = unit.disposition
        if way is None:
            continue
        if unit.category is Category.ADMIN and way not in ADMIN_WAYS:
            yield ctx.finding(
                f"{unit.name}承担行政职能，改革方式为“{way.value}”，应为{_labels(ADMIN_WAYS)}",
                document=DocumentKind.PLAN, unit=unit.name, field="disposition", values=[unit.category.value, way.value],
            )
        if unit.category is Category.BUSINESS:
            if way not in BUSINESS_WAYS:
                yield ctx.finding(
                    f"{unit.name}从事生产经营活动，改革方式为“{way.value}”，应为{_labels(BUSINESS_WAYS)}",
                    document=DocumentKind.PLAN, unit=unit.name, field="disposition", values=[unit.category.value, way.value],
                )
            elif (unit.actual or 0) > 0 and unit.id is not None and not ctx.idx.transfers_from.get(unit.id):
                yield ctx.finding(
                    f"{unit.name}（{way.value}）实有{unit.actual}人，尚未在人员转隶中列明人员安置",
                    document=DocumentKind.PLAN, unit=unit.name, field="actual", values=[way.value, unit.actual],
                )
    for unit in ctx.snap.after:
        if unit.category in (Category.ADMIN, Category.BUSINESS) and not ctx.idx.is_new(unit):
            yield ctx.finding(
                f"{unit.name}类别为“{unit.category.value}”，改革后不得仍为事业单位"
                + ("（应转企改制或撤销，不再核定事业编制）" if unit.category is Category.BUSINESS
                   else "（行政职能应划归行政机构或转为行政机构）"),
                document=DocumentKind.PLAN, unit=unit.name, field="category", values=[unit.category.value],
            )


@rule("plan.no_new_admin_or_business")
def no_new_admin_or_business(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.after:
        if ctx.idx.is_new(unit) and unit.category not in PUBLIC:
            yield ctx.finding(
                f"新设单位{unit.name}类别为“{unit.category.value}”；今后不再批准设立承担行政职能或从事生产经营活动的"
                f"事业单位，新设单位应为{_labels(PUBLIC)}",
                document=DocumentKind.PLAN, unit=unit.name, field="category", values=[unit.category.value],
            )


@rule("plan.gongyi1_no_business")
def gongyi1_no_business(ctx: RuleContext) -> Iterator[Finding]:
    words, exclude = list(ctx.params["keywords"]), list(ctx.params["exclude_phrases"])
    for unit in ctx.snap.after:
        if unit.category is not Category.PUBLIC_1:
            continue
        charter, sanding = ctx.charter_of(unit), ctx.sanding_of(unit)
        places = (
            (DocumentKind.CHARTER, "scope", "章程业务范围", charter.scope if charter else []),
            (DocumentKind.SANDING, "duties", "“三定”主要职责", sanding.duties if sanding else []),
        )
        for document, field, where, texts in places:
            hits = contains_any("\n".join(texts), words, exclude)
            if hits:
                yield ctx.finding(
                    f"公益一类单位{unit.name}的{where}含经营性事项（{'、'.join(hits)}）；公益一类不得开展经营活动",
                    document=document, unit=unit.name, field=field, values=[hits, texts],
                )


class _DomainMatcher:
    """The domains whose keywords occur in a text; one regular-expression scan rules most texts out."""

    def __init__(self, domains: dict[str, list[str]]) -> None:
        self.domains = {d: [w for w in words if w] for d, words in domains.items()}
        words = sorted({w for ws in self.domains.values() for w in ws}, key=len, reverse=True)
        self.any_word = re.compile("|".join(map(re.escape, words))) if words else None

    def __call__(self, text: str) -> list[str]:
        if self.any_word is None or self.any_word.search(text) is None:
            return []
        return [d for d, words in self.domains.items() if any(w in text for w in words)]


@rule("plan.central_domains")
def central_domains(ctx: RuleContext) -> Iterator[Finding]:
    domains_in = _DomainMatcher(ctx.params["domains"])
    for unit in ctx.snap.before:
        found = domains_in(unit.name)
        if found and unit.disposition is None:
            yield ctx.finding(
                f"{unit.name}属于中央部署改革的{'、'.join(found)}领域，应明确改革方式",
                document=DocumentKind.PLAN, unit=unit.name, field="disposition", values=[found],
            )
    ggzy: list[str] = []
    for unit in ctx.snap.after:
        charter = ctx.charter_of(unit)
        found = domains_in(unit.name + (charter.purpose if charter else ""))
        if "公共资源交易" in found:
            ggzy.append(unit.name)
        if found and not unit.domain_note.strip():
            yield ctx.finding(
                f"{unit.name}属于中央部署改革的{'、'.join(found)}领域，请填写领域改革说明（落实情况）",
                document=DocumentKind.PLAN, unit=unit.name, field="domain_note", values=[found],
            )
    limit = int(ctx.params["max_ggzy_per_level"])
    if len(ggzy) > limit:
        yield ctx.finding(
            f"改革后公共资源交易类单位{len(ggzy)}个（{'、'.join(ggzy)}），同一层级应整合为不超过{limit}个",
            document=DocumentKind.PLAN, values=[sorted(ggzy), limit],
        )
