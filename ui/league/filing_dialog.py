"""One received filing, opened from the aggregation view: who sent it, its figures, its findings."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.league.status import round_status
from sydw_desktop.packets.identity import format_fingerprint
from sydw_desktop.workspace import Workspace
from ui.packets.packet_common import short_time

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


class FilingDialog(QDialog):
    def __init__(self, ws: Workspace, code: str, round_number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("league_filing")
        filing = next(f for f in ws.subordinate_filings() if (f.region_code, f.round) == (code, round_number))
        self.setWindowTitle(f"{filing.name}第{filing.round}轮报送材料")
        self.resize(1000, 560)
        head = QLabel(
            f"{filing.name}（{filing.region_code}，{filing.level}）第{filing.round}轮　"
            f"状态：{round_status(ws, code, round_number)}\n"
            f"签名机关：{filing.signer_office}　指纹 {format_fingerprint(filing.signer_fingerprint)}\n"
            f"报送包：{filing.bag}　打包 {filing.bagging_date}　接收 {short_time(filing.received_at)}"
            + (f"\n报送说明：{filing.note}" if filing.note else ""))
        head.setObjectName("league_filing_head")
        head.setWordWrap(True)
        figures = QTableWidget(0, 5)
        figures.setObjectName("league_filing_figures")
        figures.setHorizontalHeaderLabels(["项目", "改革前", "改革后", "精简数", "精简比例"])
        for fig in filing.summary.get("figures", []):
            row = figures.rowCount()
            figures.insertRow(row)
            ratio = "—" if fig["ratio"] is None else f"{fig['ratio'] * 100:.1f}%"
            for col, text in enumerate((fig["label"], fig["before"], fig["after"], fig["reduced"], ratio)):
                figures.setItem(row, col, QTableWidgetItem(str(text)))
        data = ws.subordinate_data(code, round_number)
        report = json.loads(data[1]) if data else {"findings": []}
        findings = QTableWidget(0, 4)
        findings.setObjectName("league_filing_findings")
        findings.setHorizontalHeaderLabels(["严重程度", "规则", "问题", "说明"])
        for f in report.get("findings", []):
            row = findings.rowCount()
            findings.insertRow(row)
            texts = (SEVERITY.get(f["severity"], f["severity"]), f["rule"], f["message"], f.get("explanation") or "")
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                findings.setItem(row, col, item)
        for table in (figures, findings):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
            table.resizeColumnsToContents()
        findings.setColumnWidth(2, 520)
        counts = report.get("summary", {})
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(figures)
        layout.addWidget(QLabel(f"打包时的检查结果：错误 {counts.get('error', 0)} 项，警告 {counts.get('warning', 0)} 项，"
                                f"提示 {counts.get('info', 0)} 项（警告均附说明）"))
        layout.addWidget(findings, 1)
        layout.addWidget(buttons)
