"""The 报送 menu's entries for the level above: 汇总与限额分配 (one view per open workspace),
生成汇总报送包 and 下发示范卷 (upper levels), 导入示范卷 (any writable workspace); progress between
levels (issue 17): 生成进度报送包 (any office with a superior), 导入进度报送包 and 设定步骤时限 (upper)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from sydw_desktop.vocab import Level
from ui.packets.packet_common import is_upper_level

if TYPE_CHECKING:
    from ui.league.aggregate_view import AggregateView
    from ui.packets.packet_menu import PacketMenu
    from ui.session.session import WorkspaceSession


class LeagueMenu(QObject):
    def __init__(self, packets: PacketMenu) -> None:
        super().__init__(packets)
        self.packets = packets
        self.view: AggregateView | None = None
        self.action = QAction("汇总与限额分配(&A)", packets.window)
        self.action.setObjectName("league_aggregate")
        self.action.triggered.connect(self.open_view)
        self.issue_action = QAction("下发示范卷(&H)…", packets.window)
        self.issue_action.setObjectName("league_handdown")
        self.issue_action.triggered.connect(self.open_issue)
        self.rollup_action = QAction("生成汇总报送包(&R)…", packets.window)
        self.rollup_action.setObjectName("league_rollup")
        self.rollup_action.triggered.connect(self.open_rollup)
        self.import_action = QAction("导入示范卷(&M)…", packets.window)
        self.import_action.setObjectName("league_handdown_import")
        self.import_action.triggered.connect(self.open_import)
        self.progress_pack_action = QAction("生成进度报送包(&P)…", packets.window)
        self.progress_pack_action.setObjectName("progress_pack")
        self.progress_pack_action.triggered.connect(self.open_progress_pack)
        self.progress_import_action = QAction("导入进度报送包(&I)…", packets.window)
        self.progress_import_action.setObjectName("progress_import")
        self.progress_import_action.triggered.connect(self.open_progress_import)
        self.step_dates_action = QAction("设定步骤时限(&D)…", packets.window)
        self.step_dates_action.setObjectName("step_dates")
        self.step_dates_action.triggered.connect(self.open_step_dates)
        packets.menu.addSeparator()
        packets.menu.addActions([self.action, self.rollup_action, self.issue_action, self.import_action])
        packets.menu.addSeparator()
        packets.menu.addActions([self.progress_pack_action, self.progress_import_action, self.step_dates_action])
        self.dialog: QDialog | None = None
        packets.menu.aboutToShow.connect(self.update_action)
        self.update_action()

    def update_action(self) -> None:
        session = self.packets.host.session
        writable = session is not None and not session.ws.readonly
        self.action.setEnabled(is_upper_level(session))
        self.issue_action.setEnabled(writable and is_upper_level(session))
        self.rollup_action.setEnabled(is_upper_level(session))
        self.import_action.setEnabled(writable)
        has_superior = session is not None and session.ws.jurisdiction().level is not Level.REGION
        self.progress_pack_action.setEnabled(has_superior)
        self.progress_import_action.setEnabled(writable and is_upper_level(session))
        self.step_dates_action.setEnabled(writable and is_upper_level(session))

    def _open(self, make: Callable[[WorkspaceSession], QDialog]) -> QDialog | None:
        session = self.packets.host.session
        if session is None:
            self.packets.host.show_error("请先打开工作区。")
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = make(session)
        session.destroyed.connect(self.dialog.close)
        self.dialog.show()
        return self.dialog

    def open_issue(self) -> QDialog | None:
        from ui.league.handdown_dialogs import HanddownIssueDialog

        if not is_upper_level(self.packets.host.session):
            self.packets.host.show_error("示范卷由盟市、自治区编办下发。")
            return None
        return self._open(lambda s: HanddownIssueDialog(s, self.packets.window))

    def open_rollup(self) -> QDialog | None:
        from ui.league.rollup_dialog import RollupDialog

        if not is_upper_level(self.packets.host.session):
            self.packets.host.show_error("汇总报送包由盟市（或自治区）编办生成。")
            return None
        return self._open(lambda s: RollupDialog(s, self.packets.window))

    def open_import(self) -> QDialog | None:
        from ui.league.handdown_dialogs import HanddownImportDialog

        return self._open(lambda s: HanddownImportDialog(s, self.packets.window))

    def open_progress_pack(self) -> QDialog | None:
        from ui.method.league_progress import ProgressPackDialog

        return self._open(lambda s: ProgressPackDialog(s, self.packets.window))

    def open_progress_import(self) -> QDialog | None:
        from ui.method.league_progress import ProgressImportDialog

        if not is_upper_level(self.packets.host.session):
            self.packets.host.show_error("进度报送包由盟市、自治区编办导入。")
            return None
        return self._open(lambda s: ProgressImportDialog(s, self.packets.window))

    def open_step_dates(self) -> QDialog | None:
        from ui.method.league_progress import StepDatesDialog

        if not is_upper_level(self.packets.host.session):
            self.packets.host.show_error("各步骤完成时限由盟市、自治区编办设定。")
            return None
        return self._open(lambda s: StepDatesDialog(s, self.packets.window))

    def open_view(self) -> AggregateView | None:
        from ui.league.aggregate_view import AggregateView

        session = self.packets.host.session
        if session is None or not is_upper_level(session):
            self.packets.host.show_error("汇总与限额分配用于盟市、自治区编办的工作区。")
            return None
        if self.view is None or self.view.session is not session:
            if self.view is not None:
                self.view.deleteLater()
            self.view = AggregateView(session, self.packets.window)
            session.destroyed.connect(self.view.close)
        self.view.show()
        self.view.raise_()
        return self.view
