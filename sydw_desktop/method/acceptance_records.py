"""Reading and writing 检查验收 records on a workspace (the façade of :mod:`.acceptance`).

Upper side: :meth:`AcceptanceRecords.add` / :meth:`update` / :meth:`delete` a draft, :meth:`record_sent`
once its packet is written, :meth:`apply_replies` when a filing brings the county's 整改结果. County
side: :meth:`import_received` (after the packet's checks), :meth:`answer` an item, :meth:`replies_json`
for the next filing. Each mutation is one named operation (one transaction, one undo step, its 台账
lines), run through :meth:`Workspace.operation` like the method's other records: a locked (approved)
round does not stop it, since 检查验收 follows the approved plan.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import TYPE_CHECKING, Any

from ..docno import normalize_doc_no
from ..errors import ModelError, ReviewStateError
from ..model import ReceivedPacket
from ..store import acceptance_queries as AQ
from ..store.changelog import now
from ..store.review_rows import received_packet_to_row
from ..store.transaction import Transaction
from ..store.undo import OpChanges
from .acceptance import ANSWERS, CONCLUSIONS, PROBLEM, RESULTS, Acceptance, AcceptanceItem, item_kind
from .records import check_date

if TYPE_CHECKING:
    from ..workspace import Workspace

REPLIES_FORMAT = "sydw-acceptance-replies"
ACCEPTANCE_REPLIES = "acceptance-replies.json"
"""The file of a filing's ``data/`` that carries the 整改结果 of 检查验收 received from above."""
ENTITY = "检查验收"


def _item(row: dict[str, Any]) -> AcceptanceItem:
    return AcceptanceItem(**row)


def _acceptance(row: dict[str, Any], items: list[AcceptanceItem]) -> Acceptance:
    return Acceptance(**row, items=tuple(items))


