"""Progress between levels in the GUI (issue 17 item 4): the upper office's step dates (设定步骤时限),
its subordinates' progress (a tab of 汇总与限额分配), and the packet dialogs: 生成进度报送包 (a
subordinate, on the worker; the workspace is only read) and 导入进度报送包 (the upper office)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.league_progress import LeagueProgress, league_progress
from sydw_desktop.method.model import Period
from sydw_desktop.method.steps import STEPS
from sydw_desktop.method.upper import UpperRecords
from sydw_desktop.packets.identity import load_identity
from sydw_desktop.packets.progress_import import ProgressImportResult, progress_import_into
from sydw_desktop.packets.progress_pack import ProgressPackResult, progress_pack
from sydw_desktop.store.undo import OpChanges
from sydw_desktop.workspace import Workspace
from ui.league.handdown_dialogs import ActionDialog
from ui.method.forms import cell, date_edit, iso, ok_cancel, records_table
from ui.method.records_dialog import button, fill_table
from ui.screen import fit_to_screen
from ui.session.session import WorkspaceSession

PROGRESS_HEADERS = ["行政区划代码", "名称", "进度截至", "来源", "已完成", "当前步骤", "最长超期（天）", "超期情况"]


class StepDatesDialog(QDialog):
    """设定步骤时限: a date per step (ticked: set), the notice's 文号; saved as one operation."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step_dates_dialog")
        self.setWindowTitle("设定各步骤完成时限")
        self.session = session
        self.held = UpperRecords(session.ws).step_dues()
        self.table = QTableWidget(len(STEPS), 3)
        self.table.setObjectName("step_dates_table")
        self.table.setHorizontalHeaderLabels(["步骤", "设定", "完成时限"])
        self.table.verticalHeader().setVisible(False)
        self.ticks: list[QCheckBox] = []
        self.dates = []
        for row, definition in enumerate(STEPS):
            number = row + 1
            due = self.held.get(number)
            self.table.setItem(row, 0, cell(f"{number}. {definition.step.value}"))
            tick = QCheckBox()
            tick.setChecked(due is not None)
            edit = date_edit(due.due_on if due else "", name=f"step_due_{number}")
            edit.setEnabled(due is not None)
            tick.toggled.connect(edit.setEnabled)
            self.table.setCellWidget(row, 1, tick)
            self.table.setCellWidget(row, 2, edit)
            self.ticks.append(tick)
            self.dates.append(edit)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.doc_no = QLineEdit(next((d.doc_no for d in self.held.values() if d.doc_no), ""))
        self.doc_no.setObjectName("step_dates_doc_no")
        self.doc_no.setPlaceholderText("设定时限的通知文号，如 示盟编办发〔2026〕8号（可不填）")
        note = QLabel("下级的进度通报按这些时限计算超期天数（未完成：通报截止日 − 时限；完成晚了：完成日 − 时限）。")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.doc_no)
        layout.addWidget(ok_cancel(self, "保存"))
        fit_to_screen(self, QSize(560, 460))

    def set_due(self, step: int, day: str | None) -> None:
        """Tick (with ``day``) or untick step ``step`` (what a clerk does in the table)."""
        self.ticks[step - 1].setChecked(day is not None)
        if day is not None:
            self.dates[step - 1].setDate(QDate.fromString(day, "yyyy-MM-dd"))

    def accept(self) -> None:
        dues: dict[int, str] = {}
        clear: list[int] = []
        for number, (tick, edit) in enumerate(zip(self.ticks, self.dates, strict=True), 1):
            held = self.held.get(number)
            if tick.isChecked() and (held is None or held.due_on != iso(edit) or held.doc_no != self.doc_no.text().strip()):
                dues[number] = iso(edit)
            elif not tick.isChecked() and held is not None:
                clear.append(number)
        if dues or clear:
            doc_no = self.doc_no.text().strip()
            changes = self.session.perform(lambda ws: UpperRecords(ws).set_dues(dues, doc_no, tuple(clear)), self)
            if changes is None:
                return
        super().accept()


