"""The workspace façade: one object per open `.sydw` file.

It owns the SQLite connection, the write lock, transactions, the change log (台账) and the undo/redo
history of named operations. Every mutation runs as one operation in one transaction, writes its
台账 lines and returns an :class:`OpChanges` saying what changed. No SQL lives outside ``store/``
and this module.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import ModelError, ReadOnlyWorkspace, WorkspaceError
from .model import (
    DOCUMENT_CLASSES,
    DOCUMENT_FIELD_LABELS,
    JURISDICTION_FIELD_LABELS,
    UNIT_FIELD_LABELS,
    WORKBOOK_FIELDS,
    ChangeEntry,
    Charter,
    Explanation,
    Jurisdiction,
    ParamOverride,
    PlanData,
    Quanxian,
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
from .store import rows as R
from .store.database import create_database, open_database
from .store.lock import WorkspaceLock, current_user
from .store.schema import PRIMARY_KEYS
from .store.undo import Key, OpChanges, Operation, Row, RowChange, UndoStack, summarize
from .vocab import UNIT_DOCUMENT_KINDS, Phase, WorkflowStep, is_region_code, normalize_name

#: Upper bound of every count the program stores (编制, 限额, 人数 …): far above any real figure, and
#: within SQLite's 64-bit integers, so absurd input is refused with a message, not an overflow.
MAX_COUNT = 10_000_000

#: Chinese name of each per-unit document, by key (derived from :class:`DocumentKind`).
DOCUMENT_LABELS = {kind.key: kind.label for kind in UNIT_DOCUMENT_KINDS}


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _show(value: Any) -> str:
    """A value as the 台账 shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return "、".join(_show(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{_show(k)}{_show(v)}" for k, v in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # an 内设机构, a 清单 item …
        return " ".join(t for t in (_show(getattr(value, f.name)) for f in dataclasses.fields(value)) if t)
    return str(value)


def _locked(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a read (or undo/redo) under the workspace's mutex (see ``Workspace._mutex``)."""

    @functools.wraps(method)
    def wrapper(self: Workspace, *args: Any, **kwargs: Any) -> Any:
        with self._mutex:
            return method(self, *args, **kwargs)

    return wrapper


class _Tx:
    """The operation being recorded: row changes and 台账 lines."""

    def __init__(self, ws: Workspace, name: str, doc_no: str) -> None:
        self.ws = ws
        self.op = Operation(name)
        self.doc_no = doc_no
        self.log: list[tuple[str, str, str, str, str]] = []
        #: what the operation (or, inside a batch, the nested mutation) changed; set on exit
        self.changes: OpChanges | None = None
        self._savepoints = 0

    # -- row primitives -------------------------------------------------------------------------

    def _where(self, table: str, key: Key) -> tuple[str, list[Any]]:
        cols = PRIMARY_KEYS[table]
        return " AND ".join(f"{c} = ?" for c in cols), list(key)

    def _fetch(self, table: str, key: Key) -> Row | None:
        where, args = self._where(table, key)
        row = self.ws._conn.execute(f"SELECT * FROM {table} WHERE {where}", args).fetchone()
        return None if row is None else dict(row)

    def insert(self, table: str, values: Row) -> Key:
        cols = list(values)
        cur = self.ws._conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )
        pk = PRIMARY_KEYS[table]
        key: Key = (cur.lastrowid,) if pk == ("id",) and "id" not in values else tuple(values[c] for c in pk)
        self.op.rows.append(RowChange(table, key, None, self._fetch(table, key)))
        return key

    def update(self, table: str, key: Key, values: Row) -> None:
        before = self._fetch(table, key)
        if before is None:
            raise ModelError(f"要修改的记录不存在（{table} {key}）。")
        if all(before.get(c) == v for c, v in values.items()):
            return
        where, args = self._where(table, key)
        sets = ", ".join(f"{c} = ?" for c in values)
        self.ws._conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values.values(), *args])
        self.op.rows.append(RowChange(table, key, before, self._fetch(table, key)))

    def upsert(self, table: str, key: Key, values: Row) -> None:
        if self._fetch(table, key) is None:
            self.insert(table, {**dict(zip(PRIMARY_KEYS[table], key, strict=False)), **values})
        else:
            self.update(table, key, values)

    def delete(self, table: str, key: Key) -> Row | None:
        before = self._fetch(table, key)
        if before is None:
            return None
        where, args = self._where(table, key)
        self.ws._conn.execute(f"DELETE FROM {table} WHERE {where}", args)
        self.op.rows.append(RowChange(table, key, before, None))
        return before

    def note(self, entity: str, name: str, field: str, old: Any, new: Any) -> None:
        """Add a 台账 line."""
        self.log.append((entity, name, field, _show(old), _show(new)))


