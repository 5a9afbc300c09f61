from __future__ import annotations

from pathlib import Path

from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, make_office, make_unit


def test_smoke(tmp_path: Path, catalog, gm_office_keys: OfficeKeys) -> None:
    office = make_office(tmp_path / "office", catalog, gm_office_keys)
    unit = make_unit(tmp_path / "unit", catalog, "GD-G01", gm_office_keys.folder / "office.pub")
    enroll(office, unit)
    add_work(unit, tmp_path)
    result = export(unit, tmp_path / "stick", part_size=64 * 1024)
    print(sorted(p.name for p in result.path.iterdir()))
    print((result.path / "bundle.json").read_text())
    print((result.path / "SM3SUMS").read_text())
    accept(office, gm_office_keys.identity, result.path)
