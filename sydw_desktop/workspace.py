"""The workspace façade: one object per open `.sydw` file.

Each method names one thing a clerk reads or does. Reads ask :mod:`.store.queries`; mutations check
their input, then run as one named operation (:class:`.store.operations.Operations`: one
transaction, one undo step) that writes rows and notes its 台账 lines, and return an
:class:`OpChanges` saying what changed. No SQL lives here: it is all in ``store/``.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from .codec import to_data
from .docno import normalize_doc_no
from .errors import ModelError, WorkspaceError
from .handed_down import caps_change_problem, param_change_problem
from .model import (
    DOCUMENT_CLASSES,
    DOCUMENT_FIELD_LABELS,
    JURISDICTION_FIELD_LABELS,
    UNIT_FIELD_LABELS,
    WORKBOOK_FIELDS,
    Allocation,
    ChangeEntry,
    Charter,
    Explanation,
    InstalledHanddown,
    Jurisdiction,
    ParamOverride,
    PlanData,
    Quanxian,
    ReceivedPacket,
    ReviewComment,
    Round,
    Sanding,
    Snapshot,
    SubordinateFiling,
    Transfer,
    TransferId,
    TrustedCertificate,
    Unit,
    UnitId,
)
from .progress import CancelCheck, Progress
from .review.workspace_review import ReviewMixin
from .store import backups
from .store import league as L
from .store import queries as Q
from .store import rows as R
from .store.changelog import now
from .store.changelog import read as read_changelog
from .store.copy import save_copy
from .store.database import create_database, open_database
from .store.lock import WorkspaceLock, current_user
from .store.operations import Operations
from .store.transaction import Transaction
from .store.undo import OpChanges
from .vocab import UNIT_DOCUMENT_KINDS, Phase, Placement, WorkflowStep, is_region_code, normalize_name

#: Upper bound of every count the program stores (编制, 限额, 人数 …): far above any real figure, and
#: within SQLite's 64-bit integers, so absurd input is refused with a message, not an overflow.
MAX_COUNT = 10_000_000

#: Chinese name of each per-unit document, by key (derived from :class:`DocumentKind`).
DOCUMENT_LABELS = {kind.key: kind.label for kind in UNIT_DOCUMENT_KINDS}


P = ParamSpec("P")
T = TypeVar("T")


def _locked(method: Callable[Concatenate[Workspace, P], T]) -> Callable[Concatenate[Workspace, P], T]:
    """Run a read under the workspace's mutex (see :class:`.store.operations.Operations`)."""

    @functools.wraps(method)
    def wrapper(self: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with self._ops.mutex:
            return method(self, *args, **kwargs)

    return wrapper


class Workspace(ReviewMixin):
    """An open workspace file. Use :meth:`create` or :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WorkspaceLock | None, readonly: bool) -> None:
        self.path = path
        conn.row_factory = sqlite3.Row
        self._conn = conn
        self._lock = lock
        self.readonly = readonly
        self.user = current_user()
        self._ops = Operations(conn, self.user, readonly=readonly, file_name=path.name)

    # -- lifecycle --------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, jurisdiction: Jurisdiction) -> Workspace:
        """Create a new workspace file for ``jurisdiction``; the file must not exist yet."""
        path = Path(path)
        _validate_jurisdiction(jurisdiction)
        conn = create_database(path)
        try:
            ws = cls(path, conn, WorkspaceLock(path), readonly=False)
        except BaseException:
            conn.close()
            path.unlink(missing_ok=True)
            raise
        try:
            with ws._ops.run("新建工作区") as tx:
                tx.insert("jurisdiction", R.jurisdiction_to_row(jurisdiction))
                tx.insert("meta", {"key": "created_at", "value": now()})
                tx.insert("meta", {"key": "workflow_step", "value": WorkflowStep.PREPARE.value})
                tx.note("工作区", jurisdiction.name, "新建", "", f"{jurisdiction.level.value} {jurisdiction.code}")
        except BaseException:  # no half-made workspace is left behind
            ws.close()
            path.unlink(missing_ok=True)
            raise
        ws._ops.forget_history()
        return ws

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Workspace:
        """Open an existing workspace. Writable opens take the lock first and fail if it is in use."""
        path = Path(path)
        lock = None if readonly else WorkspaceLock(path) if path.exists() else None
        try:
            conn, _ = open_database(path, readonly=readonly)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, conn, lock, readonly)

    def close(self) -> None:
        # under the mutex: a worker still reading (a background check, the steps) finishes first;
        # closing the connection under a running query would crash the process
        with self._ops.mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def backup(self, reason: str) -> Path:
        """Write a checked backup of the file as it is now (see :mod:`.store.backups`); returns its path."""
        with self._ops.mutex:
            try:
                keep = int(Q.setting(self._conn, backups.KEEP_SETTING) or backups.DEFAULT_KEEP)
            except ValueError:
                keep = backups.DEFAULT_KEEP
            return backups.write_backup(self._conn, self.path, reason, keep=keep)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- operations, undo -------------------------------------------------------------------------

    @contextmanager
    def batch(self, name: str, doc_no: str = "") -> Iterator[None]:
        """Run several mutations as ONE named operation: one transaction, one undo step.

        ``with ws.batch("调整农牧口单位"): ws.update_unit(...); ws.set_document(...)`` — if anything
        inside raises, none of it is stored. Each mutation inside still returns its own changes.
        """
        with self._ops.run(name, doc_no):
            yield

    @contextmanager
    def operation(self, name: str, doc_no: str = "") -> Iterator[Transaction]:
        """A named operation for records kept beside the plan (:mod:`.method`): not refused when the
        round is locked, since they record the work done on the approved plan."""
        with self._ops.run(name, doc_no) as tx:
            yield tx

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read-only ``query`` of :mod:`.store` on this workspace, under its mutex."""
        with self._ops.mutex:
            return query(self._conn)

    @property
    def last_changes(self) -> OpChanges | None:
        """What the last completed operation changed (for a :meth:`batch`, the whole batch)."""
        return self._ops.last_changes

    @property
    def undo_name(self) -> str | None:
        return self._ops.undo_name

    @property
    def redo_name(self) -> str | None:
        return self._ops.redo_name

    def forget_history(self) -> None:
        """Nothing before this point can be undone: what was just recorded happened outside the file too
        (a signed packet written and handed over), so undoing it would make the file lie."""
        self._ops.forget_history()

    def undo(self) -> OpChanges | None:
        """Undo the last operation; returns what changed, or None when there is nothing to undo."""
        return self._ops.undo(lambda: self.jurisdiction().name)

    def redo(self) -> OpChanges | None:
        return self._ops.redo(lambda: self.jurisdiction().name)

    # -- reading ----------------------------------------------------------------------------------

    @_locked
    def jurisdiction(self) -> Jurisdiction:
        found = Q.jurisdiction(self._conn)
        if found is None:
            raise WorkspaceError(f"工作区“{self.path.name}”缺少行政区划信息，文件不完整。")
        return found

    @_locked
    def units(self, phase: Phase) -> list[Unit]:
        return Q.units(self._conn, phase)

    @_locked
    def unit_count(self, phase: Phase) -> int:
        return Q.unit_count(self._conn, phase)

    @_locked
    def unit(self, unit_id: int) -> Unit:
        found = Q.unit(self._conn, unit_id)
        if found is None:
            raise ModelError(f"单位（编号 {unit_id}）不存在。")
        return found

    @_locked
    def find_unit(self, phase: Phase, name: str) -> Unit | None:
        return Q.find_unit(self._conn, phase, name)

    @_locked
    def transfers(self) -> list[Transfer]:
        return Q.transfers(self._conn)

    @_locked
    def document(self, unit_id: int, kind: str) -> Any | None:
        return Q.document(self._conn, DOCUMENT_CLASSES[kind], unit_id, kind)

    def sanding(self, unit_id: int) -> Sanding | None:
        return cast(Sanding | None, self.document(unit_id, "sanding"))

    def charter(self, unit_id: int) -> Charter | None:
        return cast(Charter | None, self.document(unit_id, "charter"))

    def quanxian(self, unit_id: int) -> Quanxian | None:
        return cast(Quanxian | None, self.document(unit_id, "quanxian"))

    @_locked
    def setting(self, key: str, default: str = "") -> str:
        value = Q.setting(self._conn, key)
        return default if value is None else value

    @_locked
    def settings(self) -> dict[str, str]:
        return Q.settings(self._conn)

    def workflow_step(self) -> WorkflowStep:
        return WorkflowStep(self.setting("workflow_step", WorkflowStep.PREPARE.value))

    @_locked
    def rounds(self) -> list[Round]:
        return Q.rounds(self._conn)

    @_locked
    def review_comments(self) -> list[ReviewComment]:
        return Q.review_comments(self._conn)

    @_locked
    def explanations(self) -> dict[tuple[str, str, str], Explanation]:
        return Q.explanations(self._conn)

    @_locked
    def param_overrides(self) -> list[ParamOverride]:
        return Q.param_overrides(self._conn)

    @_locked
    def changelog(self, limit: int | None = None) -> list[ChangeEntry]:
        return read_changelog(self._conn, limit)

    @_locked
    def is_locked(self) -> bool:
        """True when the latest round was approved and locked: changes need a new round."""
        rounds = self.rounds()
        return bool(rounds) and rounds[-1].locked

    @_locked
    def save_copy(self, target: Path, *, progress: Progress | None = None,
                  cancel: CancelCheck | None = None) -> Path:
        """A verified, consistent copy of this workspace at ``target`` (另存为 / 备份到…); see :mod:`.store.copy`."""
        return save_copy(self._conn, target, source_path=self.path, progress=progress, cancel=cancel)

    @_locked
    def snapshot(self) -> Snapshot:
        """All data at this moment, for rules and exporters (safe to hand to another thread)."""
        docs = Q.documents(self._conn, DOCUMENT_CLASSES)
        return Snapshot(
            jurisdiction=self.jurisdiction(),
            before=self.units(Phase.BEFORE),
            after=self.units(Phase.AFTER),
            transfers=self.transfers(),
            sanding=docs["sanding"],
            charters=docs["charter"],
            quanxian=docs["quanxian"],
            explanations=self.explanations(),
            param_overrides=self.param_overrides(),
            settings=self.settings(),
            rounds=self.rounds(),
        )

    # -- mutations --------------------------------------------------------------------------------

    @contextmanager
    def _plan_operation(self, name: str, doc_no: str = "") -> Iterator[Transaction]:
        """An operation on the plan (units, transfers, documents): refused once the round is locked."""
        with self._ops.run(name, doc_no) as tx:
            self.check_unlocked()
            yield tx

    def set_jurisdiction(self, jurisdiction: Jurisdiction, doc_no: str = "") -> OpChanges:
        _validate_jurisdiction(jurisdiction)
        old = self.jurisdiction()
        if (old.unit_cap, old.staff_cap) != (jurisdiction.unit_cap, jurisdiction.staff_cap):
            refused = caps_change_problem(self.installed_handdown(), jurisdiction)
            if refused is not None:
                raise ModelError(refused)
        with self._plan_operation("修改行政区划信息", doc_no) as tx:
            tx.update("jurisdiction", (1,), R.jurisdiction_to_row(jurisdiction))
            for name, label in JURISDICTION_FIELD_LABELS.items():
                if getattr(old, name) != getattr(jurisdiction, name):
                    tx.note("行政区划", jurisdiction.name, label, getattr(old, name), getattr(jurisdiction, name))
        return tx.changes  # type: ignore[return-value]

    def add_unit(self, unit: Unit, doc_no: str = "") -> OpChanges:
        with self._plan_operation(f"新增{unit.phase.value}单位", doc_no) as tx:
            self._insert_unit(tx, unit)
        return tx.changes  # type: ignore[return-value]

    def _insert_unit(self, tx: Transaction, unit: Unit) -> UnitId:
        self._check_unit(unit)
        if self.find_unit(unit.phase, unit.name) is not None:
            raise ModelError(f"{unit.phase.value}单位中已有“{unit.name}”，单位名称不能重复。")
        row = R.unit_to_row(unit)
        if unit.id is not None:
            row["id"] = unit.id
        (new_id,) = tx.insert("unit", row)
        tx.note(f"{unit.phase.value}单位", unit.name, "新增", "", unit.name)
        return UnitId(new_id)

    def _check_unit(self, unit: Unit) -> None:
        _validate_unit(unit)
        if unit.destination is not None and self.unit(unit.destination).phase is not Phase.AFTER:
            raise ModelError(f"“{unit.name}”的去向单位必须是改革后单位。")

    def update_unit(self, unit_id: int, doc_no: str = "", **fields: Any) -> OpChanges:
        """Change fields of a unit (names as in :class:`Unit`). The operation is named after them."""
        unknown = set(fields) - set(UNIT_FIELD_LABELS)
        if unknown:
            raise ModelError(f"单位没有这些字段：{'、'.join(sorted(unknown))}")
        old = self.unit(unit_id)
        new = dataclasses.replace(old, **fields)
        changed = [f for f in fields if getattr(old, f) != getattr(new, f)]
        label = "、".join(UNIT_FIELD_LABELS[f] for f in changed) or "单位信息"
        with self._plan_operation(f"修改{label}", doc_no) as tx:
            self._check_unit(new)
            if new.name != old.name and self.find_unit(new.phase, new.name) is not None:
                raise ModelError(f"{new.phase.value}单位中已有“{new.name}”，单位名称不能重复。")
            self._write_unit_fields(tx, old, new, changed)
        return tx.changes  # type: ignore[return-value]

    def _write_unit_fields(self, tx: Transaction, old: Unit, new: Unit, changed: Sequence[str]) -> None:
        """Store ``changed`` fields of ``old`` as they are in ``new``, noting each (but the order)."""
        assert old.id is not None
        row = R.unit_to_row(new)
        tx.update("unit", (old.id,), {f: row[f] for f in changed})
        for f in changed:
            if f == "sort_key":
                continue
            before, after = getattr(old, f), getattr(new, f)
            if f == "destination":
                before = self.unit(before).name if before else ""
                after = self.unit(after).name if after else ""
            tx.note(f"{old.phase.value}单位", new.name, UNIT_FIELD_LABELS[f], before, after)

    def delete_unit(self, unit_id: int, doc_no: str = "", reason: str = "") -> OpChanges:
        """Delete a unit with its documents and transfers; before-units pointing at it lose 去向.

        Once a round has been submitted the unit is kept as 作废 with ``reason`` (:meth:`void`).
        """
        unit = self.unit(unit_id)
        with self._plan_operation(f"删除单位“{unit.name}”", doc_no) as tx:
            self._delete_unit(tx, unit, reason)
        return tx.changes  # type: ignore[return-value]

    def _delete_unit(self, tx: Transaction, unit: Unit, reason: str = "导入 Excel 时删除") -> None:
        assert unit.id is not None
        self.void(tx, f"{unit.phase.value}单位", unit.name, reason, "unit", to_data(unit))
        for t in Q.transfers_of(self._conn, unit.id):
            tx.delete("transfer", (t.id,))
        for source in Q.units_sent_to(self._conn, unit.id):
            tx.update("unit", (source.id,), {"destination": None})
            tx.note("改革前单位", source.name, "去向单位", unit.name, "")
        for kind in DOCUMENT_CLASSES:
            tx.delete("document", (unit.id, kind))
        tx.delete("unit", (unit.id,))
        tx.note(f"{unit.phase.value}单位", unit.name, "删除", unit.name, "")

    def add_transfer(self, transfer: Transfer, doc_no: str = "") -> OpChanges:
        with self._plan_operation("新增人员转隶", doc_no) as tx:
            self._insert_transfer(tx, transfer)
        return tx.changes  # type: ignore[return-value]

    def _insert_transfer(self, tx: Transaction, t: Transfer) -> TransferId:
        source = self.unit(t.source)
        if source.phase is not Phase.BEFORE:
            raise ModelError("人员转隶的原单位必须是改革前单位。")
        if (t.target is None) == (t.placement is None):
            raise ModelError(f"人员转隶的去向必须是一个改革后单位，或者{'、'.join(Placement.labels())}之一。")
        if t.target is not None and self.unit(t.target).phase is not Phase.AFTER:
            raise ModelError("人员转隶的去向单位必须是改革后单位。")
        if t.count < 1:
            raise ModelError("人员转隶的人数至少为 1。")
        (tid,) = tx.insert("transfer", R.transfer_to_row(t))
        dest = self.unit(t.target).name if t.target is not None else t.placement.value  # type: ignore[union-attr]
        tx.note("人员转隶", source.name, "去向", "", f"{dest} {t.count}人")
        return TransferId(tid)

    def update_transfer(self, transfer: Transfer, doc_no: str = "") -> OpChanges:
        if transfer.id is None:
            raise ModelError("要修改的人员转隶记录没有编号。")
        with self._plan_operation("修改人员转隶", doc_no) as tx:
            old = Q.transfer(self._conn, transfer.id)
            if old is None:
                raise ModelError("要修改的人员转隶记录不存在。")
            tx.update("transfer", (transfer.id,), R.transfer_to_row(transfer))
            tx.note("人员转隶", self.unit(transfer.source).name, "人数", old.count, transfer.count)
        return tx.changes  # type: ignore[return-value]

    def delete_transfer(self, transfer_id: int, doc_no: str = "") -> OpChanges:
        with self._plan_operation("删除人员转隶", doc_no) as tx:
            old = Q.transfer(self._conn, transfer_id)
            if old is None:
                raise ModelError("要删除的人员转隶记录不存在。")
            tx.delete("transfer", (transfer_id,))
            tx.note("人员转隶", self.unit(old.source).name, "删除", f"{old.count}人", "")
        return tx.changes  # type: ignore[return-value]

    def set_document(self, unit_id: int, document: Sanding | Quanxian | Charter, doc_no: str = "") -> OpChanges:
        """Store the 三定, 政事权限清单 or 章程 of an after-unit (replacing the previous one)."""
        kind = _document_kind(document)
        unit = self.unit(unit_id)
        if unit.phase is not Phase.AFTER:
            raise ModelError(f"“{unit.name}”是改革前单位；{DOCUMENT_LABELS[kind]}只属于改革后单位。")
        old = self.document(unit_id, kind)
        changed = _changed_fields(old, document)
        label = DOCUMENT_LABELS[kind]
        names = DOCUMENT_FIELD_LABELS[kind]
        operation = f"起草{label}" if old is None else f"修改{label}"
        if old is not None and 0 < len(changed) <= 3:
            operation += "（" + "、".join(names.get(n, n) for n in changed) + "）"
        with self._plan_operation(operation, doc_no) as tx:
            tx.upsert("document", (unit_id, kind), {"body": R.document_to_body(document)})
            for name in changed:
                tx.note(label, unit.name, names.get(name, name), getattr(old, name, None), getattr(document, name))
        return tx.changes  # type: ignore[return-value]

    def delete_document(self, unit_id: int, kind: str, doc_no: str = "", reason: str = "") -> OpChanges:
        unit = self.unit(unit_id)
        with self._plan_operation(f"删除{DOCUMENT_LABELS[kind]}", doc_no) as tx:
            old = tx.delete("document", (unit_id, kind))
            if old is not None:
                self.void(tx, DOCUMENT_LABELS[kind], unit.name, reason, kind, old.get("body"))
                tx.note(DOCUMENT_LABELS[kind], unit.name, "删除", DOCUMENT_LABELS[kind], "")
        return tx.changes  # type: ignore[return-value]

    def set_setting(self, key: str, value: str, label: str, doc_no: str = "") -> OpChanges:
        old = self.setting(key)
        with self._ops.run(f"修改{label}", doc_no) as tx:
            tx.upsert("meta", (key,), {"value": value})
            tx.note("工作区", self.jurisdiction().name, label, old, value)
        return tx.changes  # type: ignore[return-value]

    def set_workflow_step(self, step: WorkflowStep, doc_no: str = "") -> OpChanges:
        return self.set_setting("workflow_step", step.value, "工作步骤", doc_no)

    def add_round(self, rnd: Round) -> OpChanges:
        with self._ops.run(f"第{rnd.number}轮{rnd.direction.value}") as tx:
            tx.insert("round", R.round_to_row(rnd))
            tx.note("轮次", f"第{rnd.number}轮", rnd.direction.value, "", rnd.note)
        return tx.changes  # type: ignore[return-value]

    def add_review_comment(self, comment: ReviewComment) -> OpChanges:
        comment = dataclasses.replace(comment, author=comment.author or self.user)
        with self._ops.run("新增审核意见") as tx:
            tx.insert("review_comment", R.review_comment_to_row(comment))
            tx.note("审核意见", comment.unit or "方案", comment.field or "", "", comment.text)
        return tx.changes  # type: ignore[return-value]

    def set_explanation(self, rule: str, unit: str | None, field: str | None, text: str,
                        fingerprint: str = "") -> OpChanges:
        """Write (or with empty ``text`` remove) the 说明 of a warning."""
        key = R.explanation_key(rule, unit, field)
        text = text.strip()
        with self._ops.run("填写说明" if text else "删除说明") as tx:
            old = Q.explanation(self._conn, key)
            if text:
                explanation = Explanation(rule=key[0], unit=key[1], field=key[2], text=text,
                                          fingerprint=fingerprint, author=self.user, updated_at=now())
                tx.upsert("explanation", key, R.explanation_to_row(explanation))
            else:
                tx.delete("explanation", key)
            tx.note("说明", unit or "方案", rule, old.text if old else "", text)
        return tx.changes  # type: ignore[return-value]

    def add_param_override(self, override: ParamOverride) -> OpChanges:
        override = dataclasses.replace(override, author=override.author or self.user,
                                       created_at=override.created_at or now(),
                                       doc_no=normalize_doc_no(override.doc_no))
        refused = param_change_problem(self.installed_handdown(), override.rule, override.param, override.value,
                                       str(override.effective_from))
        if refused is not None:
            raise ModelError(refused)
        with self._ops.run("修改规则参数", override.doc_no) as tx:
            self.check_unlocked()
            tx.insert("param_override", R.param_override_to_row(override))
            tx.note("规则参数", override.rule, override.param, "", f"{override.value}（自 {override.effective_from} 起）")
        return tx.changes  # type: ignore[return-value]

    def replace_plan(self, plan: PlanData, operation: str = "导入 Excel") -> OpChanges:
        """Make the inventory and plan exactly ``plan``, as one undoable operation.

        Units are matched by phase and name: a unit that stays keeps its id (and with it its 三定,
        清单 and 章程); units not named are deleted. Transfers are replaced as a whole.
        """
        with self._plan_operation(operation) as tx:
            j = plan.jurisdiction
            if j is not None and j != self.jurisdiction():
                _validate_jurisdiction(j)
                tx.update("jurisdiction", (1,), R.jurisdiction_to_row(j))
                tx.note("行政区划", j.name, "基本信息", "", f"{j.level.value} {j.code} {j.unit_cap} {j.staff_cap}")
            for t in self.transfers():
                tx.delete("transfer", (t.id,))
            after_ids = self._sync_units(tx, Phase.AFTER, plan.after)
            before = [
                dataclasses.replace(
                    u, destination=after_ids[plan.destinations[u.name]] if u.name in plan.destinations else None
                )
                for u in plan.before
            ]
            before_ids = self._sync_units(tx, Phase.BEFORE, before)
            for line in plan.transfers:
                target = None if line.target is None else after_ids[line.target]
                self._insert_transfer(
                    tx,
                    Transfer(source=before_ids[line.source], target=target, placement=line.placement,
                             count=line.count, remark=line.remark),
                )
        return tx.changes  # type: ignore[return-value]

    def _sync_units(self, tx: Transaction, phase: Phase, units: Sequence[Unit]) -> dict[str, UnitId]:
        """Match ``units`` to the stored ones by normalised name (spacing, bracket width); update the
        workbook's fields of those that stay, insert the new, delete the rest (with their documents)."""
        existing = {normalize_name(u.name): u for u in self.units(phase)}
        wanted = {normalize_name(u.name) for u in units}
        for key, unit in existing.items():
            if key not in wanted:
                self._delete_unit(tx, unit)
        ids: dict[str, UnitId] = {}
        for order, unit in enumerate(units):
            unit = dataclasses.replace(unit, sort_key=order, id=None)
            old = existing.get(normalize_name(unit.name))
            if old is None:
                ids[unit.name] = self._insert_unit(tx, unit)
                continue
            assert old.id is not None
            changed = [f for f in (*WORKBOOK_FIELDS, "sort_key") if getattr(old, f) != getattr(unit, f)]
            if changed:
                self._write_unit_fields(tx, old, unit, changed)
            ids[unit.name] = old.id
        return ids

    # -- trust list and received packets (the upper level's side; schema version 3) ---------------

    @_locked
    def trusted_certificates(self) -> list[TrustedCertificate]:
        return Q.trusted_certificates(self._conn)

    def add_trusted_certificate(self, cert: TrustedCertificate) -> OpChanges:
        """Put a subordinate office's certificate on the trust list (refused when already there)."""
        cert = dataclasses.replace(cert, added_at=cert.added_at or now(),
                                   added_by=cert.added_by or self.user)
        with self._ops.run("添加信任证书") as tx:
            if Q.trusted_certificate(self._conn, cert.fingerprint) is not None:
                raise ModelError(f"“{cert.office}”的这张证书已在信任列表中。")
            tx.insert("trusted_cert", R.trusted_certificate_to_row(cert))
            tx.note("信任证书", cert.office, "添加", "", f"{cert.region_code} {cert.fingerprint}".strip())
        return tx.changes  # type: ignore[return-value]

    def remove_trusted_certificate(self, fingerprint: str) -> OpChanges:
        with self._ops.run("移除信任证书") as tx:
            old = Q.trusted_certificate(self._conn, fingerprint)
            if old is None:
                raise ModelError(f"信任列表中没有指纹为 {fingerprint} 的证书。")
            tx.delete("trusted_cert", (fingerprint,))
            tx.note("信任证书", old.office, "移除", fingerprint, "")
        return tx.changes  # type: ignore[return-value]

    @_locked
    def subordinate_filings(self) -> list[SubordinateFiling]:
        """Received packets, without their data (see :meth:`subordinate_data`)."""
        return Q.subordinate_filings(self._conn)

    @_locked
    def subordinate_data(self, region_code: str, round_number: int) -> tuple[str, str] | None:
        """The received ``workspace.json`` and ``check-report.json`` texts, or None."""
        return Q.subordinate_data(self._conn, region_code, round_number)

    def store_subordinate_filing(self, filing: SubordinateFiling, workspace_json: str, check_report: str,
                                 packet: ReceivedPacket | None = None, replies: str | None = None,
                                 packet_data: bytes | None = None) -> OpChanges:
        """Keep a received packet's data (replacing an earlier packet of the same office and round).

        ``packet`` is logged as taken in (replay refusal); ``replies`` is the filing's ``replies.json``
        (round 2 on); ``packet_data`` is the packet file itself (a league's roll-up carries it on).
        """
        filing = dataclasses.replace(filing, received_at=filing.received_at or now(),
                                     received_by=filing.received_by or self.user)
        key = (filing.region_code, filing.round)
        with self._ops.run(f"接收{filing.name}第{filing.round}轮报送材料") as tx:
            old = Q.subordinate_filing(self._conn, *key)
            row = R.subordinate_filing_to_row(filing, workspace_json, check_report)
            tx.upsert("subordinate", key, {**row, "replies": replies or ""})
            if packet is not None:
                self.record_received_packet(tx, packet)
            if packet_data is not None:
                tx.upsert("subordinate_packet", key, {"data": packet_data})
            tx.note("下级报送", filing.name, f"第{filing.round}轮", old.packet_id if old else "", filing.packet_id)
        return tx.changes  # type: ignore[return-value]

    # -- the league's side: allocations, hand-down packs (schema step _V5_LEAGUE) ---------------

    @_locked
    def subordinate_packet(self, region_code: str, round_number: int) -> bytes | None:
        """The received packet file of a subordinate and round, when it was kept."""
        return L.subordinate_packet(self._conn, region_code, round_number)

    @_locked
    def received_check_reports(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """The ``check-report.json`` texts of received filings, by (region code, round)."""
        return L.check_reports(self._conn, keys)

    @_locked
    def allocations(self) -> list[Allocation]:
        """The subordinates with their allocated 机构限额 and 编制总量, by region code."""
        return L.allocations(self._conn)

    def set_allocation(self, allocation: Allocation) -> OpChanges:
        """Add a subordinate to the allocation table or change its allocated caps (logged)."""
        if not is_region_code(allocation.region_code):
            raise ModelError(f"行政区划代码“{allocation.region_code}”应为 6 位数字（半角）。")
        if not allocation.name.strip():
            raise ModelError(f"请填写行政区划代码 {allocation.region_code} 的名称。")
        for label, value in (("机构限额", allocation.unit_cap), ("事业编制总量", allocation.staff_cap)):
            if value is not None and not 0 <= value <= MAX_COUNT:
                raise ModelError(f"分配的{label}“{value}”不合理：应为 0 到 {MAX_COUNT} 之间的整数。")
        allocation = dataclasses.replace(allocation, doc_no=normalize_doc_no(allocation.doc_no),
                                         updated_at=now(), updated_by=self.user)
        with self._ops.run(f"分配{allocation.name}机构限额和编制总量", allocation.doc_no) as tx:
            old = L.allocation(self._conn, allocation.region_code)
            tx.upsert("allocation", (allocation.region_code,), L.allocation_to_row(allocation))
            for label, attr in (("机构限额", "unit_cap"), ("事业编制总量", "staff_cap")):
                before, after = (getattr(old, attr) if old else None), getattr(allocation, attr)
                if old is None or before != after:
                    tx.note("分配", allocation.name, label, before, after)
        return tx.changes  # type: ignore[return-value]

    @_locked
    def installed_handdown(self) -> InstalledHanddown | None:
        """The superior's hand-down pack installed here, or None."""
        return L.installed_handdown(self._conn)

    def record_handdown(self, handdown: InstalledHanddown) -> OpChanges:
        """Record ``handdown`` as the installed pack (replacing the older one); see league.handdown."""
        handdown = dataclasses.replace(handdown, installed_at=now(), installed_by=self.user)
        with self._ops.run(f"导入{handdown.issuer_name}下发参数") as tx:
            old = L.installed_handdown(self._conn)
            tx.upsert("handdown", (1,), L.handdown_to_row(handdown))
            tx.note("上级下发", handdown.issuer_name, "示范卷", f"第{old.number}号" if old else "",
                    f"第{handdown.number}号")
        return tx.changes  # type: ignore[return-value]


def _document_kind(document: object) -> str:
    for kind, cls in DOCUMENT_CLASSES.items():
        if isinstance(document, cls):
            return kind
    raise ModelError(f"不认识的文书类型：{type(document).__name__}")


def _changed_fields(old: object | None, new: object) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(new)  # type: ignore[arg-type]
        if old is None or getattr(old, f.name) != getattr(new, f.name)
    ]


def _validate_jurisdiction(j: Jurisdiction) -> None:
    if not j.name.strip():
        raise ModelError("行政区划名称不能为空。")
    if not is_region_code(j.code):
        raise ModelError(f"行政区划代码“{j.code}”应为 6 位数字（半角）。")
    for label, value in (("机构限额", j.unit_cap), ("事业编制总量", j.staff_cap)):
        if value is not None and not 0 <= value <= MAX_COUNT:
            raise ModelError(f"{label}“{value}”不合理：应为 0 到 {MAX_COUNT} 之间的整数。")


def _validate_unit(unit: Unit) -> None:
    if not unit.name.strip():
        raise ModelError("单位名称不能为空。")
    if unit.staffing < 0 or (unit.actual is not None and unit.actual < 0):
        raise ModelError(f"“{unit.name}”的核定编制和实有人数不能为负数。")
    for f in ("staffing", "actual", "leaders_principal", "leaders_deputy", "depts", "party_members"):
        value = getattr(unit, f)
        if value is not None and value > MAX_COUNT:
            raise ModelError(f"“{unit.name}”的{UNIT_FIELD_LABELS[f]}“{value}”不合理（超过 {MAX_COUNT}）。")
