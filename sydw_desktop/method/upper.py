"""The upper office's side of progress (issue 17 item 4): the step dates it sets for its
subordinates (``step_due``) and the latest method state each subordinate sent up
(``subordinate_progress``: from a 进度报送包, or the ``method.json`` of a filing).

Mutations run as named operations (one transaction, one undo step, 台账 lines), like
:class:`.records.MethodRecords`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..docno import normalize_doc_no
from ..errors import ModelError
from ..store import progress_queries as PQ
from ..store.changelog import now
from ..store.undo import OpChanges
from ..vocab import WorkflowStep
from .records import check_date, quoted
from .steps import STEPS

if TYPE_CHECKING:
    from ..model import ReceivedPacket
    from ..workspace import Workspace

#: ``source`` of a stored progress: a 进度报送包, or the method.json a filing carried.
FROM_PROGRESS, FROM_FILING = "progress", "filing"


@dataclass(frozen=True)
class StepDue:
    """The day the upper office wants step ``step`` (1–9) done by, and the notice that said so."""

    step: int
    due_on: str
    doc_no: str = ""
    set_at: str = ""
    set_by: str = ""

    @property
    def name(self) -> str:
        return STEPS[self.step - 1].step.value


@dataclass(frozen=True)
class SubordinateProgress:
    """A subordinate's method state as last received."""

    region_code: str
    name: str
    source: str
    packet_id: str
    bag: str
    as_of: str
    signed_at: str
    signer_office: str
    packet_sha256: str
    method: dict[str, Any] = field(repr=False)
    received_at: str = ""
    received_by: str = ""

    @property
    def source_label(self) -> str:
        return "进度报送包" if self.source == FROM_PROGRESS else "报送包"

    def newer_than(self, other: SubordinateProgress) -> bool:
        """Later state (as_of), or the same day signed later."""
        return (self.as_of, self.signed_at) > (other.as_of, other.signed_at)


def step_number(text: str | int) -> int:
    """A step number 1–9 from ``3`` or a step's name; a Chinese refusal otherwise."""
    value = str(text).strip()
    if value.isascii() and value.isdigit() and 1 <= int(value) <= len(STEPS):
        return int(value)
    for n, d in enumerate(STEPS, 1):
        if d.step.value == value:
            return n
    raise ModelError(f"步骤“{value}”应为 1 至 {len(STEPS)} 的序号或步骤名称（如 6 或 “三定”审理）。")


