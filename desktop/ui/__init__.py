"""The Qt desktop application. The only package that imports PySide6.

The store (and the standard library it needs) is imported here, before any submodule imports PySide6:
PySide's import hook reads the source of every module imported after PySide6 itself (to look for
`from __feature__ import`), which costs start-up about 20 ms for modules that never use Qt.
"""

import desktop.store  # noqa: F401 - imported early on purpose, see above
