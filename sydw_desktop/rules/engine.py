"""Running the catalogue over a snapshot: the rules in force on a date, with their parameters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable

from ..model import Explanation, Snapshot
from ..vocab import DocumentKind
from . import (  # noqa: F401  (importing the theme modules registers their rule functions)
    charter,
    cross_documents,
    cross_people,
    identity,
    league_caps,
    names,
    plan_categories,
    plan_org,
    plan_totals,
    sanding_staff,
    sanding_structure,
)
from .catalogue import Catalogue, CatalogueError, RuleEntry, load_catalogue
from .context import REGISTRY, RuleContext, SnapshotIndex, fingerprint
from .findings import CheckReport, Finding, Severity
from .params import effective_params

#: Marks a finding that reports a rule which could not finish (a program error, not a data problem).
RULE_FAILED = "本规则未能完成检查"
#: Findings are listed document by document in the order :class:`DocumentKind` declares them.
_DOCUMENT_ORDER = {kind: i for i, kind in enumerate(DocumentKind)}


def run_checks(snapshot: Snapshot, *, as_of: dt.date | None = None) -> CheckReport:
    """Evaluate every rule in force on ``as_of`` (default today) at the jurisdiction's level."""
    as_of = as_of or dt.date.today()
    catalogue = load_catalogue()
    # A check allocates many short-lived objects and no reference cycles; with a region-sized
    # snapshot in memory the cyclic collector's full scans would cost more than the rules.
    collecting = gc.isenabled()
    gc.disable()
    try:
        index = SnapshotIndex(snapshot)
        found: list[Finding] = []
        for entry in rules_in_force(catalogue, snapshot, as_of):
            params = effective_params(catalogue, snapshot, entry.id, as_of)
            ctx = RuleContext(entry, params, snapshot, index, as_of)
            found.extend(_run_one(ctx))
        findings = [_explain(f, snapshot.explanations) for f in _merge_warnings(found)]
        findings.sort(key=_order)
    finally:
        if collecting:
            gc.enable()
    return CheckReport(
        workspace=snapshot.jurisdiction.name,
        as_of=as_of.isoformat(),
        rules_version=catalogue.version,
        findings=tuple(findings),
    )


def rules_in_force(catalogue: Catalogue, snapshot: Snapshot, as_of: dt.date) -> list[RuleEntry]:
    level = snapshot.jurisdiction.level
    entries = [e for e in catalogue.rules if e.in_force(as_of) and e.applies_to(level)]
    missing = [e.id for e in entries if e.id not in REGISTRY]
    if missing:
        raise CatalogueError(f"规则目录中的这些规则没有实现：{'、'.join(missing)}")
    return entries


def _run_one(ctx: RuleContext) -> list[Finding]:
    try:
        return list(REGISTRY[ctx.entry.id](ctx))
    except Exception as exc:  # a bug in one rule must not take the whole check down
        return [
            ctx.finding(
                f"{RULE_FAILED}（程序错误：{type(exc).__name__}: {exc}），请把工作区文件交给维护人员。",
                document=DocumentKind.PACKET, severity=Severity.ERROR, values=[type(exc).__name__, str(exc)],
            )
        ]


def _merge_warnings(findings: Iterable[Finding]) -> list[Finding]:
    """One warning per identity (rule + unit + field), so that one 说明 answers one finding."""
    merged: dict[tuple[str, str, str], Finding] = {}
    out: list[Finding] = []
    for f in findings:
        if f.severity is not Severity.WARNING:
            out.append(f)
            continue
        first = merged.get(f.key)
        if first is None:
            merged[f.key] = f
            continue
        merged[f.key] = dataclasses.replace(
            first,
            message=f"{first.message}；{f.message}",
            fingerprint=fingerprint(first.fingerprint, f.fingerprint),
        )
    return out + list(merged.values())


def _explain(f: Finding, explanations: dict[tuple[str, str, str], Explanation]) -> Finding:
    """Attach the clerk's 说明 to a warning (errors cannot be explained away; info needs none)."""
    if f.severity is not Severity.WARNING:
        return f
    exp = explanations.get(f.key)
    if exp is None:
        return f
    return dataclasses.replace(f, explanation=exp.text, explanation_stale=exp.fingerprint != f.fingerprint)


def _order(f: Finding) -> tuple[int, int, str, str, str, str]:
    doc = _DOCUMENT_ORDER[f.document]
    return (-f.severity.weight, doc, f.unit or "", f.rule, f.field or "", f.message)
