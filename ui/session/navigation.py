"""Where a finding points: the editor page, the unit and the field to land on (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from sydw_desktop.rules.findings import Finding
from sydw_desktop.vocab import Phase
from sydw_desktop.workspace import Workspace

#: Unit fields only a before-unit has; a finding on them is about the reform action.
BEFORE_ONLY_FIELDS = frozenset({"disposition", "destination", "duties", "duties_elsewhere"})


@dataclass(frozen=True)
class Target:
    page: str  # "plan" | "before" | "after" | "document" | "comparison"
    unit_id: int | None = None
    field: str | None = None
    document: str | None = None


def locate(finding: Finding, ws: Workspace) -> Target:
    """Decide where ``finding`` should take the clerk.

    Document findings open that after-unit's document. Unit findings open the table of the phase the
    unit is in; a name present before and after goes to the after-units (the plan's result, which
    most rules judge), except for fields only a before-unit has, which open the reform-action editor.
    """
    if finding.unit is None:
        return Target("comparison", field=finding.field)
    before = ws.find_unit(Phase.BEFORE, finding.unit)
    after = ws.find_unit(Phase.AFTER, finding.unit)
    if finding.document.per_unit and after is not None:
        return Target("document", after.id, finding.field, finding.document.key)
    if finding.field in BEFORE_ONLY_FIELDS and before is not None:
        return Target("plan", before.id, finding.field)
    if after is not None:
        return Target("after", after.id, finding.field)
    if before is not None:
        return Target("before", before.id, finding.field)
    return Target("comparison", field=finding.field)
