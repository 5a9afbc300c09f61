"""Where a bundle can go: removable drives and mount points the clerk would recognise, plus any folder.

Linux: /proc/mounts lists what is mounted; sticks appear under /media, /run/media or /mnt (desktop
auto-mounters and admins put them there). Windows: every drive letter but the system drive. Elsewhere:
Qt's list of mounted volumes. Free space comes from the folder itself (shutil.disk_usage).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from desktop.ui.format import size_text
from desktop.ui.i18n import tr
from desktop.ui.models.table import RIGHT, Column

REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")
# File systems a USB stick or disk carries; tmpfs, overlay, squashfs (snaps) and the like are not targets.
MEDIA_TYPES = {"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "ext2", "ext3", "ext4", "btrfs", "xfs", "f2fs", "hfsplus"}

FreeSpace = Callable[[Path], int]


@dataclass(frozen=True)
class Target:
    path: Path
    label: str
    free: int
    total: int


@dataclass(frozen=True)
class Mount:
    device: str
    path: str
    fstype: str
    read_only: bool


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040 ...)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and all(c in "01234567" for c in field[i + 1 : i + 4]):
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mounts(text: str) -> list[Mount]:
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        options = fields[3].split(",")
        mounts.append(Mount(_unescape(fields[0]), _unescape(fields[1]), fields[2], "ro" in options))
    return mounts


def removable_mounts(mounts: list[Mount]) -> list[Mount]:
    """Writable media file systems mounted where sticks go, each mount point once."""
    seen: set[str] = set()
    found = []
    for mount in mounts:
        where = mount.path.rstrip("/") + "/"
        if mount.read_only or mount.fstype not in MEDIA_TYPES or mount.path in seen:
            continue
        if any(where.startswith(root) for root in REMOVABLE_ROOTS):
            seen.add(mount.path)
            found.append(mount)
    return found


def describe(path: Path, label: str = "") -> Target | None:
    """A Target for `path`, or None when it is not a usable folder right now (stick pulled, no access)."""
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    if not path.is_dir():
        return None
    return Target(path, label or path.name or str(path), usage.free, usage.total)


def _linux_candidates() -> list[tuple[Path, str]]:
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [(Path(m.path), Path(m.path).name) for m in removable_mounts(parse_mounts(text))]


def _qt_candidates() -> list[tuple[Path, str]]:
    system = os.environ.get("SYSTEMDRIVE", "C:").upper().rstrip("\\/")
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if sys.platform == "win32" and root.upper().rstrip("\\/") == system:
            continue
        if sys.platform != "win32" and root == "/":
            continue
        name = volume.displayName()
        found.append((Path(root), name if name and name != root else root))
    return found


def list_targets() -> list[Target]:
    """The drives a bundle may go to, in a stable order; empty when no stick is plugged in."""
    candidates = _linux_candidates() if sys.platform.startswith("linux") else _qt_candidates()
    targets = [describe(path, label) for path, label in candidates]
    return sorted((t for t in targets if t is not None), key=lambda t: str(t.path))


def target_columns() -> list[Column[Target]]:
    return [
        Column(tr("名称"), lambda t: t.label),
        Column(tr("位置"), lambda t: str(t.path)),
        Column(tr("可用空间"), lambda t: size_text(t.free), RIGHT, sort_key=lambda t: t.free),
        Column(tr("总容量"), lambda t: size_text(t.total), RIGHT, sort_key=lambda t: t.total),
    ]
