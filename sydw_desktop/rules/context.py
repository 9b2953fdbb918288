"""What a rule function sees: its catalogue entry, its parameters, the snapshot and shared indexes.

Rule functions are registered by id with :func:`rule` and yield :class:`Finding` objects built with
:meth:`RuleContext.finding`, which fills in severity, basis and the fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from ..ledger import Ledger, build_ledger
from ..model import Charter, Jurisdiction, Quanxian, Sanding, Snapshot, Transfer, Unit, UnitId
from ..vocab import Disposition, DocumentKind, Level, Spec
from .catalogue import RuleEntry
from .findings import Finding, Severity

LEVEL_WORDS = {Level.REGION: "自治区本级", Level.LEAGUE: "盟市", Level.BANNER: "旗县"}
#: ``Spec.rank`` looked up once (the property walks the enum on every call).
SPEC_RANK: dict[Spec, int] = {s: s.rank for s in Spec}
#: Dispositions under which the before-unit continues as the same legal person in its destination.
CONTINUING = frozenset({Disposition.KEEP, Disposition.RENAME, Disposition.TRANSFER})

_UNIT = {f.name for f in dataclasses.fields(Unit)}
#: Field names a finding may point at, per document (a document shows its unit's shared values).
DOCUMENT_FIELDS: dict[DocumentKind, frozenset[str]] = {
    DocumentKind.PLAN: frozenset(_UNIT | {f.name for f in dataclasses.fields(Jurisdiction)}),
    DocumentKind.UNIT: frozenset(_UNIT),
    DocumentKind.SANDING: frozenset(_UNIT | {f.name for f in dataclasses.fields(Sanding)}),
    DocumentKind.CHARTER: frozenset(_UNIT | {f.name for f in dataclasses.fields(Charter)}),
    DocumentKind.QUANXIAN: frozenset(_UNIT | {f.name for f in dataclasses.fields(Quanxian)}),
    DocumentKind.PACKET: frozenset(_UNIT | {f.name for f in dataclasses.fields(Charter)}),
}

RuleFunction = Callable[["RuleContext"], Iterable[Finding]]
REGISTRY: dict[str, RuleFunction] = {}


def rule(rule_id: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the implementation of catalogue rule ``rule_id``."""

    def register(fn: RuleFunction) -> RuleFunction:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = fn
        return fn

    return register


def fingerprint(*values: Any) -> str:
    """A short digest of the values a finding is about (not of its wording)."""
    data = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


class SnapshotIndex:
    """Lookups built once per check run and shared by all rules."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.after_by_id: dict[UnitId, Unit] = {u.id: u for u in snap.after if u.id is not None}
        self.sources: dict[UnitId, list[Unit]] = defaultdict(list)
        for u in snap.before:
            if u.destination is not None:
                self.sources[u.destination].append(u)
        self.memo: dict[str, Any] = {}
        """Values several rules derive the same way (computed by the first that needs them)."""
        self.transfers_from: dict[UnitId, list[Transfer]] = defaultdict(list)
        self.transfers_to: dict[UnitId, list[Transfer]] = defaultdict(list)
        for t in snap.transfers:
            self.transfers_from[t.source].append(t)
            if t.target is not None:
                self.transfers_to[t.target].append(t)

    @cached_property
    def ledger(self) -> Ledger:
        return build_ledger(self.snap)

    @cached_property
    def with_sanding(self) -> list[tuple[Unit, Sanding]]:
        """After-units that have a 三定, with it."""
        docs = self.snap.sanding
        return [(u, docs[u.id]) for u in self.snap.after if u.id in docs]

    @cached_property
    def with_charter(self) -> list[tuple[Unit, Charter]]:
        docs = self.snap.charters
        return [(u, docs[u.id]) for u in self.snap.after if u.id in docs]

    def continuing_sources(self, after: Unit) -> list[Unit]:
        """Before-units that continue as ``after`` (保留, 更名, 划转 into it)."""
        return [u for u in self.sources.get(after.id, []) if u.disposition in CONTINUING] if after.id else []

    def is_new(self, after: Unit) -> bool:
        """New in the plan: marked 新设, or no before-unit goes into it."""
        if after.is_new or after.id is None:
            return after.is_new
        return not self.sources.get(after.id)

    def name_of(self, unit_id: UnitId | None) -> str:
        if unit_id is None:
            return ""
        try:
            return self.snap.unit(unit_id).name
        except KeyError:
            return ""


@dataclasses.dataclass
class RuleContext:
    entry: RuleEntry
    params: dict[str, Any]
    snap: Snapshot
    idx: SnapshotIndex
    as_of: dt.date

    @property
    def level(self) -> Level:
        return self.snap.jurisdiction.level

    @property
    def level_word(self) -> str:
        return LEVEL_WORDS[self.level]

    def finding(
        self,
        message: str,
        *,
        document: DocumentKind,
        unit: str | None = None,
        field: str | None = None,
        values: Iterable[Any] = (),
        severity: Severity | None = None,
    ) -> Finding:
        rule_id = self.entry.id
        return Finding(
            rule=rule_id,
            severity=severity or self.entry.severity_for(self.level),
            message=message,
            document=document,
            unit=unit,
            field=field,
            basis=self.entry.basis.text(),
            fingerprint=fingerprint(rule_id, unit, field, list(values)),
        )

    def json_setting(self, key: str, kind: type) -> tuple[Any, Finding | None]:
        """A JSON-encoded plan setting, or (None, an info finding) when it cannot be read."""
        raw = self.snap.settings.get(key, "")
        if not raw.strip():
            return None, None
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, kind):
            return value, None
        problem = self.finding(
            f"设置项 {key} 不是有效的 JSON {'对象' if kind is dict else '数组'}，本次检查忽略了它：“{raw[:40]}”",
            document=DocumentKind.PLAN, severity=Severity.INFO, values=[key, raw],
        )
        return None, problem

    def sanding_of(self, unit: Unit) -> Sanding | None:
        return self.snap.sanding.get(unit.id) if unit.id is not None else None

    def charter_of(self, unit: Unit) -> Charter | None:
        return self.snap.charters.get(unit.id) if unit.id is not None else None

    def quanxian_of(self, unit: Unit) -> Quanxian | None:
        return self.snap.quanxian.get(unit.id) if unit.id is not None else None
