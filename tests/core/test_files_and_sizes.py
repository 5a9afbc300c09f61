"""The shared file-safety helpers and the one size rule every screen, command and report uses."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from desktop.domain.sizes import size_text
from desktop.store.files import CHUNK, disk_free, fsync_dir, fsync_file, hash_file


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (25 * 1024, "25.0 KB"),
        (1536, "1.5 KB"),
        (1024 * 1024 - 52, "1023.9 KB"),
        (1024 * 1024 - 1, "1.0 MB"),  # rounds up to the next unit instead of "1024.0 KB"
        (5 * 1024 * 1024, "5.0 MB"),
        (1024**3 - 1, "1.0 GB"),
        (int(2.26 * 1024**3), "2.3 GB"),  # one decimal in every unit, GB too
        (1024**4, "1024.0 GB"),
    ],
)
def test_size_text(size: int, shown: str) -> None:
    assert size_text(size) == shown


def test_the_unit_report_uses_the_same_size_rule() -> None:
    from desktop.services.reports import unit_pdf

    assert unit_pdf.size_text is size_text


def test_hash_file_reads_the_whole_file_and_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "佐证 材料.bin"
    data = bytes(range(256)) * (CHUNK // 256) * 2 + b"tail"
    path.write_bytes(data)
    seen: list[tuple[int, int]] = []
    digest, size = hash_file(path, lambda done, total: seen.append((done, total)))
    assert (digest, size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert seen == [(CHUNK, len(data)), (2 * CHUNK, len(data)), (len(data), len(data))]
    assert hash_file(path, uncached=True) == (digest, size)


def test_hash_file_of_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    assert hash_file(path) == (hashlib.sha256(b"").hexdigest(), 0)


def test_fsync_helpers_and_free_space(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("内容", encoding="utf-8")
    fsync_file(path)
    fsync_dir(tmp_path)
    fsync_dir(tmp_path / "gone")  # a folder that cannot be opened is quietly skipped
    assert path.read_text(encoding="utf-8") == "内容"
    assert disk_free(tmp_path) == shutil.disk_usage(tmp_path).free
