"""Headline figures of a reform: before, after, 精简数 and 精简比例 (documents.md §2.4)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Snapshot, Unit


@dataclass(frozen=True)
class Figure:
    label: str
    before: int
    after: int

    @property
    def reduced(self) -> int:
        """精简数 (negative when the figure grew)."""
        return self.before - self.after

    @property
    def ratio(self) -> float | None:
        """精简比例 as a fraction of the before figure, or None when there was nothing before."""
        return None if self.before == 0 else self.reduced / self.before

    def ratio_text(self) -> str:
        return "—" if self.ratio is None else f"{self.ratio * 100:.1f}%"


def _sum(units: list[Unit], attr: str) -> int:
    return sum(getattr(u, attr) or 0 for u in units)


def headline_figures(snap: Snapshot) -> list[Figure]:
    """单位数, 核定编制, 内设机构, 领导职数 — before and after."""
    b, a = snap.before, snap.after
    return [
        Figure("事业单位数", len(b), len(a)),
        Figure("事业编制数", _sum(b, "staffing"), _sum(a, "staffing")),
        Figure("内设机构数", _sum(b, "depts"), _sum(a, "depts")),
        Figure("领导职数", sum(u.leaders for u in b), sum(u.leaders for u in a)),
    ]
