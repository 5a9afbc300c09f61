"""Status lights as small coloured dots (green on track, yellow due soon, red overdue, grey not reported)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from desktop.domain.health import Light

COLORS = {
    Light.GREY: "#9e9e9e",
    Light.GREEN: "#2e7d32",
    Light.YELLOW: "#f2a900",
    Light.RED: "#c62828",
}


@cache
def light_icon(light: Light, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(COLORS[light])
    painter.setPen(QPen(color.darker(130), 1))
    painter.setBrush(QBrush(color))
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    painter.end()
    return QIcon(pixmap)
