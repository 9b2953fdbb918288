"""``data/method.json``: an office's method state as it travels up (issue 17 item 4).

A filing packet may carry it (it is optional there: older packets have none); a 进度报送包
(``X-Sydw-Kind: progress``) always does. The shape is checked by :mod:`..packets.method_json`.

```
{"format": "sydw-method", "format_version": 1, "as_of": "YYYY-MM-DD",
 "region": {"code", "name", "level"},
 "period": {"kind": "周|旬|月", "start", "end"} | null,
 "steps": [{"step", "name", "state", "missing", "done_on"}] × 9,   # as `sydw steps --json`
 "sanding_stages": {"未开始": n, "前期设计": n, …},
 "evaluation": {"evaluated", "reformed", "share", "target", "open_demands", "met"},
 "decisions": [{"kind", "held_on", "doc_no", "result"}]}
```

The facts are read on the caller's thread (:func:`method_state`), so that a worker can finish the
JSON with the check report it runs anyway (:func:`method_json`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..rules.findings import CheckReport
from ..vocab import Phase
from .evaluation import Coverage, coverage
from .model import Decision
from .records import MethodRecords
from .review_table import review_rows, stage_counts
from .steps import StepFacts, compute, gather

if TYPE_CHECKING:
    from ..workspace import Workspace

FORMAT = "sydw-method"
FILE = "method.json"
"""Its name under ``data/``."""


@dataclass(frozen=True)
class MethodState:
    """An office's method records, read once; the steps still need the check report."""

    region: dict[str, str]
    facts: StepFacts
    stages: dict[str, int]
    coverage: Coverage
    decisions: tuple[Decision, ...]


def method_state(ws: Workspace) -> MethodState:
    """Read ``ws``'s method records (no rule check is run here)."""
    records = MethodRecords(ws)
    j = ws.jurisdiction()
    placeholder = CheckReport(j.name, "", "")
    facts = gather(ws, placeholder)
    return MethodState(
        region={"code": j.code, "name": j.name, "level": j.level.value},
        facts=facts,
        stages=stage_counts(review_rows(records)),
        coverage=coverage(records.unit_heads(Phase.AFTER), records.evaluations()),
        decisions=tuple(records.decisions()),
    )


def method_json(state: MethodState, report: CheckReport, as_of: dt.date,
                period: tuple[str, str, str] | None = None) -> dict[str, Any]:
    """The ``method.json`` of ``state`` with the steps computed over ``report``; ``period`` is
    (周|旬|月, start, end) for a 进度报送包."""
    steps = compute(dataclasses.replace(state.facts, report=report))
    return {
        "format": FORMAT,
        "format_version": 1,
        "as_of": as_of.isoformat(),
        "region": dict(state.region),
        "period": None if period is None else {"kind": period[0], "start": period[1], "end": period[2]},
        "steps": [s.to_json() for s in steps],
        "sanding_stages": dict(state.stages),
        "evaluation": state.coverage.to_json(),
        "decisions": [{"kind": d.kind.value, "held_on": d.held_on, "doc_no": d.doc_no, "result": d.result}
                      for d in state.decisions],
    }
