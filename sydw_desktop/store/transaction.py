"""One operation being recorded, and the replay of a recorded one for undo and redo.

A :class:`Transaction` writes rows through :mod:`.tables` and keeps, for each, the row before and
after (a :class:`RowChange`), plus the 台账 lines the operation notes. :func:`replay` writes a
recorded operation's rows again, backwards (undo) or forwards (redo), through the same functions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from ..errors import ModelError, UndoConflict
from . import changelog, tables
from .schema import PRIMARY_KEYS
from .undo import Key, OpChanges, Operation, Row, RowChange, summarize


class Transaction:
    """The operation being recorded: its row changes and 台账 lines."""

    def __init__(self, conn: sqlite3.Connection, name: str, doc_no: str) -> None:
        self._conn = conn
        self.op = Operation(name)
        self.doc_no = doc_no
        self.log: list[changelog.LogLine] = []
        #: what the operation (or, inside a batch, the nested mutation) changed; set on exit
        self.changes: OpChanges | None = None
        self._savepoints = 0

    def fetch(self, table: str, key: Key) -> Row | None:
        return tables.fetch(self._conn, table, key)

    def insert(self, table: str, values: Row) -> Key:
        key = tables.insert(self._conn, table, values)
        self.op.rows.append(RowChange(table, key, None, self.fetch(table, key)))
        return key

    def update(self, table: str, key: Key, values: Row) -> None:
        before = self.fetch(table, key)
        if before is None:
            raise ModelError(f"要修改的记录不存在（{table} {key}）。")
        if all(before.get(c) == v for c, v in values.items()):
            return
        tables.update(self._conn, table, key, values)
        self.op.rows.append(RowChange(table, key, before, self.fetch(table, key)))

    def upsert(self, table: str, key: Key, values: Row) -> None:
        if self.fetch(table, key) is None:
            self.insert(table, {**dict(zip(PRIMARY_KEYS[table], key, strict=False)), **values})
        else:
            self.update(table, key, values)

    def delete(self, table: str, key: Key) -> Row | None:
        """Delete a row; returns it as it was, or None when there was none."""
        before = self.fetch(table, key)
        if before is None:
            return None
        tables.delete(self._conn, table, key)
        self.op.rows.append(RowChange(table, key, before, None))
        return before

    def note(self, entity: str, name: str, field: str, old: Any, new: Any) -> None:
        """Add a 台账 line (values shown as the 台账 shows them)."""
        self.log.append(changelog.LogLine(entity, name, field, changelog.show(old), changelog.show(new)))

    @contextmanager
    def nested(self, name: str) -> Iterator[Transaction]:
        """A mutation inside a batch, in a savepoint: undone alone (rows and 台账 lines too) if it raises."""
        rows, log = len(self.op.rows), len(self.log)
        self._savepoints += 1
        savepoint = f"sp{self._savepoints}"
        self._conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield self
        except BaseException:
            if self._conn.in_transaction:  # SQLite rolls the whole transaction back itself on a full disk
                with suppress(sqlite3.Error):
                    self._conn.execute(f"ROLLBACK TO {savepoint}")
                    self._conn.execute(f"RELEASE {savepoint}")
            del self.op.rows[rows:], self.log[log:]
            raise
        self._conn.execute(f"RELEASE {savepoint}")
        self.changes = summarize(name, self.op.rows[rows:])


#: How a table's rows are named in the message refusing an undo
_TABLE_LABELS = {
    "jurisdiction": "行政区划信息", "unit": "单位", "transfer": "人员转隶", "document": "三定、清单或章程",
    "meta": "工作区设置", "round": "报送轮次", "review_comment": "审核意见", "explanation": "说明",
    "param_override": "规则参数", "trusted_cert": "信任证书", "subordinate": "下级报送材料",
}


def _expected(op: Operation, *, forward: bool) -> dict[tuple[str, Key], Row | None]:
    """Each row ``op`` touched, as it must be now for the replay to be safe: as the operation left
    it (undo) or as it found it (redo)."""
    expected: dict[tuple[str, Key], Row | None] = {}
    for change in op.rows if forward else reversed(op.rows):
        expected.setdefault((change.table, change.key), change.before if forward else change.after)
    return expected


def replay(conn: sqlite3.Connection, op: Operation, *, forward: bool) -> None:
    """Write ``op``'s rows again: forwards (redo) or backwards (undo), in the caller's transaction.

    Refused (:class:`UndoConflict`, nothing written) when a row it would write was changed since by
    anyone else — another program, or a tool writing the file directly: undo never overwrites
    someone else's edit.
    """
    changed = sorted({
        _TABLE_LABELS.get(table, table)
        for (table, key), row in _expected(op, forward=forward).items()
        if tables.fetch(conn, table, key) != row
    })
    if changed:
        verb = "重做" if forward else "撤销"
        raise UndoConflict(
            f"无法{verb}“{op.name}”：其中的{'、'.join(changed)}在此之后已被其他程序修改，"
            f"{verb}会覆盖别人的修改。工作区未作任何修改；可撤销的历史已清空。"
        )
    for change in op.rows if forward else reversed(op.rows):
        old, new = (change.before, change.after) if forward else (change.after, change.before)
        if new is None:
            tables.delete(conn, change.table, change.key)
        elif old is None:
            tables.insert(conn, change.table, new)
        else:
            tables.update(conn, change.table, change.key, new)
