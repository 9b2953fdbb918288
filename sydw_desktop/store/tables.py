"""Rows by table and primary key: the one place that inserts, updates and deletes them.

Operations (:mod:`.transaction`) and their undo/redo replay both go through these functions, so a
row is written the same way whether it is first made or restored.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .schema import PRIMARY_KEYS
from .undo import Key, Row


def _where(table: str, key: Key) -> tuple[str, list[Any]]:
    return " AND ".join(f"{c} = ?" for c in PRIMARY_KEYS[table]), list(key)


def fetch(conn: sqlite3.Connection, table: str, key: Key) -> Row | None:
    where, args = _where(table, key)
    row = conn.execute(f"SELECT * FROM {table} WHERE {where}", args).fetchone()
    return None if row is None else dict(row)


def insert(conn: sqlite3.Connection, table: str, values: Row) -> Key:
    """Insert a row; returns its key (a new ``id`` when the table has one and ``values`` none)."""
    cols = list(values)
    cur = conn.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [values[c] for c in cols],
    )
    pk = PRIMARY_KEYS[table]
    return (cur.lastrowid,) if pk == ("id",) and "id" not in values else tuple(values[c] for c in pk)


def update(conn: sqlite3.Connection, table: str, key: Key, values: Row) -> None:
    where, args = _where(table, key)
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*values.values(), *args])


def delete(conn: sqlite3.Connection, table: str, key: Key) -> None:
    where, args = _where(table, key)
    conn.execute(f"DELETE FROM {table} WHERE {where}", args)
