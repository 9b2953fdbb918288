"""调度和通报: the period's progress shown, and written as a 通报 (PDF) with its 明细表 (Excel). At an
upper office the preview (and the 通报) also list its subordinates against the step dates it set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.bulletin import Bulletin, write_bulletin
from sydw_desktop.method.model import Period, ProgressReport
from sydw_desktop.method.progress_report import ProgressSummary, build_summary, summary_lines
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.store.undo import OpChanges
from ui.method.forms import date_edit
from ui.packets.packet_common import is_upper_level
from ui.screen import fit_to_screen

if TYPE_CHECKING:
    from ui.session.session import WorkspaceSession


class ReportDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle("调度和通报")
        self.session = session
        self.summary: ProgressSummary | None = None
        self.period = QComboBox()
        self.period.setObjectName("report_period")
        for p in Period:
            self.period.addItem(f"{p.value}通报", p.value)
        self.period.setCurrentIndex(self.period.findData(Period.TEN_DAYS.value))
        self.end = date_edit(name="report_end")
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("report_doc_no")
        self.doc_no.setPlaceholderText("如：示编办发〔2026〕30号（可不填）")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("report_preview")
        self.preview.setReadOnly(True)
        self.write_button = QPushButton("写出通报…")
        self.write_button.setObjectName("write_report")
        self.write_button.clicked.connect(lambda: self.write())
        form = QFormLayout()
        form.addRow("周期：", self.period)
        form.addRow("截止日期：", self.end)
        form.addRow("发文字号：", self.doc_no)
        buttons = QHBoxLayout()
        if is_upper_level(session):  # the 通报 of an upper office lists its subordinates against these dates
            dates = QPushButton("设定步骤时限…")
            dates.setObjectName("report_step_dates")
            dates.setEnabled(not session.ws.readonly)
            dates.clicked.connect(lambda: self.open_step_dates())
            buttons.addWidget(dates)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.end.dateChanged.connect(lambda _d: self.refresh())
        session.report_changed.connect(self._on_report)
        session.operation_did_execute.connect(self._on_operation)
        self.dates_dialog: QDialog | None = None
        fit_to_screen(self, QSize(900, 620))
        self.refresh()

    def _on_report(self, _report: object) -> None:
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.method_records:  # step dates, subordinates' progress: the preview follows
            self.refresh()

    def open_step_dates(self) -> QDialog:
        from ui.method.league_progress import StepDatesDialog

        if self.dates_dialog is not None:
            self.dates_dialog.deleteLater()
        self.dates_dialog = StepDatesDialog(self.session, self)
        self.dates_dialog.show()
        return self.dates_dialog

    def _end(self) -> dt.date:
        day: dt.date = self.end.date().toPython()  # type: ignore[assignment]
        return day

    def refresh(self) -> None:
        if self.session.report is None:
            self.preview.setPlainText("正在检查工作区……")
            return
        period = Period(self.period.currentData())
        self.summary = build_summary(MethodRecords(self.session.ws), period, self._end(), self.session.report)
        self.preview.setPlainText("\n".join(summary_lines(self.summary)))
        self.write_button.setEnabled(not self.session.ws.readonly)

    def write(self, target: Path | None = None) -> Bulletin | None:
        """Write the 通报 (PDF) and its 明细表 (same name, .xlsx), and record it for the next one."""
        summary = self.summary
        if summary is None:
            return None
        ws = self.session.ws
        if target is None:
            default = Path.home() / f"{summary.region}{summary.period.value}通报_{summary.end}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(self, "写出通报", str(default), "PDF 文件 (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        try:
            result = write_bulletin(summary, target, office=f"{ws.jurisdiction().name}机构编制委员会办公室",
                                    doc_no=self.doc_no.text().strip(), xlsx_path=target.with_suffix(".xlsx"))
        except SydwError as err:
            self.session.failed.emit(err.message)
            return None
        record = ProgressReport(summary.period, summary.start, summary.end, "", self.doc_no.text(),
                                summary.findings_json)
        self.session.perform(lambda w: MethodRecords(w).add_report(record))
        return result
