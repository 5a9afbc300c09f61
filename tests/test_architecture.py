"""Layer boundaries, enforced: only desktop/ui touches Qt, only desktop/store touches SQLite and SQL.

Style guides say this and projects still break it within a year, so a test reads every module under
desktop/ with `ast` and fails on the first import or SQL string in the wrong layer.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "desktop"

# SQL shapes, not lone words. Upper-case keywords (how this code writes SQL) need little context;
# lower-case SQL needs a clause after it, so "Select the files from the list" in prose passes.
_SQL_UPPER = re.compile(
    r"\bSELECT\s+(?:DISTINCT\s+)?[\w.*,()\s]+?\s+FROM\s+\w+"
    r"|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+\w+"
    r"|\bUPDATE\s+\w+\s+SET\s+\w+\s*="
    r"|\bDELETE\s+FROM\s+\w+"
    r"|\bCREATE\s+(?:TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|\bPRAGMA\s+\w+"
)
_SQL_ANY_CASE = re.compile(
    r"\bselect\s+[\w.*,()\s]+?\s+from\s+\w+(?:\s+\w+)?\s+(?:where|join|order\s+by|group\s+by|limit)\b"
    r"|\binsert\s+(?:or\s+\w+\s+)?into\s+\w+\s*\("
    r"|\bupdate\s+\w+\s+set\s+\w+\s*=\s*[?:]"
    r"|\bdelete\s+from\s+\w+\s+where\b",
    re.IGNORECASE,
)


def _sql_in(text: str) -> str | None:
    match = _SQL_UPPER.search(text) or _SQL_ANY_CASE.search(text)
    return match.group(0) if match else None


_LAYERS = ("domain", "store", "services", "cli", "ui")


@dataclass(frozen=True)
class Module:
    path: Path
    name: str  # dotted, e.g. desktop.store.db
    tree: ast.Module

    @property
    def layer(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in _LAYERS else ""

    def imports(self, *, top_level_only: bool = False) -> list[tuple[int, str]]:
        """(line, absolute module name) of every import, relative ones resolved."""
        found: list[tuple[int, str]] = []
        package = self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]
        nodes = self.tree.body if top_level_only else list(ast.walk(self.tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                found += [(node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                found.append((node.lineno, base))
                found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
        return found

    def string_literals(self) -> list[tuple[int, str]]:
        """String constants except docstrings (prose, never executed)."""
        docstrings: set[int] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    docstrings.add(id(body[0].value))
        out: list[tuple[int, str]] = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.JoinedStr):  # an f-string: join its literal parts
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
                out.append((node.lineno, text))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                out.append((node.lineno, node.value))
        return out


def _modules() -> list[Module]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(Module(path, ".".join(parts), ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return modules


MODULES = _modules()


def _where(module: Module, line: int) -> str:
    return f"{module.path.relative_to(REPO)}:{line}"


def _violations(allowed: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """Imports of `forbidden` outside the `allowed` layers (the entry point may import lazily)."""
    bad = []
    for module in MODULES:
        if module.layer in allowed:
            continue
        for line, name in module.imports(top_level_only=module.name == "desktop.__main__"):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{_where(module, line)} imports {name}")
    return bad


def test_the_scan_sees_every_layer() -> None:
    layers = {m.layer for m in MODULES}
    assert {"domain", "store", "services", "cli"} <= layers
    assert any(m.name == "desktop.store.db" for m in MODULES)


def test_only_the_ui_imports_qt() -> None:
    assert _violations({"ui"}, ("PySide6", "shiboken6", "desktop.ui")) == []


def test_the_entry_point_loads_the_gui_only_when_asked() -> None:
    """`python -m desktop COMMAND` must not pay for Qt: desktop.ui is imported inside main(), not at the top."""
    entry = next(m for m in MODULES if m.name == "desktop.__main__")
    top = [name for _line, name in entry.imports(top_level_only=True)]
    assert not [n for n in top if n.startswith(("desktop.ui", "PySide6"))]


def test_only_the_store_imports_sqlite() -> None:
    assert _violations({"store"}, ("sqlite3", "sqlite_utils", "_sqlite3")) == []


def test_sql_lives_only_in_the_store() -> None:
    bad = []
    for module in MODULES:
        if module.layer == "store":
            continue
        for line, text in module.string_literals():
            if found := _sql_in(text):
                bad.append(f"{_where(module, line)}: {found!r}")
    assert bad == []


@pytest.mark.parametrize(
    "text",
    [
        "SELECT id FROM item",
        "select t.id, i.uid from task t join item i on i.id = t.id",
        "delete from progress where id = ?",
        "update measure set title = ? where id = ?",
        "INSERT OR IGNORE INTO evidence_blob (sha256) VALUES (?)",
        "UPDATE progress SET status = ?",
        "DELETE FROM audit WHERE id = 3",
        "PRAGMA user_version",
    ],
)
def test_the_sql_pattern_catches_sql(text: str) -> None:
    assert _sql_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "请选择要添加的文件，然后从列表中删除多余的条目。",  # Chinese messages
        "更新（UPDATE）失败：请从备份恢复。",
        "Select the files from the list and update the set of tasks.",
        "Delete from here.",
        "选择 DELETE 键删除",
    ],
)
def test_the_sql_pattern_spares_prose(text: str) -> None:
    assert _sql_in(text) is None


def test_layers_only_point_down() -> None:
    """ui -> services -> store -> domain, and cli beside ui; never upwards."""
    above = {
        "domain": ("desktop.store", "desktop.services", "desktop.cli", "desktop.ui"),
        "store": ("desktop.services", "desktop.cli", "desktop.ui"),
        "services": ("desktop.cli", "desktop.ui"),
        "cli": ("desktop.ui",),
    }
    bad = []
    for module in MODULES:
        for line, name in module.imports():
            if any(name == f or name.startswith(f + ".") for f in above.get(module.layer, ())):
                bad.append(f"{_where(module, line)} ({module.layer}) imports {name}")
    assert bad == []


# The one library the domain may use: msgspec's Struct for its records (no I/O, no other dependency), which
# the window's start-up needs (desktop/domain/model.py says why).
_DOMAIN_LIBRARIES = ("msgspec",)


def test_the_domain_uses_only_the_standard_library_and_msgspec() -> None:
    bad = []
    for module in MODULES:
        if module.layer != "domain":
            continue
        for line, name in module.imports():
            top = name.split(".")[0]
            third_party = top not in sys.stdlib_module_names and top not in (
                "desktop",
                "__future__",
                *_DOMAIN_LIBRARIES,
            )
            if third_party or (top == "desktop" and not name.startswith("desktop.domain")):
                bad.append(f"{_where(module, line)} imports {name}")
    assert bad == []


def test_importing_the_cli_and_the_core_does_not_load_qt() -> None:
    core = sorted(m.name for m in MODULES if m.layer in ("domain", "store", "services", "cli"))
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'desktop.ui')))\n"
        "print(','.join(loaded))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
