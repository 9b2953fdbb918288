"""The roll-up's refusals: a banner workspace, an unusable league, filings kept without their packet."""

from __future__ import annotations

from pathlib import Path

import pytest
from league_gui_data import league_with_filings
from packet_helpers import identity

from sydw_desktop.league.rollup import pack_rollup
from sydw_desktop.packets.errors import IdentityError, PacketError, PackRefused


def test_a_filing_received_without_its_packet_cannot_go_up(tmp_path: Path) -> None:
    league = league_with_filings(tmp_path, allocate=False)
    out = tmp_path / "汇总.zip"
    with pytest.raises(PacketError, match="原件没有保存"):
        pack_rollup(league, identity("示例盟机构编制委员会办公室", "159900"), out)
    assert not out.exists()


def test_unexplained_league_warnings_and_foreign_identities_are_refused(tmp_path: Path) -> None:
    league = league_with_filings(tmp_path)  # its allocation table names a banner that has not filed
    out = tmp_path / "汇总.zip"
    with pytest.raises(PackRefused, match="league.missing_filing"):
        pack_rollup(league, identity("示例盟机构编制委员会办公室", "159900"), out)
    with pytest.raises(IdentityError, match="159901"):
        pack_rollup(league, identity("示例旗机构编制委员会办公室", "159901"), out)
    assert not out.exists()
