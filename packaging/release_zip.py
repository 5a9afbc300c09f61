"""Make the Windows release .zip from a built onedir folder (runs on any OS; used on the Windows build PC).

usage: python packaging/release_zip.py DIST_DIR OUT_DIR [--platform windows-x64]
Writes OUT_DIR/planprogress-<version>-<platform>.zip holding planprogress-<version>/ (the app, QUICKSTART-zh-CN.txt,
BUILD-INFO.txt, and SHA256SUMS of every file inside, for `sha256sum -c` or the check in the quick-start), plus
OUT_DIR/快速上手.txt and OUT_DIR/SHA256SUMS over the release files.

Python's zipfile instead of PowerShell's Compress-Archive, which in Windows PowerShell 5.1 writes backslashes into
entry names. Names inside the zip stay ASCII: Explorer on older Windows reads zip names in the local code page.
The quick-start is UTF-8 with a BOM and CRLF, so old Notepad shows the Chinese correctly.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def windows_text(text: str) -> bytes:
    return "\ufeff".encode() + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--platform", default="windows-x64")
    args = parser.parse_args()
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    top = f"planprogress-{version}"
    files = sorted(p for p in args.dist.rglob("*") if p.is_file())
    if not files:
        print(f"错误：{args.dist} 里没有构建结果：先运行 PyInstaller（见 packaging/windows.md）。", file=sys.stderr)
        return 1
    quickstart = (REPO / "packaging" / "quickstart-zh.md").read_text(encoding="utf-8")
    extra = {
        "QUICKSTART-zh-CN.txt": windows_text(quickstart),
        "BUILD-INFO.txt": windows_text(
            f"planprogress {version} for {args.platform}\n"
            f"built: {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}\n"
            "run: planprogress.exe (window), planprogress-cli.exe (command line)\n"
        ),
    }
    sums = [f"{file_sha256(p)}  {p.relative_to(args.dist).as_posix()}" for p in files]
    sums += [f"{sha256(data)}  {name}" for name, data in extra.items()]
    args.out.mkdir(parents=True, exist_ok=True)
    archive = args.out / f"{top}-{args.platform}.zip"
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for p in files:
            zf.write(p, f"{top}/{p.relative_to(args.dist).as_posix()}")
        for name, data in extra.items():
            zf.writestr(f"{top}/{name}", data)
        zf.writestr(f"{top}/SHA256SUMS", "\n".join(sums) + "\n")
    partial.replace(archive)
    (args.out / "快速上手.txt").write_bytes(windows_text(quickstart))
    release = sorted(p for p in args.out.iterdir() if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{file_sha256(p)}  {p.name}" for p in release]
    (args.out / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB) and {args.out / 'SHA256SUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
