"""The before/after view: 改革前后对照表, the headline figures and their bar chart (QtCharts)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.figures import Figure, headline_figures
from sydw_desktop.model import Snapshot, Unit
from sydw_desktop.store.undo import OpChanges
from ui.screen import remember_splitter
from ui.session.session import WorkspaceSession

FIGURE_HEADERS = ["指标", "改革前", "改革后", "精简数", "精简比例"]
#: documents.md §2.4: 改革前后对照表 columns
TABLE_HEADERS = [
    "序号", "主管部门", "改革前单位名称", "类别", "规格", "经费形式", "编制", "实有", "领导职数",
    "改革方式", "改革后单位名称", "类别", "规格", "经费形式", "编制", "领导职数", "备注",
]


def comparison_rows(snap: Snapshot) -> list[list[str | int]]:
    """One row per before-unit (with its 去向单位), then the after-units that have no source."""

    def side(u: Unit | None) -> list[str | int]:
        if u is None:
            return ["", "", "", "", ""]
        return [u.name, u.category.value, u.spec.value, u.funding.value, u.staffing]

    rows: list[list[str | int]] = []
    after_by_id = {u.id: u for u in snap.after}
    used: set[int] = set()
    for b in snap.before:
        a = after_by_id.get(b.destination) if b.destination is not None else None
        if a is not None and a.id is not None:
            used.add(a.id)
        rows.append([
            len(rows) + 1, b.dept, *side(b)[:4], b.staffing, b.actual if b.actual is not None else "",
            b.leaders, b.disposition.value if b.disposition else "", *side(a),
            a.leaders if a is not None else "", b.remark,
        ])
    for a in snap.after:
        if a.id not in used:
            rows.append([len(rows) + 1, a.dept, "", "", "", "", "", "", "", "新设" if a.is_new else "",
                         *side(a), a.leaders, a.remark])
    return rows


class ComparisonPage(QWidget):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparison_page")
        self.session = session
        self.figures: list[Figure] = []
        self._stale = False

        self.figures_model = QStandardItemModel(self)
        self.figures_view = QTableView()
        self.figures_view.setObjectName("figures")
        self.figures_view.setModel(self.figures_model)
        self.figures_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures_view.verticalHeader().hide()

        # one small chart per figure: 单位数 and 编制 differ by two orders of magnitude
        self.charts: list[QChart] = []
        charts_box = QWidget()
        charts_box.setObjectName("charts")
        charts_layout = QGridLayout(charts_box)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        for position in range(4):
            chart = QChart()
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.setMargins(QMargins(2, 2, 2, 2))
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(180, 200)
            charts_layout.addWidget(view, 0, position)
            self.charts.append(chart)

        self.table_model = QStandardItemModel(self)
        self.table_view = QTableView()
        self.table_view.setObjectName("comparison_table")
        self.table_view.setModel(self.table_model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSortingEnabled(True)
        self.table_view.verticalHeader().hide()

        top = QSplitter(Qt.Orientation.Horizontal)
        figures_box = QWidget()
        figures_layout = QVBoxLayout(figures_box)
        figures_layout.addWidget(QLabel("<b>主要指标</b>"))
        figures_layout.addWidget(self.figures_view)
        top.addWidget(figures_box)
        top.addWidget(charts_box)
        top.setSizes([420, 900])
        remember_splitter(top, "comparison_top")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.addWidget(QLabel("<b>改革前后对照表</b>"))
        table_layout.addWidget(self.table_view)
        splitter.addWidget(table_box)
        splitter.setSizes([300, 400])
        remember_splitter(splitter, "comparison")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.units or changes.jurisdiction:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True  # a whole-snapshot read: done when the page is next shown

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        snap = self.session.live.snapshot
        self.figures = headline_figures(snap)
        self._fill_figures()
        self._fill_chart()
        self._fill_table(snap)

    def _fill_figures(self) -> None:
        self.figures_model.clear()
        self.figures_model.setHorizontalHeaderLabels(FIGURE_HEADERS)
        for f in self.figures:
            cells = [QStandardItem(f.label)]
            for value in (f.before, f.after, f.reduced):
                item = QStandardItem()
                item.setData(value, Qt.ItemDataRole.DisplayRole)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(item)
            ratio = QStandardItem(f.ratio_text())
            ratio.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells.append(ratio)
            self.figures_model.appendRow(cells)
        self.figures_view.resizeColumnsToContents()

    def _fill_chart(self) -> None:
        for chart, figure in zip(self.charts, self.figures, strict=False):
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
            chart.setTitle(f"{figure.label}（精简 {figure.ratio_text()}）")
            series = QBarSeries()
            for label, value, color in (("改革前", figure.before, "#7f9cc7"), ("改革后", figure.after, "#e8a65d")):
                bar = QBarSet(label)
                bar.setColor(QColor(color))
                bar.append(value)
                series.append(bar)
            series.setLabelsVisible(True)
            chart.addSeries(series)
            categories = QBarCategoryAxis()
            categories.append([figure.label])
            categories.setVisible(False)
            values = QValueAxis()
            values.setRange(0, max(figure.before, figure.after, 1) * 1.2)
            values.setLabelFormat("%d")
            values.applyNiceNumbers()
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(categories)
            series.attachAxis(values)

    def _fill_table(self, snap: Snapshot) -> None:
        self.table_model.clear()
        self.table_model.setHorizontalHeaderLabels(TABLE_HEADERS)
        for row in comparison_rows(snap):
            items = []
            for value in row:
                item = QStandardItem()
                item.setData(value, Qt.ItemDataRole.DisplayRole)
                items.append(item)
            self.table_model.appendRow(items)
        self.table_view.resizeColumnsToContents()

    def chart_values(self) -> dict[str, list[float]]:
        """The bar values by set label, one value per figure (what the charts show)."""
        out: dict[str, list[float]] = {}
        for chart in self.charts[: len(self.figures)]:
            series = chart.series()[0]
            assert isinstance(series, QBarSeries)
            for bar in series.barSets():
                out.setdefault(bar.label(), []).append(bar.at(0))
        return out
