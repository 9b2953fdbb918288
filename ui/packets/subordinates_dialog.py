"""The 下级报送 list (upper level): every received filing — region, round, name, figures, when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QLabel, QTableView, QWidget

from sydw_desktop.model import SubordinateFiling
from sydw_desktop.packets.identity import format_fingerprint
from sydw_desktop.store.undo import OpChanges
from ui.listing import readonly_view, summary_layout
from ui.packets.packet_common import short_time
from ui.screen import fit_to_screen
from ui.session.session import WorkspaceSession

FIGURES = ("事业单位数", "事业编制数", "内设机构数", "领导职数")
HEADERS = ["行政区划代码", "名称", "轮次", "打包日期", *FIGURES, "警告", "签名机关", "接收时间", "接收人"]


def figure_cell(summary: dict[str, Any], label: str) -> str:
    """``60 → 40（-33.3%）`` for one headline figure of a filing's summary, or ``—``."""
    for figure in summary.get("figures", []) or []:
        if figure.get("label") == label:
            ratio = figure.get("ratio")
            change = "" if ratio is None else f"（-{ratio * 100:.1f}%）" if ratio >= 0 else f"（+{-ratio * 100:.1f}%）"
            return f"{figure['before']} → {figure['after']}{change}"
    return "—"


def filing_row(f: SubordinateFiling) -> list[str]:
    counts = f.summary.get("findings", {}) or {}
    return [
        f.region_code, f.name, f"第{f.round}轮", f.bagging_date,
        *(figure_cell(f.summary, label) for label in FIGURES),
        str(counts.get("warning", 0)),
        f.signer_office, short_time(f.received_at), f.received_by,
    ]


class SubordinatesDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subordinates_dialog")
        self.setWindowTitle("下级报送")
        fit_to_screen(self, QSize(1240, 420))
        self.session = session
        self.filings: list[SubordinateFiling] = []
        self.summary = QLabel()
        self.summary.setObjectName("subordinates_summary")
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.table = QTableView()
        readonly_view(self.table, "subordinate_filings", self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        summary_layout(self, self.summary, self.table)
        session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.subordinate_filings:
            self.refresh()

    def refresh(self) -> None:
        self.filings = self.session.ws.subordinate_filings()
        self.model.removeRows(0, self.model.rowCount())
        for f in self.filings:
            cells = [QStandardItem(text) for text in filing_row(f)]
            cells[2].setData(f.round, Qt.ItemDataRole.UserRole)
            tip = (f"{f.name}第{f.round}轮：{f.bag}\n签名者指纹：{format_fingerprint(f.signer_fingerprint)}"
                   + (f"\n报送说明：{f.note}" if f.note else ""))
            for cell in cells:
                cell.setToolTip(tip)
            self.model.appendRow(cells)
        self.table.resizeColumnsToContents()
        offices = len({f.region_code for f in self.filings})
        self.summary.setText(f"已接收 {offices} 个下级编办的 {len(self.filings)} 份报送材料。"
                             if self.filings else "还没有接收任何下级报送材料（报送 → 接收报送包）。")
