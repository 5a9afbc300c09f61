"""Preview of an evidence file inside the app: images with QPixmap, PDFs with QtPdf (loaded on first use)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from desktop.ui import theme
from desktop.ui.i18n import tr

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp"}
PDF_TYPE = "application/pdf"


class _ImageLabel(QLabel):
    """Shows a pixmap scaled to the available width, never upscaled."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.original = QPixmap()

    def set_original(self, pixmap: QPixmap) -> None:
        self.original = pixmap
        self.rescale()

    def rescale(self) -> None:
        if self.original.isNull():
            self.clear()
            return
        holder = self.parentWidget()
        area = holder.size() if holder is not None else self.size()
        target = QSize(max(area.width() - 8, 32), max(area.height() - 8, 32))
        if self.original.width() <= target.width() and self.original.height() <= target.height():
            self.setPixmap(self.original)
        else:
            self.setPixmap(
                self.original.scaled(
                    target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )


class _ImageArea(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.image = _ImageLabel()
        self.setWidget(self.image)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.image.rescale()


class PreviewPane(QStackedWidget):
    """Three faces: a message, an image, a PDF. `kind` says which one is showing (tests read it)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.message = QLabel(tr("选择一份材料即可在此预览。"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.padded(theme.HINT, 12))
        self.image_area = _ImageArea()
        self.addWidget(self.message)
        self.addWidget(self.image_area)
        self._pdf_view: QWidget | None = None
        self._pdf_document: Any = None
        self.kind = "message"
        self.pdf_pages = 0

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentWidget(self.message)
        self.kind = "message"

    def show_file(self, path: Path, media_type: str) -> None:
        if not path.is_file():
            self.show_message(tr("文件缺失：{path}\n请从备份恢复，或删除这条记录后重新添加材料。").format(path=path))
            return
        if media_type in IMAGE_TYPES:
            self._show_image(path)
        elif media_type == PDF_TYPE:
            self._show_pdf(path)
        else:
            self.show_message(tr("这种文件（{type}）不能在程序内预览：请点“用系统程序打开”。").format(type=media_type))

    def _show_image(self, path: Path) -> None:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        image = reader.read()
        if image.isNull():
            self.show_message(tr("图片无法显示（{error}）：文件可能已损坏。").format(error=reader.errorString()))
            return
        self.image_area.image.set_original(QPixmap.fromImage(image))
        self.setCurrentWidget(self.image_area)
        self.kind = "image"

    def _ensure_pdf_view(self) -> QWidget:
        if self._pdf_view is None:
            from PySide6.QtPdf import QPdfDocument  # imported on first use: keeps start-up fast
            from PySide6.QtPdfWidgets import QPdfView

            self._pdf_document = QPdfDocument(self)
            view = QPdfView(self)
            view.setDocument(self._pdf_document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.addWidget(view)
            self._pdf_view = view
        return self._pdf_view

    def _show_pdf(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument

        view = self._ensure_pdf_view()
        self._pdf_document.close()
        error = self._pdf_document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.show_message(tr("PDF 无法显示（{error}）：文件可能已损坏或加了密码。").format(error=error.name))
            return
        self.pdf_pages = int(self._pdf_document.pageCount())
        self.setCurrentWidget(view)
        self.kind = "pdf"
