"""汇总与限额分配 (upper level): every subordinate's latest round in one sortable table with a chart,
each row opening that filing; the allocation table with what remains (预留); and 下级进度, each
subordinate's progress against the step dates this office set (issue 17)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.league.aggregate import Aggregate, Counts, SubordinateRow, aggregate
from sydw_desktop.league.allocate import allocate, reserve
from sydw_desktop.store.undo import OpChanges
from ui.league.chart import BarChart
from ui.league.filing_dialog import FilingDialog
from ui.listing import readonly_view, summary_layout
from ui.method.league_progress import ProgressTab
from ui.session.session import WorkspaceSession

HEADERS = ["行政区划代码", "名称", "轮次", "状态", "单位数（前→后）", "单位精简比例", "编制数（前→后）",
           "编制精简比例", "内设机构（前→后）", "领导职数（前→后）", "错误", "警告", "已说明"]
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
NO_CAP = -1  # the spin boxes' "不设" value


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def row_cells(code: str, name: str, round_text: str, status: str, c: Counts | None) -> list[tuple[str, object]]:
    """(shown text, sort value) per column."""
    cells: list[tuple[str, object]] = [(code, code), (name, name), (round_text, round_text), (status, status)]
    if c is None:
        return cells + [("", -1)] * (len(HEADERS) - 4)
    return cells + [
        (f"{c.units_before} → {c.units_after}", c.units_after), (_pct(c.ratio("units")), c.ratio("units") or 0.0),
        (f"{c.staff_before} → {c.staff_after}", c.staff_after), (_pct(c.ratio("staff")), c.ratio("staff") or 0.0),
        (f"{c.organs_before} → {c.organs_after}", c.organs_after),
        (f"{c.leaders_before} → {c.leaders_after}", c.leaders_after),
        (str(c.errors), c.errors), (str(c.warnings), c.warnings), (str(c.explained), c.explained),
    ]


class AggregateView(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("league_view")
        self.setWindowTitle("汇总与限额分配")
        self.resize(1280, 760)
        self.session = session
        self.agg: Aggregate | None = None
        self.filing_dialog: FilingDialog | None = None
        self.summary = QLabel()
        self.summary.setObjectName("league_summary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._totals_tab(), "汇总")
        self.tabs.addTab(self._allocation_tab(), "限额分配")
        self.progress_tab = ProgressTab(session, self)
        self.tabs.addTab(self.progress_tab, "下级进度")
        summary_layout(self, self.summary, self.tabs)
        session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    # -- the totals tab -------------------------------------------------------------------------

    def _totals_tab(self) -> QWidget:
        self.model = QStandardItemModel(self)
        self.model.setSortRole(SORT_ROLE)
        self.tree = QTreeView()
        readonly_view(self.tree, "league_table", self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.doubleClicked.connect(self.open_filing)
        self.total = QLabel()
        self.total.setObjectName("league_total")
        self.chart = BarChart()
        open_button = QPushButton("打开报送材料")
        open_button.clicked.connect(lambda: self.open_filing(self.tree.currentIndex()))
        export = QPushButton("导出汇总表…")
        export.setObjectName("league_export")
        export.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.total, 1)
        row.addWidget(open_button)
        row.addWidget(export)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.tree, 3)
        layout.addLayout(row)
        layout.addWidget(self.chart, 2)
        return tab

    def _append(self, parent: QStandardItem, row: SubordinateRow) -> None:
        items = []
        for text, key in row_cells(row.code, row.name, f"第{row.round}轮", row.status, row.counts):
            item = QStandardItem(text)
            item.setData(key, SORT_ROLE)
            item.setData((row.code, row.round), KEY_ROLE)
            items.append(item)
        parent.appendRow(items)
        for child in row.children:
            self._append(items[0], child)

    # -- the allocation tab ---------------------------------------------------------------------

    def _allocation_tab(self) -> QWidget:
        self.allocations = QTableWidget(0, 7)
        self.allocations.setObjectName("league_allocations")
        self.allocations.setHorizontalHeaderLabels(
            ["行政区划代码", "名称", "分配机构限额", "分配编制总量", "文号", "报送的改革后单位数", "报送的改革后编制"])
        self.allocations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.allocations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.allocations.verticalHeader().setVisible(False)
        self.allocations.horizontalHeader().setStretchLastSection(True)
        self.allocations.itemSelectionChanged.connect(self._fill_form)
        self.reserve = QLabel()
        self.reserve.setObjectName("league_reserve")
        self.code_edit, self.name_edit, self.doc_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.code_edit.setObjectName("allocation_code")
        self.code_edit.setPlaceholderText("6 位行政区划代码")
        self.unit_spin, self.staff_spin = QSpinBox(), QSpinBox()
        for spin, name in ((self.unit_spin, "allocation_unit_cap"), (self.staff_spin, "allocation_staff_cap")):
            spin.setObjectName(name)
            spin.setRange(NO_CAP, 10_000_000)
            spin.setSpecialValueText("不设")
            spin.setValue(NO_CAP)
        save = QPushButton("保存分配")
        save.setObjectName("allocation_save")
        save.clicked.connect(self.save_allocation)
        form = QFormLayout()
        form.addRow("行政区划代码", self.code_edit)
        form.addRow("名称", self.name_edit)
        form.addRow("机构限额", self.unit_spin)
        form.addRow("事业编制总量", self.staff_spin)
        form.addRow("依据文号", self.doc_edit)
        form.addRow("", save)
        tab = QWidget()
        layout = QHBoxLayout(tab)
        left = QVBoxLayout()
        left.addWidget(self.allocations, 1)
        left.addWidget(self.reserve)
        layout.addLayout(left, 3)
        layout.addLayout(form, 1)
        return tab

    def _fill_form(self) -> None:
        rows = {i.row() for i in self.allocations.selectedIndexes()}
        if len(rows) != 1:
            return
        row = rows.pop()

        def text(col: int) -> str:
            item = self.allocations.item(row, col)
            return item.text() if item else ""

        self.code_edit.setText(text(0))
        self.name_edit.setText(text(1))
        self.unit_spin.setValue(int(text(2)) if text(2).isdigit() else NO_CAP)
        self.staff_spin.setValue(int(text(3)) if text(3).isdigit() else NO_CAP)
        self.doc_edit.setText(text(4))

    def save_allocation(self) -> OpChanges | None:
        code = self.code_edit.text().strip()
        unit_cap = None if self.unit_spin.value() == NO_CAP else self.unit_spin.value()
        staff_cap = None if self.staff_spin.value() == NO_CAP else self.staff_spin.value()

        def mutation(ws: object) -> OpChanges:
            return allocate(self.session.ws, code, name=self.name_edit.text(), unit_cap=unit_cap,
                            staff_cap=staff_cap, doc_no=self.doc_edit.text().strip())[1]

        return self.session.perform(mutation, self)

    # -- refreshing, opening, exporting ---------------------------------------------------------

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.subordinate_filings or changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        ws = self.session.ws
        agg = self.agg = aggregate(ws)
        self.model.clear()
        self.model.setHorizontalHeaderLabels(HEADERS)
        root = self.model.invisibleRootItem()
        for row in agg.rows:
            self._append(root, row)
        for code, name in agg.missing:
            items = [QStandardItem(text) for text, _ in row_cells(code, name, "", "未报送", None)]
            for item in items:
                item.setData(code if item.column() == 0 else "", SORT_ROLE)
                item.setForeground(Qt.GlobalColor.darkGray)
            root.appendRow(items)
        self.tree.expandAll()
        for col in range(len(HEADERS)):
            self.tree.resizeColumnToContents(col)
        t = agg.total
        self.total.setText(
            f"合计：事业单位 {t.units_before} → {t.units_after}（精简 {_pct(t.ratio('units'))}），"
            f"事业编制 {t.staff_before} → {t.staff_after}（精简 {_pct(t.ratio('staff'))}），"
            f"内设机构 {t.organs_before} → {t.organs_after}，领导职数 {t.leaders_before} → {t.leaders_after}；"
            f"错误 {t.errors}，警告 {t.warnings}（已说明 {t.explained}）")
        self.chart.set_bars("各下级事业编制数（改革前、改革后）",
                            [(r.name, r.counts.staff_before, r.counts.staff_after) for r in agg.rows])
        missing = "、".join(f"{n}（{c}）" for c, n in agg.missing)
        self.summary.setText(f"{agg.name}（{agg.level}）：已报送 {len(agg.rows)} 个下级，各取最新一轮。"
                             + (f"尚未报送：{missing}。" if missing else ""))
        filed = {r.code: r.counts for r in agg.rows}
        allocations = ws.allocations()
        self.allocations.setRowCount(0)
        for a in allocations:
            line = self.allocations.rowCount()
            self.allocations.insertRow(line)
            counts = filed.get(a.region_code)
            values = (a.region_code, a.name, "" if a.unit_cap is None else a.unit_cap,
                      "" if a.staff_cap is None else a.staff_cap, a.doc_no,
                      "未报送" if counts is None else counts.units_after, "" if counts is None else counts.staff_after)
            for col, value in enumerate(values):
                self.allocations.setItem(line, col, QTableWidgetItem(str(value)))
        self.allocations.resizeColumnsToContents()
        self.reserve.setText(reserve(ws).text())

    def open_filing(self, index: QModelIndex) -> FilingDialog | None:
        if not index.isValid():
            return None
        key = index.siblingAtColumn(0).data(KEY_ROLE)
        if not key:
            return None
        if self.filing_dialog is not None:
            self.filing_dialog.deleteLater()
        self.filing_dialog = FilingDialog(self.session.ws, key[0], int(key[1]), self)
        self.filing_dialog.show()
        return self.filing_dialog

    def export(self, target: Path | None = None) -> Path | None:
        from sydw_desktop.league.tables import save_aggregate_pdf, save_aggregate_xlsx

        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "导出汇总表", "汇总表.xlsx", "Excel (*.xlsx);;PDF (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        if self.agg is None:
            return None
        try:
            if target.suffix.lower() == ".pdf":
                save_aggregate_pdf(self.agg, target)
            else:
                save_aggregate_xlsx(self.agg, target.with_suffix(".xlsx"))
        except (SydwError, OSError) as exc:
            self.session.failed.emit(str(exc))
            return None
        return target
