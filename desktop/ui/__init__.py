"""The Qt desktop application. The only package that imports PySide6.

PySide's import hook reads the source of every module imported after PySide6 itself, looking for
`from __feature__ import` (PYSIDE-2029): about 0.2 ms a module, 65 modules on the way to the main window. This
program never selects a feature, so the store (and the standard library it needs) is imported first, and the
modules whose answer is known are entered in PySide's published feature table up front (see `_known_modules`).
"""

import os
import sys

import desktop.store  # noqa: F401 - imported before PySide6 on purpose, see above
from desktop.store.users import load_scrypt

load_scrypt()  # every start checks a password: PyNaCl is loaded now, before PySide6 and its scan, not in the worker

# PySide's meaning: 0 = a module that uses PySide with no feature selected, -1 = a module to leave alone.
_USES_PYSIDE, _IGNORED = 0, -1


def _known_modules() -> dict[str, int]:
    """What PySide's scan would find, without reading sources: nothing in the standard library or in the modules
    loaded so far selects a feature; our own modules use PySide under desktop.ui and no feature anywhere."""
    known = dict.fromkeys(sys.stdlib_module_names, _IGNORED)
    known.update(dict.fromkeys(sys.modules, _IGNORED))
    import PySide6

    known.update(dict.fromkeys((f"PySide6.{name}" for name in PySide6.__all__), _IGNORED))  # binary: as scanned
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # .../desktop (absent when frozen)
    for folder, _dirs, files in os.walk(package):
        dotted = "desktop" + folder[len(package) :].replace(os.sep, ".")
        for name in files:
            if name.endswith(".py"):
                module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                known[module] = _USES_PYSIDE if module.startswith("desktop.ui") else _IGNORED
    return known


def _skip_feature_scan() -> None:
    import PySide6  # noqa: F401 - every submodule imports it anyway; loaded here so that its feature table exists

    try:
        import __feature__  # PySide's own module (PySide6.support.feature), present once PySide6 is imported

        table = __feature__.pyside_feature_dict
    except (ImportError, AttributeError):  # another PySide6 release: its scan simply runs
        return
    if isinstance(table, dict):
        for module, value in _known_modules().items():
            table.setdefault(module, value)


_skip_feature_scan()
