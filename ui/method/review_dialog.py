"""The 三定 审理 table: every after-unit × the six steps, and the selected unit's 征求意见 and 协商 records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.method.model import Consultation, ConsultationKind, SandingStage
from sydw_desktop.method.records import MethodRecords
from sydw_desktop.method.review_table import ReviewRow, review_rows, stage_counts, write_review_workbook
from sydw_desktop.store.undo import METHOD_KINDS, ChangeKind, OpChanges
from ui.method.forms import OptionalDate, date_edit, iso, ok_cancel, records_table
from ui.method.records_dialog import RecordsDialog, button, button_row, fill_table, selected_row

if TYPE_CHECKING:
    from sydw_desktop.workspace import Workspace
    from ui.session.session import WorkspaceSession

REVIEW_HEADERS = ["单位名称", "当前步骤", *[s.value for s in SandingStage], "征求意见", "未回复", "协商会议"]
CONSULTATION_HEADERS = ["类别", "部门（参加单位）", "发出（会议）日期", "回复日期", "意见", "采纳情况", "理由"]
ADOPTED_CHOICES: list[tuple[str, bool | None]] = [("待定", None), ("采纳", True), ("未采纳", False)]


class StageDialog(QDialog):
    """The day a unit's 三定 reached one of the six steps."""

    def __init__(self, unit: str, current: SandingStage | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stage_dialog")
        self.setWindowTitle(f"“三定”审理：{unit}")
        self.stage = QComboBox()
        self.stage.setObjectName("stage_choice")
        for s in SandingStage:
            self.stage.addItem(f"{s.order}. {s.value}", s.value)
        following = min(current.order, len(SandingStage) - 1) if current else 0
        self.stage.setCurrentIndex(following)
        self.day = date_edit(name="stage_date")
        self.note = QLineEdit()
        self.note.setPlaceholderText("如：旗委编委会议审定")
        form = QFormLayout(self)
        form.addRow("到达步骤：", self.stage)
        form.addRow("日期：", self.day)
        form.addRow("备注：", self.note)
        form.addRow(ok_cancel(self, "登记"))

    def values(self) -> tuple[SandingStage, str, str]:
        return SandingStage(self.stage.currentData()), iso(self.day), self.note.text()


class ConsultationDialog(QDialog):
    """A 征求意见 (department, sent, answered, opinion, adopted and why) or a 协商 meeting."""

    def __init__(self, unit_id: int, kind: ConsultationKind, old: Consultation | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consultation_dialog")
        self.unit_id, self.kind, self.old = unit_id, kind, old
        meeting = kind is ConsultationKind.MEETING
        self.setWindowTitle(("修改" if old else "登记") + kind.value)
        self.party = QLineEdit(old.party if old else "")
        self.party.setObjectName("consultation_party")
        self.party.setPlaceholderText("如：旗财政局、旗人社局" if meeting else "如：旗财政局")
        self.sent = date_edit(old.sent_on if old else "", "consultation_sent")
        self.answered = OptionalDate("已回复", old.answered_on if old else "", "consultation_answered")
        self.opinion = QPlainTextEdit(old.opinion if old else "")
        self.opinion.setObjectName("consultation_opinion")
        self.opinion.setPlaceholderText("会议议定的事项" if meeting else "对方的意见（原文摘要）")
        self.adopted = QComboBox()
        self.adopted.setObjectName("consultation_adopted")
        for label, value in ADOPTED_CHOICES:
            self.adopted.addItem(label, value)
        if old is not None:
            self.adopted.setCurrentIndex([v for _, v in ADOPTED_CHOICES].index(old.adopted))
        self.reason = QLineEdit(old.reason if old else "")
        self.reason.setObjectName("consultation_reason")
        self.reason.setPlaceholderText("未采纳的，写明理由")
        form = QFormLayout(self)
        form.addRow("参加部门：" if meeting else "征求意见的部门：", self.party)
        form.addRow("会议日期：" if meeting else "发出日期：", self.sent)
        if not meeting:
            form.addRow("回复日期：", self.answered)
        form.addRow("议定事项：" if meeting else "意见：", self.opinion)
        form.addRow("采纳情况：", self.adopted)
        form.addRow("理由：", self.reason)
        form.addRow(ok_cancel(self, "保存"))

    def consultation(self) -> Consultation:
        return Consultation(
            unit=self.unit_id, kind=self.kind, party=self.party.text(), sent_on=iso(self.sent),
            answered_on="" if self.kind is ConsultationKind.MEETING else self.answered.value(),
            opinion=self.opinion.toPlainText(), adopted=self.adopted.currentData(), reason=self.reason.text(),
            id=self.old.id if self.old else None)


def _save_consultation(ws: Workspace, c: Consultation) -> OpChanges:
    records = MethodRecords(ws)
    return records.update_consultation(c) if c.id is not None else records.add_consultation(c)


class ReviewDialog(RecordsDialog):
    """The 审理 table with its actions; follows every change of the workspace while open."""

    kinds_that_refresh = METHOD_KINDS | {ChangeKind.UNIT, ChangeKind.DOCUMENT}

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "review_dialog", "“三定”审理", parent)
        self.rows: list[ReviewRow] = []
        self.summary = QLabel()
        self.summary.setObjectName("review_summary")
        self.table = records_table(REVIEW_HEADERS, "review_table")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_consultations)
        self.consultations = records_table(CONSULTATION_HEADERS, "consultation_table", stretch=4)
        self.consultations.itemDoubleClicked.connect(lambda *_: self.edit_consultation())
        self.stage_button = button("登记步骤日期…", "record_stage", self.record_stage)
        self.opinion_button = button("登记征求意见…", "add_opinion", lambda: self.add_consultation(ConsultationKind.OPINION))
        self.meeting_button = button("登记协商会议…", "add_meeting", lambda: self.add_consultation(ConsultationKind.MEETING))
        self.edit_button = button("修改记录…", "edit_consultation", self.edit_consultation)
        self.delete_button = button("删除记录", "delete_consultation", self.delete_consultation)
        self.export_button = button("导出 Excel…", "export_review", self.export)
        self.writing(self.stage_button, self.opinion_button, self.meeting_button, self.edit_button, self.delete_button)
        top = button_row(self.stage_button, self.opinion_button, self.meeting_button)
        top.addWidget(self.export_button)
        lower_buttons = QHBoxLayout()
        lower_buttons.addWidget(QLabel("所选单位的征求意见和协商记录："))
        lower_buttons.addStretch(1)
        lower_buttons.addWidget(self.edit_button)
        lower_buttons.addWidget(self.delete_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lower_buttons)
        lower_layout.addWidget(self.consultations)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.start(QSize(1180, 700))

    def show_records(self) -> None:
        selected = self.selected_row()
        self.rows = review_rows(MethodRecords(self.session.ws))
        fill_table(self.table, [[row.unit.name, row.stage_label, *[row.date(s) for s in SandingStage],
                                 row.count(ConsultationKind.OPINION) or "", row.unanswered or "",
                                 row.count(ConsultationKind.MEETING) or ""] for row in self.rows])
        counts = stage_counts(self.rows)
        self.summary.setText(f"改革后单位 {len(self.rows)} 个。按当前步骤："
                             + "；".join(f"{k} {v} 个" for k, v in counts.items() if v))
        if selected is not None:
            index = next((i for i, row in enumerate(self.rows) if row.unit.id == selected.unit.id), None)
            if index is not None:
                self.table.selectRow(index)
        self._show_consultations()

    def selected_row(self) -> ReviewRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_unit(self, name: str) -> None:
        index = next(i for i, row in enumerate(self.rows) if row.unit.name == name)
        self.table.selectRow(index)

    def _show_consultations(self) -> None:
        row = self.selected_row()
        fill_table(self.consultations, [(c.kind.value, c.party, c.sent_on, c.answered_on, c.opinion, c.adopted_label,
                                         c.reason) for c in (row.consultations if row else ())])

    def selected_consultation(self) -> Consultation | None:
        row = self.selected_row()
        picked = selected_row(self.consultations)
        if row is None or picked is None:
            return None
        return row.consultations[picked]

    # -- actions ----------------------------------------------------------------------------------

    def _need_unit(self) -> ReviewRow | None:
        row = self.selected_row()
        if row is None:
            self.session.failed.emit("请先在表中选择一个单位。")
        return row

    def record_stage(self) -> None:
        row = self._need_unit()
        if row is None:
            return
        dialog = StageDialog(row.unit.name, row.stage, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            stage, day, note = dialog.values()
            unit_id = row.unit.id
            assert unit_id is not None
            self.session.perform(lambda ws: MethodRecords(ws).set_stage(unit_id, stage, day, note))

    def add_consultation(self, kind: ConsultationKind) -> None:
        row = self._need_unit()
        if row is None or row.unit.id is None:
            return
        self._edit(ConsultationDialog(row.unit.id, kind, None, self))

    def edit_consultation(self) -> None:
        old = self.selected_consultation()
        if old is None:
            self.session.failed.emit("请先选择一条征求意见或协商记录。")
            return
        self._edit(ConsultationDialog(old.unit, old.kind, old, self))

    def _edit(self, dialog: ConsultationDialog) -> None:
        self.save_entry(dialog, lambda ws: _save_consultation(ws, dialog.consultation()))

    def delete_consultation(self) -> None:
        old = self.selected_consultation()
        if old is not None and old.id is not None:
            consultation_id = old.id
            self.session.perform(lambda ws: MethodRecords(ws).delete_consultation(consultation_id))

    def export(self, target: Path | None = None) -> Path | None:
        if target is None:
            default = Path.home() / f"{self.session.ws.jurisdiction().name}“三定”审理情况表.xlsx"
            chosen, _ = QFileDialog.getSaveFileName(self, "导出“三定”审理情况表", str(default), "Excel 工作簿 (*.xlsx)")
            if not chosen:
                return None
            target = Path(chosen)
        try:
            write_review_workbook(MethodRecords(self.session.ws), target)
        except SydwError as err:
            self.session.failed.emit(err.message)
            return None
        return target
