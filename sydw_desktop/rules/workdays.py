"""Working days (工作日) by the State Council's holiday arrangements, via ``chinese_calendar``.

``chinese_calendar`` knows each year's 法定节假日 and 调休 only for the years it was released with
(2004–2026 for version 1.11). Past those years — before or after — this module counts Monday to
Friday as working days and says so: :func:`working_days_after` returns the years it had to
approximate, and the rules put them in the finding's message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar


@dataclass(frozen=True)
class WorkdayCount:
    days: int
    approximated_years: tuple[int, ...] = ()
    """Years outside the holiday data, counted Monday–Friday."""

    def note(self) -> str:
        if not self.approximated_years:
            return ""
        years = "、".join(str(y) for y in self.approximated_years)
        return f"（{years}年的节假日安排未收录，按周一至周五计算）"


def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is it a working day, was the holiday calendar known for its year)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def working_days_after(start: dt.date, end: dt.date) -> WorkdayCount:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count = 0
    unknown: set[int] = set()
    day = start + dt.timedelta(days=1)
    while day <= end:
        work, known = is_workday(day)
        count += work
        if not known:
            unknown.add(day.year)
        day += dt.timedelta(days=1)
    return WorkdayCount(count, tuple(sorted(unknown)))
