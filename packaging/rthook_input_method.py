"""PyInstaller runtime hook (Linux): keep a Chinese input method working in the frozen app.

UOS and Kylin desktops set QT_IM_MODULE=fcitx, but PySide6 ships no fcitx plugin for its Qt, so Qt would start with
no input method and a clerk could not type Chinese. The bundle carries Qt's ibus plugin: name it as the fallback in
QT_IM_MODULES (Qt >= 6.8 tries the list in order, the user's own choice first). fcitx5 answers IBus clients through
the IBus portal on the session bus (its ibusfrontend), which Qt's plugin uses when IBUS_USE_PORTAL=1; fcitx5's IBus
address file stays empty, so the portal is the route that connects (checked with fcitx5 5.0 under Xvfb).
Nothing is changed when the user set QT_IM_MODULES or either IBus variable already.
"""

import os
import sys

_wanted = os.environ.get("QT_IM_MODULE", "")
if sys.platform.startswith("linux") and _wanted not in ("", "ibus", "compose", "none"):
    os.environ.setdefault("QT_IM_MODULES", f"{_wanted};ibus")
    if _wanted.startswith("fcitx"):
        os.environ.setdefault("IBUS_USE_PORTAL", "1")
