"""Findings and the check report: the typed results of running the rule catalogue.

Their JSON form is the contract of ``sydw check --json`` (interfaces.md §2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..vocab import DocumentKind


class Severity(StrEnum):
    """Ordered: ``ERROR`` blocks packing, ``WARNING`` needs a 说明, ``INFO`` is shown only."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def weight(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem found by one rule, located at a document, a unit and a field."""

    rule: str
    """Stable rule id from the catalogue (``rules.md``)."""
    severity: Severity
    message: str
    """Specific Chinese message: which unit, which numbers, which threshold."""
    document: DocumentKind
    """The document the finding is in; the JSON form names it by its key (``plan``, ``sanding`` …)."""
    unit: str | None = None
    """The unit's full name as written in the workspace; None for plan-wide findings."""
    field: str | None = None
    """The data field the finding points at (the GUI navigates to it)."""
    basis: str = ""
    """The rule's 依据, for showing beside the finding."""
    explanation: str | None = None
    """The clerk's 说明 of a warning, or None."""
    fingerprint: str = ""
    """A digest of the values the finding is about; an explanation written for another
    fingerprint is stale."""
    explanation_stale: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity an explanation is stored against: rule + unit + field."""
        return (self.rule, self.unit or "", self.field or "")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "document": self.document.key,
            "unit": self.unit,
            "field": self.field,
            "basis": self.basis,
            "explanation": self.explanation,
        }
        if self.explanation is not None:
            data["explanation_stale"] = self.explanation_stale
        return data


@dataclass(frozen=True)
class CheckReport:
    workspace: str
    as_of: str
    rules_version: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    @property
    def unexplained_warnings(self) -> list[Finding]:
        return [
            f for f in self.findings
            if f.severity is Severity.WARNING and (f.explanation is None or f.explanation_stale)
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "workspace": self.workspace,
            "as_of": self.as_of,
            "rules_version": self.rules_version,
            "summary": {s.value: self.count(s) for s in Severity},
            "findings": [f.to_json() for f in self.findings],
        }
