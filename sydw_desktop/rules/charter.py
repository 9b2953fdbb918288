"""D. 章程 and registration (ch.required_items, ch.registration_match, ch.legal_rep,
ch.change_registration).

The (pre-)approved registration record of a unit, where the office enters it, is the plan setting
``registration_records`` (see docs/rules-settings.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Charter, Unit
from ..vocab import Category, DocumentKind
from .context import RuleContext, rule
from .findings import Finding, Severity
from .textutil import norm_name, norm_text
from .workdays import working_days_after


def _text(value: str) -> bool:
    return bool(value.strip())


#: 应载事项 → (field, present?)
ITEMS: dict[str, tuple[str, Callable[[Unit, Charter], bool]]] = {
    "名称": ("name", lambda u, c: _text(u.name)),
    "住所": ("address", lambda u, c: _text(c.address)),
    "类型": ("category", lambda u, c: u.category is not Category.UNCLASSIFIED),
    "经费来源": ("funding_source", lambda u, c: c.funding_source is not None),
    "开办资金": ("capital", lambda u, c: c.capital is not None and c.capital > 0),
    "举办单位": ("sponsors", lambda u, c: any(_text(s) for s in c.sponsors)),
    "宗旨": ("purpose", lambda u, c: _text(c.purpose)),
    "业务范围": ("scope", lambda u, c: any(_text(s) for s in c.scope)),
    "组织机构": ("organization", lambda u, c: _text(c.organization)),
    "资产管理和使用的原则": ("assets", lambda u, c: _text(c.assets)),
    "信息公开": ("disclosure", lambda u, c: _text(c.disclosure)),
    "修改程序": ("amendment", lambda u, c: _text(c.amendment)),
    "终止程序和终止后资产的处理": ("termination", lambda u, c: _text(c.termination)),
}


#: 应载事项 the 章程 template words by default when the office leaves them blank (the editor says so):
#: blank is not missing.
TEMPLATE_DEFAULTS = frozenset({"organization", "assets", "disclosure", "amendment", "termination"})


@rule("ch.required_items")
def required_items(ctx: RuleContext) -> Iterator[Finding]:
    wanted = [i for i in ctx.params["items"] if i in ITEMS]
    for unit in ctx.snap.after:
        charter = ctx.charter_of(unit)
        if charter is None:
            yield ctx.finding(f"{unit.name}尚无章程", document=DocumentKind.CHARTER, unit=unit.name, values=["missing"])
            continue
        for item in wanted:
            field, present = ITEMS[item]
            if not present(unit, charter) and field not in TEMPLATE_DEFAULTS:
                yield ctx.finding(
                    f"{unit.name}的章程未载明{item}", document=DocumentKind.CHARTER, unit=unit.name, field=field, values=[item],
                )
        purpose = norm_text(charter.purpose)
        unrelated = [s for s in charter.scope if s.strip() and purpose and not _shares_a_bigram(s, purpose)]
        if unrelated:
            yield ctx.finding(
                f"{unit.name}章程的业务范围与宗旨看不出关联（用词无重合）：{'、'.join(unrelated)}",
                document=DocumentKind.CHARTER, unit=unit.name, field="scope", values=unrelated, severity=Severity.INFO,
            )


def _shares_a_bigram(text: str, other: str) -> bool:
    t = norm_text(text)
    return any(t[i : i + 2] in other for i in range(max(1, len(t) - 1)))


def registration_record(ctx: RuleContext, unit: Unit) -> tuple[dict[str, Any] | None, Finding | None]:
    records, problem = ctx.json_setting("registration_records", dict)
    if not records:
        return None, problem
    record = records.get(unit.name)
    if record is None:
        record = next((v for k, v in records.items() if norm_name(k) == norm_name(unit.name)), None)
    return (record if isinstance(record, dict) else None), problem


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 0.005
    if isinstance(a, list) or isinstance(b, list):
        seq = [a] if not isinstance(a, list) else a
        other = [b] if not isinstance(b, list) else b
        return [norm_name(str(x)) for x in seq] == [norm_name(str(x)) for x in other]
    return norm_name(str(a)) == norm_name(str(b))


def _show(value: object) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@rule("ch.registration_match")
def registration_match(ctx: RuleContext) -> Iterator[Finding]:
    warned = False
    for unit in ctx.snap.after:
        charter = ctx.charter_of(unit)
        record, problem = registration_record(ctx, unit)
        if problem is not None and not warned:
            warned = True
            yield problem
        if charter is None or record is None:
            continue
        ours: dict[str, tuple[str, str, object]] = {
            "name": ("名称", "name", unit.name),
            "address": ("住所", "address", charter.address),
            "type": ("类型", "category", unit.category.value),
            "funding_source": ("经费来源", "funding_source", charter.funding_source.value if charter.funding_source else ""),
            "capital": ("开办资金", "capital", charter.capital),
            "sponsors": ("举办单位", "sponsors", charter.sponsors),
        }
        for key, (label, field, value) in ours.items():
            registered = record.get(key)
            if registered in (None, "", []) or value in (None, "", []) or _same(value, registered):
                continue  # an item missing from the charter is ch.required_items's finding
            shown, reg_shown = _show(value), _show(registered)
            yield ctx.finding(
                f"{unit.name}章程所载{label}“{shown}”与登记事项“{reg_shown}”不一致",
                document=DocumentKind.CHARTER, unit=unit.name, field=field, values=[key, value, registered],
            )


@rule("ch.legal_rep")
def legal_rep(ctx: RuleContext) -> Iterator[Finding]:
    for unit, charter in ctx.idx.with_charter:
        title, name = charter.legal_rep_title.strip(), charter.legal_rep_name.strip()
        if not title or not name:
            missing = "、".join(x for x, v in (("职务", title), ("姓名", name)) if not v)
            yield ctx.finding(
                f"{unit.name}的章程未写明法定代表人的{missing}",
                document=DocumentKind.CHARTER, unit=unit.name, field="legal_rep_name" if title else "legal_rep_title",
                values=[title, name],
            )
        sd = ctx.sanding_of(unit)
        if sd is not None and title and norm_name(title) != norm_name(sd.principal_title):
            yield ctx.finding(
                f"{unit.name}章程的法定代表人职务“{title}”不是“三定”规定的单位正职“{sd.principal_title}”",
                document=DocumentKind.CHARTER, unit=unit.name, field="legal_rep_title", values=[title, sd.principal_title],
            )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _changes(ctx: RuleContext, unit: Unit, charter: Charter, record: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(变更事项, what changed) for 名称, 法定代表人, 宗旨和业务范围, 经费来源."""
    changes = [("名称", f"原名称{u.name}") for u in ctx.idx.continuing_sources(unit)
               if norm_name(u.name) != norm_name(unit.name)][:1]
    previous = (record or {}).get("previous")
    if isinstance(previous, dict):
        rep = previous.get("legal_rep_name")
        if rep and norm_name(str(rep)) != norm_name(charter.legal_rep_name):
            changes.append(("法定代表人", f"原法定代表人{rep}"))
        old_purpose, old_scope = previous.get("purpose"), previous.get("scope")
        if (old_purpose and norm_text(str(old_purpose)) != norm_text(charter.purpose)) or (
            isinstance(old_scope, list) and [norm_text(str(s)) for s in old_scope]
            != [norm_text(s) for s in charter.scope]
        ):
            changes.append(("宗旨和业务范围", "宗旨或业务范围有调整"))
        funding = previous.get("funding_source")
        current = charter.funding_source.value if charter.funding_source else ""
        if funding and norm_name(str(funding)) != norm_name(current):
            changes.append(("经费来源", f"原经费来源{funding}"))
    return changes


