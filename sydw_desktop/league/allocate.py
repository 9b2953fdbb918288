"""Allocating the upper office's 机构限额 and 编制总量 to its subordinates, and what remains (预留)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..errors import ModelError
from ..model import Allocation
from ..packets.receive import subordinate_problem
from ..store.undo import OpChanges
from ..workspace import Workspace
from .aggregate import latest_filings

_KEEP = object()


@dataclass(frozen=True)
class Reserve:
    """The upper office's own caps, what is allocated, and the remainder (预留; negative = over)."""

    unit_cap: int | None
    staff_cap: int | None
    units_allocated: int
    staff_allocated: int

    @property
    def units_reserved(self) -> int | None:
        return None if self.unit_cap is None else self.unit_cap - self.units_allocated

    @property
    def staff_reserved(self) -> int | None:
        return None if self.staff_cap is None else self.staff_cap - self.staff_allocated

    def text(self) -> str:
        """``本级机构限额 120，已分配 20，预留 100；事业编制总量 …`` (over-allocation as 超出)."""
        parts = []
        for label, cap, given, left in (("机构限额", self.unit_cap, self.units_allocated, self.units_reserved),
                                        ("事业编制总量", self.staff_cap, self.staff_allocated, self.staff_reserved)):
            rest = "预留 —" if left is None else f"预留 {left}" if left >= 0 else f"超出 {-left}"
            parts.append(f"本级{label} {'不设' if cap is None else cap}，已分配 {given}，{rest}")
        return "；".join(parts) + "。"


def reserve(ws: Workspace) -> Reserve:
    j = ws.jurisdiction()
    allocations = ws.allocations()
    return Reserve(j.unit_cap, j.staff_cap, sum(a.unit_cap or 0 for a in allocations),
                   sum(a.staff_cap or 0 for a in allocations))


def allocate(ws: Workspace, code: str, *, name: str | None = None, unit_cap: int | None | object = _KEEP,
             staff_cap: int | None | object = _KEEP, doc_no: str = "") -> tuple[Allocation, OpChanges]:
    """Set ``code``'s allocation; values not given stay as they were (a new one starts empty).

    The name defaults to the one on the subordinate's latest filing.
    """
    j = ws.jurisdiction()
    if code == j.code:
        raise ModelError(f"{code} 是本级（{j.name}）的行政区划代码，不能分配给自己。")
    old = next((a for a in ws.allocations() if a.region_code == code), None)
    filed = {f.region_code: f for f in latest_filings(ws)}.get(code)
    name = (name or "").strip() or (old.name if old else "") or (filed.name if filed else "")
    if not name:
        raise ModelError(f"行政区划代码 {code} 还没有报送过材料，请写明其名称（命令行用 --name）。")
    level = filed.level if filed else ("盟市" if j.level.value == "自治区" and code.endswith("00") else "旗县")
    problem = subordinate_problem(j, code, level)
    if problem is not None:
        raise ModelError(problem)
    current = old or Allocation(code, name)
    new = dataclasses.replace(
        current, name=name, doc_no=doc_no or current.doc_no,
        unit_cap=current.unit_cap if unit_cap is _KEEP else unit_cap,  # type: ignore[arg-type]
        staff_cap=current.staff_cap if staff_cap is _KEEP else staff_cap,  # type: ignore[arg-type]
    )
    changes = ws.set_allocation(new)
    return next(a for a in ws.allocations() if a.region_code == code), changes
