"""The 审核 menu: the upper office reads filings and answers them; the county reads and answers comments.

:func:`build_review_menu` is the one call the main window makes; the windows are non-modal, one of
each, and close with their workspace.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.packets.packet_common import is_upper_level

if TYPE_CHECKING:
    from ui.review.acceptance_dialog import AcceptanceDialog
    from ui.review.county_review import CountyReviewDialog
    from ui.review.filing_review import FilingReviewDialog
    from ui.session.session import WorkspaceSession
    from ui.settings import AppSettings


class ReviewMenu(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.filing_review: FilingReviewDialog | None = None
        self.county_review: CountyReviewDialog | None = None
        self.acceptance_dialog: AcceptanceDialog | None = None
        self.menu = QMenu("审核(&R)", window)
        self.menu.setObjectName("review_menu")
        self.review_filing = QAction("审阅下级报送材料…", self)
        self.review_filing.setObjectName("action_review_filing")
        self.county_comments = QAction("上级审核意见和轮次…", self)
        self.county_comments.setObjectName("action_county_review")
        self.acceptance = QAction("检查验收（对下级）…", self)
        self.acceptance.setObjectName("action_acceptance")
        self.import_acceptance = QAction("导入检查验收意见包…", self)
        self.import_acceptance.setObjectName("action_import_acceptance")
        self.menu.addActions([self.review_filing, self.acceptance])
        self.menu.addSeparator()
        self.menu.addActions([self.county_comments, self.import_acceptance])
        self.review_filing.triggered.connect(self.open_filing_review)
        self.county_comments.triggered.connect(self.open_county_review)
        self.acceptance.triggered.connect(self.open_acceptance)
        self.import_acceptance.triggered.connect(lambda: self.import_acceptance_packet())
        self.menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def _session(self) -> WorkspaceSession | None:
        return getattr(self.window, "session", None)

    def _settings(self) -> AppSettings:
        return self.window.settings  # type: ignore[attr-defined]

    def update_actions(self) -> None:
        session = self._session()
        self.review_filing.setEnabled(is_upper_level(session))
        self.acceptance.setEnabled(is_upper_level(session))
        self.county_comments.setEnabled(session is not None)
        self.import_acceptance.setEnabled(session is not None and not session.ws.readonly)

    def open_filing_review(self) -> FilingReviewDialog | None:
        from ui.review.filing_review import FilingReviewDialog

        session = self._session()
        if session is None or not is_upper_level(session):
            return None
        if self.filing_review is None or self.filing_review.session is not session:
            if self.filing_review is not None:
                self.filing_review.deleteLater()
            self.filing_review = FilingReviewDialog(session, self._settings(), self.window)
            session.destroyed.connect(self.filing_review.close)
        self.filing_review.show()
        self.filing_review.raise_()
        return self.filing_review

    def open_county_review(self) -> CountyReviewDialog | None:
        from ui.review.county_review import CountyReviewDialog

        session = self._session()
        if session is None:
            return None
        if self.county_review is None or self.county_review.session is not session:
            if self.county_review is not None:
                self.county_review.deleteLater()
            self.county_review = CountyReviewDialog(session, self.window)
            session.destroyed.connect(self.county_review.close)
        self.county_review.show()
        self.county_review.raise_()
        return self.county_review


    def open_acceptance(self) -> AcceptanceDialog | None:
        from ui.review.acceptance_dialog import AcceptanceDialog

        session = self._session()
        if session is None or not is_upper_level(session):
            return None
        if self.acceptance_dialog is None or self.acceptance_dialog.session is not session:
            if self.acceptance_dialog is not None:
                self.acceptance_dialog.deleteLater()
            self.acceptance_dialog = AcceptanceDialog(session, self._settings(), self.window)
            session.destroyed.connect(self.acceptance_dialog.close)
        self.acceptance_dialog.show()
        self.acceptance_dialog.raise_()
        return self.acceptance_dialog

    def import_acceptance_packet(self, packet: Path | None = None, certificate: Path | None = None) -> None:
        """导入检查验收意见包, from the 上级审核意见 window (it says what the packet held, or why not)."""
        dialog = self.open_county_review()
        if dialog is not None:
            dialog.import_acceptance(packet, certificate)


def build_review_menu(window: QMainWindow) -> ReviewMenu:
    controller = ReviewMenu(window)
    window.menuBar().addMenu(controller.menu)
    return controller
