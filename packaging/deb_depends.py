"""Print the Depends line of the .deb: the Debian packages owning the libraries the frozen build links but does not
carry (packaging/planprogress.spec leaves GL, X11, fontconfig, glib, D-Bus and the C++ runtime to the system).

usage: python packaging/deb_depends.py APP_DIR GLIBC_FLOOR
Reads DT_NEEDED with `objdump -p`, finds each library with `ldconfig -p` and its package with `dpkg -S`, on the
build machine: build on the oldest Debian-family system you support so the names match the targets'.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

GLIBC_SONAMES = {
    "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1", "libresolv.so.2",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libcrypt.so.1",
}  # fmt: skip


# GLIBCXX symbol version -> the GCC release whose libstdc++6 first has it (Debian versions libstdc++6 by GCC).
GLIBCXX_GCC = {"3.4.26": 9, "3.4.28": 10, "3.4.29": 11, "3.4.30": 12, "3.4.31": 13, "3.4.32": 13, "3.4.33": 14}


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, flags=re.MULTILINE)


def glibcxx_floor(files: list[Path]) -> str | None:
    """The newest GLIBCXX_ version the bundle asks of the system's C++ runtime."""
    versions: set[str] = set()
    for f in files:
        out = subprocess.run(["objdump", "-T", str(f)], capture_output=True, text=True, check=False).stdout
        versions.update(re.findall(r"GLIBCXX_(\d+\.\d+(?:\.\d+)?)", out))
    return max(versions, key=lambda v: tuple(int(x) for x in v.split(".")), default=None)


def system_paths() -> dict[str, str]:
    """soname -> path, from the dynamic loader's cache (64-bit entries on a 64-bit build)."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for soname, flags, path in re.findall(r"^\s*(\S+) \(([^)]*)\) => (\S+)$", out, flags=re.MULTILINE):
        if ("64" in flags) == (sys.maxsize > 2**32):
            found.setdefault(soname, path)
    return found


def owner(path: str) -> str | None:
    """The package that installed `path`; tries the usr-merged spellings dpkg may have recorded."""
    real = os.path.realpath(path)
    candidates = [path, real]
    for p in (path, real):
        if p.startswith("/usr/lib/"):
            candidates.append(p.removeprefix("/usr"))
        elif p.startswith("/lib/"):
            candidates.append("/usr" + p)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].strip()
    return None


def main() -> int:
    app, floor = Path(sys.argv[1]), sys.argv[2]
    files = [p for p in app.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    carried = {p.name for p in app.rglob("*")}
    wanted = sorted({lib for f in files for lib in needed(f)} - carried - GLIBC_SONAMES)
    where = system_paths()
    packages: set[str] = set()
    for soname in wanted:
        path = where.get(soname)
        package = owner(path) if path else None
        if package is None:
            print(f"[deb] WARNING: no package found for {soname}: left out of Depends", file=sys.stderr)
            continue
        packages.add(package)
    packages.discard("libc6")
    entries = [f"libc6 (>= {floor})"]
    for package in sorted(packages):
        gcc = GLIBCXX_GCC.get(glibcxx_floor(files) or "") if package == "libstdc++6" else None
        entries.append(f"{package} (>= {gcc})" if gcc else package)
    print(", ".join(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
