"""Status lights as small coloured dots (green on track, yellow due soon, red overdue, grey not reported), as
a 14 px dot and a 28 px one for high-DPI screens."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap

from desktop.domain.health import Light
from desktop.ui import theme

COLORS = theme.LIGHT_COLORS
SIZE = 14  # logical pixels
RING_DARKER = 130  # QColor.darker factor of the ring


def dot_image(fill: QColor, size: int) -> QImage:
    """A disc of `fill` with a 1 px ring in a darker shade, on a transparent `size` x `size` image."""
    scale = size / SIZE
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(fill.darker(RING_DARKER), scale))
    painter.setBrush(fill)
    radius = 5.5 * scale  # the ring's middle: a 1.5 px margin around a 14 px dot
    painter.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
    painter.end()
    return image


@cache
def light_icon(light: Light) -> QIcon:
    fill = QColor(COLORS[light])
    icon = QIcon()
    for scale in (1, 2):  # the 28 px dot is the 14 px dot for a 2x screen: say so, or 1x views would shrink it
        pixmap = QPixmap.fromImage(dot_image(fill, SIZE * scale))
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
