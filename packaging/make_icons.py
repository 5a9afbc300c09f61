"""Render resources/icons/planprogress.svg to the PNG and Windows ICO the builds need.

Run by hand after editing the SVG (the outputs are committed, so builds never need this):
    python packaging/make_icons.py
Qt's SVG renderer draws the PNGs; Pillow packs the ICO with the sizes Windows asks for.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "planprogress.svg"))
    if not renderer.isValid():
        print(f"cannot read {ICONS / 'planprogress.svg'}", file=sys.stderr)
        return 1
    big = render(renderer, 256)
    big.save(ICONS / "planprogress.png", optimize=True)
    # Each ICO size drawn from the vector, not scaled down from 256 px: small sizes stay sharp.
    frames = [render(renderer, s) for s in ICO_SIZES]
    frames[-1].save(
        ICONS / "planprogress.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1]
    )
    print(f"wrote {ICONS / 'planprogress.png'} and {ICONS / 'planprogress.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
