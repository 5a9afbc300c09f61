"""A unit restored from a backup older than its last bundle: `restore` says the office must allow a resync and
the unit must send a full bundle, and following those steps is exactly what gets its bundles accepted again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.services.backup import create_backup
from desktop.services.bundle.format import Outcome
from desktop.services.office import registry
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, intake
from tests.core.conftest import CliResult

Cli = Callable[..., CliResult]


def test_restore_behind_the_last_export_says_resync_and_full_bundle(
    office: Store, unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys, cli: Cli
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path, "一")
    accept(office, office_keys.identity, export(unit, stick / "1").path)
    backup = create_backup(unit, tmp_path / "备份 周一.tar").path
    add_work(unit, tmp_path, "二")
    accept(office, office_keys.identity, export(unit, stick / "2").path)  # the office has bundle 2
    root = unit.home.root
    unit.close()

    result = cli("restore", str(backup), "--replace", home_dir=root)
    assert result.code == 0, result.err
    first, advice = result.out.strip().splitlines()
    assert first.startswith(f"已从备份恢复到 {root}；原数据已移到 ")
    assert advice.startswith(
        "注意：恢复的数据比上次导出的旧：恢复前本机已导出到第 2 号数据包，恢复后的数据只记到第 1 号。"
    )
    assert "① 请省局执行 planprogress province resync GD-T01 --reason 单位从备份恢复" in advice
    assert "② 省局允许后，本单位导出一个完整数据包（planprogress export --full" in advice

    again = cli("--json", "restore", str(backup), "--replace", home_dir=root).json()  # now level with the backup
    assert (again["last_seq_before"], again["last_seq_restored"], again["resync_advice"]) == (1, 1, None)

    with Store.open(root, "填报员") as restored:  # what the advice prevents, then what it prescribes
        add_work(restored, tmp_path, "三")
        [replayed] = intake(office, office_keys.identity, export(restored, stick / "3").path)
        assert replayed.outcome is Outcome.REPLAY
        registry.allow_resync(office, "GD-T01", "单位从备份恢复")
        [full] = accept(office, office_keys.identity, export(restored, stick / "4", full=True).path)
        assert full.resync
        add_work(restored, tmp_path, "四")
        accept(office, office_keys.identity, export(restored, stick / "5").path)  # and then as usual
