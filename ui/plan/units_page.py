"""The inventory / after-units editor: a sortable, filterable table of one phase's units."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import Unit
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Category, Funding, Phase, Spec
from ui.plan.delegates import ColumnDelegate
from ui.plan.empty_units import EmptyUnitsHint
from ui.plan.frozen_view import FrozenColumnView
from ui.plan.sheet_tools import SheetTools
from ui.plan.totals_row import TotalsRow
from ui.plan.unit_filter import UnitFilterProxy
from ui.plan.unit_model import UnitTableModel
from ui.session.session import WorkspaceSession

ALL_DEPTS = "全部主管部门"


class UnitsPage(QWidget):
    """Search, filter and edit the units of one phase; add and delete units."""

    def __init__(self, session: WorkspaceSession, phase: Phase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.phase = phase
        self.setObjectName(f"units_{'before' if phase is Phase.BEFORE else 'after'}")
        self.model = UnitTableModel(session, phase, self)
        self.proxy = UnitFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(f"<b>{phase.value}单位</b>")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("搜索单位名称、主管部门等（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.dept = QComboBox()
        self.dept.setObjectName("dept_filter")
        self.dept.currentTextChanged.connect(lambda t: self.proxy.set_dept("" if t == ALL_DEPTS else t))
        self.problems_only = QCheckBox("只看有问题的单位")
        self.problems_only.toggled.connect(self.proxy.set_problems_only)
        self.add_button = QPushButton("新增单位")
        self.add_button.clicked.connect(self.add_unit)
        self.delete_button = QPushButton("删除单位")
        self.delete_button.clicked.connect(self.delete_selected)

        self.view = FrozenColumnView()  # 单位名称 stays in view while scrolling sideways
        self.view.setObjectName("units_table")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ColumnDelegate(self.model, self.view))
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # stored order
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, column in enumerate(self.model.columns):
            self.view.setColumnWidth(col, column.width)
        self.view.verticalHeader().setDefaultSectionSize(26)

        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.dept, 1)
        bar.addWidget(self.problems_only)
        bar.addStretch()
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        self.empty = EmptyUnitsHint(phase)
        self.totals = TotalsRow(self.view, self.model)
        self.sheet = SheetTools(self.view, self.model, session)  # copy / paste / fill down / menu
        for text, slot in (("新增单位", self.add_unit), ("删除单位…", self.delete_selected)):
            action = QAction(text, self.view)
            action.triggered.connect(slot)
            self.sheet.extra.append(action)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addWidget(self.totals)
        layout.setSpacing(2)
        QWidget.setTabOrder(self.search, self.dept)
        QWidget.setTabOrder(self.dept, self.problems_only)
        QWidget.setTabOrder(self.problems_only, self.view)
        QWidget.setTabOrder(self.view, self.add_button)
        QWidget.setTabOrder(self.add_button, self.delete_button)

        self._depts: list[str] | None = None
        self._fill_depts()
        session.operation_did_execute.connect(self._on_operation)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._show_empty)
        self._show_empty()

    def _show_empty(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        reads = self.session.last_delta.reads
        if changes.units and ("unit.dept" in reads or "unit.id" in reads or self.session.last_delta.everything):
            self._fill_depts()

    def _fill_depts(self) -> None:
        depts = sorted({u.dept for u in self.model.all_units if u.dept})
        if depts == self._depts:
            return
        self._depts = depts
        current = self.dept.currentText()
        self.dept.blockSignals(True)
        self.dept.clear()
        self.dept.addItems([ALL_DEPTS, *depts])
        self.dept.setCurrentIndex(max(self.dept.findText(current), 0))
        self.dept.blockSignals(False)

    # -- navigation -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_cell(self, unit_id: int, field: str | None, *, highlight: bool = False) -> bool:
        """Show and select the cell of ``unit_id``/``field`` (clearing filters that hide it)."""
        if self.model.row_of(unit_id) < 0:
            if not any(u.id == unit_id for u in self.model.all_units):
                return False
            for widget in (self.search, self.dept, self.problems_only):  # one re-layout, not three
                widget.blockSignals(True)
            self.search.clear()
            self.dept.setCurrentIndex(0)
            self.problems_only.setChecked(False)
            for widget in (self.search, self.dept, self.problems_only):
                widget.blockSignals(False)
            self.model.clear_filters()
        row = self.model.row_of(unit_id)
        col = self.model.column_of(field or "name")
        if col < 0:
            col = 0
        index = self.proxy.mapFromSource(self.model.index(row, col))
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.setFocus()
        self.model.set_highlight(unit_id if highlight else None, self.model.columns[col].field)
        return True

    def current_unit(self) -> Unit | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.unit_at(self.proxy.mapToSource(index).row())

    # -- add / delete ---------------------------------------------------------------------------

    def add_unit(self) -> None:
        names = {u.name for u in self.model.all_units}
        number = 1
        while f"新单位{number}" in names:
            number += 1
        unit = Unit(
            phase=self.phase, name=f"新单位{number}", dept="", spec=Spec.NONE,
            category=Category.UNCLASSIFIED, funding=Funding.FULL, staffing=0,
            sort_key=len(self.model.all_units),
        )
        changes = self.session.perform(lambda ws: ws.add_unit(unit), initiator=self)
        if changes is not None and changes.created:
            self.select_cell(int(changes.created[0]), "name")
            self.view.edit(self.view.currentIndex())

    def delete_selected(self) -> None:
        unit = self.current_unit()
        if unit is None or unit.id is None:
            return
        unit_id = unit.id
        if self.session.ws.submissions():  # after a submission a deletion is kept as 作废, with its reason
            reason, ok = QInputDialog.getText(
                self, "作废单位", f"材料已经报送过：“{unit.name}”将标记为作废（人员转隶和文书一并删除，可以撤销）。\n作废理由："
            )
            if ok and reason.strip():
                self.session.perform(lambda ws: ws.delete_unit(unit_id, reason=reason), initiator=self)
            return
        answer = QMessageBox.question(
            self, "删除单位", f"删除“{unit.name}”？它的人员转隶和文书一并删除（可以撤销）。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.perform(lambda ws: ws.delete_unit(unit_id), initiator=self)
