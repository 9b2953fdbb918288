"""A small bar chart of 编制 before and after per subordinate (painted, no chart library)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BEFORE, AFTER = QColor("#9fb6cd"), QColor("#2f5d8a")


class BarChart(QWidget):
    """Pairs of bars (before, after), one pair per label, with the values written above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("league_chart")
        self.title = ""
        self.bars: list[tuple[str, int, int]] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def set_bars(self, title: str, bars: list[tuple[str, int, int]]) -> None:
        self.title, self.bars = title, bars
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        metrics = p.fontMetrics()
        line = metrics.height()
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(0, 4, self.width(), line), Qt.AlignmentFlag.AlignCenter, self.title)
        legend_y = 8 + line
        for i, (label, color) in enumerate((("改革前", BEFORE), ("改革后", AFTER))):
            x = self.width() / 2 - 90 + i * 100
            p.fillRect(QRectF(x, legend_y + 3, 14, line - 6), color)
            p.drawText(QRectF(x + 18, legend_y, 70, line), Qt.AlignmentFlag.AlignVCenter, label)
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "还没有下级报送材料")
            return
        top, bottom = legend_y + 2 * line, self.height() - 2 * line
        left, right = 12, self.width() - 12
        peak = max(max(b, a) for _, b, a in self.bars) or 1
        slot = (right - left) / len(self.bars)
        width = min(28.0, slot / 3)
        for i, (label, before, after) in enumerate(self.bars):
            centre = left + slot * (i + 0.5)
            for k, (value, color) in enumerate(((before, BEFORE), (after, AFTER))):
                height = (bottom - top) * value / peak
                x = centre - width + k * width
                p.fillRect(QRectF(x, bottom - height, width - 2, height), color)
                p.drawText(QRectF(x - 20, bottom - height - line, width + 38, line),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
            p.drawText(QRectF(centre - slot / 2, bottom + 4, slot, line), Qt.AlignmentFlag.AlignHCenter,
                       metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot)))
        p.setPen(QColor("#888888"))
        p.drawLine(left, int(bottom), right, int(bottom))
