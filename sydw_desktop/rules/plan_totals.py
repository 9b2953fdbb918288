"""B. Plan-level totals: 机构限额, 编制总量, 最小规模 (plan.unit_cap, plan.staff_cap, plan.min_unit_size)."""

from __future__ import annotations

from collections.abc import Iterator

from ..vocab import DocumentKind
from .context import RuleContext, rule
from .findings import Finding, Severity


@rule("plan.unit_cap")
def unit_cap(ctx: RuleContext) -> Iterator[Finding]:
    n_after, n_before = len(ctx.snap.after), len(ctx.snap.before)
    limit = ctx.params["unit_limit"]
    if limit is None:
        limit = ctx.snap.jurisdiction.unit_cap
    if limit is not None and n_after > limit:
        yield ctx.finding(
            f"改革后事业单位{n_after}个，超过机构限额{limit}个（多{n_after - limit}个）",
            document=DocumentKind.PLAN, field="unit_cap", values=[n_after, limit],
        )
    exception = ctx.snap.settings.get("unit_cap_exception", "").strip()
    if n_after > n_before and not exception:
        yield ctx.finding(
            f"改革后事业单位{n_after}个，多于改革前的{n_before}个；如经批准突破，请在设置项"
            "“突破单位数的批准文号”（unit_cap_exception）中填写文号",
            document=DocumentKind.PLAN, values=[n_after, n_before],
        )


@rule("plan.staff_cap")
def staff_cap(ctx: RuleContext) -> Iterator[Finding]:
    ledger = ctx.idx.ledger
    after, before = ledger.after_total, ledger.before_total
    detail = (
        f"（核销{ledger.written_off}名、划出{ledger.moved_out}名、收回{ledger.recovered}名、"
        f"新增{ledger.added}名）"
    )
    if after > before:
        yield ctx.finding(
            f"改革后核定编制合计{after}名，超过改革前的{before}名（多{after - before}名）{detail}",
            document=DocumentKind.PLAN, values=[after, before],
        )
    cap = ctx.params["staffing_control_total"]
    if cap is None:
        cap = ctx.snap.jurisdiction.staff_cap
    if cap is not None and after > cap:
        yield ctx.finding(
            f"改革后核定编制合计{after}名，超过事业编制控制总量{cap}名（多{after - cap}名）",
            document=DocumentKind.PLAN, field="staff_cap", values=[after, cap],
        )


@rule("plan.min_unit_size")
def min_unit_size(ctx: RuleContext) -> Iterator[Finding]:
    threshold = int(ctx.params["T"])
    inclusive = bool(ctx.params["inclusive"])
    measure = str(ctx.params["measure"])
    field = "actual" if measure == "实有人数" else "staffing"
    wording = f"{threshold}名以下" if inclusive else f"不满{threshold}名"
    for unit in ctx.snap.after:
        value = unit.actual if field == "actual" else unit.staffing
        if value is None or not (value <= threshold if inclusive else value < threshold):
            continue
        message = f"{ctx.level_word}不再保留{measure}{wording}的事业单位：{unit.name}（{measure}{value}名）"
        severity = None
        if unit.exemption.strip():
            message += f"；已填写保留依据（{unit.exemption.strip()}），请说明"
            severity = Severity.WARNING
        yield ctx.finding(
            message, document=DocumentKind.PLAN, unit=unit.name, field=field,
            values=[value, threshold, inclusive, unit.exemption.strip()], severity=severity,
        )
