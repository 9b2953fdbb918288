"""The 三定 审理 table: every after-unit × the six steps (dates), with its 征求意见 and 协商 records,
as rows for the GUI and as an Excel workbook (the 审理 table and the consultation records)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from ..documents.xlsx_tables import Column, TableSheet, _write
from ..files import atomic_path
from ..store import method_queries as MQ
from ..vocab import Phase
from .model import Consultation, ConsultationKind, SandingStage, StageDate, UnitHead
from .records import MethodRecords


@dataclass(frozen=True)
class ReviewRow:
    """One after-unit's line of the 审理 table."""

    unit: UnitHead
    dates: dict[SandingStage, StageDate]
    consultations: tuple[Consultation, ...]
    has_sanding: bool

    @property
    def stage(self) -> SandingStage | None:
        """The furthest step reached (None: not begun)."""
        return max(self.dates, key=lambda s: s.order) if self.dates else None

    @property
    def stage_label(self) -> str:
        return self.stage.value if self.stage else "未开始"

    def date(self, stage: SandingStage) -> str:
        found = self.dates.get(stage)
        return found.done_on if found else ""

    def count(self, kind: ConsultationKind) -> int:
        return sum(1 for c in self.consultations if c.kind is kind)

    @property
    def unanswered(self) -> int:
        return sum(1 for c in self.consultations if c.kind is ConsultationKind.OPINION and not c.answered_on)


def review_rows(records: MethodRecords) -> list[ReviewRow]:
    ws = records.ws
    stages = records.stage_dates()
    by_unit: dict[int, list[Consultation]] = {}
    for c in records.consultations():
        by_unit.setdefault(c.unit, []).append(c)
    drafted = ws.read(lambda conn: MQ.units_with_document(conn, "sanding"))
    rows = []
    for u in records.unit_heads(Phase.AFTER):
        rows.append(ReviewRow(u, stages.get(u.id, {}), tuple(by_unit.get(u.id, ())), u.id in drafted))
    return rows


def stage_counts(rows: Sequence[ReviewRow]) -> dict[str, int]:
    """How many units stand at each step (and 未开始), in order."""
    counts = {"未开始": 0, **{s.value: 0 for s in SandingStage}}
    for r in rows:
        counts[r.stage_label] += 1
    return counts


def _date_column(stage: SandingStage) -> Column:
    return Column(stage.value, lambda it: it[1].date(stage), max_width=12)


def review_sheet(rows: Sequence[ReviewRow], region: str) -> TableSheet:
    columns = [
        Column("序号", lambda it: it[0], "int", 6),
        Column("单位名称", lambda it: it[1].unit.name, max_width=30),
        Column("当前步骤", lambda it: it[1].stage_label, max_width=10),
        *[_date_column(s) for s in SandingStage],
        Column("征求意见（份）", lambda it: it[1].count(ConsultationKind.OPINION), "int", 8),
        Column("未回复", lambda it: it[1].unanswered, "int", 8),
        Column("协商会议（次）", lambda it: it[1].count(ConsultationKind.MEETING), "int", 8),
    ]
    counts = stage_counts(rows)
    note = "；".join(f"{k} {v} 个" for k, v in counts.items() if v)
    return TableSheet(f"{region}“三定”审理情况表", columns, list(enumerate(rows, 1)),
                      notes=[[f"按当前步骤：{note}"]] if rows else [])


def consultation_sheet(rows: Sequence[ReviewRow], region: str) -> TableSheet:
    items = [(r.unit, c) for r in rows for c in r.consultations]
    columns = [
        Column("序号", lambda it: it[0], "int", 6),
        Column("单位名称", lambda it: it[1][0].name, max_width=28),
        Column("类别", lambda it: it[1][1].kind.value, max_width=10),
        Column("部门（参加单位）", lambda it: it[1][1].party, max_width=24),
        Column("发出（会议）日期", lambda it: it[1][1].sent_on, max_width=12),
        Column("回复日期", lambda it: it[1][1].answered_on, max_width=12),
        Column("意见", lambda it: it[1][1].opinion, max_width=40),
        Column("采纳情况", lambda it: it[1][1].adopted_label, max_width=8),
        Column("理由", lambda it: it[1][1].reason, max_width=30),
    ]
    return TableSheet(f"{region}“三定”征求意见和协商情况表", columns, list(enumerate(items, 1)))


def write_review_workbook(records: MethodRecords, target: Path) -> int:
    """The 审理 table and the consultation records as one workbook (two sheets); returns the unit rows."""
    rows = review_rows(records)
    region = records.ws.jurisdiction().name
    wb = Workbook()
    first = wb.active
    first.title = "审理情况"
    count = _write(first, review_sheet(rows, region), draft=False)
    _write(wb.create_sheet("征求意见和协商"), consultation_sheet(rows, region), draft=False)
    with atomic_path(Path(target), overwrite=True) as tmp:
        wb.save(tmp)
    return count
