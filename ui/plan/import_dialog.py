"""The results dialog of an Excel import: every problem, by sheet, row and column."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialog_buttons import close_box
from ui.screen import fit_to_screen

HEADERS = ["工作表", "行", "列", "问题"]
_LOCATED = re.compile(r"^(?P<where>[^：]*?)：(?P<what>.*)$", re.S)


def split_problem(problem: str) -> tuple[str, str, str, str]:
    """``工作表 / 行 / 列：问题`` → its four parts (missing parts are empty)."""
    m = _LOCATED.match(problem.strip())
    if m is None:
        return "", "", "", problem.strip()
    parts = [p.strip() for p in m.group("where").split("/")]
    parts += [""] * (3 - len(parts))
    if len(parts) > 3:
        parts = [parts[0], parts[1], " / ".join(parts[2:])]
    return parts[0], parts[1], parts[2], m.group("what").strip()


class ImportResultsDialog(QDialog):
    """Lists an import's problems (refused) or its notes (imported)."""

    def __init__(self, title: str, summary: str, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_results")
        self.setWindowTitle(title)
        fit_to_screen(self, QSize(860, 480))
        self.problems = problems
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        for problem in problems:
            self.model.appendRow([QStandardItem(part) for part in split_problem(problem)])
        self.view = QTableView()
        self.view.setObjectName("problems")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((110, 50, 130)):
            self.view.setColumnWidth(col, width)
        buttons = close_box(self)
        copy = buttons.addButton("复制全部问题", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText("\n".join(problems)))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
