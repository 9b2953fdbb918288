"""The 报送 menu's entry for the level above: 汇总与限额分配 (one view per open workspace)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ui.packets.packet_common import is_upper_level

if TYPE_CHECKING:
    from ui.league.aggregate_view import AggregateView
    from ui.packets.packet_menu import PacketMenu


class LeagueMenu(QObject):
    def __init__(self, packets: PacketMenu) -> None:
        super().__init__(packets)
        self.packets = packets
        self.view: AggregateView | None = None
        self.action = QAction("汇总与限额分配(&A)", packets.window)
        self.action.setObjectName("league_aggregate")
        self.action.triggered.connect(self.open_view)
        packets.menu.addAction(self.action)
        packets.menu.aboutToShow.connect(self.update_action)
        self.update_action()

    def update_action(self) -> None:
        self.action.setEnabled(is_upper_level(self.packets.host.session))

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
