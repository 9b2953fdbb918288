"""Who a packet goes to: the office above a jurisdiction, by its 行政区划代码 (GB/T 2260)."""

from __future__ import annotations

from ..model import Jurisdiction
from ..vocab import Level


def superior_code(j: Jurisdiction) -> str:
    """The code of the level above: a 旗县's 盟市 (first four digits), a 盟市's 自治区; "" for the region."""
    if j.level is Level.BANNER:
        return j.code[:4] + "00"
    if j.level is Level.LEAGUE:
        return j.code[:2] + "0000"
    return ""
