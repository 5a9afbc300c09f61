"""The Qt desktop application. The only package that imports PySide6.

The store (with the standard library it uses, and PyNaCl for the password check every start makes) is imported
before PySide6: PySide's import hook reads the source of each module imported after it, looking for
`from __feature__ import`, and what loads first is not read.
"""

import desktop.store  # noqa: F401 - imported before PySide6 on purpose, see above
from desktop.store.users import load_scrypt

load_scrypt()
