"""The window reaches into no library's internals: no module writes PySide's `__feature__` table or patches objects
through ctypes, except the one documented guard against PySide6 6.12.0's reference leak on `True`
(desktop/ui/qt_workarounds.py, proven by tests/ui/test_qt_workarounds.py on every pinned PySide6)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DESKTOP = REPO / "desktop"
INTERNALS = {"__feature__", "shibokensupport", "ctypes"}
ALLOWED = {("desktop/ui/qt_workarounds.py", "ctypes")}  # the True reference-leak guard


def internal_imports(source: str) -> set[str]:
    """The internal modules a source imports (by `import x`, `from x import y`, or `__import__("x")`)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            names = [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & INTERNALS
    return found


def test_no_module_imports_a_librarys_internals() -> None:
    used = {
        (str(path.relative_to(REPO)), name)
        for path in sorted(DESKTOP.rglob("*.py"))
        for name in internal_imports(path.read_text(encoding="utf-8"))
    }
    assert used == ALLOWED


def test_the_check_sees_each_form_of_import() -> None:
    source = "import ctypes\nfrom __feature__ import snake_case\nimport shibokensupport.feature\n__import__('ctypes')\n"
    assert internal_imports(source) == INTERNALS
    assert internal_imports("import enum\nfrom PySide6.QtCore import Qt\n") == set()
