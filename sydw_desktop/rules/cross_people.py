"""F. Where people, quota and duties go (x.people, x.overstaff, x.ledger, x.functions)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator

from ..model import Unit, UnitId
from ..vocab import Disposition, DocumentKind, Placement
from .context import RuleContext, rule
from .findings import Finding, Severity
from .textutil import NGramIndex, covered_by, grams_of, norm_name, norm_text

GONE = frozenset({
    Disposition.INTEGRATE, Disposition.MERGE_INTO, Disposition.ABOLISH, Disposition.TO_ENTERPRISE,
    Disposition.FUNCTIONS_TO_ADMIN, Disposition.TO_ADMIN,
})


@rule("x.people")
def people_placed(ctx: RuleContext) -> Iterator[Finding]:
    before_ids = {u.id for u in ctx.snap.before}
    for t in ctx.snap.transfers:
        if t.source not in before_ids:
            yield ctx.finding(f"有一条人员转隶记录（{t.count}人）的原单位不是改革前单位", document=DocumentKind.PLAN,
                              values=[t.source, t.count])
    for unit in ctx.snap.before:
        way = unit.disposition
        if way is None or way.keeps_people_in_place or unit.id is None:
            continue
        rows = ctx.idx.transfers_from.get(unit.id, [])
        lost = [t for t in rows if (t.target is None and t.placement is None)
                or (t.target is not None and t.target not in ctx.idx.after_by_id)]
        if lost:
            yield ctx.finding(
                f"{unit.name}的人员转隶中有{sum(t.count for t in lost)}人的去向不是改革后单位，也不是{'、'.join(Placement.labels())}",
                document=DocumentKind.PLAN, unit=unit.name, field="destination", values=[[t.count for t in lost]],
            )
        if unit.actual is None:
            continue
        moved = sum(t.count for t in rows)
        if moved != unit.actual:
            gap = unit.actual - moved
            why = f"还有{gap}人未落实去向" if gap > 0 else f"多出{-gap}人（重复安置）"
            yield ctx.finding(
                f"{unit.name}（{way.value}）实有{unit.actual}人，人员转隶合计{moved}人，{why}",
                document=DocumentKind.PLAN, unit=unit.name, field="actual", values=[unit.actual, moved, way.value],
            )


def _headcount(ctx: RuleContext) -> dict[UnitId, int]:
    """Projected head count of each after-unit that people flow into (staying + transferred in)."""
    into: dict[UnitId, int] = defaultdict(int)
    for unit in ctx.snap.before:
        rows = ctx.idx.transfers_from.get(unit.id, []) if unit.id is not None else []
        for t in rows:
            if t.target in ctx.idx.after_by_id:
                into[t.target] += t.count
        dest, way = unit.destination, unit.disposition
        if dest not in ctx.idx.after_by_id or way is None or not way.needs_destination:
            continue
        if way.keeps_people_in_place:
            into[dest] += max(0, (unit.actual or 0) - sum(t.count for t in rows))
        elif not rows:
            into[dest] += unit.actual or 0  # 人随编走: no rows listed, everyone follows the quota
    return into


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@rule("x.overstaff")
def overstaff(ctx: RuleContext) -> Iterator[Finding]:
    into = _headcount(ctx)
    grace = ctx.params["grace_years"]
    for unit in ctx.snap.after:
        people = into.get(unit.id, unit.actual or 0) if unit.id is not None else (unit.actual or 0)
        if people <= unit.staffing:
            continue
        over = people - unit.staffing
        head = f"{unit.name}改革后预计实有{people}人，核定编制{unit.staffing}名，超编{over}人"
        deadline_text = unit.overstaff_deadline.strip()
        values = [people, unit.staffing, deadline_text]
        if not deadline_text:
            yield ctx.finding(f"{head}，须填写超编消化期限", document=DocumentKind.PLAN, unit=unit.name,
                              field="overstaff_deadline", values=values)
            continue
        try:
            deadline = dt.date.fromisoformat(deadline_text)
        except ValueError:
            yield ctx.finding(f"{head}，超编消化期限“{deadline_text}”不是有效日期（YYYY-MM-DD）", document=DocumentKind.PLAN,
                              unit=unit.name, field="overstaff_deadline", values=values)
            continue
        limit = None if grace is None else _years_later(ctx.as_of, int(grace))
        if deadline < ctx.as_of:
            yield ctx.finding(f"{head}，消化期限{deadline}已过", document=DocumentKind.PLAN, unit=unit.name,
                              field="overstaff_deadline", values=values)
        elif limit is not None and deadline > limit:
            yield ctx.finding(f"{head}，消化期限{deadline}超过{grace}年（应不晚于{limit}）", document=DocumentKind.PLAN,
                              unit=unit.name, field="overstaff_deadline", values=[*values, grace])
        else:
            yield ctx.finding(f"{head}，消化期限{deadline}", document=DocumentKind.PLAN, unit=unit.name,
                              field="overstaff_deadline", values=values, severity=Severity.INFO)


@rule("x.ledger")
def ledger_balances(ctx: RuleContext) -> Iterator[Finding]:
    for unit in ctx.snap.before:
        way = unit.disposition
        if way is None:
            yield ctx.finding(f"{unit.name}未确定改革方式，核定编制{unit.staffing}名未落实（编制台账不平衡）",
                              document=DocumentKind.PLAN, unit=unit.name, field="disposition", values=[unit.staffing])
        elif way.needs_destination and unit.destination not in ctx.idx.after_by_id:
            yield ctx.finding(
                f"{unit.name}（{way.value}）没有有效的去向单位，核定编制{unit.staffing}名未落实（编制台账不平衡）",
                document=DocumentKind.PLAN, unit=unit.name, field="destination", values=[unit.staffing, way.value],
            )
    raw = ctx.snap.settings.get("recovered_staffing", "").strip()
    if not raw:
        return
    led = ctx.idx.ledger
    equation = (f"改革前{led.before_total} = 改革后{led.after_total} + 核销{led.written_off} + 划出{led.moved_out}"
                f" + 收回{led.recovered} − 新增{led.added}")
    try:
        stated = int(raw)
    except ValueError:
        yield ctx.finding(f"设置项 recovered_staffing（方案写明的收回编制数）“{raw}”不是整数，本次检查忽略了它",
                          document=DocumentKind.PLAN, values=[raw], severity=Severity.INFO)
        return
    if stated != led.recovered:
        yield ctx.finding(f"方案写明收回编制{stated}名，编制台账收回{led.recovered}名（{equation}）",
                          document=DocumentKind.PLAN, values=[stated, led.recovered])


_CLAUSES = re.compile(r"[；;。]")


class _DutyMatcher:
    """Finds whether a duty of a unit that goes away is carried by a 三定 after the reform.

    In order: the destination's 三定 (exactly, inside a merged item, or by bigram coverage); the
    unit's own 职责去向说明; any 三定 word for word (a dict of every clause); the 三定 of the units
    under the same 主管部门 as the unit or its destination by bigram coverage (an n-gram index per
    department, built when first needed). Everything is indexed: no duty is compared with all others.
    """

    def __init__(self, ctx: RuleContext, threshold: float) -> None:
        self.ctx = ctx
        self.threshold = threshold
        self._exact: dict[UnitId, str] = {}
        self._clauses: set[str] | None = None
        self._by_dept: dict[str, list[str]] | None = None
        self._dept_index: dict[str, NGramIndex] = {}

    def _destination(self, unit_id: UnitId) -> str:
        """The destination's duties, normalised, joined by NUL (one substring search covers all)."""
        if unit_id not in self._exact:
            sd = self.ctx.snap.sanding.get(unit_id)
            self._exact[unit_id] = "\0".join(norm_text(d) for d in sd.duties) if sd else ""
        return self._exact[unit_id]

    def _all_clauses(self) -> set[str]:
        if self._clauses is None:
            self._by_dept = defaultdict(list)
            self._clauses = set()
            for unit in self.ctx.snap.after:
                sd = self.ctx.sanding_of(unit)
                if sd is None:
                    continue
                self._by_dept[norm_name(unit.dept)].extend(sd.duties)
                for duty in sd.duties:
                    if "；" in duty or ";" in duty or "。" in duty:
                        self._clauses.update(map(norm_text, _CLAUSES.split(duty)))
                    else:
                        self._clauses.add(norm_text(duty))
        return self._clauses

    def _department(self, dept: str) -> NGramIndex:
        key = norm_name(dept)
        if key not in self._dept_index:
            self._all_clauses()
            assert self._by_dept is not None
            self._dept_index[key] = NGramIndex(self._by_dept.get(key, []))
        return self._dept_index[key]

    def missing(self, unit: Unit, duties: list[str]) -> list[str]:
        """The duties of ``unit`` that no 三定 carries."""
        dest = self.ctx.idx.after_by_id.get(unit.destination) if unit.destination is not None else None
        dest_id = dest.id if dest is not None else None
        joined = self._destination(dest_id) if dest_id is not None else ""
        depts = {unit.dept, dest.dept} if dest is not None else {unit.dept}
        items = [t for t in joined.split("\0") if t]
        notes = [norm_text(n) for n in unit.duties_elsewhere]
        out = []
        for duty in duties:
            key = norm_text(duty)
            if key in joined:
                continue
            grams = grams_of(key)
            if any(covered_by(grams, text, self.threshold) for text in items):
                continue
            if any(key in n or covered_by(grams, n, self.threshold) for n in notes):
                continue
            if key in self._all_clauses():
                continue
            if any(self._department(d).best(duty) >= self.threshold for d in depts):
                continue
            out.append(duty)
        return out


@rule("x.functions")
def functions_placed(ctx: RuleContext) -> Iterator[Finding]:
    threshold = float(ctx.params["threshold"])
    ignore = [p for p in ctx.params["ignore_patterns"] if p]
    matcher = _DutyMatcher(ctx, threshold)
    for unit in ctx.snap.before:
        if unit.disposition not in GONE or not unit.duties:
            continue
        missing = matcher.missing(unit, [d for d in unit.duties if d.strip() and not any(p in d for p in ignore)])
        if missing:
            shown = "；".join(missing[:3]) + (f"等{len(missing)}项" if len(missing) > 3 else "")
            yield ctx.finding(
                f"{unit.name}（{unit.disposition.value}）的原主要职责未在改革后单位的“三定”中找到去向，"
                f"也未在职责去向说明中列明：{shown}",
                document=DocumentKind.PLAN, unit=unit.name, field="duties", values=missing,
            )
