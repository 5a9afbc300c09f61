"""A unit-code field: the person types in any case or full width; a hint under it says what will be stored
(the canonical code from desktop.domain.unit_code), and `canonical()` puts that form into the field visibly
when the form is submitted, so what is saved is never silently different from what is shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.domain.unit_code import canonical_unit_code, normalize_unit_code
from desktop.ui import theme
from desktop.ui.i18n import tr


class UnitCodeField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("如 GD-GZ01"))
        self.hint = QLabel()
        self.hint.setObjectName("unit-code-hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.NOTE)
        self.hint.hide()
        self.textChanged.connect(self._update_hint)

    def _update_hint(self, text: str) -> None:
        shown = normalize_unit_code(text)
        if text.strip() and shown != text.strip():
            self.hint.setText(tr("单位代码统一用大写半角字母，将保存为 {code}").format(code=shown))
            self.hint.show()
        else:
            self.hint.hide()

    def canonical(self) -> str:
        """The canonical code, also written into the field (InputError, field untouched, when it is not a code)."""
        typed = self.text()
        code = canonical_unit_code(typed)
        if code != typed:
            self.setText(code)
            note = tr("已按统一格式改为 {code}（您输入的是“{typed}”）")
            self.hint.setText(note.format(code=code, typed=typed.strip()))
            self.hint.show()
        return code
