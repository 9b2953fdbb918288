"""One error hierarchy for the core. Every message is Chinese and says what and where."""

from __future__ import annotations


class SydwError(Exception):
    """Base of every error the core raises on purpose. ``str(err)`` is for people."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkspaceError(SydwError):
    """A workspace file cannot be created, opened or written."""


class WorkspaceNotWritable(WorkspaceError):
    """The workspace cannot be opened for writing now (another writer, a read-only medium); it can be read."""


class WorkspaceInUse(WorkspaceNotWritable):
    """Another program holds the workspace open for writing."""


class ReadOnlyWorkspace(WorkspaceError):
    """A mutation was attempted on a workspace opened read-only or locked by approval."""


class FileWriteError(SydwError):
    """A file could not be written (folder missing, a folder in the way, file open elsewhere, disk full …)."""


class ModelError(SydwError):
    """A mutation would break the model (unknown unit, duplicate name, dangling reference)."""


class UndoConflict(ModelError):
    """An undo or redo would overwrite rows changed since by someone else."""


class ImportRefused(SydwError):
    """An import was refused as a whole; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"导入被拒绝：{source} 有 {len(problems)} 处问题，工作区未作任何修改。\n{lines}")
        self.source = source
        self.problems = problems


class RoundLocked(ReadOnlyWorkspace):
    """A change to content the level above approved (同意): refused until ``new-round`` opens a new round."""

    exit_code = 1


class ReviewStateError(ModelError):
    """A review step the cycle's state does not allow (a comment already sent, no locked round …)."""

    exit_code = 1
