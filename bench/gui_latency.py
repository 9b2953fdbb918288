#!/usr/bin/env python3
"""Benchmark: how responsive the real window is on a region-scale workspace (issue 11, part 2).

Builds (once, cached in ``--cache``) a region workspace of 26,805 units before / 17,201 after (240 MB), each
after-unit with a 三定, a 章程 and a 政事权限清单 (``bench/region.py``, the same data as
``bench/check_speed.py``'s region), copies it to a scratch folder (synced to disk), starts Xvfb on a free display and
runs ``sydw-desktop WS`` (``ui.app.main``) in a subprocess through ``bench/gui_latency_probe.py``,
which measures with a 20 ms heartbeat timer the longest event-loop stall of each phase:

- ``window_shown_s``: process start → the main window's first paint;
- ``open_ready_s``: process start → workspace open, first check done, problems panel filled;
  ``open_stall_ms``: the longest stall from the first paint to ready;
- ``edit_stall_ms``: one 核定编制 typed into the after-units table and committed, up to the problems
  panel showing the new report (``edit_to_findings_s``): the longest stall over that whole span;
- ``undo_stall_ms``: the same for one 撤销;
- ``sort_stall_ms``, ``search_stall_ms``: one header-click sort and one keystroke in the table's
  search box, each with 0.5 s after it for the deferred relayout and repaint.

Targets: window shown ≤ 1.5 s; open ready ≤ 10 s with no stall > 250 ms; edit, undo, sort and
search stalls ≤ 100 ms; edit → findings ≤ 3 s. The last line printed is one JSON object:

    {"units_before", "window_shown_s", "open_ready_s", "open_stall_ms", "edit_stall_ms",
     "edit_to_findings_s", "undo_stall_ms", "sort_stall_ms", "search_stall_ms"}

Usage: python bench/gui_latency.py [--units N] [--cache DIR] [--seed N] [--profile DIR] [--json-only]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.region import REGION_UNITS_BEFORE, cached_region_workspace  # noqa: E402
from tests.xdisplay import XvfbMissing, xcb_env, xvfb  # noqa: E402

KEYS = ["units_before", "window_shown_s", "open_ready_s", "open_stall_ms", "edit_stall_ms",
        "edit_to_findings_s", "undo_stall_ms", "sort_stall_ms", "search_stall_ms"]
TARGETS = {"window_shown_s": 1.5, "open_ready_s": 10.0, "open_stall_ms": 250, "edit_stall_ms": 100,
           "edit_to_findings_s": 3.0, "undo_stall_ms": 100, "sort_stall_ms": 100, "search_stall_ms": 100}
SEED = 20261130  # bench/check_speed.py's region seed (its --seed default + 1)


def count_units(path: Path) -> tuple[int, int]:
    from sydw_desktop.vocab import Phase
    from sydw_desktop.workspace import Workspace

    with Workspace.open(path, readonly=True) as ws:
        return len(ws.units(Phase.BEFORE)), len(ws.units(Phase.AFTER))


def run_probe(workspace: Path, scratch: Path, display: str, profile: Path | None, timeout: float) -> dict[str, Any]:
    out = scratch / "result.json"
    env = xcb_env(display, XDG_CONFIG_HOME=str(scratch / "config"), XDG_DATA_HOME=str(scratch / "data"),
                  XDG_CACHE_HOME=str(scratch / "cache"))
    command = [sys.executable, str(ROOT / "bench" / "gui_latency_probe.py"), str(workspace), str(out)]
    if profile is not None:
        command += ["--profile", str(profile)]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    if proc.returncode != 0 or "error" in result:
        raise SystemExit(f"the GUI run failed (exit {proc.returncode}):\n{result.get('error', '')}\n{proc.stderr[-4000:]}")
    if proc.stderr.strip():
        result["stderr"] = proc.stderr.strip()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=REGION_UNITS_BEFORE,
                        help=f"units before, about (default {REGION_UNITS_BEFORE}: the region, 26,805 made)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sydw-bench-cache",
                        help="folder keeping the generated workspaces between runs")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--profile", type=Path, help="write cProfile files of each phase (GUI thread) "
                        "and of each rule check (worker) into this folder; the figures then include its overhead")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before the GUI run is abandoned")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args()

    say = (lambda *_a, **_k: None) if args.json_only else print
    start = time.perf_counter()
    source = cached_region_workspace(args.cache, args.seed, args.units)
    before, after = count_units(source)
    say(f"workspace: {source} ({source.stat().st_size / 1e6:.0f} MB; {before} units before / {after} after; "
        f"ready in {time.perf_counter() - start:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="sydw-gui-latency-") as tmp:
        scratch = Path(tmp)
        workspace = scratch / "区域.sydw"  # a copy: the run's edits and 台账 lines never reach the cache
        shutil.copyfile(source, workspace)
        with workspace.open("rb+") as handle:  # on disk, as a clerk's file is: else the first edit's
            os.fsync(handle.fileno())  # commit would wait for the kernel to write 240 MB of the copy
        try:
            with xvfb() as display:
                r = run_probe(workspace, scratch, display, args.profile, args.timeout)
        except XvfbMissing as err:
            raise SystemExit(f"{err}; this benchmark needs a real X display") from None
    if "stderr" in r:
        say(r["stderr"])
    say(f"start → window shown: {r['window_shown_s']:.2f} s")
    say(f"open → ready: {r['open_ready_s']:.2f} s after start; longest stall {r['open_stall_ms']} ms; "
        f"stalls > 250 ms (s after shown, ms): {r['open_stalls']}; findings {r['findings']}")
    name, old, new = r["edited"]
    say(f"edit (核定编制 of {name}: {old} → {new}): setData {r['edit_call_ms']} ms; longest stall "
        f"{r['edit_stall_ms']} ms; panel updated after {r['edit_to_findings_s']:.2f} s; stalls > 100 ms: "
        f"{r['edit_stalls']}; findings {r['findings_after_edit']}")
    say(f"undo: call {r['undo_call_ms']} ms; longest stall {r['undo_stall_ms']} ms; panel updated after "
        f"{r['undo_to_findings_s']:.2f} s; stalls > 100 ms: {r['undo_stalls']}; findings {r['findings_after_undo']}")
    say(f"sort: call {r['sort_call_ms']} ms; longest stall {r['sort_stall_ms']} ms")
    say(f"search keystroke: call {r['search_call_ms']} ms; longest stall {r['search_stall_ms']} ms")
    figures = {"units_before": before, **{k: r[k] for k in KEYS[1:]}}
    missed = [k for k, limit in TARGETS.items() if figures[k] > limit]
    say("targets met" if not missed else f"targets missed: {', '.join(missed)}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
