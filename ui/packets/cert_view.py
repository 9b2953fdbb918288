"""Showing a certificate to a person: office, region code, validity, and the fingerprint in groups.

The SHA-256 fingerprint is read out over the phone to the office at the other end, so it is shown
as 16 groups of four hex digits (``fingerprint_groups``), four groups a row, in a large fixed-pitch
font, with a button that copies it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sydw_desktop.packets.identity import CertificateInfo, fingerprint_groups, format_fingerprint

GROUPS_PER_ROW = 4


def password_edit(placeholder: str = "") -> QLineEdit:
    """A passphrase field: characters hidden, never remembered by the platform's input history."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    edit.setPlaceholderText(placeholder)
    return edit


def fingerprint_font(point_size: int = 17) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(point_size)
    font.setBold(True)
    return font


class FingerprintView(QFrame):
    """The fingerprint as a grid of groups (numbered rows) and a 复制 button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprint_view")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.fingerprint = ""
        self.group_labels: list[QLabel] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(4)
        font = fingerprint_font()
        for i in range(16):
            label = QLabel("····")
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(label, i // GROUPS_PER_ROW, 1 + i % GROUPS_PER_ROW)
            self.group_labels.append(label)
        for row in range(16 // GROUPS_PER_ROW):
            number = QLabel(f"{row + 1}.")
            number.setStyleSheet("color: #777")
            self.grid.addWidget(number, row, 0)
        self.copy_button = QPushButton("复制指纹")
        self.copy_button.setObjectName("copy_fingerprint")
        self.copy_button.setToolTip("把指纹复制到剪贴板（按 4 位一组，空格分隔）")
        self.copy_button.clicked.connect(self.copy)
        self.copy_button.setEnabled(False)
        side = QVBoxLayout()
        side.addStretch()
        side.addWidget(self.copy_button)
        layout = QHBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addStretch()
        layout.addLayout(side)

    def set_fingerprint(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        groups = fingerprint_groups(fingerprint) if fingerprint else ["····"] * 16
        for label, group in zip(self.group_labels, groups, strict=True):
            label.setText(group)
        self.copy_button.setEnabled(bool(fingerprint))

    def groups(self) -> list[str]:
        """The groups as shown."""
        return [label.text() for label in self.group_labels]

    def copy(self) -> None:
        if self.fingerprint:
            QGuiApplication.clipboard().setText(format_fingerprint(self.fingerprint))


class CertificateView(QWidget):
    """A certificate's facts and its fingerprint, for confirming it with the office named on it."""

    def __init__(self, parent: QWidget | None = None, *, caption: str = "证书指纹（电话核对用）：") -> None:
        super().__init__(parent)
        self.setObjectName("certificate_view")
        self.office = QLabel()
        self.office.setObjectName("cert_office")
        self.region_code = QLabel()
        self.region_code.setObjectName("cert_region_code")
        self.validity = QLabel()
        self.validity.setObjectName("cert_validity")
        self.algorithm = QLabel()
        for label in (self.office, self.region_code, self.validity, self.algorithm):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = FingerprintView()
        form = QFormLayout()
        form.addRow("机关：", self.office)
        form.addRow("行政区划代码：", self.region_code)
        form.addRow("有效期：", self.validity)
        form.addRow("算法：", self.algorithm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel(caption))
        layout.addWidget(self.fingerprint)
        self.set_info(None)

    def set_info(self, info: CertificateInfo | None) -> None:
        if info is None:
            for label in (self.office, self.region_code, self.validity, self.algorithm):
                label.setText("—")
            self.fingerprint.set_fingerprint("")
            return
        self.office.setText(info.office)
        self.region_code.setText(info.region_code or "（证书中未写明）")
        local = info.not_before.astimezone(), info.not_after.astimezone()
        self.validity.setText(f"{local[0]:%Y-%m-%d} 至 {local[1]:%Y-%m-%d}")
        self.algorithm.setText(info.algorithm)
        self.fingerprint.set_fingerprint(info.fingerprint)
