"""What the read-only listing dialogs share (下级报送, 汇总与限额分配): a view of rows that cannot be
edited, selected whole and sorted by a click on a header, under a summary line, with 关闭 below."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


def readonly_view(view: QTableView | QTreeView, name: str, model: QAbstractItemModel) -> None:
    """Show ``model`` in ``view`` (named ``name``): read-only, whole rows selected, sortable."""
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSortingEnabled(True)


def summary_layout(dialog: QDialog, summary: QLabel, body: QWidget) -> None:
    """Lay ``dialog`` out: ``summary`` on top, ``body`` taking the height, 关闭 (rejecting) at the right."""
    close = QPushButton("关闭")
    close.clicked.connect(dialog.reject)
    buttons = QHBoxLayout()
    buttons.addStretch()
    buttons.addWidget(close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(summary)
    layout.addWidget(body, 1)
    layout.addLayout(buttons)
