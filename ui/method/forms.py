"""Small shared pieces of the method's dialogs: a date field that may be empty, tables of records."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.dialog_buttons import ok_cancel as ok_cancel  # the method's dialogs take it from here


def date_edit(day: str = "", name: str = "") -> QDateEdit:
    edit = QDateEdit(QDate.fromString(day, "yyyy-MM-dd") if day else QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if name:
        edit.setObjectName(name)
    return edit


def iso(edit: QDateEdit) -> str:
    day: date = edit.date().toPython()  # type: ignore[assignment]
    return day.isoformat()


class OptionalDate(QWidget):
    """A date with a tick: unticked means “not yet” (an empty date)."""

    def __init__(self, label: str, day: str = "", name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = date_edit(day, name)
        self.check.setChecked(bool(day))
        self.edit.setEnabled(bool(day))
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> str:
        return iso(self.edit) if self.check.isChecked() else ""

    def set_value(self, day: str) -> None:
        self.check.setChecked(bool(day))
        if day:
            self.edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))


def records_table(headers: list[str], name: str, stretch: int = 0) -> QTableWidget:
    """A read-only table of records: whole rows selected, column ``stretch`` taking the spare width."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    return table


def cell(value: object) -> QTableWidgetItem:
    """A read-only cell showing ``value`` (None and empty as blank); the whole text as its tooltip."""
    text = "" if value is None else str(value)
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if len(text) > 12:
        item.setToolTip(text)
    return item
