"""A snapshot of an open workspace kept up to date from each operation's :class:`OpChanges`.

Reading a whole region workspace (26,805 units, 51,603 documents) takes seconds; an edit touches a
few rows. :class:`LiveSnapshot` reads the whole snapshot once (when the workspace opens, off the GUI
thread) and then, after each operation, reads back only the rows the operation touched and makes a
*new* :class:`Snapshot` sharing everything else with the old one. A snapshot is never changed once
made, so a check running on another thread can keep reading the one it was given.

:meth:`LiveSnapshot.apply` returns a :class:`Delta`: what changed, in the words the rule catalogue's
``reads = [...]`` keys use (``unit.staffing``, ``sanding``, ``setting.region_prefixes`` …), so
that :func:`sydw_desktop.rules.engine.recheck` re-runs only the rules that read it.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ModelError
from .model import Snapshot, Unit, UnitId
from .store.undo import ChangeKind, OpChanges
from .vocab import Phase

if TYPE_CHECKING:
    from .workspace import Workspace

#: Above this many touched units (an import, its undo) the units and documents are read whole.
BULK_UNITS = 2000
#: The snapshot's document dicts by document kind key.
DOCUMENT_ATTRS = {"sanding": "sanding", "charter": "charters", "quanxian": "quanxian"}
UNIT_FIELDS = tuple(f.name for f in dataclasses.fields(Unit))


#: What the league rules read (``Snapshot.league``, built from these tables of an upper office).
LEAGUE_KINDS = frozenset({ChangeKind.ALLOCATION, ChangeKind.HANDDOWN, ChangeKind.SUBORDINATE_FILING})


@dataclass(frozen=True)
class Delta:
    """What one or more operations changed, as read keys (see ``resources/rules/*.toml``).

    ``everything`` means: re-run every rule (the jurisdiction or a rule parameter changed, or the
    live snapshot was read again whole).
    """

    reads: frozenset[str] = frozenset()
    everything: bool = False
    #: only the clerk's 说明 changed: no rule needs to run again, the findings are re-annotated
    explanations: bool = False

    def __or__(self, other: Delta) -> Delta:
        return Delta(self.reads | other.reads, self.everything or other.everything,
                     self.explanations or other.explanations)

    @property
    def empty(self) -> bool:
        return not (self.reads or self.everything or self.explanations)


def unit_field_changes(old: Unit | None, new: Unit | None) -> set[str]:
    """``unit.<field>`` keys of the fields that differ (all of them when a unit comes or goes)."""
    if old is None or new is None:
        return {f"unit.{name}" for name in UNIT_FIELDS}
    return {f"unit.{name}" for name in UNIT_FIELDS if getattr(old, name) != getattr(new, name)}


def snapshot_delta(old: Snapshot, new: Snapshot) -> Delta:
    """What differs between two snapshots, compared whole (for tests and for a snapshot read again)."""
    if old.jurisdiction != new.jurisdiction or old.param_overrides != new.param_overrides:
        return Delta(everything=True)
    reads: set[str] = set()
    for phase in ("before", "after"):
        olds = {u.id: u for u in getattr(old, phase)}
        news = {u.id: u for u in getattr(new, phase)}
        if [u.id for u in getattr(old, phase)] != [u.id for u in getattr(new, phase)]:
            reads.update(unit_field_changes(None, None))
        for unit_id in olds.keys() | news.keys():
            if olds.get(unit_id) != news.get(unit_id):
                reads.update(unit_field_changes(olds.get(unit_id), news.get(unit_id)))
    for kind, attr in DOCUMENT_ATTRS.items():
        if getattr(old, attr) != getattr(new, attr):
            reads.add(kind)
    if old.transfers != new.transfers:
        reads.add("transfer")
    if old.rounds != new.rounds:
        reads.add("round")
    keys = old.settings.keys() | new.settings.keys()
    reads.update(f"setting.{k}" for k in keys if old.settings.get(k) != new.settings.get(k))
    return Delta(frozenset(reads), explanations=old.explanations != new.explanations)


def _replace(old: Snapshot, parts: dict[str, Any], replaced: list[Unit] | None) -> Snapshot:
    """``old`` with ``parts`` replaced. ``replaced``: the units changed in place, whose entries of the
    id look-up are patched (None: the units came, went or moved, and the look-up is built again)."""
    new = copy.copy(old)  # shares every part not replaced (no __post_init__: the look-up comes next)
    for name, value in parts.items():
        setattr(new, name, value)
    if "before" in parts or "after" in parts:
        if replaced is None:
            new.__post_init__()
        else:
            new._by_id = dict(old._by_id)
            new._by_id.update((u.id, u) for u in replaced if u.id is not None)
    return new


class LiveSnapshot:
    """The current :class:`Snapshot` of ``ws``; :meth:`apply` brings it up to date after an operation."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        #: counts the times the units came, went or moved (views lay out again when it changes)
        self.layout_version = 0
        self._positions: dict[int, int] | None = None  # unit id → index in its phase's list

    def _index_positions(self) -> dict[int, int]:
        return {u.id or 0: i for units in (self.snapshot.before, self.snapshot.after) for i, u in enumerate(units)}

    def _position(self, unit: Unit) -> int:
        if self._positions is None:
            self._positions = self._index_positions()
        return self._positions[unit.id or 0]

    @classmethod
    def read(cls, ws: Workspace) -> LiveSnapshot:
        """Read the whole snapshot (seconds at region scale: do it off the GUI thread).

        The cyclic collector is held off meanwhile: the read makes millions of objects and no
        cycles, and a collection would hold every thread (the GUI's too) for its whole scan.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            live = cls(ws.snapshot())
            live._positions = live._index_positions()  # here, off the GUI thread
            return live
        finally:
            if collecting:
                gc.enable()

    def apply(self, ws: Workspace, changes: OpChanges) -> Delta:
        """Read back what ``changes`` touched; replace :attr:`snapshot` by an updated copy."""
        kinds = changes.kinds
        old = self.snapshot
        if ChangeKind.JURISDICTION in kinds or ChangeKind.PARAM_OVERRIDE in kinds:
            self.snapshot = ws.snapshot()
            self._moved()
            return Delta(everything=True)
        reads: set[str] = set()
        if kinds & LEAGUE_KINDS:  # an upper office's allocations, received filings, hand-down pack
            reads.add("league")
        parts: dict[str, Any] = {}
        replaced: list[Unit] | None = None
        ids = changes.unit_ids
        bulk = len(ids) > BULK_UNITS
        if ChangeKind.UNIT in kinds:
            if bulk:
                parts["before"], parts["after"] = ws.units(Phase.BEFORE), ws.units(Phase.AFTER)
                reads.update(unit_field_changes(None, None))
                self._moved()
            else:
                parts["before"], parts["after"], replaced = self._units(ws, ids, reads)
        if ChangeKind.DOCUMENT in kinds or (ChangeKind.UNIT in kinds and "unit.id" in reads):
            if bulk:
                fresh = ws.snapshot()
                parts.update(sanding=fresh.sanding, charters=fresh.charters, quanxian=fresh.quanxian)
                reads.update(DOCUMENT_ATTRS)
            else:
                parts.update(self._documents(ws, ids, reads))
        if ChangeKind.TRANSFER in kinds:
            parts["transfers"] = ws.transfers()
            if parts["transfers"] != old.transfers:
                reads.add("transfer")
        if ChangeKind.SETTING in kinds:
            parts["settings"] = ws.settings()
            keys = set(old.settings) | set(parts["settings"])
            reads.update(f"setting.{k}" for k in keys if old.settings.get(k) != parts["settings"].get(k))
        if ChangeKind.ROUND in kinds:
            parts["rounds"] = ws.rounds()
            reads.add("round")
        explained = False
        if ChangeKind.EXPLANATION in kinds:
            parts["explanations"] = ws.explanations()
            explained = parts["explanations"] != old.explanations
        if parts:
            self.snapshot = _replace(old, parts, replaced)
        return Delta(frozenset(reads), explanations=explained)

    def _moved(self) -> None:
        self.layout_version += 1
        self._positions = None

    def _units(self, ws: Workspace, ids: frozenset[int],
               reads: set[str]) -> tuple[list[Unit], list[Unit], list[Unit] | None]:
        """The unit lists with ``ids`` read again, and the units replaced in place (None: they moved)."""
        old = self.snapshot
        lists: dict[Phase, list[Unit]] = {Phase.BEFORE: list(old.before), Phase.AFTER: list(old.after)}
        position: dict[int, tuple[Phase, int]] = {}
        for unit_id in ids:
            try:
                known = old.unit(UnitId(unit_id))
            except KeyError:
                continue
            position[unit_id] = (known.phase, self._position(known))
        reorder = False
        replaced: list[Unit] = []
        for unit_id in ids:
            try:
                new: Unit | None = ws.unit(unit_id)
            except ModelError:
                new = None
            at = position.get(unit_id)
            previous = lists[at[0]][at[1]] if at is not None else None
            if previous == new:
                continue
            reads.update(unit_field_changes(previous, new))
            if at is not None and new is not None and new.phase is at[0] and new.sort_key == previous.sort_key:  # type: ignore[union-attr]
                lists[at[0]][at[1]] = new
                replaced.append(new)
                continue
            reorder = True
            if at is not None:
                lists[at[0]][at[1]] = None  # type: ignore[call-overload]  # removed below
            if new is not None:
                lists[new.phase].append(new)
        if reorder:
            self._moved()
            for phase in lists:
                lists[phase] = sorted((u for u in lists[phase] if u is not None), key=lambda u: (u.sort_key, u.id))
        return lists[Phase.BEFORE], lists[Phase.AFTER], None if reorder else replaced

    def _documents(self, ws: Workspace, ids: frozenset[int], reads: set[str]) -> dict[str, dict[UnitId, Any]]:
        old = self.snapshot
        out: dict[str, dict[UnitId, Any]] = {}
        for kind, attr in DOCUMENT_ATTRS.items():
            docs: dict[UnitId, Any] = getattr(old, attr)
            fresh: dict[UnitId, Any] | None = None
            for unit_id in ids:
                doc = ws.document(unit_id, kind)
                if docs.get(UnitId(unit_id)) == doc:
                    continue
                if fresh is None:
                    fresh = dict(docs)
                if doc is None:
                    fresh.pop(UnitId(unit_id), None)
                else:
                    fresh[UnitId(unit_id)] = doc
            if fresh is not None:
                out[attr] = fresh
                reads.add(kind)
        return out
