"""Where a comment points (a unit, a document, a field) and what it says — the upper office's form."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QPlainTextEdit, QWidget

from sydw_desktop.model import DOCUMENT_FIELD_LABELS, UNIT_FIELD_LABELS, Snapshot
from sydw_desktop.review.targets import DOCUMENT_CHOICES

WHOLE = "（方案总体）"
NO_FIELD = "（不指定字段）"


class CommentForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = QComboBox()
        self.unit.setObjectName("comment_unit")
        self.document = QComboBox()
        self.document.setObjectName("comment_document")
        for label, key in DOCUMENT_CHOICES.items():
            self.document.addItem(label, key)
        self.field = QComboBox()
        self.field.setObjectName("comment_field")
        self.text = QPlainTextEdit()
        self.text.setObjectName("comment_text")
        self.text.setPlaceholderText("审核意见：说明问题和修改要求")
        self.text.setMaximumHeight(90)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("单位：", self.unit)
        form.addRow("文书：", self.document)
        form.addRow("字段：", self.field)
        form.addRow("意见：", self.text)
        self.document.currentIndexChanged.connect(self._fill_fields)
        self._fill_fields()

    def set_snapshot(self, snapshot: Snapshot | None) -> None:
        self.unit.clear()
        self.unit.addItem(WHOLE, None)
        if snapshot is not None:
            for u in (*snapshot.after, *snapshot.before):
                self.unit.addItem(f"{u.name}（{u.phase.value}）", u.name)

    def _fill_fields(self) -> None:
        key = self.document.currentData()
        labels = UNIT_FIELD_LABELS if key == "plan" else DOCUMENT_FIELD_LABELS.get(key, {})
        self.field.clear()
        self.field.addItem(NO_FIELD, None)
        for name, label in labels.items():
            self.field.addItem(label, name)

    def choose(self, unit: str | None, document: str = "plan", field: str | None = None) -> None:
        """Point the form at ``unit`` (and a document and field)."""
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit)))
        self.document.setCurrentIndex(max(0, self.document.findData(document)))
        self.field.setCurrentIndex(max(0, self.field.findData(field)))
