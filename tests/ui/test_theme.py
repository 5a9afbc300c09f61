"""Colours and recurring styles live in desktop/ui/theme.py: no other window module writes a colour literal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui import theme
from desktop.ui.widgets.message_bar import MessageBar

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
HEX_COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
STYLE_WORDS = re.compile(r"\b(?:color|background|border)\s*:", re.IGNORECASE)


def _strings(node: ast.AST) -> list[str]:
    """The literal text of a string or f-string expression (nothing for a name or a call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr | ast.BinOp | ast.IfExp):
        return [text for child in ast.iter_child_nodes(node) for text in _strings(child)]
    return []


def colour_literals(source: str) -> dict[int, str]:
    """Line -> text of each string literal holding a hex colour, and of each inline style sheet with a colour or
    border."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and HEX_COLOR.search(node.value):
            found[node.lineno] = node.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setStyleSheet":
            for text in (text for arg in node.args for text in _strings(arg)):
                if STYLE_WORDS.search(text):
                    found[node.lineno] = text
    return found


def test_no_window_module_but_the_theme_writes_a_colour() -> None:
    offenders = {
        str(path.relative_to(UI)): found
        for path in sorted(UI.rglob("*.py"))
        if path.name != "theme.py" and (found := colour_literals(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_finds_inline_colours() -> None:
    source = """
label.setStyleSheet("color:#666;")
label.setStyleSheet("font-weight:bold; color: red")
label.setStyleSheet(f"border:1px solid {edge};")
OK = "#2e7d32"
label.setStyleSheet(theme.HINT)
label.setStyleSheet("")
label.setStyleSheet("font-weight:bold;")
"""
    assert sorted(colour_literals(source)) == [2, 3, 4, 5]


def test_a_message_bar_takes_its_look_from_the_theme(qtbot: QtBot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    for kind in ("info", "warning", "error"):
        bar.show_message("已保存。", kind)
        assert bar.styleSheet() == theme.MESSAGE_BAR[kind]
    assert theme.ERROR_RED in theme.MESSAGE_BAR["error"]  # error text has one red, in bars and labels alike
