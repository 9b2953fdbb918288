#!/usr/bin/env python3
"""Benchmark: the whole rule catalogue on a 150-unit banner and on a synthetic region.

The banner goes through a real `.sydw` workspace (import, documents, snapshot); the region
(≥ 26,000 units before, ≥ 17,000 after, a 三定 with ~8 duties and ~3 internal organs, a 章程 and a
政事权限清单 for every unit after) is built as a Snapshot in memory. Peak memory is the process's
peak resident set size from ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (it includes building the
data). The last line printed is one JSON object:

    {"banner_units", "banner_s", "region_units_before", "region_units_after", "region_s", "region_peak_mb"}

Targets: banner ≤ 0.2 s, region ≤ 5 s and ≤ 1 GB.    Usage: python bench/check_speed.py [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.region import AS_OF, banner_workspace, region_snapshot  # noqa: E402
from sydw_desktop.model import Snapshot  # noqa: E402
from sydw_desktop.rules import load_catalogue, run_checks  # noqa: E402


def timed_check(snap: Snapshot, runs: int) -> tuple[float, float, int, Counter[str]]:
    """Best wall-clock time of ``runs`` checks, its CPU time, and the findings."""
    best, cpu = float("inf"), 0.0
    severities: Counter[str] = Counter()
    for _ in range(runs):
        wall, proc = time.perf_counter(), time.process_time()
        report = run_checks(snap, as_of=AS_OF)
        wall, proc = time.perf_counter() - wall, time.process_time() - proc
        if wall < best:
            best, cpu = wall, proc
        severities = Counter(f.severity.value for f in report.findings)
    return best, cpu, sum(severities.values()), severities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        with banner_workspace(Path(tmp), random.Random(args.seed)) as ws:
            start = time.perf_counter()
            banner = ws.snapshot()
            snap_s = time.perf_counter() - start
        banner_s, banner_cpu, banner_n, banner_sev = timed_check(banner, runs=5)
    print(f"banner: {len(banner.before)} before / {len(banner.after)} after; snapshot {snap_s:.3f} s; "
          f"check {banner_s:.3f} s wall, {banner_cpu:.3f} s CPU (best of 5); findings {banner_n} {dict(banner_sev)}")
    start = time.perf_counter()
    region = region_snapshot(random.Random(args.seed + 1))
    build_s = time.perf_counter() - start
    region_s, region_cpu, region_n, region_sev = timed_check(region, runs=1)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    print(f"region: {len(region.before)} before / {len(region.after)} after / {len(region.sanding)} 三定; "
          f"built in {build_s:.1f} s; check {region_s:.2f} s wall, {region_cpu:.2f} s CPU; findings {region_n} {dict(region_sev)}; "
          f"peak RSS {peak_mb:.0f} MB (getrusage ru_maxrss, whole process)")
    print(json.dumps({
        "banner_units": len(banner.before), "banner_s": round(banner_s, 4),
        "region_units_before": len(region.before), "region_units_after": len(region.after),
        "region_s": round(region_s, 3), "region_peak_mb": round(peak_mb, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
