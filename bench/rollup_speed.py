"""Benchmark: 103 banners → 12 leagues → the region.

Each banner is a small generated, real signed filing packet (bench/league_data.py). Each league
(15LL00) receives its banners (15LLBB), checks and packs its roll-up (``sydw pack`` on a league:
its check, 汇总表 PDF and xlsx, the banners' packets carried unchanged, signed and read back); the
region (150000) receives the 12 roll-ups (each banner packet verified again) and aggregates.
Generating the banners is not timed; everything after is.

Run: ``.venv/bin/python bench/rollup_speed.py [--banners 103] [--leagues 12] [--units 8]``. The last
line is JSON: ``{"banners", "leagues", "rollup_s", "peak_mb"}``. Targets: ≤ 120 s and ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from league_data import banner_packet  # noqa: E402

from sydw_desktop.league.aggregate import aggregate  # noqa: E402
from sydw_desktop.league.rollup import pack_rollup  # noqa: E402
from sydw_desktop.model import Jurisdiction  # noqa: E402
from sydw_desktop.packets.identity import generate_identity  # noqa: E402
from sydw_desktop.packets.receive import receive_into  # noqa: E402
from sydw_desktop.vocab import Level  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--banners", type=int, default=103)
    parser.add_argument("--leagues", type=int, default=12)
    parser.add_argument("--units", type=int, default=8, help="after-units per banner")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sydw-rollup-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        by_league: dict[int, list] = {k: [] for k in range(1, args.leagues + 1)}
        for i in range(args.banners):
            league = i % args.leagues + 1
            n = len(by_league[league]) + 1
            by_league[league].append(banner_packet(folder, f"15{league:02d}{n:02d}", f"第{league}盟第{n}旗",
                                                   i, args.units))
        print(f"generated {args.banners} packets in {time.perf_counter() - started:.1f} s", file=sys.stderr)

        started = time.perf_counter()
        rollups, league_certs = [], []
        for league, banners in by_league.items():
            code, name = f"15{league:02d}00", f"第{league}盟"
            path = folder / f"{code}.sydw"
            Workspace.create(path, Jurisdiction(name, code, Level.LEAGUE)).close()
            with Workspace.open(path) as ws:
                trust = [b.identity.certificate for b in banners]
                for b in banners:
                    receive_into(ws, b.packet, extra_trust=trust)
            ident = generate_identity(f"{name}机构编制委员会办公室", code)
            out = folder / f"{code}-rollup.zip"
            pack_rollup(path, ident, out)
            rollups.append(out)
            league_certs.append(ident.certificate)
        region = folder / "region.sydw"
        Workspace.create(region, Jurisdiction("内蒙古自治区", "150000", Level.REGION)).close()
        with Workspace.open(region) as ws:
            for out in rollups:
                receive_into(ws, out, extra_trust=league_certs)
            agg = aggregate(ws)
        rollup_s = time.perf_counter() - started
        assert len(agg.rows) == args.leagues and sum(len(r.children) for r in agg.rows) == args.banners
        print(f"region {region.stat().st_size / 1e6:.1f} MB; units before/after {agg.total.units_before}/"
              f"{agg.total.units_after}", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"banners": args.banners, "leagues": args.leagues, "rollup_s": round(rollup_s, 1),
                      "peak_mb": round(peak_mb)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
