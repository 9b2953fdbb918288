"""The after-state a plan produces, row by row: what the plan editor's live preview shows (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from sydw_desktop.ledger import Ledger, build_ledger
from sydw_desktop.model import Jurisdiction, Snapshot, Transfer, Unit


@dataclass(frozen=True)
class PreviewRow:
    unit_id: int
    name: str
    sources: tuple[str, ...]
    incoming_staffing: int  # 编制 of the before-units whose 去向 it is
    staffing: int  # its 核定编制
    incoming_people: int  # 人员转隶 into it
    actual: int | None

    @property
    def balance(self) -> int:
        """收回 (> 0) or 新增 (< 0) 编制."""
        return self.incoming_staffing - self.staffing


def after_preview(
    jurisdiction: Jurisdiction, before: list[Unit], after: list[Unit], transfers: list[Transfer]
) -> tuple[list[PreviewRow], Ledger]:
    snap = Snapshot(jurisdiction, before, after, transfers, {}, {}, {})
    rows = []
    for unit in after:
        assert unit.id is not None
        sources = [b for b in before if b.destination == unit.id and b.disposition is not None
                   and b.disposition.needs_destination]
        rows.append(
            PreviewRow(
                unit_id=unit.id,
                name=unit.name,
                sources=tuple(b.name for b in sources),
                incoming_staffing=sum(b.staffing for b in sources),
                staffing=unit.staffing,
                incoming_people=sum(t.count for t in transfers if t.target == unit.id),
                actual=unit.actual,
            )
        )
    return rows, build_ledger(snap)


def ledger_text(ledger: Ledger) -> str:
    text = (
        f"改革前编制 {ledger.before_total} 名 → 改革后 {ledger.after_total} 名；"
        f"核销 {ledger.written_off}，划出 {ledger.moved_out}，收回 {ledger.recovered}，新增 {ledger.added}"
    )
    if ledger.unplaced:
        text += f"；未落实去向 {ledger.unplaced} 名"
    return text + ("（编制台账平衡）" if ledger.balanced else "（编制台账不平衡）")
