"""Field widgets and their bindings for the document editors (三定, 清单, 章程).

A :class:`Binding` ties one widget to one stored field: either a field of the after-unit (values
shared with the plan: name, 规格, 编制 …) or a field of the document. The widget says when the clerk
has finished a change (``changed``); the editor then reads the value (``read`` raises
:class:`FieldError` with a Chinese message for unusable input) and stores it as one operation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QDoubleValidator, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from sydw_desktop.docno import doc_no_problem, normalize_doc_no
from sydw_desktop.vocab import LabelEnum
from ui.plan.delegates import INVALID_STYLE, NumberEdit

UNIT = "unit"
DOC = "doc"
_LIST_SPLIT = re.compile(r"[、；;，,\n]+")
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")


class FieldError(ValueError):
    """Input that cannot be stored; the message says why, in Chinese."""


class TextArea(QPlainTextEdit):
    """A multi-line text box that reports ``editingFinished`` on leaving it (or Ctrl+Enter)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 12
        self.setMinimumHeight(self._height)
        # as tall as its lines, not as tall as the page: long texts scroll inside the box
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._typed = False
        self.textChanged.connect(self._mark_typed)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def _mark_typed(self) -> None:
        self._typed = True

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        if text != self.toPlainText():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self._typed = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._typed:
            self._typed = False
            self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._typed = False
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


def enum_combo(enum: type[LabelEnum], *, optional: bool = False, empty: str = "（未填写）") -> QComboBox:
    combo = QComboBox()
    if optional:
        combo.addItem(empty, "")
    for member in enum:
        combo.addItem(member.label, member.value)
    return combo


def split_list(text: str) -> list[str]:
    """Names typed in one line, separated by 、；， or new lines."""
    return [p.strip() for p in _LIST_SPLIT.split(text) if p.strip()]


def lines_of(text: str) -> list[str]:
    """One item per line (an item may contain 、 and ；)."""
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def parse_date(text: str) -> str:
    """``2026-10-13``, ``2026.10.13`` or ``2026年10月13日`` → ISO; "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    m = _DATE_PARTS.match(text)
    try:
        if m is None:
            raise ValueError(text)
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError as exc:
        raise FieldError(f"日期“{text}”无法识别，请写作 2026-10-13 或 2026年10月13日。") from exc


def parse_amount(text: str) -> float | None:
    """An amount in 万元 (≥ 0, at most 4 decimals), or None when empty."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise FieldError(f"金额“{text}”不是数字（单位：万元）。") from exc
    if value < 0:
        raise FieldError("金额不能为负数。")
    return round(value, 4)


def show_amount(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@dataclass
class Binding:
    """One widget ↔ one stored field."""

    field: str
    target: str  # UNIT or DOC
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    changed: SignalInstance
    #: the widget that shows the finding colours (defaults to ``widget``)
    mark_widget: QWidget | None = None

    @property
    def marked(self) -> QWidget:
        return self.mark_widget or self.widget


def line_binding(field: str, target: str, widget: QLineEdit, *, parse: Callable[[str], Any] | None = None,
                 show: Callable[[Any], str] | None = None) -> Binding:
    def read() -> Any:
        text = widget.text()
        return parse(text) if parse is not None else text.strip()

    def write(value: Any) -> None:
        text = show(value) if show is not None else ("" if value is None else str(value))
        if widget.text() != text:
            widget.setText(text)
            widget.setCursorPosition(0)

    return Binding(field, target, widget, read, write, widget.editingFinished)


def list_line_binding(field: str, target: str, widget: QLineEdit) -> Binding:
    return line_binding(field, target, widget, parse=split_list, show=lambda v: "、".join(v or []))


def text_binding(field: str, target: str, widget: TextArea, *, as_lines: bool = False) -> Binding:
    def read() -> Any:
        return lines_of(widget.text()) if as_lines else widget.text().strip()

    def write(value: Any) -> None:
        widget.setText("\n".join(value or []) if as_lines else (value or ""))

    return Binding(field, target, widget, read, write, widget.editingFinished)


def combo_binding(field: str, target: str, widget: QComboBox, enum: type[LabelEnum]) -> Binding:
    def read() -> Any:
        data = widget.currentData()
        return enum(data) if data else None

    def write(value: Any) -> None:
        widget.setCurrentIndex(max(widget.findData(value.value if value is not None else ""), 0))

    return Binding(field, target, widget, read, write, widget.activated)


def number_binding(field: str, target: str, widget: NumberEdit) -> Binding:
    def read() -> Any:
        text = widget.text().strip()
        if not text:
            if widget.required:
                raise FieldError("这一项必须填写（不小于 0 的整数）。")
            return None
        if not widget.is_acceptable():
            raise FieldError(f"“{text}”不是不小于 0 的整数。")
        return int(text)

    def write(value: Any) -> None:
        text = "" if value is None else str(value)
        if widget.text() != text:
            widget.setText(text)

    return Binding(field, target, widget, read, write, widget.editingFinished)


class AmountEdit(QLineEdit):
    """An amount in 万元: digits and a decimal point only; red while unusable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        validator = QDoubleValidator(0.0, 1e9, 4, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)
        self.setPlaceholderText("万元")


class DocNoEdit(QLineEdit):
    """A 文号: brackets repaired on leaving the box; red while the form is wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("如：示编发〔2026〕3号")
        self.textChanged.connect(self._mark)

    def problem(self) -> str | None:
        return doc_no_problem(normalize_doc_no(self.text()))

    def _mark(self) -> None:
        problem = self.problem()
        self.setProperty("invalid", problem is not None)
        self.setStyleSheet(INVALID_STYLE if problem else "")
        self.setToolTip(problem or "")


def doc_no_binding(field: str, target: str, widget: DocNoEdit) -> Binding:
    def read() -> str:
        value = normalize_doc_no(widget.text())
        problem = doc_no_problem(value)
        if problem:
            raise FieldError(problem)
        return value

    return Binding(field, target, widget, read, _writer(widget), widget.editingFinished)


def date_binding(field: str, target: str, widget: QLineEdit) -> Binding:
    widget.setPlaceholderText("如：2026-10-13")
    return Binding(field, target, widget, lambda: parse_date(widget.text()), _writer(widget), widget.editingFinished)


def _writer(widget: QLineEdit) -> Callable[[Any], None]:
    def write(value: Any) -> None:
        text = "" if value is None else str(value)
        if widget.text() != text:
            widget.setText(text)

    return write
