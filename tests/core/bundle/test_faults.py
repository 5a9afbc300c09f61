"""Faults: a kill during export leaves nothing usable and the seq unchanged; a kill during import merges
nothing; a full disk is caught by the free-space check, and a disk that fills anyway leaves no half bundle."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import StateError
from desktop.services.bundle.export import export_bundle
from desktop.services.bundle.format import Outcome
from desktop.store import Store
from desktop.store.exports import ExportRepo
from tests.core.bundle.conftest import (
    OFFICE_PASSPHRASE,
    OfficeKeys,
    enroll,
    export,
    intake,
    make_office,
    make_unit,
    office_unit_data,
)
from tests.core.conftest import REPO

BIG = 96 * 1024 * 1024


def _big_unit(root: Path, catalog: Catalog, office_keys: OfficeKeys, size: int = BIG) -> Store:
    unit = make_unit(root / "unit", catalog, "GD-K01", office_keys.folder / "office.pub")
    source = root / "大 文件.bin"
    with open(source, "wb") as handle:
        for _ in range(size // (8 * 1024 * 1024)):
            handle.write(os.urandom(8 * 1024 * 1024))
    unit.evidence.add(unit.plan.tasks()[0].id, source)
    source.unlink()
    return unit


def _kill_at(
    args: list[str], phase: str, env: dict[str, str] | None = None, sig: signal.Signals = signal.SIGKILL
) -> list[dict[str, object]]:
    """Run the CLI with --json and send it `sig` at the first progress line of `phase`."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--json", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[dict[str, object]] = []
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            event = json.loads(line)
            seen.append(event)
            if event.get("phase") == phase:
                proc.send_signal(sig)
                break
    finally:
        proc.wait(timeout=60)
    # SIGKILL ends the process at once; SIGTERM unwinds it, and when the signal lands inside the encryption
    # library the error it becomes decides the exit code: any failure will do, the cleanup is what counts.
    ok = proc.returncode == -signal.SIGKILL if sig is signal.SIGKILL else proc.returncode not in (0, None)
    assert ok, (proc.returncode, seen, proc.stderr.read() if proc.stderr else "")
    return seen


@pytest.mark.parametrize("phase", ["encrypt", "verify"])
def test_kill_during_export(phase: str, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    with _big_unit(tmp_path, catalog, office_keys) as unit:
        home = unit.home.root
    _kill_at(["--home", str(home), "export", "--out", str(stick)], phase)
    assert not [p for p in stick.iterdir() if p.name.startswith("PB-")]  # nothing that looks like a bundle
    with Store.open(home, "填报员") as unit:
        assert ExportRepo(unit.database, unit.audit).last() is None  # seq not advanced
        result = export_bundle(unit, stick)
    assert result.seq == 1
    assert sorted(p.name for p in stick.iterdir()) == ["PB-GD-K01-000001"]


def test_terminated_export_cleans_up_after_itself(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> None:
    """SIGTERM (the window's cancel, a shutdown) unwinds the export: not even the hidden folder stays."""
    stick = tmp_path / "U盘"
    stick.mkdir()
    with _big_unit(tmp_path, catalog, office_keys) as unit:
        home = unit.home.root
    _kill_at(["--home", str(home), "export", "--out", str(stick)], "encrypt", sig=signal.SIGTERM)
    assert list(stick.iterdir()) == []
    with Store.open(home, "填报员") as unit:
        assert ExportRepo(unit.database, unit.audit).last() is None


@pytest.fixture
def office_with_big_bundle(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Iterator[tuple[Path, Path]]:
    with (
        make_office(tmp_path / "省局", catalog, office_keys) as office,
        _big_unit(tmp_path, catalog, office_keys) as unit,
    ):
        enroll(office, unit)
        bundle = export(unit, tmp_path / "U盘").path
        yield office.home.root, bundle


@pytest.mark.parametrize("phase", ["copy", "decrypt"])
def test_kill_during_import(phase: str, office_with_big_bundle: tuple[Path, Path], office_keys: OfficeKeys) -> None:
    root, bundle = office_with_big_bundle
    with Store.open(root, "省局经办") as office:
        before = office_unit_data(office)
    _kill_at(
        ["--home", str(root), "province", "import", str(bundle)], phase, {"PLANPROGRESS_PASSPHRASE": OFFICE_PASSPHRASE}
    )
    with Store.open(root, "省局经办") as office:
        assert office_unit_data(office) == before  # nothing merged
        [result] = intake(office, office_keys.identity, bundle)  # and the next import cleans up and succeeds
        assert result.outcome is Outcome.ACCEPTED, result.message
    assert list((root / "intake" / "staging").iterdir()) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs standing in for a nearly full stick (needs root; skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small stick"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_is_caught_before_writing(small_disk: Path, tmp_path: Path, catalog: Catalog,
                                            office_keys: OfficeKeys) -> None:  # fmt: skip
    with _big_unit(tmp_path, catalog, office_keys, size=8 * 1024 * 1024) as unit:
        with pytest.raises(StateError, match="剩余空间不足") as caught:
            export_bundle(unit, small_disk)
        assert "请换一个更大的U盘" in str(caught.value)
        assert list(small_disk.iterdir()) == []
        assert ExportRepo(unit.database, unit.audit).last() is None


def test_disk_that_fills_during_the_write(small_disk: Path, tmp_path: Path, catalog: Catalog,
                                          office_keys: OfficeKeys) -> None:  # fmt: skip
    with _big_unit(tmp_path, catalog, office_keys, size=8 * 1024 * 1024) as unit:
        with pytest.raises(StateError, match="空间不足") as caught:
            export_bundle(unit, small_disk, free_space=lambda path: 10**12)  # the check is fooled
        assert "导出序号未变" in str(caught.value)
        assert list(small_disk.iterdir()) == []
        assert ExportRepo(unit.database, unit.audit).last() is None
