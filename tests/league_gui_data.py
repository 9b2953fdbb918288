"""A league workspace holding three stored filings of different sizes and one missing banner,
for the GUI tests and the screenshots. The filings are generated banners (bench/league_data.py,
checked, warnings explained) stored as ``receive`` stores them, without packing them."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from league_data import banner_snapshot

from sydw_desktop.model import Allocation, Jurisdiction, SubordinateFiling
from sydw_desktop.packets.receive import summary_of
from sydw_desktop.packets.workspace_json import workspace_to_json
from sydw_desktop.vocab import Level
from sydw_desktop.workspace import Workspace

LEAGUE = Jurisdiction("示例盟", "159900", Level.LEAGUE, unit_cap=120, staff_cap=3000)
BANNERS = (("159902", "示例二旗", 6), ("159903", "示例三旗", 10), ("159904", "示例四旗", 14))


def league_with_filings(folder: Path, *, allocate: bool = True) -> Path:
    path = folder / "示例盟.sydw"
    with Workspace.create(path, LEAGUE) as league:
        for i, (code, name, size) in enumerate(BANNERS):
            snap, checked = banner_snapshot(code, name, i, size)
            report = checked.to_json()
            ws_json = json.dumps(workspace_to_json(snap), ensure_ascii=False)
            filing = SubordinateFiling(
                region_code=code, round=1, name=name, level="旗县", packet_id=f"urn:uuid:{code}",
                bag=f"{code}_改革方案材料_第1轮_{date.today():%Y%m%d}", packet_sha256=hashlib.sha256(ws_json.encode()).hexdigest(),
                signer_fingerprint="ab" * 32, signer_office=f"{name}机构编制委员会办公室",
                bagging_date=date.today().isoformat(), summary=summary_of(snap, report),
            )
            league.store_subordinate_filing(filing, ws_json, json.dumps(report, ensure_ascii=False))
        if not allocate:
            return path
        league.set_allocation(Allocation("159902", "示例二旗", unit_cap=10, staff_cap=300))
        league.set_allocation(Allocation("159905", "示例五旗", unit_cap=10, staff_cap=300))
    return path
