"""planprogress: progress reporting for the Guangdong prison system's five-year plan."""

from __future__ import annotations

import logging

# Silent until desktop.logs.configure attaches the home's log file (library code run alone prints nothing).
logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> str:
    """`__version__` comes from the installed metadata, looked up when first asked: importing
    importlib.metadata costs tens of milliseconds that every start of the window would pay."""
    if name != "__version__":
        raise AttributeError(f"module 'desktop' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("planprogress")
    except PackageNotFoundError:  # running from a checkout without installing
        value = "0.0.0+checkout"
    globals()["__version__"] = value
    return value