class Workspace:
    """An open workspace file. Use :meth:`create` or :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WorkspaceLock | None, readonly: bool) -> None:
        self.path = path
        self._conn = conn
        self._conn.row_factory = sqlite3.Row
        self._lock = lock
        self.readonly = readonly
        self.user = current_user()
        self._undo = UndoStack()
        self._tx: _Tx | None = None
        self._last: OpChanges | None = None
        # One connection serves every thread (the GUI reads, a worker imports or checks): the mutex
        # makes each operation and each read whole, so no thread sees another's uncommitted rows
        # or slips its mutation into another thread's operation.
        self._mutex = threading.RLock()

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
            with ws._operation("新建工作区") as tx:
                tx.insert("jurisdiction", R.jurisdiction_to_row(jurisdiction))
                for key, value in (
                    ("created_at", _now()),
                    ("workflow_step", WorkflowStep.PREPARE.value),
                ):
                    tx.insert("meta", {"key": key, "value": value})
                tx.note("工作区", jurisdiction.name, "新建", "", f"{jurisdiction.level.value} {jurisdiction.code}")
        except BaseException:  # no half-made workspace is left behind
            ws.close()
            path.unlink(missing_ok=True)
            raise
        ws._undo.clear()
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
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions, undo -----------------------------------------------------------------------

    @contextmanager
    def _operation(self, name: str, doc_no: str = "") -> Iterator[_Tx]:
        if self.readonly:
            raise ReadOnlyWorkspace(f"工作区“{self.path.name}”以只读方式打开，不能修改。")
        with self._mutex:
            if self._tx is not None:  # nested (same thread: the mutex is ours): a savepoint inside
                with self._nested(self._tx, name) as tx:
                    yield tx
                return
            tx = _Tx(self, name, doc_no)
            self._tx = tx
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield tx
                self._write_log(tx)
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            finally:
                self._tx = None
            if tx.op.rows:
                self._undo.push(tx.op)
            tx.changes = self._last = summarize(name, tx.op.rows)

    @contextmanager
    def _nested(self, tx: _Tx, name: str) -> Iterator[_Tx]:
        """A mutation inside a batch: undone alone (rows and 台账 lines too) if it raises."""
        rows, log = len(tx.op.rows), len(tx.log)
        tx._savepoints += 1
        savepoint = f"sp{tx._savepoints}"
        self._conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield tx
        except BaseException:
            self._conn.execute(f"ROLLBACK TO {savepoint}")
            self._conn.execute(f"RELEASE {savepoint}")
            del tx.op.rows[rows:], tx.log[log:]
            raise
        self._conn.execute(f"RELEASE {savepoint}")
        tx.changes = summarize(name, tx.op.rows[rows:])

    def _write_log(self, tx: _Tx) -> None:
        at = _now()
        self._conn.executemany(
            "INSERT INTO changelog (at, user, operation, entity, entity_name, field, old, new, doc_no)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, self.user, tx.op.name, *line, tx.doc_no) for line in tx.log],
        )

    @contextmanager
    def batch(self, name: str, doc_no: str = "") -> Iterator[None]:
        """Run several mutations as ONE named operation: one transaction, one undo step.

        ``with ws.batch("调整农牧口单位"): ws.update_unit(...); ws.set_document(...)`` — if anything
        inside raises, none of it is stored. Each mutation inside still returns its own changes.
        """
        with self._operation(name, doc_no):
            yield

    @property
    def last_changes(self) -> OpChanges | None:
        """What the last completed operation changed (for a :meth:`batch`, the whole batch)."""
        return self._last

    @property
    def undo_name(self) -> str | None:
        return self._undo.undo_name

    @property
    def redo_name(self) -> str | None:
        return self._undo.redo_name

    @_locked
    def undo(self) -> OpChanges | None:
        """Undo the last operation; returns what changed, or None when there is nothing to undo."""
        op = self._undo.pop_undo()
        if op is None:
            return None
        try:
            self._replay(op, forward=False, label=f"撤销：{op.name}")
        except BaseException:
            self._undo.done_redo(op)
            raise
        self._undo.done_undo(op)
        return summarize(op.name, op.rows)

    @_locked
    def redo(self) -> OpChanges | None:
        op = self._undo.pop_redo()
        if op is None:
            return None
        try:
            self._replay(op, forward=True, label=f"重做：{op.name}")
        except BaseException:
            self._undo.done_undo(op)
            raise
        self._undo.done_redo(op)
        return summarize(op.name, op.rows)

    def _replay(self, op: Operation, *, forward: bool, label: str) -> None:
        if self.readonly:
            raise ReadOnlyWorkspace(f"工作区“{self.path.name}”以只读方式打开，不能修改。")
        conn = self._conn
        changes = op.rows if forward else list(reversed(op.rows))
        conn.execute("BEGIN IMMEDIATE")
        try:
            for ch in changes:
                old, new = (ch.before, ch.after) if forward else (ch.after, ch.before)
                cols = PRIMARY_KEYS[ch.table]
                where = " AND ".join(f"{c} = ?" for c in cols)
                if new is None:
                    conn.execute(f"DELETE FROM {ch.table} WHERE {where}", list(ch.key))
                elif old is None:
                    names = list(new)
                    conn.execute(
                        f"INSERT INTO {ch.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                        [new[n] for n in names],
                    )
                else:
                    sets = ", ".join(f"{c} = ?" for c in new)
                    conn.execute(f"UPDATE {ch.table} SET {sets} WHERE {where}", [*new.values(), *ch.key])
            conn.execute(
                "INSERT INTO changelog (at, user, operation, entity, entity_name, field, old, new, doc_no)"
                " VALUES (?, ?, ?, '工作区', ?, '', '', '', '')",
                (_now(), self.user, label, self.jurisdiction().name),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- reading ----------------------------------------------------------------------------------

    @_locked
    def jurisdiction(self) -> Jurisdiction:
        row = self._conn.execute("SELECT * FROM jurisdiction WHERE id = 1").fetchone()
        if row is None:
            raise WorkspaceError(f"工作区“{self.path.name}”缺少行政区划信息，文件不完整。")
        return R.row_to_jurisdiction(row)

    @_locked
    def units(self, phase: Phase) -> list[Unit]:
        rows = self._conn.execute(
            "SELECT * FROM unit WHERE phase = ? ORDER BY sort_key, id", (phase.value,)
        ).fetchall()
        return [R.row_to_unit(r) for r in rows]

    @_locked
    def unit(self, unit_id: int) -> Unit:
        row = self._conn.execute("SELECT * FROM unit WHERE id = ?", (unit_id,)).fetchone()
        if row is None:
            raise ModelError(f"单位（编号 {unit_id}）不存在。")
        return R.row_to_unit(row)

    @_locked
    def find_unit(self, phase: Phase, name: str) -> Unit | None:
        row = self._conn.execute(
            "SELECT * FROM unit WHERE phase = ? AND name = ?", (phase.value, name)
        ).fetchone()
        return None if row is None else R.row_to_unit(row)

    @_locked
    def transfers(self) -> list[Transfer]:
        return [R.row_to_transfer(r) for r in self._conn.execute("SELECT * FROM transfer ORDER BY id")]

    @_locked
    def document(self, unit_id: int, kind: str) -> Any | None:
        row = self._conn.execute(
            "SELECT body FROM document WHERE unit = ? AND kind = ?", (unit_id, kind)
        ).fetchone()
        return None if row is None else R.body_to_document(DOCUMENT_CLASSES[kind], row["body"])

    def sanding(self, unit_id: int) -> Sanding | None:
        return self.document(unit_id, "sanding")

    def charter(self, unit_id: int) -> Charter | None:
        return self.document(unit_id, "charter")

    def quanxian(self, unit_id: int) -> Quanxian | None:
        return self.document(unit_id, "quanxian")

    @_locked
    def setting(self, key: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else row["value"]

    @_locked
    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._conn.execute("SELECT key, value FROM meta")}

    def workflow_step(self) -> WorkflowStep:
        return WorkflowStep(self.setting("workflow_step", WorkflowStep.PREPARE.value))

    @_locked
    def rounds(self) -> list[Round]:
        return [
            Round(r["number"], _round_dir(r["direction"]), r["date"], r["note"], bool(r["locked"]), r["id"])
            for r in self._conn.execute("SELECT * FROM round ORDER BY number, id")
        ]

    @_locked
    def review_comments(self) -> list[ReviewComment]:
        return [
            ReviewComment(r["round_number"], r["text"], r["document"], r["unit"], r["field"], r["author"], r["id"])
            for r in self._conn.execute("SELECT * FROM review_comment ORDER BY id")
        ]

    @_locked
    def explanations(self) -> dict[tuple[str, str, str], Explanation]:
        return {
            (r["rule"], r["unit"], r["field"]): Explanation(
                r["rule"], r["unit"], r["field"], r["text"], r["fingerprint"], r["author"], r["updated_at"]
            )
            for r in self._conn.execute("SELECT * FROM explanation")
        }

    @_locked
    def param_overrides(self) -> list[ParamOverride]:
        return [
            ParamOverride(
                r["rule"], r["param"], json.loads(r["value"]), r["effective_from"], r["doc_no"],
                r["reason"], r["author"], r["created_at"], r["id"],
            )
            for r in self._conn.execute("SELECT * FROM param_override ORDER BY effective_from, id")
        ]

    @_locked
    def changelog(self, limit: int | None = None) -> list[ChangeEntry]:
        sql = "SELECT * FROM changelog ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        return [
            ChangeEntry(
                r["at"], r["user"], r["operation"], r["entity"], r["entity_name"], r["field"],
                r["old"], r["new"], r["doc_no"], r["id"],
            )
            for r in self._conn.execute(sql)
        ]

    @_locked
    def is_locked(self) -> bool:
        """True when the latest round was approved and locked: changes need a new round."""
        rounds = self.rounds()
        return bool(rounds) and rounds[-1].locked

    @_locked
    def snapshot(self) -> Snapshot:
        """All data at this moment, for rules and exporters (safe to hand to another thread)."""
        docs: dict[str, dict[UnitId, Any]] = {k: {} for k in DOCUMENT_CLASSES}
        for r in self._conn.execute("SELECT unit, kind, body FROM document"):
            docs[r["kind"]][UnitId(r["unit"])] = R.body_to_document(DOCUMENT_CLASSES[r["kind"]], r["body"])
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

    def _guard_locked(self) -> None:
        if self.is_locked():
            raise ReadOnlyWorkspace("本轮材料已批准并锁定，如需修改请先开始新一轮。")

    def set_jurisdiction(self, jurisdiction: Jurisdiction, doc_no: str = "") -> OpChanges:
        _validate_jurisdiction(jurisdiction)
        old = self.jurisdiction()
        with self._operation("修改行政区划信息", doc_no) as tx:
            self._guard_locked()
            tx.update("jurisdiction", (1,), R.jurisdiction_to_row(jurisdiction))
            for name, label in JURISDICTION_FIELD_LABELS.items():
                if getattr(old, name) != getattr(jurisdiction, name):
                    tx.note("行政区划", jurisdiction.name, label, getattr(old, name), getattr(jurisdiction, name))
        return tx.changes  # type: ignore[return-value]

    def add_unit(self, unit: Unit, doc_no: str = "") -> OpChanges:
        with self._operation(f"新增{unit.phase.value}单位", doc_no) as tx:
            self._guard_locked()
            self._insert_unit(tx, unit)
        return tx.changes  # type: ignore[return-value]

    def _insert_unit(self, tx: _Tx, unit: Unit) -> UnitId:
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
        if not unit.name.strip():
            raise ModelError("单位名称不能为空。")
        if unit.staffing < 0 or (unit.actual is not None and unit.actual < 0):
            raise ModelError(f"“{unit.name}”的核定编制和实有人数不能为负数。")
        for f in ("staffing", "actual", "leaders_principal", "leaders_deputy", "depts", "party_members"):
            value = getattr(unit, f)
            if value is not None and value > MAX_COUNT:
                raise ModelError(f"“{unit.name}”的{UNIT_FIELD_LABELS[f]}“{value}”不合理（超过 {MAX_COUNT}）。")
        if unit.destination is not None:
            dest = self.unit(unit.destination)
            if dest.phase is not Phase.AFTER:
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
        with self._operation(f"修改{label}", doc_no) as tx:
            self._guard_locked()
            self._check_unit(new)
            if new.name != old.name and self.find_unit(new.phase, new.name) is not None:
                raise ModelError(f"{new.phase.value}单位中已有“{new.name}”，单位名称不能重复。")
            row = R.unit_to_row(new)
            tx.update("unit", (unit_id,), {c: row[c] for c in changed})
            for f in changed:
                old_v, new_v = getattr(old, f), getattr(new, f)
                if f == "destination":
                    old_v = self.unit(old_v).name if old_v else ""
                    new_v = self.unit(new_v).name if new_v else ""
                tx.note(f"{old.phase.value}单位", new.name, UNIT_FIELD_LABELS[f], old_v, new_v)
        return tx.changes  # type: ignore[return-value]

    def delete_unit(self, unit_id: int, doc_no: str = "") -> OpChanges:
        """Delete a unit with its documents and transfers; before-units pointing at it lose 去向."""
        unit = self.unit(unit_id)
        with self._operation(f"删除单位“{unit.name}”", doc_no) as tx:
            self._guard_locked()
            self._delete_unit(tx, unit)
        return tx.changes  # type: ignore[return-value]

    def _delete_unit(self, tx: _Tx, unit: Unit) -> None:
        uid = unit.id
        for r in self._conn.execute(
            "SELECT id FROM transfer WHERE source = ? OR target = ?", (uid, uid)
        ).fetchall():
            tx.delete("transfer", (r["id"],))
        for r in self._conn.execute("SELECT id, name FROM unit WHERE destination = ?", (uid,)).fetchall():
            tx.update("unit", (r["id"],), {"destination": None})
            tx.note("改革前单位", r["name"], "去向单位", unit.name, "")
        for kind in DOCUMENT_CLASSES:
            tx.delete("document", (uid, kind))
        tx.delete("unit", (uid,))
        tx.note(f"{unit.phase.value}单位", unit.name, "删除", unit.name, "")

    def add_transfer(self, transfer: Transfer, doc_no: str = "") -> OpChanges:
        with self._operation("新增人员转隶", doc_no) as tx:
            self._guard_locked()
            self._insert_transfer(tx, transfer)
        return tx.changes  # type: ignore[return-value]

    def _insert_transfer(self, tx: _Tx, t: Transfer) -> TransferId:
        source = self.unit(t.source)
        if source.phase is not Phase.BEFORE:
            raise ModelError("人员转隶的原单位必须是改革前单位。")
        if (t.target is None) == (t.placement is None):
            raise ModelError("人员转隶的去向必须是一个改革后单位，或者转企、退休、其他安置之一。")
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
        with self._operation("修改人员转隶", doc_no) as tx:
            self._guard_locked()
            old = tx._fetch("transfer", (transfer.id,))
            if old is None:
                raise ModelError("要修改的人员转隶记录不存在。")
            tx.update("transfer", (transfer.id,), R.transfer_to_row(transfer))
            tx.note("人员转隶", self.unit(transfer.source).name, "人数", old["count"], transfer.count)
        return tx.changes  # type: ignore[return-value]

    def delete_transfer(self, transfer_id: int, doc_no: str = "") -> OpChanges:
        with self._operation("删除人员转隶", doc_no) as tx:
            self._guard_locked()
            row = tx.delete("transfer", (transfer_id,))
            if row is None:
                raise ModelError("要删除的人员转隶记录不存在。")
            tx.note("人员转隶", self.unit(row["source"]).name, "删除", f"{row['count']}人", "")
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
        with self._operation(operation, doc_no) as tx:
            self._guard_locked()
            tx.upsert("document", (unit_id, kind), {"body": R.document_to_body(document)})
            for name in changed:
                tx.note(label, unit.name, names.get(name, name), getattr(old, name, None), getattr(document, name))
        return tx.changes  # type: ignore[return-value]

    def delete_document(self, unit_id: int, kind: str, doc_no: str = "") -> OpChanges:
        unit = self.unit(unit_id)
        with self._operation(f"删除{DOCUMENT_LABELS[kind]}", doc_no) as tx:
            self._guard_locked()
            if tx.delete("document", (unit_id, kind)) is not None:
                tx.note(DOCUMENT_LABELS[kind], unit.name, "删除", DOCUMENT_LABELS[kind], "")
        return tx.changes  # type: ignore[return-value]

    def set_setting(self, key: str, value: str, label: str, doc_no: str = "") -> OpChanges:
        old = self.setting(key)
        with self._operation(f"修改{label}", doc_no) as tx:
            tx.upsert("meta", (key,), {"value": value})
            tx.note("工作区", self.jurisdiction().name, label, old, value)
        return tx.changes  # type: ignore[return-value]

    def set_workflow_step(self, step: WorkflowStep, doc_no: str = "") -> OpChanges:
        return self.set_setting("workflow_step", step.value, "工作步骤", doc_no)

    def add_round(self, rnd: Round) -> OpChanges:
        with self._operation(f"第{rnd.number}轮{rnd.direction.value}") as tx:
            tx.insert(
                "round",
                {"number": rnd.number, "direction": rnd.direction.value, "date": rnd.date,
                 "note": rnd.note, "locked": int(rnd.locked)},
            )
            tx.note("轮次", f"第{rnd.number}轮", rnd.direction.value, "", rnd.note)
        return tx.changes  # type: ignore[return-value]

    def add_review_comment(self, comment: ReviewComment) -> OpChanges:
        with self._operation("新增审核意见") as tx:
            tx.insert(
                "review_comment",
                {"round_number": comment.round_number, "text": comment.text, "document": comment.document,
                 "unit": comment.unit, "field": comment.field, "author": comment.author or self.user},
            )
            tx.note("审核意见", comment.unit or "方案", comment.field or "", "", comment.text)
        return tx.changes  # type: ignore[return-value]

    def set_explanation(self, rule: str, unit: str | None, field: str | None, text: str,
                        fingerprint: str = "") -> OpChanges:
        """Write (or with empty ``text`` remove) the 说明 of a warning."""
        key = (rule, unit or "", field or "")
        with self._operation("填写说明" if text.strip() else "删除说明") as tx:
            old = tx._fetch("explanation", key)
            if text.strip():
                tx.upsert("explanation", key, {"text": text.strip(), "fingerprint": fingerprint,
                                               "author": self.user, "updated_at": _now()})
            else:
                tx.delete("explanation", key)
            tx.note("说明", unit or "方案", rule, old["text"] if old else "", text.strip())
        return tx.changes  # type: ignore[return-value]

    def add_param_override(self, override: ParamOverride) -> OpChanges:
        with self._operation("修改规则参数", override.doc_no) as tx:
            tx.insert(
                "param_override",
                {"rule": override.rule, "param": override.param,
                 "value": json.dumps(override.value, ensure_ascii=False),
                 "effective_from": override.effective_from, "doc_no": override.doc_no,
                 "reason": override.reason, "author": override.author or self.user,
                 "created_at": override.created_at or _now()},
            )
            tx.note("规则参数", override.rule, override.param, "", f"{override.value}（自 {override.effective_from} 起）")
        return tx.changes  # type: ignore[return-value]

    def replace_plan(self, plan: PlanData, operation: str = "导入 Excel") -> OpChanges:
        """Make the inventory and plan exactly ``plan``, as one undoable operation.

        Units are matched by phase and name: a unit that stays keeps its id (and with it its 三定,
        清单 and 章程); units not named are deleted. Transfers are replaced as a whole.
        """
        with self._operation(operation) as tx:
            self._guard_locked()
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
            for t in plan.transfers:
                self._insert_transfer(
                    tx,
                    Transfer(
                        source=before_ids[t.source],
                        target=None if t.target is None else after_ids[t.target],
                        placement=t.placement,
                        count=t.count,
                        remark=t.remark,
                    ),
                )
        return tx.changes  # type: ignore[return-value]

    def _sync_units(self, tx: _Tx, phase: Phase, units: Sequence[Unit]) -> dict[str, UnitId]:
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
                row = R.unit_to_row(unit)
                tx.update("unit", (old.id,), {f: row[f] for f in changed})
            for f in changed:
                if f == "sort_key":
                    continue
                before, after = getattr(old, f), getattr(unit, f)
                if f == "destination":
                    before = self.unit(before).name if before else ""
                    after = self.unit(after).name if after else ""
                tx.note(f"{phase.value}单位", unit.name, UNIT_FIELD_LABELS[f], before, after)
            ids[unit.name] = old.id
        return ids

    # -- trust list and received packets (the upper level's side; schema version 3) ---------------

    @_locked
    def trusted_certificates(self) -> list[TrustedCertificate]:
        return [
            TrustedCertificate(r["fingerprint"], r["office"], r["region_code"], r["not_after"], r["pem"],
                               r["added_at"], r["added_by"])
            for r in self._conn.execute("SELECT * FROM trusted_cert ORDER BY region_code, office, fingerprint")
        ]

    def add_trusted_certificate(self, cert: TrustedCertificate) -> OpChanges:
        """Put a subordinate office's certificate on the trust list (refused when already there)."""
        with self._operation("添加信任证书") as tx:
            if tx._fetch("trusted_cert", (cert.fingerprint,)) is not None:
                raise ModelError(f"“{cert.office}”的这张证书已在信任列表中。")
            tx.insert("trusted_cert", {**dataclasses.asdict(cert), "added_at": cert.added_at or _now(),
                                       "added_by": cert.added_by or self.user})
            tx.note("信任证书", cert.office, "添加", "", f"{cert.region_code} {cert.fingerprint}".strip())
        return tx.changes  # type: ignore[return-value]

    def remove_trusted_certificate(self, fingerprint: str) -> OpChanges:
        with self._operation("移除信任证书") as tx:
            row = tx.delete("trusted_cert", (fingerprint,))
            if row is None:
                raise ModelError(f"信任列表中没有指纹为 {fingerprint} 的证书。")
            tx.note("信任证书", row["office"], "移除", fingerprint, "")
        return tx.changes  # type: ignore[return-value]

    @_locked
    def subordinate_filings(self) -> list[SubordinateFiling]:
        """Received packets, without their data (see :meth:`subordinate_data`)."""
        rows = self._conn.execute(
            "SELECT region_code, round, name, level, packet_id, bag, packet_sha256, signer_fingerprint,"
            " signer_office, bagging_date, signed_at, note, rules_version, summary, received_at, received_by"
            " FROM subordinate ORDER BY region_code, round"
        )
        return [SubordinateFiling(**{**dict(r), "summary": json.loads(r["summary"])}) for r in rows]

    @_locked
    def subordinate_data(self, region_code: str, round_number: int) -> tuple[str, str] | None:
        """The received ``workspace.json`` and ``check-report.json`` texts, or None."""
        row = self._conn.execute(
            "SELECT workspace_json, check_report FROM subordinate WHERE region_code = ? AND round = ?",
            (region_code, round_number),
        ).fetchone()
        return None if row is None else (row["workspace_json"], row["check_report"])

    def store_subordinate_filing(self, filing: SubordinateFiling, workspace_json: str, check_report: str) -> OpChanges:
        """Keep a received packet's data (replacing an earlier packet of the same office and round)."""
        values = {**dataclasses.asdict(filing), "summary": json.dumps(filing.summary, ensure_ascii=False),
                  "workspace_json": workspace_json, "check_report": check_report,
                  "received_at": filing.received_at or _now(), "received_by": filing.received_by or self.user}
        key = (filing.region_code, filing.round)
        with self._operation(f"接收{filing.name}第{filing.round}轮报送材料") as tx:
            old = tx._fetch("subordinate", key)
            tx.upsert("subordinate", key, {k: v for k, v in values.items() if k not in ("region_code", "round")})
            tx.note("下级报送", filing.name, f"第{filing.round}轮", old["packet_id"] if old else "", filing.packet_id)
        return tx.changes  # type: ignore[return-value]


def _round_dir(value: str) -> Any:
    from .vocab import RoundDirection

    return RoundDirection(value)


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
