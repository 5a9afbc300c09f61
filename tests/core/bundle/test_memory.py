"""Memory stays flat however large the evidence: the peak RSS of an export, and of an import's streaming part,
hardly moves between a small and a seven-times larger bundle. The 2 GiB check (peak <= 150 MiB) is slow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.store import Store
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, OfficeKeys, enroll, make_office, make_unit
from tests.core.conftest import REPO

pytestmark = pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc peak-RSS marks")

# Runs a service call in a fresh process, after resetting the kernel's peak-RSS mark, and prints the peak (KiB).
HARNESS = """
import sys
from pathlib import Path
from desktop.services import keys
from desktop.services import office_keys
from desktop.services.bundle.export import export_bundle
from desktop.services.office.intake import Intake
from desktop.store import Store
what, home, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with Store.open(home, "memory") as store:
    if what == "import":
        identity = office_keys.load_office_identity(store.home, sys.argv[4])
    Path("/proc/self/clear_refs").write_text("5")
    if what == "export":
        export_bundle(store, target)
    else:
        [result] = Intake(store, identity).run([target])
        assert result.ok, result.message
print([l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")][0].split()[1])
"""


def _peak(*args: str) -> int:
    proc = subprocess.run([sys.executable, "-c", HARNESS, *args], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.strip()) // 1024


def _unit_with(root: Path, catalog: Catalog, office_keys: OfficeKeys, mib: int) -> Path:
    with make_unit(root, catalog, "GD-M01", office_keys.folder / "office.pub") as unit:
        source = root.parent / f"{root.name}.bin"
        with open(source, "wb") as handle:
            for _ in range(mib // 8):
                handle.write(os.urandom(8 * 1024 * 1024))
        unit.evidence.add(unit.plan.tasks()[0].id, source)
        source.unlink()
        return unit.home.root


def _peaks(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys, mib: int) -> tuple[int, int]:
    unit = _unit_with(tmp_path / f"unit-{mib}", catalog, office_keys, mib)
    stick = tmp_path / f"stick-{mib}"
    stick.mkdir()
    export_peak = _peak("export", str(unit), str(stick))
    with make_office(tmp_path / f"office-{mib}", catalog, office_keys) as office, Store.open(unit, "m") as opened:
        enroll(office, opened)
        office_root = office.home.root
    bundle = next(stick.glob("PB-*"))
    import_peak = _peak("import", str(office_root), str(bundle), OFFICE_PASSPHRASE)
    return export_peak, import_peak


def test_peak_memory_does_not_grow_with_the_evidence(tmp_path: Path, catalog: Catalog,
                                                     office_keys: OfficeKeys) -> None:  # fmt: skip
    small = _peaks(tmp_path, catalog, office_keys, 16)
    large = _peaks(tmp_path, catalog, office_keys, 112)
    assert large[0] - small[0] < 24, (small, large)  # export: 96 MiB more evidence, not 96 MiB more memory
    assert large[1] - small[1] < 24, (small, large)  # import, after the key is unlocked


@pytest.mark.slow
def test_two_gib_of_evidence_within_150_mib(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> None:
    export_peak, import_peak = _peaks(tmp_path, catalog, office_keys, 2048)
    assert export_peak <= 150 and import_peak <= 150, (export_peak, import_peak)