def _has(materials: dict[str, list[str]], enclosed: str, item: str) -> bool:
    """The enclosed 变更登记 materials include one named for ``item``."""
    return any(k and k in enclosed for k in materials.get(item, []))


def _needs(materials: dict[str, list[str]], item: str) -> str:
    return "、".join(materials.get(item, [])) or item


@rule("ch.change_registration")
def change_registration(ctx: RuleContext) -> Iterator[Finding]:
    ratio, days = float(ctx.params["ratio"]), int(ctx.params["days"])
    materials: dict[str, list[str]] = ctx.params["materials"]
    for unit, charter in ctx.idx.with_charter:
        record, _ = registration_record(ctx, unit)
        enclosed = "\n".join(charter.change_materials)
        old, new = charter.previous_capital, charter.capital
        if old and old > 0 and new is not None and abs(new - old) - ratio * old > 1e-9 \
                and not _has(materials, enclosed, "开办资金"):
            yield ctx.finding(
                f"{unit.name}开办资金由{old:g}万元变为{new:g}万元，变动{abs(new - old) / old:.0%}，超过{ratio:.0%}，"
                f"应办理变更登记并附材料（{_needs(materials, '开办资金')}）",
                document=DocumentKind.CHARTER, unit=unit.name, field="change_materials", values=[old, new, ratio, enclosed],
            )
        for item, what in _changes(ctx, unit, charter, record):
            if not _has(materials, enclosed, item):
                yield ctx.finding(
                    f"{unit.name}{item}有变更（{what}），报送包应附相应文件（{_needs(materials, item)}）",
                    document=DocumentKind.CHARTER, unit=unit.name, field="change_materials", values=[item, what, enclosed],
                )
        sd = ctx.sanding_of(unit)
        decided = _date((record or {}).get("decided_on")) or (_date(sd.approved_on) if sd else None)
        applied = _date((record or {}).get("applied_on"))
        if decided and applied:
            count = working_days_after(decided, applied)
            if count.days > days:
                yield ctx.finding(
                    f"{unit.name}变更登记申请日期{applied}距决定日期{decided}已{count.days}个工作日，"
                    f"超过{days}个工作日{count.note()}",
                    document=DocumentKind.CHARTER, unit=unit.name, values=[decided, applied, days],
                )
