"""Row-level change capture, what an operation changed, and the undo/redo stacks.

Every mutation of the workspace runs as one named operation in one transaction; the store records
each row it inserts, updates or deletes as a :class:`RowChange` (the row before and after). Undoing
an operation replays its changes backwards, in a new transaction; redoing replays them forwards.
:class:`OpChanges` tells the views what kind of thing changed (a :class:`ChangeKind`), so they never
name the tables behind it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]
Key = tuple[Any, ...]


class ChangeKind(enum.Enum):
    """What an operation can change: one member per table that operations write.

    The value is the table that holds it (only ``store/`` reads it). The change log (台账) is not
    a kind: every operation that changes anything writes to it.
    """

    JURISDICTION = "jurisdiction"
    UNIT = "unit"
    TRANSFER = "transfer"
    DOCUMENT = "document"
    #: workspace settings (``meta``): workflow step, 文号, dates …
    SETTING = "meta"
    ROUND = "round"
    REVIEW_COMMENT = "review_comment"
    EXPLANATION = "explanation"
    PARAM_OVERRIDE = "param_override"
    TRUSTED_CERTIFICATE = "trusted_cert"
    SUBORDINATE_FILING = "subordinate"
    SUBMISSION = "submission"
    REVIEW_RECORD = "review_record"
    VOIDED = "voided"
    #: the league's tables (schema step _V5_LEAGUE)
    ALLOCATION = "allocation"
    HANDDOWN = "handdown"
    RECEIVED_PACKET = "received_packet"
    SUBORDINATE_PACKET = "subordinate_packet"
    #: the method records of issue 17 (steps, 审理, consultations, decisions, evaluations, 通报)
    STEP_MARK = "step_mark"
    SANDING_STAGE = "sanding_stage"
    CONSULTATION = "consultation"
    DECISION = "decision"
    UNIT_PROGRESS = "unit_progress"
    EVALUATION = "evaluation"
    PROGRESS_REPORT = "progress_report"
    #: progress between levels (issue 17 item 4, schema _V7): subordinates' progress, step dates
    SUBORDINATE_PROGRESS = "subordinate_progress"
    STEP_DUE = "step_due"
    #: the 检查验收 of a subordinate, sent down or received (schema step _V7, issue 17 item 5)
    ACCEPTANCE = "acceptance"
    ACCEPTANCE_ITEM = "acceptance_item"


@dataclass(frozen=True)
class RowChange:
    table: str
    key: Key
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed, so each view can decide whether to redraw.

    Test a kind with ``ChangeKind.UNIT in changes`` or the property named for it (``changes.units``).
    """

    operation: str
    #: kinds of thing changed
    kinds: frozenset[ChangeKind] = frozenset()
    #: ids of units touched (directly, or through their documents and transfers)
    unit_ids: frozenset[int] = frozenset()
    #: ids of rows inserted, in order (e.g. the new unit of ``add_unit``)
    created: tuple[Any, ...] = ()

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    @property
    def jurisdiction(self) -> bool:
        return ChangeKind.JURISDICTION in self.kinds

    @property
    def units(self) -> bool:
        return ChangeKind.UNIT in self.kinds

    @property
    def transfers(self) -> bool:
        return ChangeKind.TRANSFER in self.kinds

    @property
    def documents(self) -> bool:
        return ChangeKind.DOCUMENT in self.kinds

    @property
    def settings(self) -> bool:
        return ChangeKind.SETTING in self.kinds

    @property
    def rounds(self) -> bool:
        return ChangeKind.ROUND in self.kinds

    @property
    def review_comments(self) -> bool:
        return ChangeKind.REVIEW_COMMENT in self.kinds

    @property
    def explanations(self) -> bool:
        return ChangeKind.EXPLANATION in self.kinds

    @property
    def param_overrides(self) -> bool:
        return ChangeKind.PARAM_OVERRIDE in self.kinds

    @property
    def trusted_certificates(self) -> bool:
        return ChangeKind.TRUSTED_CERTIFICATE in self.kinds

    @property
    def subordinate_filings(self) -> bool:
        return ChangeKind.SUBORDINATE_FILING in self.kinds

    @property
    def review(self) -> bool:
        """Anything of the review cycle: comments, rounds, submissions, decisions, 作废."""
        return bool(self.kinds & {ChangeKind.REVIEW_COMMENT, ChangeKind.ROUND, ChangeKind.SUBMISSION,
                                  ChangeKind.REVIEW_RECORD, ChangeKind.VOIDED, *ACCEPTANCE_KINDS})

    @property
    def method_records(self) -> bool:
        """Any record of the method (step marks, 审理, consultations, decisions, evaluations, 通报)."""
        return bool(self.kinds & METHOD_KINDS)


METHOD_KINDS = frozenset({
    ChangeKind.STEP_MARK, ChangeKind.SANDING_STAGE, ChangeKind.CONSULTATION, ChangeKind.DECISION,
    ChangeKind.UNIT_PROGRESS, ChangeKind.EVALUATION, ChangeKind.PROGRESS_REPORT,
    ChangeKind.SUBORDINATE_PROGRESS, ChangeKind.STEP_DUE,
    ChangeKind.ACCEPTANCE, ChangeKind.ACCEPTANCE_ITEM,
})
#: The 检查验收 records: their findings are shown like 上级意见, and step 9 reads them.
ACCEPTANCE_KINDS = frozenset({ChangeKind.ACCEPTANCE, ChangeKind.ACCEPTANCE_ITEM})


def summarize(operation: str, rows: list[RowChange]) -> OpChanges:
    kinds: set[ChangeKind] = set()
    units: set[int] = set()
    created: list[Any] = []
    for change in rows:
        kinds.add(ChangeKind(change.table))
        for row in (change.before, change.after):
            if row is None:
                continue
            if change.table == "unit":
                units.add(row["id"])
            elif change.table == "document":
                units.add(row["unit"])
            elif change.table == "transfer":
                units.add(row["source"])
                if row.get("target") is not None:
                    units.add(row["target"])
            elif "unit" in row and isinstance(row["unit"], int):  # the method's per-unit records
                units.add(row["unit"])
        if change.before is None:
            created.append(change.key[0] if len(change.key) == 1 else change.key)
    return OpChanges(operation, frozenset(kinds), frozenset(units), tuple(created))


@dataclass
class Operation:
    name: str
    rows: list[RowChange] = field(default_factory=list)


class UndoStack:
    """Undo and redo stacks of operations, bounded in length."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []

    def push(self, op: Operation) -> None:
        self._undo.append(op)
        del self._undo[: -self.limit]
        self._redo.clear()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    def pop_undo(self) -> Operation | None:
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Operation | None:
        return self._redo.pop() if self._redo else None

    def done_undo(self, op: Operation) -> None:
        self._redo.append(op)

    def done_redo(self, op: Operation) -> None:
        self._undo.append(op)
