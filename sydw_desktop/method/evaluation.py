"""督查评估 coverage: how many reformed (after-)units have been evaluated, against the 80 % target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import Evaluation, UnitHead

#: The share of reformed units the region's 督查评估 covered (试点: “覆盖 80% 以上”).
COVERAGE_TARGET = 0.8


@dataclass(frozen=True)
class Coverage:
    evaluated: int
    """Reformed units with at least one evaluation."""
    reformed: int
    """All after-units."""
    open_demands: int
    """Evaluations whose 整改要求 has no 整改结果 yet."""
    target: float = COVERAGE_TARGET

    @property
    def share(self) -> float:
        return self.evaluated / self.reformed if self.reformed else 0.0

    @property
    def met(self) -> bool:
        return self.reformed > 0 and self.share >= self.target

    def text(self) -> str:
        """``已评估 5/8 个单位（62.5%），目标 80%``."""
        return (f"已评估 {self.evaluated}/{self.reformed} 个单位（{self.share:.1%}），"
                f"目标 {self.target:.0%}")

    def to_json(self) -> dict[str, object]:
        return {"evaluated": self.evaluated, "reformed": self.reformed, "share": round(self.share, 4),
                "target": self.target, "open_demands": self.open_demands, "met": self.met}


def coverage(after: Sequence[UnitHead], evaluations: Sequence[Evaluation]) -> Coverage:
    ids = {u.id for u in after}
    evaluated = {e.unit for e in evaluations if e.unit in ids}
    open_demands = sum(1 for e in evaluations if e.unit in ids and e.open_demand)
    return Coverage(evaluated=len(evaluated), reformed=len(ids), open_demands=open_demands)
