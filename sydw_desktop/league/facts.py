"""The league rules' view of an upper workspace: a snapshot carrying :class:`LeagueFacts`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from ..codec import from_data
from ..model import Jurisdiction, LeagueFacts, ParamOverride, Snapshot, SubordinatePlan
from ..rules.catalogue import load_catalogue
from ..rules.params import effective_params
from ..vocab import Level
from ..workspace import Workspace
from .aggregate import latest_filings

#: What was read of each received filing, by (packet SHA-256, code, round, date, handed-down keys):
#: a received filing never changes, so the GUI's re-checks do not parse it again.
_PLANS: dict[tuple[str, str, int, str, tuple[str, ...]], SubordinatePlan] = {}
_PLANS_KEPT = 4096


def handed_down_values(snap: Snapshot, as_of: dt.date) -> dict[str, object]:
    """``rule.param`` → value for every parameter the office has overridden (in force on ``as_of``)."""
    catalogue = load_catalogue()
    keys = {(o.rule, o.param) for o in snap.param_overrides if str(o.effective_from) <= as_of.isoformat()}
    values: dict[str, object] = {}
    for rule, param in sorted(keys):
        if catalogue.get(rule) is None:
            continue
        params = effective_params(catalogue, snap, rule, as_of)
        if param in params:
            values[f"{rule}.{param}"] = params[param]
    return values


def league_facts(ws: Workspace, snap: Snapshot, as_of: dt.date) -> LeagueFacts:
    catalogue = load_catalogue()
    handed = handed_down_values(snap, as_of)
    plans: list[SubordinatePlan] = []
    levels: dict[str, str] = {}
    for f in latest_filings(ws):
        key = (f.packet_sha256, f.region_code, f.round, as_of.isoformat(), tuple(sorted(handed)))
        plan = _PLANS.get(key)
        if plan is None:
            data = ws.subordinate_data(f.region_code, f.round)
            if data is None:
                continue
            # Stored only after it verified against the schema: read just what the rules need.
            raw = json.loads(data[0])
            sub = Snapshot(from_data(Jurisdiction, raw["jurisdiction"]), [], [], [], {}, {}, {},
                           param_overrides=[from_data(ParamOverride, o) for o in raw["param_overrides"]])
            values: dict[str, object] = {}
            for name in handed:
                rule, _, param = name.rpartition(".")
                values[name] = effective_params(catalogue, sub, rule, as_of).get(param)
            plan = SubordinatePlan(
                f.region_code, f.name, f.round, len(raw["after"]), sum(int(u["staffing"]) for u in raw["after"]),
                sub.jurisdiction.unit_cap, sub.jurisdiction.staff_cap, values,
            )
            if len(_PLANS) >= _PLANS_KEPT:
                _PLANS.clear()
            _PLANS[key] = plan
        plans.append(plan)
        levels[f.region_code] = f.level
    if snap.jurisdiction.level is Level.REGION:
        plans = _with_banners(plans, levels)
    return LeagueFacts(ws.allocations(), plans, handed)


def _with_banners(plans: list[SubordinatePlan], levels: dict[str, str]) -> list[SubordinatePlan]:
    """At the region, a league's plan counts its banners' units and 编制 with its own."""
    leagues = {p.code[:4]: p for p in plans if levels[p.code] == Level.LEAGUE.value}
    extra: dict[str, tuple[int, int]] = {}
    for p in plans:
        parent = leagues.get(p.code[:4])
        if parent is not None and parent is not p:
            units, staff = extra.get(parent.code, (0, 0))
            extra[parent.code] = (units + p.units_after, staff + p.staff_after)
    return [
        dataclasses.replace(p, units_after=p.units_after + extra[p.code][0],
                            staff_after=p.staff_after + extra[p.code][1]) if p.code in extra else p
        for p in plans
    ]


def league_snapshot(ws: Workspace, as_of: dt.date | None = None) -> Snapshot:
    """``ws``'s snapshot, with its subordinates attached when it is a 盟市 or the 自治区."""
    return attach_league(ws, ws.snapshot(), as_of)


def attach_league(ws: Workspace, snap: Snapshot, as_of: dt.date | None = None) -> Snapshot:
    """``snap`` (of ``ws``, e.g. the GUI's live snapshot) with the subordinates attached for an upper office."""
    if snap.jurisdiction.level is Level.BANNER:
        return snap
    return dataclasses.replace(snap, league=league_facts(ws, snap, as_of or dt.date.today()))