class AcceptanceRecords:
    """The 检查验收 records of one open workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # -- reading ----------------------------------------------------------------------------------

    def acceptances(self, direction: str, region_code: str | None = None) -> list[Acceptance]:
        """Acceptances recorded here (``out``) or received (``in``), with their items."""
        def read(conn: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            heads = AQ.acceptances(conn, direction, region_code)
            return heads, AQ.items(conn, [h["id"] for h in heads])

        heads, rows = self.ws.read(read)
        by_acceptance: dict[int, list[AcceptanceItem]] = {}
        for r in rows:
            by_acceptance.setdefault(r["acceptance"], []).append(_item(r))
        return [_acceptance(h, by_acceptance.get(h["id"], [])) for h in heads]

    def acceptance(self, acceptance_id: int) -> Acceptance:
        head = self.ws.read(lambda conn: AQ.acceptance(conn, acceptance_id))
        if head is None:
            raise ModelError(f"检查验收记录（编号 {acceptance_id}）不存在。")
        rows = self.ws.read(lambda conn: AQ.items(conn, [acceptance_id]))
        return _acceptance(head, [_item(r) for r in rows])

    def item(self, item_id: int) -> AcceptanceItem:
        row = self.ws.read(lambda conn: AQ.item(conn, item_id))
        if row is None:
            raise ModelError(f"检查验收项目（编号 {item_id}）不存在。")
        return _item(row)

    def open_items(self) -> list[tuple[Acceptance, AcceptanceItem]]:
        """Received 存在问题 items not answered yet (the county's to-do; step 9 waits for them)."""
        return [(a, i) for a in self.acceptances("in") for i in a.open_items]

    def subordinates(self) -> dict[str, str]:
        """Name of each office this one may inspect, by code: its allocation table and its received filings."""
        found = {a.region_code: a.name for a in self.ws.allocations()}
        for f in self.ws.subordinate_filings():
            found.setdefault(f.region_code, f.name)
        return dict(sorted(found.items()))

    # -- the upper side ---------------------------------------------------------------------------

    def add(self, acceptance: Acceptance) -> OpChanges:
        """Record a 检查验收 of a subordinate (a draft until its packet is made)."""
        names = self.subordinates()
        code = acceptance.region_code.strip()
        if code not in names:
            raise ModelError(f"行政区划代码 {code} 不是本级的下级（不在分配表中，也没有收到其报送材料），"
                             "不能登记检查验收。")
        head, items = self._checked(acceptance)
        number = 1 + max((a.number for a in self.acceptances("out", code)), default=0)
        head.update(direction="out", region_code=code, name=names[code], uid=str(uuid.uuid4()), number=number,
                    packet_id="", issued_at="", recorded_at=now(), recorded_by=self.ws.user)
        with self.ws.operation(f"登记对{names[code]}的检查验收", head["doc_no"]) as tx:
            (new_id,) = tx.insert("acceptance", head)
            self._insert_items(tx, new_id, items)
            tx.note(ENTITY, names[code], f"第{number}次", "", _summary(head, items))
        return tx.changes  # type: ignore[return-value]

    def update(self, acceptance: Acceptance) -> OpChanges:
        """Change a draft (not yet sent) 检查验收: its heading and its items (replaced)."""
        if acceptance.id is None:
            raise ModelError("要修改的检查验收记录没有编号。")
        old = self._draft(acceptance.id)
        head, items = self._checked(acceptance)
        with self.ws.operation(f"修改对{old.name}的检查验收", head["doc_no"]) as tx:
            tx.update("acceptance", (old.id,), head)
            for i in old.items:
                tx.delete("acceptance_item", (i.id,))
            assert old.id is not None
            self._insert_items(tx, old.id, items)
            tx.note(ENTITY, old.name, f"第{old.number}次", _summary(_head_of(old), list(old.items)),
                    _summary(head, items))
        return tx.changes  # type: ignore[return-value]

    def delete(self, acceptance_id: int) -> OpChanges:
        old = self._draft(acceptance_id)
        with self.ws.operation(f"删除对{old.name}的检查验收") as tx:
            for i in old.items:
                tx.delete("acceptance_item", (i.id,))
            tx.delete("acceptance", (acceptance_id,))
            tx.note(ENTITY, old.name, f"第{old.number}次", _summary(_head_of(old), list(old.items)), "")
        return tx.changes  # type: ignore[return-value]

    def record_sent(self, acceptance_id: int, packet_id: str, issued_at: str, office: str) -> OpChanges:
        """The 检查验收意见包 carrying ``acceptance_id`` was written: it is sent, no longer a draft."""
        old = self._draft(acceptance_id)
        with self.ws.operation(f"发出对{old.name}的检查验收意见", old.doc_no) as tx:
            tx.update("acceptance", (acceptance_id,), {"packet_id": packet_id, "issued_at": issued_at,
                                                       "office": office})
            tx.note(ENTITY, old.name, "发出", "", f"{old.result}（{old.doc_no or old.held_on}）")
        self.ws.forget_history()  # the signed packet is out: undo must not make it a draft again
        return tx.changes  # type: ignore[return-value]

    def apply_replies(self, region_code: str, data: Any) -> int:
        """Take in the 整改结果 a filing of ``region_code`` brought (``acceptance-replies.json``): each
        reply to an item sent to that office updates it. Returns how many items changed. Call inside
        the operation or batch that stores the filing."""
        if not isinstance(data, dict):
            return 0
        sent = {a.uid: a for a in self.acceptances("out", region_code) if a.sent}
        changed: list[tuple[AcceptanceItem, dict[str, str]]] = []
        for reply in data.get("replies") or []:
            acceptance = sent.get(reply.get("acceptance", ""))
            item = None if acceptance is None else next((i for i in acceptance.items if i.uid == reply.get("uid")), None)
            if item is None:
                continue
            values = {"status": reply["status"], "reply": reply["reply"], "answered_on": reply.get("answered_on", "")}
            if (item.status, item.reply, item.answered_on) != tuple(values.values()):
                changed.append((item, values))
        if not changed:
            return 0
        with self.ws.operation("收到检查验收整改结果") as tx:
            for item, values in changed:
                tx.update("acceptance_item", (item.id,), values)
                tx.note(ENTITY, item.unit or item.label, values["status"], item.reply, values["reply"])
        return len(changed)

    def _draft(self, acceptance_id: int) -> Acceptance:
        found = self.acceptance(acceptance_id)
        if found.direction != "out":
            raise ModelError("上级的检查验收意见不能在这里修改；请逐项填写整改结果。")
        if found.sent:
            raise ReviewStateError(f"对{found.name}的这次检查验收已随检查验收意见包发出，不能再修改或删除。")
        return found

    def _checked(self, a: Acceptance) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The row of ``a``'s heading and of each item, checked (a Chinese refusal otherwise)."""
        held_on = check_date(a.held_on, "检查验收日期")
        if held_on > now()[:10]:
            raise ModelError(f"检查验收日期 {held_on} 晚于今天：请登记已经进行的检查验收。")
        if a.result not in RESULTS:
            raise ModelError(f"验收结论应为{'、'.join(RESULTS)}之一，而不是“{a.result}”。")
        if not a.items:
            raise ModelError("检查验收至少要有一个检查项目。")
        items: list[dict[str, Any]] = []
        seen: set[str] = set()
        for n, i in enumerate(a.items, 1):
            try:
                kind = item_kind(i.item)
            except KeyError:
                raise ModelError(f"第 {n} 项“{i.item}”不是检查验收的项目（见 resources/method/acceptance_items.json）。") from None
            if kind.key in seen:
                raise ModelError(f"检查项目“{kind.label}”列了两次。")
            seen.add(kind.key)
            if i.conclusion not in CONCLUSIONS:
                raise ModelError(f"“{kind.label}”的检查结论应为“符合”或“存在问题”，而不是“{i.conclusion}”。")
            row = {"item": kind.key, "conclusion": i.conclusion, "uid": i.uid or str(uuid.uuid4()),
                   "problem": i.problem.strip(), "demand": i.demand.strip(), "deadline": "",
                   "document": i.document or "plan", "unit": (i.unit or "").strip() or None, "field": i.field or None,
                   "status": "", "reply": "", "answered_on": ""}
            if i.conclusion == PROBLEM:
                if not row["problem"]:
                    raise ModelError(f"“{kind.label}”存在问题：请写明问题。")
                if not row["demand"]:
                    raise ModelError(f"“{kind.label}”存在问题：请写明整改要求。")
                if i.deadline.strip():
                    deadline = row["deadline"] = check_date(i.deadline, f"“{kind.label}”的整改期限")
                    if deadline < held_on:
                        raise ModelError(f"“{kind.label}”的整改期限 {deadline} 早于检查验收日期 {held_on}。")
                elif a.result == "限期整改":
                    raise ModelError(f"验收结论为限期整改：请给“{kind.label}”写明整改期限。")
            items.append(row)
        if a.result != "通过" and not any(r["conclusion"] == PROBLEM for r in items):
            raise ModelError(f"验收结论为{a.result}，但没有一项“存在问题”：请写明存在的问题和整改要求。")
        head = {"held_on": held_on, "team": a.team.strip(), "office": a.office.strip(),
                "doc_no": normalize_doc_no(a.doc_no), "result": a.result, "opinion": a.opinion.strip()}
        same = [o for o in self.acceptances("out") if head["doc_no"] and o.doc_no == head["doc_no"] and o.id != a.id]
        if same:
            raise ModelError(f"文号“{head['doc_no']}”已用于对{same[0].name}的第{same[0].number}次检查验收，"
                             "一个文号只能用于一份文件。")
        return head, items

    def _insert_items(self, tx: Transaction, acceptance_id: int, items: list[dict[str, Any]]) -> None:
        for row in items:
            tx.insert("acceptance_item", {**row, "acceptance": acceptance_id})

    # -- the county side --------------------------------------------------------------------------

    def import_received(self, acceptance: Acceptance, packet: ReceivedPacket) -> OpChanges:
        """Keep a verified 检查验收意见包 from the office above: the acceptance, its items, the packet."""
        head = {k: v for k, v in dataclasses.asdict(acceptance).items() if k not in ("items", "id")}
        head.update(direction="in", recorded_at=now(), recorded_by=self.ws.user)
        problems = len(acceptance.problems)
        with self.ws.operation(f"导入{acceptance.office or acceptance.name}的检查验收意见", acceptance.doc_no) as tx:
            (new_id,) = tx.insert("acceptance", head)
            for i in acceptance.items:
                row = {k: v for k, v in dataclasses.asdict(i).items() if k != "id"}
                tx.insert("acceptance_item", {**row, "acceptance": new_id, "status": "", "reply": "",
                                              "answered_on": ""})
            tx.insert("received_packet", received_packet_to_row(dataclasses.replace(
                packet, received_at=packet.received_at or now())))
            tx.note(ENTITY, acceptance.office or acceptance.name, acceptance.result, "",
                    f"{acceptance.doc_no or acceptance.held_on}，存在问题 {problems} 项")
        return tx.changes  # type: ignore[return-value]

    def answer(self, item_id: int, status: str, reply: str, answered_on: str = "") -> OpChanges:
        """The county's 整改结果 of a received 存在问题 item: 已整改 / 已说明 with what was done or why."""
        if status not in ANSWERS:
            raise ModelError(f"整改结果应为“{ANSWERS[0]}”或“{ANSWERS[1]}”，而不是“{status}”。")
        reply = reply.strip()
        if not reply:
            raise ModelError("请填写整改结果（整改了什么，或为什么不改）。")
        old = self.item(item_id)
        assert old.acceptance is not None
        owner = self.acceptance(old.acceptance)
        if owner.direction != "in":
            raise ModelError("只能答复上级检查验收中的问题。")
        if not old.has_problem:
            raise ModelError(f"“{old.label}”检查结论为符合，不需要整改。")
        today = now()[:10]
        day = check_date(answered_on, "整改日期") if answered_on.strip() else today
        if day < owner.held_on:
            raise ModelError(f"整改日期 {day} 早于检查验收日期 {owner.held_on}。")
        if day > today:
            raise ModelError(f"整改日期 {day} 晚于今天。")
        with self.ws.operation("答复检查验收问题") as tx:
            tx.update("acceptance_item", (item_id,), {"status": status, "reply": reply, "answered_on": day})
            tx.note(ENTITY, old.unit or old.label, status, old.reply, reply)
        return tx.changes  # type: ignore[return-value]

    def replies_json(self) -> dict[str, Any] | None:
        """``acceptance-replies.json`` for the next filing: every answered item received, or None."""
        replies = [
            {"acceptance": a.uid, "doc_no": a.doc_no, "uid": i.uid, "item": i.item, "label": i.label,
             "problem": i.problem, "status": i.status, "reply": i.reply, "answered_on": i.answered_on}
            for a in self.acceptances("in") for i in a.items if i.has_problem and i.status
        ]
        return {"format": REPLIES_FORMAT, "format_version": 1, "replies": replies} if replies else None


def _head_of(a: Acceptance) -> dict[str, Any]:
    return {"held_on": a.held_on, "result": a.result, "doc_no": a.doc_no}


def _summary(head: dict[str, Any], items: list[Any]) -> str:
    problems = sum(1 for i in items if (i["conclusion"] if isinstance(i, dict) else i.conclusion) == PROBLEM)
    return f"{head['held_on']} {head['result']} {head['doc_no']}，存在问题 {problems} 项".replace("  ", " ")
