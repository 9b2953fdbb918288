"""Benchmark: a league receives 100 banner packets, then aggregates them.

Each banner is small and generated (bench/league_data.py), but a real signed filing packet (99
banners of one league, 159901…159999, the first again in its second round for the 100th); each
is received with the real ``receive`` (verify completely, check the jurisdiction, store), into one
league workspace file, then ``aggregate`` totals them. Generation is not timed.

Run: ``.venv/bin/python bench/receive_speed.py [--packets 100] [--units 8]``. The last line is JSON:
``{"packets": …, "receive_s": …, "aggregate_s": …}``. Target: received and aggregated ≤ 60 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from league_data import banner_packet  # noqa: E402

from sydw_desktop.league.aggregate import aggregate  # noqa: E402
from sydw_desktop.league.facts import league_snapshot  # noqa: E402
from sydw_desktop.model import Jurisdiction  # noqa: E402
from sydw_desktop.packets.receive import receive_into  # noqa: E402
from sydw_desktop.rules import run_checks  # noqa: E402
from sydw_desktop.vocab import Level  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--packets", type=int, default=100)
    parser.add_argument("--units", type=int, default=8, help="after-units per banner")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sydw-receive-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        # a league holds at most 99 banners (1599 01…99): past that, banners file their second round
        banners = [banner_packet(folder, f"1599{i % 99 + 1:02d}", f"第{i % 99 + 1}旗", i, args.units, i // 99 + 1)
                   for i in range(args.packets)]
        print(f"generated {len(banners)} packets in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        league = folder / "league.sydw"
        Workspace.create(league, Jurisdiction("示例盟", "159900", Level.LEAGUE)).close()
        trust = [b.identity.certificate for b in banners]
        with Workspace.open(league) as ws:
            started = time.perf_counter()
            for b in banners:
                receive_into(ws, b.packet, extra_trust=trust)
            receive_s = time.perf_counter() - started
            started = time.perf_counter()
            agg = aggregate(ws)
            aggregate_s = time.perf_counter() - started
            started = time.perf_counter()
            report = run_checks(league_snapshot(ws))
            check_s = time.perf_counter() - started
        assert len(agg.rows) == min(args.packets, 99)
        print(f"league {league.stat().st_size / 1e6:.1f} MB; units before/after {agg.total.units_before}/"
              f"{agg.total.units_after}; sydw check with the league rules {check_s:.2f} s "
              f"({len(report.findings)} findings)", file=sys.stderr)
    print(json.dumps({"packets": args.packets, "receive_s": round(receive_s, 2), "aggregate_s": round(aggregate_s, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
