"""The 报送 menu: 签名身份, 生成报送包, 校验报送包, and for upper levels 信任列表, 接收报送包, 下级报送.

:func:`build_packet_menu` is the one call the main window makes. The dialogs are non-modal and kept
one of each; those bound to a workspace close when it does. The actions' enabled states follow the
open workspace each time the menu is shown (they have no shortcuts, so nothing else can fire them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from ui.packets.packet_common import is_upper_level

if TYPE_CHECKING:  # the dialogs load the signing machinery: imported when first opened
    from sydw_desktop.rules.findings import Finding
    from ui.actions import MainActions
    from ui.packets.identity_dialog import IdentityDialog
    from ui.packets.pack_wizard import PackWizard
    from ui.packets.receive_dialog import ReceiveOutcomeDialog
    from ui.packets.subordinates_dialog import SubordinatesDialog
    from ui.packets.trust_dialog import TrustListDialog
    from ui.packets.verify_dialog import VerifyDialog
    from ui.session.operations import TaskRunner
    from ui.session.session import WorkspaceSession
    from ui.settings import AppSettings


class PacketHost(Protocol):
    """What the packet menu needs of the main window."""

    session: WorkspaceSession | None
    runner: TaskRunner
    settings: AppSettings
    actions_: MainActions

    def show_error(self, message: str) -> None: ...
    def navigate(self, finding: Finding) -> None: ...


class PacketMenu(QObject):
    def __init__(self, window: QMainWindow, host: PacketHost) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.identity_dialog: IdentityDialog | None = None
        self.wizard: PackWizard | None = None
        self.verify_dialog: VerifyDialog | None = None
        self.trust_dialog: TrustListDialog | None = None
        self.subordinates_dialog: SubordinatesDialog | None = None
        self.receive_outcome: ReceiveOutcomeDialog | None = None
        a = host.actions_
        self.menu = QMenu("报送(&B)", window)
        self.menu.setObjectName("packet_menu")
        self.menu.addAction(a.packet_identity)
        self.menu.addSeparator()
        self.menu.addActions([a.packet_pack, a.packet_verify])
        self.menu.addSeparator()
        self.menu.addActions([a.packet_trust, a.packet_receive, a.packet_subordinates])
        self.menu.aboutToShow.connect(self.update_actions)
        a.packet_identity.triggered.connect(self.open_identity)
        a.packet_pack.triggered.connect(self.open_pack_wizard)
        a.packet_verify.triggered.connect(self.open_verify)
        a.packet_trust.triggered.connect(self.open_trust_list)
        a.packet_receive.triggered.connect(lambda: self.receive())
        a.packet_subordinates.triggered.connect(self.open_subordinates)
        from ui.league.menu import LeagueMenu

        self.league = LeagueMenu(self)  # 汇总与限额分配
        self.update_actions()

    # -- state ----------------------------------------------------------------------------------

    def update_actions(self) -> None:
        a = self.host.actions_
        session = self.host.session
        upper = is_upper_level(session)
        a.packet_pack.setEnabled(session is not None)
        a.packet_trust.setEnabled(upper)
        a.packet_subordinates.setEnabled(upper)
        a.packet_receive.setEnabled(upper and session is not None and not session.ws.readonly)

    def _session(self, *, upper: bool = False) -> WorkspaceSession | None:
        session = self.host.session
        if session is None:
            self.host.show_error("请先打开工作区。")
            return None
        if upper and not is_upper_level(session):
            self.host.show_error("信任列表和接收报送包用于盟市、自治区编办的工作区；旗县工作区没有下级报送。")
            return None
        return session

    def _bind(self, dialog: QDialog, session: WorkspaceSession) -> None:
        """Close ``dialog`` when its workspace closes (the session object goes)."""
        session.destroyed.connect(dialog.close)

    @staticmethod
    def _show(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # -- the dialogs ----------------------------------------------------------------------------

    def open_identity(self) -> IdentityDialog:
        from ui.packets.identity_dialog import IdentityDialog

        session = self.host.session
        jurisdiction = session.ws.jurisdiction() if session is not None else None
        if self.identity_dialog is not None:
            self.identity_dialog.deleteLater()
        self.identity_dialog = IdentityDialog(self.host.settings, self.host.runner, jurisdiction, self.window)
        self._show(self.identity_dialog)
        return self.identity_dialog

    def open_pack_wizard(self) -> PackWizard | None:
        from ui.packets.pack_wizard import PackWizard

        wizard = self.wizard
        if wizard is not None and wizard.isVisible() and (wizard.running or wizard.session is self.host.session):
            self._show(wizard)
            return wizard
        session = self._session()
        if session is None:
            return None
        if wizard is not None:
            wizard.deleteLater()
        self.wizard = wizard = PackWizard(session, self.host.settings, self.window)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        wizard.navigate_requested.connect(self._navigate)
        self._bind(wizard, session)
        self._show(wizard)
        return wizard

    def _navigate(self, finding: Finding) -> None:
        self.host.navigate(finding)
        self.window.raise_()
        self.window.activateWindow()

    def open_verify(self) -> VerifyDialog:
        from ui.packets.verify_dialog import VerifyDialog

        if self.verify_dialog is not None:
            self.verify_dialog.deleteLater()
        self.verify_dialog = VerifyDialog(self.host.runner, self.host.session, self.window)
        if self.host.session is not None:
            self._bind(self.verify_dialog, self.host.session)
        self._show(self.verify_dialog)
        return self.verify_dialog

    def open_trust_list(self) -> TrustListDialog | None:
        from ui.packets.trust_dialog import TrustListDialog

        session = self._session(upper=True)
        if session is None:
            return None
        if self.trust_dialog is None or self.trust_dialog.session is not session:
            if self.trust_dialog is not None:
                self.trust_dialog.deleteLater()
            self.trust_dialog = TrustListDialog(session, self.window)
            self._bind(self.trust_dialog, session)
        self._show(self.trust_dialog)
        return self.trust_dialog

    def receive(self, path: Path | None = None) -> ReceiveOutcomeDialog | None:
        from ui.packets.receive_dialog import receive_packet

        session = self._session(upper=True)
        if session is None:
            return None
        if session.busy:
            self.host.show_error("正在执行后台操作，请稍候再接收。")
            return None
        if not session.ws.trusted_certificates():
            self.host.show_error("信任列表是空的：请先在“报送 → 信任列表”中加入下级编办的证书（电话核对指纹后）。")
            return None
        outcome = receive_packet(self.window, session, path)
        if outcome is not None:
            if self.receive_outcome is not None:
                self.receive_outcome.deleteLater()
            self.receive_outcome = outcome
        return outcome

    def open_subordinates(self) -> SubordinatesDialog | None:
        from ui.packets.subordinates_dialog import SubordinatesDialog

        session = self._session(upper=True)
        if session is None:
            return None
        if self.subordinates_dialog is None or self.subordinates_dialog.session is not session:
            if self.subordinates_dialog is not None:
                self.subordinates_dialog.deleteLater()
            self.subordinates_dialog = SubordinatesDialog(session, self.window)
            self._bind(self.subordinates_dialog, session)
        self._show(self.subordinates_dialog)
        return self.subordinates_dialog


def build_packet_menu(window: QMainWindow) -> PacketMenu:
    """Add the 报送 menu to ``window``'s menu bar (where the call is made in the menu order)."""
    controller = PacketMenu(window, window)  # type: ignore[arg-type]  # MainWindow satisfies PacketHost
    window.menuBar().addMenu(controller.menu)
    return controller
