"""What a rule actually reads, observed: run it over a snapshot whose objects record attribute access.

``observed_reads(rule_id, snapshot)`` runs one rule (with a fresh :class:`SnapshotIndex`, so no
other rule's memo hides a read) over a copy of ``snapshot`` whose units record the fields read
(``unit.staffing``), whose snapshot records the collections read (``sanding``, ``transfer``,
``round``) and whose settings record the keys read (``setting.region_prefixes``). The catalogue's
``reads = [...]`` of each rule must cover what is observed (``tests/test_rules_recheck.py``), and
``python tests/rules_reads.py WS.sydw`` prints the observed keys of every rule over a workspace.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sydw_desktop.model import Snapshot, Unit  # noqa: E402
from sydw_desktop.rules.catalogue import load_catalogue  # noqa: E402
from sydw_desktop.rules.context import REGISTRY, RuleContext, SnapshotIndex  # noqa: E402
from sydw_desktop.rules.engine import rules_in_force  # noqa: E402
from sydw_desktop.rules.params import effective_params  # noqa: E402

_SEEN: set[str] = set()
_UNIT_FIELDS = frozenset(f.name for f in dataclasses.fields(Unit))
_SNAPSHOT_KEYS = {"sanding": "sanding", "charters": "charter", "quanxian": "quanxian", "transfers": "transfer",
                  "rounds": "round", "league": "league"}


class _RecordingUnit(Unit):
    def __getattribute__(self, name: str) -> Any:
        if name in _UNIT_FIELDS:
            _SEEN.add(f"unit.{name}")
        return super().__getattribute__(name)


class _RecordingSettings(dict[str, str]):
    def __getitem__(self, key: str) -> str:
        _SEEN.add(f"setting.{key}")
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        _SEEN.add(f"setting.{key}")
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        _SEEN.add(f"setting.{key}")
        return super().__contains__(key)

    def __iter__(self) -> Any:
        _SEEN.add("setting.*")
        return super().__iter__()

    def items(self) -> Any:
        _SEEN.add("setting.*")
        return super().items()


class _RecordingSnapshot(Snapshot):
    def __getattribute__(self, name: str) -> Any:
        key = _SNAPSHOT_KEYS.get(name)
        if key is not None:
            _SEEN.add(key)
        return super().__getattribute__(name)


def _recording_unit(u: Unit) -> Unit:
    copy = object.__new__(_RecordingUnit)
    copy.__dict__.update(u.__dict__)
    return copy


def recording_snapshot(snap: Snapshot) -> Snapshot:
    values = {f.name: getattr(snap, f.name) for f in dataclasses.fields(Snapshot)}
    values.update(before=[_recording_unit(u) for u in snap.before], after=[_recording_unit(u) for u in snap.after],
                  settings=_RecordingSettings(snap.settings))
    return _RecordingSnapshot(**values)


def observed_reads(rule_id: str, snap: Snapshot, as_of: dt.date) -> set[str]:
    catalogue = load_catalogue()
    entry = catalogue.get(rule_id)
    assert entry is not None
    recording = recording_snapshot(snap)
    params = effective_params(catalogue, snap, rule_id, as_of)
    _SEEN.clear()
    ctx = RuleContext(entry, params, recording, SnapshotIndex(recording), as_of)
    list(REGISTRY[rule_id](ctx))
    return set(_SEEN)


def all_observed(snap: Snapshot, as_of: dt.date) -> dict[str, set[str]]:
    return {e.id: observed_reads(e.id, snap, as_of) for e in rules_in_force(load_catalogue(), snap, as_of)}


if __name__ == "__main__":
    from sydw_desktop.workspace import Workspace

    with Workspace.open(sys.argv[1], readonly=True) as ws:
        snapshot = ws.snapshot()
    for rule, keys in all_observed(snapshot, dt.date.today()).items():
        print(rule, sorted(keys))
