"""Look-ups over a check report: findings by unit and field, for marking table cells."""

from __future__ import annotations

from collections import defaultdict

from sydw_desktop.rules.findings import CheckReport, Finding, Severity


class FindingsIndex:
    """Findings of one report keyed by unit name, and by (unit name, field), and counted by severity.

    Built on the checker's worker (10,000 findings at region scale), handed to the GUI ready.
    """

    def __init__(self, report: CheckReport | None = None) -> None:
        self.report = report
        self._by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        self._by_unit: dict[str, list[Finding]] = defaultdict(list)
        self.counts: dict[Severity, int] = dict.fromkeys(Severity, 0)
        for f in report.findings if report is not None else ():
            self.counts[f.severity] += 1
            if f.unit:
                self._by_unit[f.unit].append(f)
                self._by_cell[(f.unit, f.field or "")].append(f)

    def cell(self, unit: str, field: str) -> list[Finding]:
        return self._by_cell.get((unit, field), [])

    def unit(self, unit: str) -> list[Finding]:
        return self._by_unit.get(unit, [])

    @staticmethod
    def worst(findings: list[Finding]) -> Severity | None:
        if not findings:
            return None
        return max((f.severity for f in findings), key=lambda s: s.weight)
