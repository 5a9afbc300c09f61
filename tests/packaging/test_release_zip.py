"""The Windows release zip (packaging/release_zip.py), made from a small stand-in build folder: no PyInstaller."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_zip_holds_the_app_quickstart_and_checkable_sums(tmp_path: Path) -> None:
    dist = tmp_path / "dist" / "planprogress"
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "planprogress.exe").write_bytes(b"MZ stand-in")
    (dist / "planprogress-cli.exe").write_bytes(b"MZ stand-in cli")
    (dist / "_internal" / "resources" / "catalog.json").write_text('{"名称": "十四五"}', encoding="utf-8")
    out = tmp_path / "release 发布"
    subprocess.run([sys.executable, str(REPO / "packaging" / "release_zip.py"), str(dist), str(out)], check=True)

    archive = out / f"planprogress-{VERSION}-windows-x64.zip"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        top = f"planprogress-{VERSION}/"
        assert all(n.startswith(top) and n.isascii() and "\\" not in n for n in names)
        quickstart = zf.read(top + "QUICKSTART-zh-CN.txt")
        assert quickstart.startswith(b"\xef\xbb\xbf") and b"\r\n" in quickstart
        assert "导出失败怎么办" in quickstart.decode("utf-8-sig")
        sums = dict(reversed(line.split("  ", 1)) for line in zf.read(top + "SHA256SUMS").decode().splitlines())
        listed = {n.removeprefix(top) for n in names} - {"SHA256SUMS"}
        assert set(sums) == listed
        for name, digest in sums.items():
            assert hashlib.sha256(zf.read(top + name)).hexdigest() == digest, name

    outer = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert outer.returncode == 0, outer.stdout + outer.stderr
    covered = {line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}
    assert {archive.name, "快速上手.txt"} <= covered


def test_empty_build_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    empty = tmp_path / "dist"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "release_zip.py"), str(empty), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and not (tmp_path / "out").exists()
