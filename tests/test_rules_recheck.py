"""A re-check after an edit gives exactly the findings of a full check.

``rules.engine.recheck`` re-runs only the rules whose catalogue ``reads`` meet what changed; these
tests hold it to a full check: (1) every rule's declared reads cover what it is seen to read, over
random snapshots; (2) over random edits of random snapshots, recheck == full check; (3) over random
edits of a real workspace through the façade, the :class:`LiveSnapshot` kept from ``OpChanges``
equals the snapshot read whole, and its re-check equals a full check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rules_reads import observed_reads
from test_rules_property import SETTINGS, documents, snapshots

from sydw_desktop.demo import write_demo
from sydw_desktop.live_snapshot import LiveSnapshot, snapshot_delta
from sydw_desktop.model import Snapshot, Unit
from sydw_desktop.rules import load_catalogue
from sydw_desktop.rules.engine import affected, check, recheck, rules_in_force
from sydw_desktop.rules.findings import Severity
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

AS_OF = dt.date(2026, 11, 30)
EDITABLE = [f.name for f in dataclasses.fields(Unit) if f.name not in ("id", "phase", "name", "destination")]


def test_every_rule_declares_what_it_reads() -> None:
    for entry in (e for e in load_catalogue().rules if e.stage == "check"):  # doc.* run at export only
        assert entry.reads is not None, f"{entry.id} has no reads = [...]"
        assert entry.reads, entry.id


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(snapshots())
def test_declared_reads_cover_the_observed_reads(snap: Snapshot) -> None:
    catalogue = load_catalogue()
    for entry in rules_in_force(catalogue, snap, AS_OF):
        seen = observed_reads(entry.id, snap, AS_OF)
        assert entry.reads is not None
        missing = {k for k in seen - entry.reads if not (k.startswith("setting.") and "setting.*" in entry.reads)}
        assert not missing, f"{entry.id} reads {sorted(missing)} but does not declare it"


@st.composite
def edited(draw: st.DrawFn) -> tuple[Snapshot, Snapshot]:
    """A random snapshot and a copy with one to three random edits (unit fields, documents, settings)."""
    old = draw(snapshots())
    donor = draw(snapshots())
    new = dataclasses.replace(old, before=list(old.before), after=list(old.after), sanding=dict(old.sanding),
                              charters=dict(old.charters), quanxian=dict(old.quanxian), settings=dict(old.settings))
    for _ in range(draw(st.integers(1, 3))):
        what = draw(st.sampled_from(["unit", "unit", "unit", "document", "setting", "delete"]))
        phase = draw(st.sampled_from(["before", "after"]))
        units: list[Unit] = getattr(new, phase)
        donors = [*donor.before, *donor.after]
        if what == "unit" and units and donors:
            i = draw(st.integers(0, len(units) - 1))
            field = draw(st.sampled_from(EDITABLE))
            value = getattr(draw(st.sampled_from(donors)), field)
            if field in ("disposition",) and units[i].phase is Phase.AFTER:
                continue
            units[i] = dataclasses.replace(units[i], **{field: value})
        elif what == "delete" and units:
            del units[draw(st.integers(0, len(units) - 1))]
        elif what == "document" and new.after:
            attr = draw(st.sampled_from(sorted(documents)))
            unit = draw(st.sampled_from(new.after))
            docs = getattr(new, attr)
            if draw(st.booleans()) and unit.id in docs:
                del docs[unit.id]
            else:
                docs[unit.id] = draw(documents[attr])
        elif what == "setting":
            key = draw(st.sampled_from(sorted(SETTINGS)))
            new.settings[key] = draw(st.sampled_from(SETTINGS[key]))
    return old, Snapshot(**{f.name: getattr(new, f.name) for f in dataclasses.fields(Snapshot)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(edited())
def test_recheck_after_random_edits_equals_a_full_check(pair: tuple[Snapshot, Snapshot]) -> None:
    old, new = pair
    delta = snapshot_delta(old, new)
    rechecked = recheck(new, check(old, as_of=AS_OF), delta, as_of=AS_OF).report
    assert rechecked == check(new, as_of=AS_OF).report


def test_a_staffing_edit_reruns_only_the_rules_that_read_staffing(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    reads = frozenset({"unit.staffing"})
    rerun = {e.id for e in catalogue.rules if affected(e, reads)}
    assert "plan.min_unit_size" in rerun and "x.staffing" in rerun
    assert "x.functions" not in rerun and "nm.unique" not in rerun and "uscc.checksum" not in rerun


def _random_edit(ws: Workspace, rng: random.Random, serial: int) -> OpChanges | None:
    after = ws.units(Phase.AFTER)
    before = ws.units(Phase.BEFORE)
    roll = rng.random()
    unit = rng.choice(after if rng.random() < 0.6 else before)
    assert unit.id is not None
    if roll < 0.35:
        return ws.update_unit(unit.id, staffing=rng.randrange(0, 40))
    elif roll < 0.45:
        return ws.update_unit(unit.id, name=f"{unit.name[:4]}测试{serial}中心")
    elif roll < 0.55:
        return ws.update_unit(unit.id, dept=rng.choice([u.dept for u in after]))
    elif roll < 0.62:
        return ws.update_unit(unit.id, actual=rng.choice([None, 0, 3, 30]))
    elif roll < 0.70 and unit.phase is Phase.AFTER:
        doc = ws.sanding(unit.id)
        if doc is not None:
            return ws.set_document(unit.id, dataclasses.replace(doc, organ_leaders=rng.randrange(0, 6)))
    elif roll < 0.76:
        return ws.delete_unit(unit.id)
    elif roll < 0.82:
        return ws.add_unit(dataclasses.replace(unit, id=None, name=f"新增测试{serial}中心"))
    elif roll < 0.86:
        return ws.set_setting("region_prefixes", rng.choice(["", '["示例"]', "[oops"]), "地区前缀")
    elif roll < 0.90 and ws.undo_name:
        return ws.undo()
    elif ws.redo_name:
        return ws.redo()
    return None


def test_live_snapshot_and_recheck_follow_random_edits_of_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    rng = random.Random(20261203)
    with Workspace.open(path) as ws:
        live = LiveSnapshot.read(ws)
        state = check(live.snapshot, as_of=AS_OF)
        for serial in range(80):
            changes = _random_edit(ws, rng, serial)
            if changes is None:
                continue
            delta = live.apply(ws, changes)
            whole = ws.snapshot()
            assert live.snapshot == whole, f"edit {serial} ({changes.operation}): the live snapshot drifted"
            assert all(live.snapshot.unit(u.id) == u for u in (*whole.before, *whole.after) if u.id is not None)
            assert len(live.snapshot._by_id) == len(whole.before) + len(whole.after)
            assert snapshot_delta(whole, whole).empty
            state = recheck(live.snapshot, state, delta, as_of=AS_OF)
            assert state.report == check(whole, as_of=AS_OF).report, f"edit {serial} ({changes.operation})"


def test_a_new_explanation_reruns_no_rule_and_annotates_the_warning(tmp_path: Path) -> None:
    path = tmp_path / "示例旗.sydw"
    write_demo(path)
    with Workspace.open(path) as ws:
        live = LiveSnapshot.read(ws)
        state = check(live.snapshot, as_of=AS_OF)
        warning = next(f for f in state.report.findings if f.severity is Severity.WARNING)
        changes = ws.set_explanation(warning.rule, warning.unit, warning.field, "依据某文件保留", warning.fingerprint)
        delta = live.apply(ws, changes)
        assert delta.explanations and not delta.reads and not delta.everything
        assert not [e.id for e in load_catalogue().rules if e.stage == "check" and affected(e, delta.reads)]
        state = recheck(live.snapshot, state, delta, as_of=AS_OF)
        assert state.report == check(ws.snapshot(), as_of=AS_OF).report
        explained = [f for f in state.report.findings if f.key == warning.key]
        assert explained and explained[0].explanation == "依据某文件保留" and not explained[0].explanation_stale
