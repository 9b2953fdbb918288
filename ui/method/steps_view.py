"""The nine steps with their computed states, what each still misses, and marking a manual step done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.steps import DEFINITIONS, StepState, StepStatus
from sydw_desktop.vocab import WorkflowStep
from ui.dialog_buttons import ok_cancel

#: Colour of each state (text), chosen to read on white and in grey-scale print-outs.
STATE_COLOURS = {
    StepState.DONE: "#1b7f3b",
    StepState.IN_PROGRESS: "#1f5fbf",
    StepState.BLOCKED: "#b3261e",
    StepState.NOT_STARTED: "#666666",
}
STATE_MARKS = {StepState.DONE: "✔", StepState.IN_PROGRESS: "●", StepState.BLOCKED: "✖", StepState.NOT_STARTED: "○"}


def state_text(status: StepStatus) -> str:
    """``✔ 已完成（2026-11-28）`` / ``● 进行中（缺 2 项）``."""
    text = f"{STATE_MARKS[status.state]} {status.state.label}"
    if status.done_on:
        return f"{text}（{status.done_on}）"
    if status.missing and status.state is not StepState.NOT_STARTED:
        return f"{text}（缺 {len(status.missing)} 项）"
    return text


class StepsView(QWidget):
    """The nine steps as a tree: a row per step (state, date), its missing conditions beneath."""

    mark_requested = Signal(object)  # WorkflowStep
    open_requested = Signal(object)  # WorkflowStep: show where its work is done
    unmark_requested = Signal(object)  # WorkflowStep

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("steps_view")
        self.tree = QTreeWidget()
        self.tree.setObjectName("steps_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["步骤", "状态", "要求"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(lambda *_: self._emit(self.open_requested))
        self.mark_button = QPushButton("标记完成…")
        self.mark_button.setObjectName("mark_step")
        self.mark_button.setToolTip("动员部署、培训指导在程序外完成：登记完成日期和文号（记入台账）")
        self.unmark_button = QPushButton("取消完成标记")
        self.unmark_button.setObjectName("unmark_step")
        self.mark_button.clicked.connect(lambda: self._emit(self.mark_requested))
        self.unmark_button.clicked.connect(lambda: self._emit(self.unmark_requested))
        self.hint = QLabel("其余步骤由系统根据工作区的数据判断：补齐“要求”下列出的内容，状态会自动更新。"
                           "双击一步，打开办理它的页面或窗口。")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555")
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.unmark_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.statuses: list[StepStatus] = []
        self.writable = True
        self._update_buttons()

    def set_statuses(self, statuses: list[StepStatus], *, writable: bool = True) -> None:
        current = self.selected_step()
        self.statuses = statuses
        self.writable = writable
        self.tree.clear()
        for status in statuses:
            definition = DEFINITIONS[status.step]
            item = QTreeWidgetItem([f"{definition.number}. {status.step.value}", state_text(status), definition.needs])
            item.setData(0, Qt.ItemDataRole.UserRole, status.step.value)
            item.setForeground(1, QBrush(QColor(STATE_COLOURS[status.state])))
            item.setToolTip(2, definition.needs)
            for reason in status.missing:
                child = QTreeWidgetItem(["", "", f"还缺：{reason}" if not reason.startswith("须先") else reason])
                child.setToolTip(2, reason)
                child.setForeground(2, QBrush(QColor(STATE_COLOURS[status.state])))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(status.state in (StepState.IN_PROGRESS, StepState.BLOCKED))
            if current is status.step:
                self.tree.setCurrentItem(item)
        self._update_buttons()

    def selected_step(self) -> WorkflowStep | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return None if item is None else WorkflowStep(item.data(0, Qt.ItemDataRole.UserRole))

    def select(self, step: WorkflowStep) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == step.value:
                self.tree.setCurrentItem(item)

    def _status(self, step: WorkflowStep | None) -> StepStatus | None:
        return next((s for s in self.statuses if s.step is step), None)

    def _update_buttons(self) -> None:
        step = self.selected_step()
        manual = step is not None and DEFINITIONS[step].manual and self.writable
        status = self._status(step)
        self.mark_button.setEnabled(manual)
        self.unmark_button.setEnabled(manual and status is not None and status.state is StepState.DONE)

    def _emit(self, signal: SignalInstance) -> None:
        step = self.selected_step()
        if step is not None:
            signal.emit(step)


class MarkStepDialog(QDialog):
    """完成日期, 文号 and 备注 of a manual step."""

    def __init__(self, step: WorkflowStep, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mark_step_dialog")
        self.setWindowTitle(f"标记“{step.value}”完成")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("mark_date")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.doc_no = QLineEdit()
        self.doc_no.setObjectName("mark_doc_no")
        self.doc_no.setPlaceholderText("如：示编发〔2026〕12号")
        self.note = QLineEdit()
        self.note.setObjectName("mark_note")
        self.note.setPlaceholderText("如：全旗事业单位改革动员部署会")
        form = QFormLayout()
        form.addRow("完成日期：", self.day)
        form.addRow("依据文号：", self.doc_no)
        form.addRow("备注：", self.note)
        buttons = ok_cancel(self, "标记完成")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("登记后记入台账，可以撤销。"))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[str, str, str]:
        day: date = self.day.date().toPython()  # type: ignore[assignment]
        return day.isoformat(), self.doc_no.text(), self.note.text()
