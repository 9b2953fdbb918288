"""Screenshots of the 汇总与限额分配 view for docs/league.md, on a real display (Xvfb + xcb).

    .venv/bin/python scripts/league_screenshots.py OUT_DIR

(on an Xvfb display of its own unless ``QT_QPA_PLATFORM=xcb`` and ``DISPLAY`` name one: scripts/shot_run.py).

Builds a league (示例盟) holding three stored filings of different sizes and an allocation table
with one banner that has not filed (tests/league_gui_data.py), opens it in the main window; then
the region having received two leagues' roll-ups (generated banners, bench/league_data.py). Saves
``league-*.png`` to OUT_DIR; look at them, then copy the good ones to ``docs/screenshots/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from league_data import banner_packet  # noqa: E402
from league_gui_data import league_with_filings  # noqa: E402
from shot_run import ShotRun, run_on_display  # noqa: E402

from sydw_desktop.league.rollup import pack_rollup  # noqa: E402
from sydw_desktop.model import Jurisdiction  # noqa: E402
from sydw_desktop.packets.identity import generate_identity  # noqa: E402
from sydw_desktop.packets.receive import receive_into  # noqa: E402
from sydw_desktop.vocab import Level  # noqa: E402
from sydw_desktop.workspace import Workspace  # noqa: E402


def region_through_leagues(folder: Path) -> Path:
    """内蒙古自治区 having received two leagues' roll-ups, three generated banners each."""
    rollups, certs = [], []
    for number, name in ((1, "呼伦贝尔市"), (2, "兴安盟")):
        code = f"15{number:02d}00"
        banners = [banner_packet(folder, f"15{number:02d}{n:02d}", f"{name}第{n}旗", number * 10 + n, 5 + n)
                   for n in (1, 2, 3)]
        league = folder / f"{code}.sydw"
        Workspace.create(league, Jurisdiction(name, code, Level.LEAGUE)).close()
        with Workspace.open(league) as ws:
            for b in banners:
                receive_into(ws, b.packet, extra_trust=[x.identity.certificate for x in banners])
        ident = generate_identity(f"{name}机构编制委员会办公室", code)
        pack_rollup(league, ident, folder / f"{code}-汇总.zip")
        rollups.append(folder / f"{code}-汇总.zip")
        certs.append(ident.certificate)
    region = folder / "内蒙古自治区.sydw"
    Workspace.create(region, Jurisdiction("内蒙古自治区", "150000", Level.REGION)).close()
    with Workspace.open(region) as ws:
        for packet in rollups:
            receive_into(ws, packet, extra_trust=certs)
    return region


def main(out: Path) -> int:
    run = ShotRun(out, "league")
    shot, window, tmp = run.shot, run.window, run.tmp
    assert window.open_workspace(league_with_filings(tmp)), window.last_error
    view = window.packet_menu.league.open_view()
    assert view is not None
    view.resize(1300, 780)
    shot(view, "totals")
    dialog = view.open_filing(view.model.index(2, 1))
    assert dialog is not None
    shot(dialog, "filing")
    dialog.close()
    view.tabs.setCurrentIndex(1)
    view.allocations.selectRow(0)
    shot(view, "allocation")
    view.close()
    region_dir = tmp / "region"
    region_dir.mkdir()
    assert window.open_workspace(region_through_leagues(region_dir)), window.last_error
    view = window.packet_menu.league.open_view()
    assert view is not None
    view.resize(1300, 780)
    shot(view, "region")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(run_on_display(main, "league-shots"))
