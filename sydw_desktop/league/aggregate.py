"""Totals over an upper office's subordinates (``sydw aggregate``).

Each subordinate's figures are those of its latest received round, computed at receipt with the
county's own :func:`~sydw_desktop.figures.headline_figures` (kept in the filing's summary): one
implementation, so a league's totals are the sum of its banners' own. A region sees its leagues,
each with its own 本级 figures plus its banners', and, opened, the banners.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from ..model import SubordinateFiling
from ..vocab import Level
from ..workspace import Workspace
from .status import round_status

#: headline_figures labels → the JSON keys of the aggregate.
FIGURE_KEYS = {"事业单位数": "units", "事业编制数": "staff", "内设机构数": "organs", "领导职数": "leaders"}


@dataclass
class Counts:
    """The summed figures of one row (a subordinate, a league with its banners, or the total)."""

    units_before: int = 0
    units_after: int = 0
    staff_before: int = 0
    staff_after: int = 0
    organs_before: int = 0
    organs_after: int = 0
    leaders_before: int = 0
    leaders_after: int = 0
    errors: int = 0
    warnings: int = 0
    explained: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(Counts):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def reduced(self, key: str) -> int:
        """精简数 of a figure (``units``, ``staff``, ``organs``, ``leaders``)."""
        return int(getattr(self, f"{key}_before")) - int(getattr(self, f"{key}_after"))

    def ratio(self, key: str) -> float | None:
        """精简比例 of a figure, or None when there was nothing before."""
        before = int(getattr(self, f"{key}_before"))
        return None if before == 0 else self.reduced(key) / before

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(Counts)}
        for key in FIGURE_KEYS.values():
            data[f"{key}_reduced"] = self.reduced(key)
            ratio = self.ratio(key)
            data[f"{key}_ratio"] = None if ratio is None else round(ratio, 4)
        return data


@dataclass
class SubordinateRow:
    code: str
    name: str
    level: str
    round: int
    status: str
    counts: Counts
    """This row's figures: for a league seen from the region, its own plus its banners'."""
    children: list[SubordinateRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "name": self.name, "level": self.level,
                                "round": self.round, "status": self.status, **self.counts.to_json()}
        if self.children:
            data["subordinates"] = [c.to_json() for c in self.children]
        return data


@dataclass
class Aggregate:
    code: str
    name: str
    level: str
    rows: list[SubordinateRow]
    total: Counts
    missing: list[tuple[str, str]]

    def to_json(self) -> dict[str, Any]:
        return {
            "workspace": self.name, "code": self.code, "level": self.level,
            "subordinates": [r.to_json() for r in self.rows],
            "total": self.total.to_json(),
            "missing": [{"code": c, "name": n} for c, n in self.missing],
        }


def latest_filings(ws: Workspace) -> list[SubordinateFiling]:
    """The latest received round of every subordinate office, by region code."""
    latest: dict[str, SubordinateFiling] = {}
    for f in ws.subordinate_filings():
        if f.region_code not in latest or f.round > latest[f.region_code].round:
            latest[f.region_code] = f
    return [latest[c] for c in sorted(latest)]


def filing_counts(filing: SubordinateFiling, check_report: dict[str, Any] | None) -> Counts:
    """A received filing's own figures and finding counts."""
    counts = Counts()
    for fig in filing.summary.get("figures", []):
        key = FIGURE_KEYS.get(fig.get("label", ""))
        if key is not None:
            setattr(counts, f"{key}_before", int(fig["before"]))
            setattr(counts, f"{key}_after", int(fig["after"]))
    found = filing.summary.get("findings", {})
    counts.errors, counts.warnings = int(found.get("error", 0)), int(found.get("warning", 0))
    if check_report is not None:
        counts.explained = sum(
            1 for f in check_report.get("findings", [])
            if f.get("severity") == "warning" and (f.get("explanation") or "").strip()
        )
    return counts


def aggregate(ws: Workspace) -> Aggregate:
    """The totals of ``ws``'s subordinates from their latest received rounds."""
    me = ws.jurisdiction()
    filings = latest_filings(ws)
    reports = ws.received_check_reports([(f.region_code, f.round) for f in filings])
    rows: dict[str, SubordinateRow] = {}
    for f in filings:
        text = reports.get((f.region_code, f.round))
        counts = filing_counts(f, None if text is None else json.loads(text))
        rows[f.region_code] = SubordinateRow(f.region_code, f.name, f.level, f.round,
                                             round_status(ws, f.region_code, f.round), counts)
    top = _nest(rows) if me.level is Level.REGION else list(rows.values())
    total = Counts()
    for row in top:
        total.add(row.counts)
    filed = set(rows)
    missing = [(a.region_code, a.name) for a in ws.allocations() if a.region_code not in filed]
    return Aggregate(me.code, me.name, me.level.value, top, total, missing)


def _nest(rows: dict[str, SubordinateRow]) -> list[SubordinateRow]:
    """Put each banner under its league (same first four code digits) when the league has filed."""
    leagues = {r.code[:4]: r for r in rows.values() if r.level == Level.LEAGUE.value}
    top: list[SubordinateRow] = []
    for row in rows.values():
        parent = leagues.get(row.code[:4])
        if parent is not None and parent is not row:
            parent.children.append(row)
            parent.counts.add(row.counts)
        else:
            top.append(row)
    return top
