"""A table view whose first column (单位名称) stays in place while the rest scrolls sideways.

Qt's frozen-column pattern: a second view over the same model and selection, showing only column 0,
laid over the left edge of the main view's viewport and kept in step with its rows, header and
vertical scrolling. Keyboard navigation and ``scrollTo`` keep the current cell out from under it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex


class FrozenColumnView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozen_column")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet("QTableView#frozen_column { border: none; border-right: 1px solid #9e9e9e; }")
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(lambda row, _old, size: self.frozen.setRowHeight(row, size))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.horizontalHeader().sortIndicatorChanged.connect(self._frozen_sorted)
        self.horizontalHeader().sortIndicatorChanged.connect(self._main_sorted)

    # -- kept in step with the main view ---------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model_ = self.model()
        if model_ is not None:
            model_.columnsInserted.connect(self._hide_others)
            model_.modelReset.connect(self._hide_others)
        self._hide_others()

    def setItemDelegate(self, delegate: QAbstractItemDelegate) -> None:
        super().setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)

    def setEditTriggers(self, triggers: QAbstractItemView.EditTrigger) -> None:
        super().setEditTriggers(triggers)
        self.frozen.setEditTriggers(triggers)

    def setSortingEnabled(self, enable: bool) -> None:
        super().setSortingEnabled(enable)
        self.frozen.setSortingEnabled(enable)

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def _hide_others(self, *_args: object) -> None:
        model = self.model()
        if model is None:
            return
        for col in range(model.columnCount()):
            self.frozen.setColumnHidden(col, col != 0)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self._place()

    def _column_resized(self, col: int, _old: int, size: int) -> None:
        if col == 0:
            self.frozen.setColumnWidth(0, size)
            self._place()

    def _frozen_sorted(self, col: int, order: Qt.SortOrder) -> None:
        if self.horizontalHeader().sortIndicatorSection() != col or self.horizontalHeader().sortIndicatorOrder() != order:
            self.sortByColumn(col, order)

    def _main_sorted(self, col: int, order: Qt.SortOrder) -> None:
        self.frozen.horizontalHeader().setSortIndicator(col, order)

    def _place(self) -> None:
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self.frozen.horizontalHeader().setVisible(not self.horizontalHeader().isHidden())
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        frame = self.frameWidth()
        self.frozen.setGeometry(self.verticalHeader().width() + frame, frame, self.columnWidth(0),
                                self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place()

    # -- the current cell never hides under the frozen column -------------------------------------

    def scrollTo(self, index: AnyIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)
        else:  # column 0 is always in view: only scroll vertically
            horizontal = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(horizontal)
        self._uncover(index)

    def _uncover(self, index: AnyIndex) -> None:
        if index.column() <= 0:
            return
        left = self.columnViewportPosition(index.column())
        covered = self.columnWidth(0) - left
        if covered > 0:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - covered)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0:
            self._uncover(current)
        return current
