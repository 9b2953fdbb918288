"""Opening an office identity (``.p12``): a file and its passphrase, with a clear error to retry on.

Used by the 签名身份 dialog and the packet wizard's 签名身份 page. Only the file's path is remembered
(``QSettings`` key :data:`SETTINGS_KEY`); the passphrase is cleared from its field after every try
and is never stored or logged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget

from sydw_desktop.errors import SydwError
from sydw_desktop.packets.errors import WrongPassphrase
from sydw_desktop.packets.identity import Identity, load_identity
from ui.browse_row import browse_row
from ui.packets.cert_view import password_edit
from ui.packets.packet_common import ERROR_STYLE
from ui.settings import AppSettings

SETTINGS_KEY = "packets/identity_file"
P12_FILTER = "签名身份文件 (*.p12);;所有文件 (*)"


def last_identity_path(settings: AppSettings) -> Path | None:
    value = settings.store.value(SETTINGS_KEY, "")
    return Path(value) if isinstance(value, str) and value else None


def remember_identity_path(settings: AppSettings, path: Path) -> None:
    settings.store.setValue(SETTINGS_KEY, str(Path(path).resolve()))


class OpenIdentityForm(QWidget):
    """A ``.p12`` path with 浏览…, a passphrase field, and the error of the last try."""

    opened = Signal(object)  # Identity

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path = QLineEdit()
        self.path.setObjectName("identity_path")
        self.path.setPlaceholderText("本机关的签名身份文件（.p12）")
        remembered = last_identity_path(settings)
        if remembered is not None:
            self.path.setText(str(remembered))
        row = browse_row(self.path, self.browse)
        row.setContentsMargins(0, 0, 0, 0)
        self.passphrase = password_edit("打开签名身份文件的口令")
        self.passphrase.setObjectName("identity_passphrase")
        self.error = QLabel()
        self.error.setObjectName("identity_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("签名身份文件：", row)
        form.addRow("口令：", self.passphrase)
        form.addRow(self.error)

    def browse(self) -> None:
        start = self.path.text() or str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "选择签名身份文件", start, P12_FILTER)
        if chosen:
            self.path.setText(chosen)
            self.error.clear()
            self.passphrase.setFocus()

    def try_open(self) -> Identity | None:
        """Open the file with the typed passphrase; on failure show why and return None.

        The passphrase field is cleared either way (a wrong one is retyped, not corrected).
        """
        path_text = self.path.text().strip()
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        if not path_text:
            self.error.setText("请选择签名身份文件（.p12）。如果还没有，请先在“报送 → 签名身份”中新建。")
            return None
        if not passphrase:
            self.error.setText("请输入签名身份文件的口令。")
            self.passphrase.setFocus()
            return None
        try:
            identity = load_identity(Path(path_text), passphrase)
        except WrongPassphrase as err:
            self.error.setText(f"{err.message}请重新输入（注意大小写和输入法状态）。")
            self.passphrase.setFocus()
            return None
        except SydwError as err:
            self.error.setText(err.message)
            return None
        finally:
            del passphrase
        self.error.clear()
        remember_identity_path(self.settings, Path(path_text))
        self.opened.emit(identity)
        return identity
