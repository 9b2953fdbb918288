"""The staffing ledger (编制台账), derived from the plan: where every 核定编制 of the units before goes.

Each before-unit's quota either moves to its 去向单位 (保留, 更名, 整合, 并入, 划转), is written off
(撤销, 转企改制: 核销), or leaves the 事业 series (职能划归行政机构, 转为行政机构: 划出). Each after-unit
then keeps what it needs of what came in; the rest is recovered to the pool (收回), and what it has
beyond its sources is drawn from the pool (新增, e.g. a 新设 unit).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .model import Snapshot
from .vocab import Disposition

WRITE_OFF = frozenset({Disposition.ABOLISH, Disposition.TO_ENTERPRISE})
MOVE_OUT = frozenset({Disposition.FUNCTIONS_TO_ADMIN, Disposition.TO_ADMIN})


@dataclass(frozen=True)
class LedgerLine:
    unit: str
    kind: str  # 划入 | 收回 | 新增 | 核销 | 划出 | 未落实
    amount: int
    counterpart: str = ""  # the other unit of a 划入, or "" for the pool


@dataclass(frozen=True)
class Ledger:
    before_total: int
    after_total: int
    written_off: int  # 核销
    moved_out: int  # 划出事业序列
    recovered: int  # 收回 to the pool
    added: int  # 新增 from the pool
    unplaced: int  # quota of before-units with no disposition or a missing 去向单位
    lines: tuple[LedgerLine, ...]

    @property
    def balanced(self) -> bool:
        """Σ before = Σ after + 核销 + 划出 + 收回 − 新增, with nothing left unplaced."""
        return self.unplaced == 0 and self.before_total == (
            self.after_total + self.written_off + self.moved_out + self.recovered - self.added
        )


def build_ledger(snap: Snapshot) -> Ledger:
    lines: list[LedgerLine] = []
    incoming: dict[int, int] = defaultdict(int)
    written_off = moved_out = unplaced = 0
    after_ids = {u.id for u in snap.after}
    for unit in snap.before:
        disp = unit.disposition
        if disp is not None and disp.needs_destination and unit.destination in after_ids:
            assert unit.destination is not None
            incoming[unit.destination] += unit.staffing
            lines.append(LedgerLine(snap.unit(unit.destination).name, "划入", unit.staffing, unit.name))
        elif disp in WRITE_OFF:
            written_off += unit.staffing
            lines.append(LedgerLine(unit.name, "核销", unit.staffing))
        elif disp in MOVE_OUT:
            moved_out += unit.staffing
            lines.append(LedgerLine(unit.name, "划出", unit.staffing))
        else:
            unplaced += unit.staffing
            lines.append(LedgerLine(unit.name, "未落实", unit.staffing))
    recovered = added = 0
    for unit in snap.after:
        assert unit.id is not None
        diff = incoming[unit.id] - unit.staffing
        if diff > 0:
            recovered += diff
            lines.append(LedgerLine(unit.name, "收回", diff))
        elif diff < 0:
            added += -diff
            lines.append(LedgerLine(unit.name, "新增", -diff))
    return Ledger(
        before_total=sum(u.staffing for u in snap.before),
        after_total=sum(u.staffing for u in snap.after),
        written_off=written_off,
        moved_out=moved_out,
        recovered=recovered,
        added=added,
        unplaced=unplaced,
        lines=tuple(lines),
    )
