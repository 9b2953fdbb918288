"""What the method's record dialogs share: a session, buttons that need a writable workspace, a
refresh whenever an operation changes a kind of record they show, and an entry dialog that stays
open until the core accepts what was entered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTableWidget, QWidget

from sydw_desktop.store.undo import METHOD_KINDS, ChangeKind, OpChanges
from ui.method.forms import cell
from ui.screen import fit_to_screen

if TYPE_CHECKING:
    from sydw_desktop.workspace import Workspace
    from ui.session.session import WorkspaceSession


def button(text: str, name: str = "", slot: Callable[[], object] | None = None) -> QPushButton:
    """A push button named ``name`` (when given) that calls ``slot`` (when given) on a click."""
    b = QPushButton(text)
    if name:
        b.setObjectName(name)
    if slot is not None:
        b.clicked.connect(lambda _checked=False: slot())
    return b


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """The buttons side by side from the left, the spare width after them."""
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


def fill_table(table: QTableWidget, rows: Sequence[Iterable[object]]) -> None:
    """Show ``rows`` in ``table``, one read-only cell a value."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, cell(value))


def selected_row(table: QTableWidget) -> int | None:
    """The first selected row of ``table``, or None."""
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


class RecordsDialog(QDialog):
    """A dialog listing method records; follows every change of ``kinds_that_refresh`` while open.

    A subclass builds its widgets, registers the buttons that change records with :meth:`writing`,
    shows the records in :meth:`show_records` and calls :meth:`start` last.
    """

    kinds_that_refresh: frozenset[ChangeKind] = METHOD_KINDS

    def __init__(self, session: WorkspaceSession, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.session = session
        self.writing_buttons: list[QPushButton] = []

    def writing(self, *buttons: QPushButton) -> None:
        """``buttons`` change records: enabled only while the workspace is writable."""
        self.writing_buttons.extend(buttons)

    def start(self, preferred: QSize) -> None:
        fit_to_screen(self, preferred)
        self.session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.kinds & self.kinds_that_refresh:
            self.refresh()

    def show_records(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        self.show_records()
        writable = not self.session.ws.readonly
        for b in self.writing_buttons:
            b.setEnabled(writable)

    def save_entry(self, entry: QDialog, save: Callable[[Workspace], OpChanges | None]) -> None:
        """Run ``entry`` and ``save`` what it holds; a refused entry stays open to be corrected."""
        while entry.exec() == QDialog.DialogCode.Accepted:
            if self.session.perform(save) is not None:
                return