class UpperRecords:
    """The progress records of one open upper-level workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- reading ----------------------------------------------------------------------------------

    def step_dues(self) -> dict[int, StepDue]:
        return {r["step"]: StepDue(**r) for r in self.ws.read(PQ.step_dues)}

    def progress(self) -> dict[str, SubordinateProgress]:
        rows = self.ws.read(PQ.subordinate_progress)
        return {r["region_code"]: SubordinateProgress(**{**r, "method": json.loads(r["method"])}) for r in rows}

    def bulletin(self, region_code: str) -> bytes | None:
        """The 通报 PDF of the subordinate's latest 进度报送包 (None when its progress came with a filing)."""
        return self.ws.read(lambda conn: PQ.progress_bulletin(conn, region_code))

    # -- step dates ---------------------------------------------------------------------------------

    def set_due(self, step: int, due_on: str, doc_no: str = "") -> OpChanges:
        """Set the day step ``step`` is due (logged; ``doc_no`` the notice that set it)."""
        number = step_number(step)
        name = STEPS[number - 1].step.value
        day = check_date(due_on, f"第{number}步{quoted(name)}的完成时限")
        self._check_order({**{n: d.due_on for n, d in self.step_dues().items()}, number: day})
        return self._write_due(number, day, doc_no)

    def _check_order(self, dues: dict[int, str]) -> None:
        """Refuse dates where a step falls due before a step it requires (方案报批 before 方案设计)."""
        problems = [f"第{d.number}步{quoted(d.step.value)}的完成时限 {dues[d.number]} 早于须先完成的"
                    f"第{r.number}步{quoted(r.step.value)}的完成时限 {dues[r.number]}"
                    for d in STEPS if d.number in dues
                    for r in (STEPS[list(WorkflowStep).index(x)] for x in d.requires)
                    if r.number in dues and dues[r.number] > dues[d.number]]
        if problems:
            raise ModelError("；".join(problems) + "。请调整后再设定。")

    def _write_due(self, step: int, due_on: str, doc_no: str = "") -> OpChanges:
        number = step_number(step)
        name = STEPS[number - 1].step.value
        day = check_date(due_on, f"第{number}步{quoted(name)}的完成时限")
        doc_no = normalize_doc_no(doc_no)
        with self.ws.operation(f"设定第{number}步{quoted(name)}完成时限", doc_no) as tx:
            old = tx.fetch("step_due", (number,))
            tx.upsert("step_due", (number,), {"due_on": day, "doc_no": doc_no, "set_at": now(),
                                               "set_by": self.ws.user})
            tx.note("完成时限", f"第{number}步{name}", "时限", old["due_on"] if old else "",
                    f"{day} {doc_no}".strip())
        return tx.changes  # type: ignore[return-value]

    def set_dues(self, dues: dict[int, str], doc_no: str = "", clear: tuple[int, ...] = ()) -> OpChanges | None:
        """Several step dates (and clearings) as one operation; None when nothing was asked."""
        if not dues and not clear:
            return None
        both = sorted(set(dues) & set(clear))
        if both:
            raise ModelError(f"第{'、'.join(map(str, both))}步的完成时限既设定又取消，请只写其一。")
        days = {n: check_date(d, f"第{n}步{quoted(STEPS[step_number(n) - 1].step.value)}的完成时限")
                for n, d in dues.items()}
        final = {n: d.due_on for n, d in self.step_dues().items() if n not in clear}
        self._check_order({**final, **days})
        with self.ws.batch("设定各步骤完成时限", normalize_doc_no(doc_no)):
            for step, day in sorted(days.items()):
                self._write_due(step, day, doc_no)
            for step in clear:
                self.clear_due(step)
        return self.ws.last_changes

    def clear_due(self, step: int) -> OpChanges:
        number = step_number(step)
        name = STEPS[number - 1].step.value
        with self.ws.operation(f"取消第{number}步{quoted(name)}完成时限") as tx:
            old = tx.delete("step_due", (number,))
            if old is None:
                raise ModelError(f"第{number}步{quoted(name)}没有设定完成时限。")
            tx.note("完成时限", f"第{number}步{name}", "时限", f"{old['due_on']} {old['doc_no']}".strip(), "")
        return tx.changes  # type: ignore[return-value]

    # -- received progress --------------------------------------------------------------------------

    def store_progress(self, p: SubordinateProgress, bulletin: bytes | None,
                       packet: ReceivedPacket | None = None) -> OpChanges:
        """Keep ``p`` as the subordinate's latest progress (the caller has checked it is newer)."""
        row = {"name": p.name, "source": p.source, "packet_id": p.packet_id, "bag": p.bag, "as_of": p.as_of,
               "signed_at": p.signed_at, "signer_office": p.signer_office, "packet_sha256": p.packet_sha256,
               "method": json.dumps(p.method, ensure_ascii=False), "bulletin": bulletin,
               "received_at": now(), "received_by": self.ws.user}
        with self.ws.operation(f"接收{p.name}工作进度（截至 {p.as_of}）") as tx:
            old = tx.fetch("subordinate_progress", (p.region_code,))
            tx.upsert("subordinate_progress", (p.region_code,), row)
            if packet is not None:
                self.ws.record_received_packet(tx, packet)
            tx.note("下级进度", p.name, "截至", old["as_of"] if old else "", f"{p.as_of}（{p.source_label}）")
        return tx.changes  # type: ignore[return-value]
