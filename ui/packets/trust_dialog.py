"""The 信任列表 dialog (upper level): the subordinate offices' certificates packets are accepted from.

Adding shows the certificate's fingerprint in groups and asks the clerk to confirm it was checked
over the phone with the office before it goes on the list. Adding and removing are each one
operation of the workspace (``session.perform``): logged in the 台账 and undoable.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.errors import SydwError
from sydw_desktop.model import TrustedCertificate
from sydw_desktop.packets.identity import certificate_info, format_fingerprint, load_certificate
from sydw_desktop.packets.trust import addable_entry
from sydw_desktop.store.undo import OpChanges
from ui.dialog_buttons import ok_cancel
from ui.packets.cert_view import CertificateView, fingerprint_font
from ui.packets.packet_common import ERROR_STYLE, short_time
from ui.screen import fit_to_screen
from ui.session.session import WorkspaceSession

HEADERS = ["机关", "行政区划代码", "有效期至", "证书指纹", "添加时间", "添加人"]


class ConfirmCertificateDialog(QDialog):
    """Shows a certificate to be trusted; 加入 only after the phone check is ticked."""

    def __init__(self, certificate: x509.Certificate, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_certificate")
        self.setWindowTitle("加入信任列表")
        fit_to_screen(self, QSize(640, 460))
        intro = QLabel(
            f"证书文件：{source}\n\n请给证书上的机关打电话，请对方读出其签名身份的证书指纹，与下面逐组核对。"
            "只有完全一致才能加入——否则任何人都可以冒充该机关报送材料。"
        )
        intro.setWordWrap(True)
        view = CertificateView()
        view.set_info(certificate_info(certificate))
        self.checked = QCheckBox("我已与对方电话核对，16 组指纹完全一致")
        self.checked.setObjectName("phone_checked")
        self.buttons = ok_cancel(self, "加入信任列表")
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setEnabled(False)
        self.checked.toggled.connect(self.add_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(view)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)


class TrustListDialog(QDialog):
    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trust_dialog")
        self.setWindowTitle("信任列表")
        fit_to_screen(self, QSize(1320, 480))
        self.session = session
        self.entries: list[TrustedCertificate] = []
        self.confirm: ConfirmCertificateDialog | None = None
        self.confirm_remove: QMessageBox | None = None
        intro = QLabel("下级编办的证书。只接收由列表中的证书签名的报送包。证书由下级编办在“签名身份”中生成后交来"
                       "（.cert.pem），加入前须电话核对指纹。")
        intro.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.table = QTableView()
        self.table.setObjectName("trusted_certificates")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((230, 100, 100, 420, 130)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.error = QLabel()
        self.error.setObjectName("trust_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.add_button = QPushButton("添加证书…")
        self.add_button.setObjectName("add_certificate")
        self.add_button.clicked.connect(lambda: self.add_from_file())
        self.remove_button = QPushButton("移除…")
        self.remove_button.setObjectName("remove_certificate")
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("trust_undo")
        self.undo_button.clicked.connect(session.undo)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        session.operation_did_execute.connect(self._on_operation)
        session.failed.connect(self.error.setText)
        self.refresh()

    # -- the list -------------------------------------------------------------------------------

    def _on_operation(self, changes: OpChanges, _initiator: object) -> None:
        if changes.trusted_certificates:
            self.refresh()
        self._update_buttons()

    def refresh(self) -> None:
        self.entries = self.session.ws.trusted_certificates()
        self.model.removeRows(0, self.model.rowCount())
        font = fingerprint_font(10)
        for e in self.entries:
            fingerprint = QStandardItem(format_fingerprint(e.fingerprint))
            fingerprint.setFont(font)
            row = [QStandardItem(e.office), QStandardItem(e.region_code or "—"), QStandardItem(e.not_after[:10]),
                   fingerprint, QStandardItem(short_time(e.added_at)), QStandardItem(e.added_by)]
            for cell in row:
                cell.setToolTip(f"{e.office}\n指纹：{format_fingerprint(e.fingerprint)}")
            self.model.appendRow(row)
        if self.entries:
            self.table.resizeColumnToContents(3)
        self._update_buttons()

    def selected(self) -> TrustedCertificate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None)
        name = self.session.ws.undo_name
        self.undo_button.setText(f"撤销 {name}" if name else "撤销")
        self.undo_button.setEnabled(name is not None)

    # -- adding ---------------------------------------------------------------------------------

    def add_from_file(self, path: Path | None = None) -> None:
        """Read a certificate and ask for the phone check (the confirmation opens non-blocking)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "选择下级编办的证书", str(Path.home()), "证书 (*.pem *.crt *.cer);;所有文件 (*)"
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            certificate = load_certificate(path)
            entry = addable_entry(certificate, path.name)
        except SydwError as err:
            self.error.setText(err.message)
            return
        if any(e.fingerprint == entry.fingerprint for e in self.entries):
            self.error.setText(f"“{entry.office}”的这张证书已在信任列表中。")
            return
        self.error.clear()
        self.confirm = ConfirmCertificateDialog(certificate, path, self)
        self.confirm.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm.accepted.connect(lambda: self._add(entry))
        self.confirm.open()

    def _add(self, entry: TrustedCertificate) -> None:
        if self.session.perform(lambda ws: ws.add_trusted_certificate(entry), initiator=self) is not None:
            self._select(entry.fingerprint)

    def _select(self, fingerprint: str) -> None:
        for row, e in enumerate(self.entries):
            if e.fingerprint == fingerprint:
                self.table.selectRow(row)

    # -- removing -------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, "移除证书",
            f"从信任列表移除“{entry.office}”的证书？\n指纹：{format_fingerprint(entry.fingerprint)}\n\n"
            "移除后，用这张证书签名的报送包将不能接收。（可以撤销）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText("移除")
        box.button(QMessageBox.StandardButton.No).setText("取消")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def finished(_result: int) -> None:
            if box.clickedButton() is yes:
                self._remove(entry)

        box.finished.connect(finished)
        self.confirm_remove = box
        box.open()

    def _remove(self, entry: TrustedCertificate) -> None:
        self.session.perform(lambda ws: ws.remove_trusted_certificate(entry.fingerprint), initiator=self)
