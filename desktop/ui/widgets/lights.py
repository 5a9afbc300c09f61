"""Status lights as small coloured dots (green on track, yellow due soon, red overdue, grey not reported).

The dots are computed pixel by pixel rather than painted with a QPainter: every pen or brush call makes PySide
build its whole `Qt` namespace (desktop/ui/qt_numbers.py), and the plan tree shows lights at the main window's
first paint. A 14 px dot and a 28 px one for high-DPI screens, anti-aliased by each pixel's distance from the
centre, as the painter drew them before: a disc with a 1 px ring in a darker shade.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from desktop.domain.health import Light
from desktop.ui import theme

COLORS = theme.LIGHT_COLORS
SIZE = 14  # logical pixels
RING_DARKER = 130  # QColor.darker factor of the ring


def _coverage(edge: float, distance: float) -> float:
    """How much of a pixel whose centre lies `distance` from the dot's centre falls inside radius `edge`."""
    return min(1.0, max(0.0, edge - distance + 0.5))


@cache
def _dot_shape(size: int) -> tuple[tuple[int, float, float], ...]:
    """For each pixel the dot touches: its byte offset, its coverage, and how much of it is ring (same for all
    colours, so computed once per size)."""
    scale = size / SIZE
    outer, inner = 6.0 * scale, 5.0 * scale  # the 1.5 px margin of a 14 px dot, and a ring 1 px wide
    centre = size / 2
    shape = []
    for y in range(size):
        dy = y + 0.5 - centre
        for x in range(size):
            dx = x + 0.5 - centre
            distance = (dx * dx + dy * dy) ** 0.5
            alpha = _coverage(outer, distance)
            if alpha > 0.0:
                shape.append(((y * size + x) * 4, alpha, 1.0 - _coverage(inner, distance)))
    return tuple(shape)


def dot_image(fill: QColor, size: int) -> QImage:
    """The dot as a premultiplied ARGB32 image of `size` x `size` pixels (byte order B, G, R, A)."""
    ring = fill.darker(RING_DARKER)
    fill_bgr = (fill.blue(), fill.green(), fill.red())
    ring_bgr = (ring.blue(), ring.green(), ring.red())
    pixels = bytearray(size * size * 4)
    for offset, alpha, on_ring in _dot_shape(size):
        for channel in range(3):
            value = fill_bgr[channel] + (ring_bgr[channel] - fill_bgr[channel]) * on_ring
            pixels[offset + channel] = round(value * alpha)
        pixels[offset + 3] = round(255 * alpha)
    image = QImage(bytes(pixels), size, size, size * 4, QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # own the pixels: the bytes object above is temporary


@cache
def light_icon(light: Light) -> QIcon:
    fill = QColor(COLORS[light])
    icon = QIcon()
    for scale in (1, 2):  # the 28 px dot is the 14 px dot for a 2x screen: say so, or 1x views would shrink it
        pixmap = QPixmap.fromImage(dot_image(fill, SIZE * scale))
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
