"""Named operations on one open workspace file: transactions, savepoints, undo and redo.

:class:`Operations` owns the connection's write side. Each operation is one transaction that writes
its rows and its 台账 lines together; an operation started inside another (a mutation inside a
``batch``) runs in a savepoint of it. Finished operations go on the undo stack; undo and redo replay
them in a new transaction and note themselves in the 台账.

One connection serves every thread (the GUI reads, a worker imports or checks): :attr:`mutex` makes
each operation and each read whole, so no thread sees another's uncommitted rows or slips its
mutation into another thread's operation.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from ..docno import doc_no_problem, normalize_doc_no
from ..errors import ModelError, ReadOnlyWorkspace, UndoConflict, WorkspaceError
from . import changelog
from .database import write_failure
from .transaction import Transaction, replay
from .undo import OpChanges, Operation, UndoStack, summarize


class Operations:
    """Runs named operations on ``conn`` as ``user``; refuses them when ``readonly``."""

    def __init__(self, conn: sqlite3.Connection, user: str, *, readonly: bool, file_name: str) -> None:
        self.conn = conn
        self.user = user
        self.readonly = readonly
        self.file_name = file_name
        self.mutex = threading.RLock()
        self._undo = UndoStack()
        self._tx: Transaction | None = None
        self._last: OpChanges | None = None

    def _refuse_if_readonly(self) -> None:
        if self.readonly:
            raise ReadOnlyWorkspace(f"工作区“{self.file_name}”以只读方式打开，不能修改。")

    @contextmanager
    def run(self, name: str, doc_no: str = "") -> Iterator[Transaction]:
        """One operation: commits its rows and 台账 lines when the block ends, or nothing if it raises.

        After the block, the transaction's ``changes`` say what it changed. ``doc_no`` (the 依据文号
        logged with it) is repaired of typing slips and refused when it is not a valid 文号.
        """
        self._refuse_if_readonly()
        doc_no = normalize_doc_no(doc_no)
        problem = doc_no_problem(doc_no)
        if problem is not None:
            raise ModelError(problem)
        with self.mutex:
            if self._tx is not None:  # nested (same thread: the mutex is ours): a savepoint inside
                with self._tx.nested(name) as tx:
                    yield tx
                return
            tx = Transaction(self.conn, name, doc_no)
            self._tx = tx
            try:
                with self._transaction(name):
                    yield tx
                    changelog.write(self.conn, self.user, name, tx.log, doc_no)
            finally:
                self._tx = None
            if tx.op.rows:
                self._undo.push(tx.op)
            tx.changes = self._last = summarize(name, tx.op.rows)

    def forget_history(self) -> None:
        self._undo.clear()

    @property
    def last_changes(self) -> OpChanges | None:
        return self._last

    @property
    def undo_name(self) -> str | None:
        return self._undo.undo_name

    @property
    def redo_name(self) -> str | None:
        return self._undo.redo_name

    def undo(self, subject: Callable[[], str]) -> OpChanges | None:
        """Undo the last operation; ``subject`` names the workspace in the 台账 line it adds."""
        with self.mutex:
            op = self._undo.pop_undo()
            if op is None:
                return None
            try:
                self._replay(op, forward=False, label=f"撤销：{op.name}", subject=subject)
            except UndoConflict:
                self._undo.clear()  # the history no longer matches the file
                raise
            except BaseException:
                self._undo.done_redo(op)
                raise
            self._undo.done_undo(op)
            return summarize(op.name, op.rows)

    def redo(self, subject: Callable[[], str]) -> OpChanges | None:
        with self.mutex:
            op = self._undo.pop_redo()
            if op is None:
                return None
            try:
                self._replay(op, forward=True, label=f"重做：{op.name}", subject=subject)
            except UndoConflict:
                self._undo.clear()
                raise
            except BaseException:
                self._undo.done_undo(op)
                raise
            self._undo.done_redo(op)
            return summarize(op.name, op.rows)

    def _replay(self, op: Operation, *, forward: bool, label: str, subject: Callable[[], str]) -> None:
        self._refuse_if_readonly()
        with self._transaction(label):
            replay(self.conn, op, forward=forward)
            changelog.write(self.conn, self.user, label, [changelog.LogLine("工作区", subject(), "", "", "")])

    @contextmanager
    def _transaction(self, name: str) -> Iterator[None]:
        """One write transaction: committed when the block ends, else rolled back.

        A full disk or a pulled USB stick is reported as such (SQLite may already have rolled the
        transaction back itself; the journal restores the file on the next open at worst), and the
        operation is not reported as saved.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise WorkspaceError(write_failure(self.file_name, name, exc)) from exc
