"""Running the catalogue over a snapshot: the rules in force on a date, with their parameters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ..live_snapshot import Delta
from ..model import Explanation, Snapshot
from ..progress import CancelCheck, check_cancel
from ..vocab import DocumentKind, Level
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


@dataclass(frozen=True)
class CheckState:
    """A check's report and what a re-check starts from: each rule's own findings, as it gave them."""

    as_of: dt.date
    level: Level
    rules: tuple[str, ...]
    by_rule: Mapping[str, tuple[Finding, ...]]
    report: CheckReport


def run_checks(snapshot: Snapshot, *, as_of: dt.date | None = None) -> CheckReport:
    """Evaluate every rule in force on ``as_of`` (default today) at the jurisdiction's level."""
    return check(snapshot, as_of=as_of).report


def check(snapshot: Snapshot, *, as_of: dt.date | None = None, cancel: CancelCheck | None = None) -> CheckState:
    """The whole catalogue over ``snapshot``; ``cancel`` is asked between rules."""
    return _check(snapshot, None, as_of or dt.date.today(), cancel)


def recheck(snapshot: Snapshot, previous: CheckState, delta: Delta, *, as_of: dt.date | None = None,
            cancel: CancelCheck | None = None) -> CheckState:
    """The findings of a full check of ``snapshot``, re-running only the rules ``delta`` can affect.

    ``previous`` is the state of the snapshot ``delta`` was taken from. A rule whose catalogue
    ``reads`` do not meet ``delta.reads`` gives the findings it gave before; the rest run again
    (over the whole snapshot, so their findings are exactly a full check's). A change of date, of
    level or of the rules in force, or a ``delta`` that says everything, runs every rule.
    """
    as_of = as_of or dt.date.today()
    if delta.everything or as_of != previous.as_of or snapshot.jurisdiction.level is not previous.level:
        return _check(snapshot, None, as_of, cancel)
    return _check(snapshot, (previous, delta.reads), as_of, cancel)


def affected(entry: RuleEntry, reads: frozenset[str]) -> bool:
    """``entry`` reads something in ``reads`` (a rule without ``reads`` reads everything)."""
    if entry.reads is None:
        return True
    if "setting.*" in entry.reads and any(key.startswith("setting.") for key in reads):
        return True
    return not entry.reads.isdisjoint(reads)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # A check allocates many short-lived objects and no reference cycles; with a region-sized
    # snapshot in memory the cyclic collector's full scans would cost more than the rules.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _check(snapshot: Snapshot, since: tuple[CheckState, frozenset[str]] | None, as_of: dt.date,
           cancel: CancelCheck | None) -> CheckState:
    catalogue = load_catalogue()
    entries = rules_in_force(catalogue, snapshot, as_of)
    ids = tuple(e.id for e in entries)
    if since is not None and since[0].rules != ids:
        since = None
    by_rule: dict[str, tuple[Finding, ...]] = {}
    with _no_cyclic_gc():
        index: SnapshotIndex | None = None
        for entry in entries:
            if since is not None and not affected(entry, since[1]):
                by_rule[entry.id] = since[0].by_rule[entry.id]
                continue
            check_cancel(cancel)
            index = index or SnapshotIndex(snapshot)
            params = effective_params(catalogue, snapshot, entry.id, as_of)
            by_rule[entry.id] = tuple(_run_one(RuleContext(entry, params, snapshot, index, as_of)))
        report = CheckReport(
            workspace=snapshot.jurisdiction.name,
            as_of=as_of.isoformat(),
            rules_version=catalogue.version,
            findings=_compose(snapshot, by_rule),
        )
    return CheckState(as_of, snapshot.jurisdiction.level, ids, by_rule, report)


def _compose(snapshot: Snapshot, by_rule: Mapping[str, tuple[Finding, ...]]) -> tuple[Finding, ...]:
    found = [f for findings in by_rule.values() for f in findings]
    findings = [_explain(f, snapshot.explanations) for f in _merge_warnings(found)]
    findings.sort(key=_order)
    return tuple(findings)


def rules_in_force(catalogue: Catalogue, snapshot: Snapshot, as_of: dt.date) -> list[RuleEntry]:
    level = snapshot.jurisdiction.level
    # ``export``-stage rules (doc.*) read the rendered documents: export and pack run them
    entries = [e for e in catalogue.rules if e.stage == "check" and e.in_force(as_of) and e.applies_to(level)]
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
