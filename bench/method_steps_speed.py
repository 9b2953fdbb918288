#!/usr/bin/env python3
"""Benchmark: computing the nine steps (and the 审理 table) of a region-sized workspace.

The GUI computes the steps on its own thread after every check report, so this must stay well
under the 100 ms a clerk notices. Uses the region workspace of :mod:`bench.region` (26,805 units
before / 17,201 after, a 三定 for every unit after; built once into the cache folder) and the
check report's place taken by an empty report (the GUI is handed the report by the checker).
The last line printed is one JSON object: ``{"units_before", "units_after", "steps_s", "review_rows_s"}``.

Target: steps ≤ 0.5 s at region scale.    Usage: nice python bench/method_steps_speed.py [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.region import cached_region_workspace  # noqa: E402
from sydw_desktop.method.records import MethodRecords  # noqa: E402
from sydw_desktop.method.review_table import review_rows  # noqa: E402
from sydw_desktop.method.steps import compute_steps  # noqa: E402
from sydw_desktop.rules.findings import CheckReport  # noqa: E402
from sydw_desktop.vocab import Phase  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402


def best_of(runs: int, work: object) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sydw-bench-cache")
    args = parser.parse_args()
    path = cached_region_workspace(args.cache, seed=1)
    with Workspace.open(path, readonly=True) as ws:
        report = CheckReport(workspace=ws.jurisdiction().name, as_of="2026-12-01", rules_version="", findings=())
        steps_s = best_of(3, lambda: compute_steps(ws, report))
        review_s = best_of(3, lambda: review_rows(MethodRecords(ws)))
        result = {"units_before": ws.unit_count(Phase.BEFORE), "units_after": ws.unit_count(Phase.AFTER),
                  "steps_s": round(steps_s, 3), "review_rows_s": round(review_s, 3)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
