"""The Excel import workbook (interfaces.md §3): reading it, the blank template, and exporting back.

- :func:`read_plan` / :func:`read_plan_with_notes` / :func:`read_workbook` — parse and validate a
  workbook; any problem raises :class:`~sydw_desktop.errors.ImportRefused` listing every problem.
- :func:`import_workbook` — replace a workspace's inventory and plan, as one undoable operation.
- :func:`write_template` — the blank workbook with 填写说明 and drop-down lists.
- :func:`write_plan` — a workspace snapshot in the same format (round trip).
"""

from __future__ import annotations

from .importer import IMPORT_OPERATION, import_workbook, import_workbook_with_notes
from .layout import (
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_MEMBER_RATIO,
    MAX_UNPACKED_BYTES,
    SHEET_AFTER,
    SHEET_BEFORE,
    SHEET_GUIDE,
    SHEET_INFO,
    SHEET_LISTS,
    SHEET_TRANSFERS,
)
from .reader import WorkbookContents, read_plan, read_plan_with_notes, read_workbook
from .writer import WorkbookWriteError, write_plan, write_template

__all__ = [
    "IMPORT_OPERATION",
    "MAX_DATA_ROWS",
    "MAX_FILE_BYTES",
    "MAX_MEMBER_RATIO",
    "MAX_UNPACKED_BYTES",
    "SHEET_AFTER",
    "SHEET_BEFORE",
    "SHEET_GUIDE",
    "SHEET_INFO",
    "SHEET_LISTS",
    "SHEET_TRANSFERS",
    "WorkbookContents",
    "WorkbookWriteError",
    "import_workbook",
    "import_workbook_with_notes",
    "read_plan",
    "read_plan_with_notes",
    "read_workbook",
    "write_plan",
    "write_template",
]
