"""The reform-action editor: per before-unit its 改革方式, 去向单位 and 人员转隶, with a live
preview of the after-state the plan produces."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.model import Unit, UnitId
from sydw_desktop.plan_preview import after_preview, ledger_text
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.vocab import Disposition
from ui.plan.transfers import TransferDelegate, TransfersModel
from ui.plan.unit_model import HIGHLIGHT_COLOR, SEVERITY_COLORS, finding_tooltip
from ui.screen import remember_splitter
from ui.session.session import WorkspaceSession

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
PREVIEW_HEADERS = ["改革后单位", "来源单位", "划入编制", "核定编制", "收回(+)/新增(−)", "转入人数", "实有人数"]


class PlanPage(QWidget):
    """Pick a before-unit on the left; set its reform action on the right."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_page")
        self.session = session
        self.unit_id: int | None = None
        self._unit: Unit | None = None

        # left: the before-units
        self.units_model = QStandardItemModel(self)
        self.units_proxy = QSortFilterProxyModel(self)
        self.units_proxy.setSourceModel(self.units_model)
        self.units_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索改革前单位")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.units_proxy.setFilterFixedString)
        self.units_view = QListView()
        self.units_view.setObjectName("before_units")
        self.units_view.setModel(self.units_proxy)
        self.units_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.units_view.selectionModel().currentChanged.connect(self._on_unit_picked)

        # right: the action form
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.disposition = QComboBox()
        self.disposition.setObjectName("disposition")
        self.disposition.addItem("（未定）", "")
        for d in Disposition:
            self.disposition.addItem(d.value, d.value)
        self.disposition.activated.connect(self._disposition_chosen)
        self.destination = QComboBox()
        self.destination.setObjectName("destination")
        self.destination.activated.connect(self._destination_chosen)

        self.transfers = TransfersModel(session, self)
        self.transfers_view = QTableView()
        self.transfers_view.setObjectName("transfers")
        self.transfers_view.setModel(self.transfers)
        self.transfers_view.setItemDelegate(TransferDelegate(self.transfers_view))
        self.transfers_view.setColumnWidth(0, 240)
        self.transfers_view.horizontalHeader().setStretchLastSection(True)
        self.transfers_sum = QLabel()
        self.add_transfer = QPushButton("新增转隶")
        self.add_transfer.setObjectName("add_transfer")
        self.add_transfer.clicked.connect(self.transfers.add)
        self.remove_transfer = QPushButton("删除转隶")
        self.remove_transfer.clicked.connect(
            lambda: self.transfers.remove(self.transfers_view.currentIndex().row())
        )

        form = QFormLayout()
        form.addRow("改革方式：", self.disposition)
        form.addRow("去向单位：", self.destination)
        people = QGroupBox("人员转隶")
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.transfers_view)
        people_bar = QHBoxLayout()
        people_bar.addWidget(self.transfers_sum, 1)
        people_bar.addWidget(self.add_transfer)
        people_bar.addWidget(self.remove_transfer)
        people_layout.addLayout(people_bar)

        # the live preview of the after-state
        self.preview_model = QStandardItemModel(self)
        self.preview_view = QTableView()
        self.preview_view.setObjectName("preview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.setSortingEnabled(True)
        self.ledger_label = QLabel()
        self.ledger_label.setObjectName("ledger")
        self.ledger_label.setWordWrap(True)
        preview = QGroupBox("改革后预览（随修改即时更新）")
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self.ledger_label)
        preview_layout.addWidget(self.preview_view)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.facts)
        right_layout.addLayout(form)
        right_layout.addWidget(people, 1)
        right_layout.addWidget(preview, 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>改革前单位</b>"))
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.units_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 820])
        remember_splitter(splitter, "plan_page")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for a, b in ((self.search, self.units_view), (self.units_view, self.disposition),
                     (self.disposition, self.destination), (self.destination, self.transfers_view),
                     (self.transfers_view, self.add_transfer), (self.add_transfer, self.remove_transfer)):
            QWidget.setTabOrder(a, b)

        session.operation_did_execute.connect(self._on_operation)
        session.report_changed.connect(lambda _r: self._refresh_marks())
        self._fill_units()
        self._refresh_preview()
        if self.units_model.rowCount():
            self.select_unit(self.units_model.item(0).data(UNIT_ID_ROLE))
        else:
            self._show_unit()

    # -- refresh --------------------------------------------------------------------------------

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.units or changes.transfers:
            self._fill_units()
            self._show_unit()
            self._refresh_preview()

    def _fill_units(self) -> None:
        before = self.session.live.snapshot.before
        ids = [self.units_model.item(r).data(UNIT_ID_ROLE) for r in range(self.units_model.rowCount())]
        if ids != [u.id for u in before]:
            self.units_model.clear()
            for u in before:
                item = QStandardItem()
                item.setData(u.id, UNIT_ID_ROLE)
                self.units_model.appendRow(item)
        for r, u in enumerate(before):
            self.units_model.item(r).setData(u.name, NAME_ROLE)
            self.units_model.item(r).setText(f"{u.name}　[{u.disposition.value if u.disposition else '未定'}]")
        if self.unit_id is not None and all(u.id != self.unit_id for u in before):
            self.unit_id = None
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        index = self.session.index
        for r in range(self.units_model.rowCount()):
            item = self.units_model.item(r)
            name = item.data(NAME_ROLE)
            worst = index.worst(index.unit(name))
            item.setBackground(QBrush(SEVERITY_COLORS[worst]) if worst else QBrush())
            item.setToolTip(finding_tooltip(index.unit(name)))
        self._mark_fields()

    def _mark_fields(self, highlight: str | None = None) -> None:
        name = self._unit.name if self._unit else ""
        for field, widget in (("disposition", self.disposition), ("destination", self.destination)):
            found = self.session.index.cell(name, field)
            worst = self.session.index.worst(found)
            if highlight == field:
                color = HIGHLIGHT_COLOR.name()
            else:
                color = SEVERITY_COLORS[worst].name() if worst else ""
            widget.setStyleSheet(f"QComboBox {{ background: {color}; }}" if color else "")
            widget.setToolTip(finding_tooltip(found))

    def _show_unit(self) -> None:
        ws, snap = self.session.ws, self.session.live.snapshot
        self._unit = snap.unit(UnitId(self.unit_id)) if self.unit_id is not None else None
        unit = self._unit
        enabled = unit is not None and not ws.readonly
        for w in (self.disposition, self.destination, self.add_transfer, self.remove_transfer, self.transfers_view):
            w.setEnabled(enabled)
        self.transfers.set_source(self.unit_id)
        if unit is None:
            self.heading.setText("<b>请在左侧选择一个改革前单位</b>")
            self.facts.clear()
            self.transfers_sum.clear()
            return
        self.heading.setText(f"<b>{unit.name}</b>")
        self.facts.setText(
            f"主管部门：{unit.dept or '—'}　类别：{unit.category.value}　规格：{unit.spec.value}　"
            f"核定编制：{unit.staffing}　实有人数：{unit.actual if unit.actual is not None else '—'}"
        )
        self.disposition.setCurrentIndex(max(self.disposition.findData(unit.disposition.value if unit.disposition else ""), 0))
        self.destination.clear()
        self.destination.addItem("（未指定）", 0)
        for after in snap.after:
            self.destination.addItem(after.name, after.id)
        self.destination.setCurrentIndex(max(self.destination.findData(unit.destination or 0), 0))
        needs = unit.disposition is not None and unit.disposition.needs_destination
        self.destination.setEnabled(enabled and (needs or unit.destination is not None))
        placed = sum(t.count for t in self.transfers.transfers)
        self.transfers_sum.setText(f"已安排去向 {placed} 人 / 实有 {unit.actual if unit.actual is not None else '—'} 人")
        self._mark_fields()

    def _refresh_preview(self) -> None:
        snap = self.session.live.snapshot
        rows, ledger = after_preview(snap.jurisdiction, snap.before, snap.after, snap.transfers)
        self.ledger_label.setText(ledger_text(ledger))
        self.preview_model.clear()
        self.preview_model.setHorizontalHeaderLabels(PREVIEW_HEADERS)
        dest = self._unit.destination if self._unit else None
        for row in rows:
            values: list[str | int] = [
                row.name, "、".join(row.sources) or "（新设或无来源）", row.incoming_staffing, row.staffing,
                row.balance, row.incoming_people, row.actual if row.actual is not None else "",
            ]
            items = []
            for v in values:
                item = QStandardItem()
                item.setData(v, Qt.ItemDataRole.DisplayRole)
                if row.unit_id == dest:
                    item.setBackground(QBrush(HIGHLIGHT_COLOR.lighter(130)))
                items.append(item)
            self.preview_model.appendRow(items)
        self.preview_view.resizeColumnsToContents()

    # -- editing --------------------------------------------------------------------------------

    def _on_unit_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self.unit_id = self.units_proxy.mapToSource(current).data(UNIT_ID_ROLE)
        self._show_unit()
        self._refresh_preview()

    def _disposition_chosen(self, _index: int) -> None:
        if self._unit is None:
            return
        label = self.disposition.currentData()
        value = Disposition(label) if label else None
        uid = self._unit.id
        assert uid is not None  # units shown here are stored
        fields: dict[str, Any] = {"disposition": value}
        if value is not None and not value.needs_destination and self._unit.destination is not None:
            fields["destination"] = None  # 撤销/转企… have no 去向单位
        if self.session.perform(lambda ws: ws.update_unit(uid, **fields), initiator=self) is None:
            self._show_unit()

    def _destination_chosen(self, _index: int) -> None:
        if self._unit is None:
            return
        dest = self.destination.currentData() or None
        uid = self._unit.id
        assert uid is not None  # units shown here are stored
        if self.session.perform(lambda ws: ws.update_unit(uid, destination=dest), initiator=self) is None:
            self._show_unit()

    # -- navigation -----------------------------------------------------------------------------

    def select_unit(self, unit_id: int, field: str | None = None, *, highlight: bool = False) -> bool:
        for r in range(self.units_model.rowCount()):
            if self.units_model.item(r).data(UNIT_ID_ROLE) == unit_id:
                source = self.units_model.index(r, 0)
                if not self.units_proxy.mapFromSource(source).isValid():
                    self.search.clear()
                index = self.units_proxy.mapFromSource(source)
                self.units_view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.units_view.scrollTo(index)
                if self.unit_id != unit_id:
                    self.unit_id = unit_id
                    self._show_unit()
                    self._refresh_preview()
                if highlight:
                    self._mark_fields(field)
                    target = {"destination": self.destination}.get(field or "", self.disposition)
                    target.setFocus()
                return True
        return False
