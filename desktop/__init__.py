"""planprogress: progress reporting for the Guangdong prison system's five-year plan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("planprogress")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+checkout"