class ProgressTab(QWidget):
    """下级进度: each subordinate's latest progress against the step dates, most behind first."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("league_progress_tab")
        self.session = session
        self.league: LeagueProgress | None = None
        self.dialog: QDialog | None = None
        self.dues = QLabel()
        self.dues.setObjectName("league_progress_dues")
        self.dues.setWordWrap(True)
        self.table = records_table(PROGRESS_HEADERS, "league_progress_table", stretch=7)
        dates = button("设定步骤时限…", "open_step_dates", self.open_step_dates)
        load = button("导入进度报送包…", "open_progress_import", self.open_import)
        for b in (dates, load):
            b.setEnabled(not session.ws.readonly)
        row = QHBoxLayout()
        row.addWidget(self.dues, 1)
        row.addWidget(dates)
        row.addWidget(load)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        session.operation_did_execute.connect(self._on_operation)
        self.refresh()

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.method_records or changes.kinds:
            self.refresh()

    def refresh(self) -> None:
        self.league = league_progress(self.session.ws, dt.date.today())
        rows = self.league.rows if self.league else ()
        self.dues.setText(self.league.dues_text() if self.league else "本工作区没有下级（限额分配表为空）。")
        fill_table(self.table, [(r.region_code, r.name, r.progress.as_of if r.progress else "",
                                 r.progress.source_label if r.progress else "", r.done if r.progress else "",
                                 r.current, r.max_days or "", r.status()) for r in rows])
        self.table.resizeColumnsToContents()

    def open_step_dates(self) -> StepDatesDialog:
        dialog = StepDatesDialog(self.session, self)
        self._show(dialog)
        return dialog

    def open_import(self) -> ProgressImportDialog:
        dialog = ProgressImportDialog(self.session, self)
        self._show(dialog)
        return dialog

    def _show(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.show()


class ProgressImportDialog(ActionDialog):
    """导入进度报送包: verify a subordinate's progress packet and keep it (refusals change nothing)."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "导入进度报送包", "校验并导入", parent)
        self.setObjectName("progress_import")
        self.packet_rows("进度报送包", "另加信任的证书（.pem）", "选择下级编办的证书")
        self.imported: ProgressImportResult | None = None
        fit_to_screen(self, QSize(640, 280))

    def run(self) -> None:
        def mutation(ws: Workspace) -> OpChanges | None:
            self.imported = progress_import_into(ws, Path(self.packet.text()), extra_trust=self.cert_trust())
            return self.imported.changes

        self.imported = None
        if self.perform(mutation) and self.imported is not None:
            self.outcome.setText("\n".join(self.imported.summary_lines()))


class ProgressPackDialog(ActionDialog):
    """生成进度报送包: this office's nine steps and its 通报 for the period, signed, for the office above."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "生成进度报送包", "生成进度报送包", parent)
        self.setObjectName("progress_pack")
        self.period = QComboBox()
        self.period.setObjectName("progress_period")
        for p in Period:
            self.period.addItem(f"{p.value}通报", p.value)
        self.period.setCurrentIndex(self.period.findData(Period.TEN_DAYS.value))
        self.end = date_edit(name="progress_end")
        self.form.addRow("周期", self.period)
        self.form.addRow("截止日期", self.end)
        self.signing_rows("进度报送包")
        self.packed: ProgressPackResult | None = None
        fit_to_screen(self, QSize(640, 320))

    def run(self) -> None:
        key, passphrase, out = Path(self.key.text()), self.passphrase.text(), Path(self.out.text())
        period, end = Period(self.period.currentData()), dt.date.fromisoformat(iso(self.end))
        workspace = self.session.ws.path  # read-only: packing progress changes nothing in the workspace
        self.packed = None

        def done(result: ProgressPackResult) -> str:
            self.packed = result
            info = result.to_json()
            return (f"已生成进度报送包：{out}（发往 {result.to_code}）\n截至 {info['as_of']}，九步已完成 "
                    f"{info['steps_done']} 步，附本期通报；已读回校验。校验码：{result.sha256}")

        self.on_worker(lambda: progress_pack(workspace, load_identity(key, passphrase), out, period=period, end=end),
                       "正在汇总进度、生成通报、签名并读回校验……", done)
