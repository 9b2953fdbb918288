"""Opening, creating and migrating the SQLite file behind a workspace.

Journal mode is ``DELETE`` with ``synchronous=FULL``: every committed change is in the main file,
so a closed (or crashed) workspace is one self-contained file that is safe to copy; an interrupted
transaction is rolled back from the journal the next time the file is opened.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import WorkspaceError
from .schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"


def write_failure(file_name: str, operation: str, exc: sqlite3.Error) -> str:
    """The Chinese message for ``operation`` failing to be written to workspace ``file_name``."""
    text = str(exc).lower()
    if "full" in text:
        why = "磁盘已满。请腾出空间（或把工作区复制到空间充足的位置）后重做"
    elif "readonly" in text or "read-only" in text:
        why = "文件或磁盘为只读（U 盘是否有写保护开关？）"
    elif "i/o" in text or "unable to open" in text or "no such" in text:
        why = "读写文件出错，U 盘或网络盘是否已拔出或断开？请重新连接后关闭并重新打开工作区"
    elif "locked" in text or "busy" in text:
        why = "文件正被另一个程序使用，请稍后重试"
    else:
        why = f"数据库错误（{exc}）"
    return f"“{operation}”未能保存到工作区“{file_name}”：{why}。此次修改没有保存，工作区保持修改前的内容。"


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the migration chain up to ``target``, each step in its own transaction.

    Returns the version the file had before.
    """
    start = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def create_database(path: Path, *, version: int = SCHEMA_VERSION) -> sqlite3.Connection:
    """Create a new workspace file at ``path`` (which must not exist)."""
    if path.exists():
        raise WorkspaceError(f"文件“{path}”已存在，不会覆盖。请换一个文件名。")
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"无法创建工作区文件“{path}”：{exc}") from exc
    try:
        _configure(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        path.unlink(missing_ok=True)
        raise WorkspaceError(f"无法写入工作区文件“{path}”：{exc}") from exc
    return conn


def _recover_interrupted_write(path: Path) -> None:
    """Roll back what a crashed writer left in the journal, so a read-only open can read the file.

    A read-only connection cannot roll a hot journal back and would report the file as unreadable.
    SQLite only treats the journal as hot when no live process holds the write lock, so this
    never disturbs a program that is still writing.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None)
    except (OSError, sqlite3.Error):
        return  # read-only medium: the read-only open below reports what it can
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a read rolls the journal back
    except sqlite3.Error:
        pass
    finally:
        conn.close()


def open_database(path: Path, *, readonly: bool = False) -> tuple[sqlite3.Connection, int]:
    """Open an existing workspace file, migrating it to the current schema unless read-only.

    Returns the connection and the schema version the file had on disk. Raises
    :class:`WorkspaceError` with a Chinese message for a missing, foreign, newer or damaged file.
    """
    if not path.exists():
        raise WorkspaceError(f"找不到工作区文件“{path}”。")
    if path.is_dir():
        raise WorkspaceError(f"“{path}”是一个文件夹，不是工作区文件。")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise WorkspaceError(f"无法读取工作区文件“{path}”：{exc.strerror}") from exc
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkspaceError(f"“{path.name}”不是本程序的工作区文件（.sydw），或文件已损坏。")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise WorkspaceError(f"“{path.name}”是一个数据库文件，但不是本程序的工作区文件（.sydw）。")
    on_disk = int.from_bytes(header[60:64], "big")
    if on_disk > SCHEMA_VERSION:
        raise WorkspaceError(
            f"工作区“{path.name}”由较新版本的程序创建（格式版本 {on_disk}，本程序支持到 {SCHEMA_VERSION}），"
            "请升级程序后再打开。"
        )
    if readonly:
        _recover_interrupted_write(path)
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "?mode=rw")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        if not readonly:
            _configure(conn)
        else:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"工作区文件“{path.name}”已损坏，无法打开（{exc}）。请从备份恢复（sydw backups 列出备份，sydw restore 恢复；图形界面“文件 → 从备份恢复”）。") from exc
    if result != "ok":
        conn.close()
        raise WorkspaceError(f"工作区文件“{path.name}”已损坏（完整性检查：{result}）。请从备份恢复（sydw backups 列出备份，sydw restore 恢复；图形界面“文件 → 从备份恢复”）。")
    if not readonly and on_disk < SCHEMA_VERSION:
        try:
            migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise WorkspaceError(f"升级工作区“{path.name}”的格式失败：{exc}。文件保持原样。") from exc
    elif readonly and on_disk < SCHEMA_VERSION:
        # Read an old file without touching it: migrate an in-memory copy.
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.backup(memory)
        conn.close()
        memory.execute("PRAGMA foreign_keys = ON")
        migrate(memory)
        conn = memory
    return conn, on_disk
