"""人员转隶确认 and 机构运行: the dates that make steps 7 and 8, one unit per row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.method.records import MethodRecords
from sydw_desktop.store.undo import METHOD_KINDS, ChangeKind, OpChanges
from sydw_desktop.vocab import Phase
from ui.method.forms import date_edit, iso, ok_cancel, records_table
from ui.method.records_dialog import RecordsDialog, button, button_row, fill_table

if TYPE_CHECKING:
    from sydw_desktop.workspace import Workspace
    from ui.session.session import WorkspaceSession


class DayDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("day_dialog")
        self.setWindowTitle(title)
        self.day = date_edit(name="progress_date")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("日期："))
        layout.addWidget(self.day)
        layout.addWidget(ok_cancel(self, "登记"))


class _Tab(QWidget):
    def __init__(self, headers: list[str], hint: str) -> None:
        super().__init__()
        self.table = records_table(headers, "progress_table")
        self.record = button("登记日期…")
        self.clear = button("撤销登记")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(hint))
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.record, self.clear))
        self.ids: list[int] = []

    def fill(self, rows: list[tuple[int, list[str]]]) -> None:
        self.ids = [unit_id for unit_id, _ in rows]
        fill_table(self.table, [values for _, values in rows])

    def selected_ids(self) -> list[int]:
        return [self.ids[i.row()] for i in self.table.selectionModel().selectedRows()]


def _set(ws: Workspace, column: str, ids: list[int], day: str) -> OpChanges:
    records = MethodRecords(ws)
    label = "人员转隶确认" if column == "transfers" else "机构运行"
    with ws.batch(f"登记{label}（{len(ids)} 个单位）" if day else f"撤销{label}（{len(ids)} 个单位）"):
        for unit_id in ids:
            if column == "transfers":
                records.confirm_transfers(unit_id, day)
            else:
                records.set_running(unit_id, day)
    changes = ws.last_changes
    assert changes is not None
    return changes


class ProgressDialog(RecordsDialog):
    kinds_that_refresh = METHOD_KINDS | {ChangeKind.UNIT, ChangeKind.TRANSFER}

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "progress_dialog", "转隶确认和机构运行", parent)
        self.transfers = _Tab(["转出单位（改革前）", "转隶人数", "确认日期"],
                              "转出单位的人员按方案转隶后登记确认日期（可多选）。全部确认且人员去向落实，第7步完成。")
        self.running = _Tab(["改革后单位", "运行日期"],
                            "单位按新“三定”运行后登记运行日期（可多选）。全部登记，第8步完成。")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.transfers, "人员转隶确认")
        self.tabs.addTab(self.running, "机构运行")
        for tab, column in ((self.transfers, "transfers"), (self.running, "running")):
            tab.record.clicked.connect(lambda _c=False, t=tab, col=column: self._record(t, col))
            tab.clear.clicked.connect(lambda _c=False, t=tab, col=column: self._apply(t, col, ""))
            self.writing(tab.record, tab.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.start(QSize(760, 560))

    def show_records(self) -> None:
        records = MethodRecords(self.session.ws)
        progress = records.progress()
        people = records.transfer_counts()
        self.transfers.fill([(u.id, [u.name, str(people[u.id]), p.transfers_confirmed_on if (p := progress.get(u.id)) else ""])
                             for u in records.unit_heads(Phase.BEFORE) if u.id in people])
        self.running.fill([(u.id, [u.name, p.running_since if (p := progress.get(u.id)) else ""])
                           for u in records.unit_heads(Phase.AFTER)])

    def _record(self, tab: _Tab, column: str) -> None:
        if not tab.selected_ids():
            self.session.failed.emit("请先在表中选择单位（可多选）。")
            return
        dialog = DayDialog("登记人员转隶确认日期" if column == "transfers" else "登记运行日期", self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._apply(tab, column, iso(dialog.day))

    def _apply(self, tab: _Tab, column: str, day: str) -> None:
        ids = tab.selected_ids()
        if ids:
            self.session.perform(lambda ws: _set(ws, column, ids, day))
