"""The export wizard on a real unit home: real keys, the real CLI as a child process, real folders."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.domain.status import Status
from desktop.services.bundle.preview import earlier_bundles, preview_export
from desktop.store import Store
from desktop.store.exports import ExportRepo
from desktop.ui.export.columns import bundle_columns, fate_columns, period_fates
from desktop.ui.export.targets import Target, describe, parse_mounts, removable_mounts, target_columns
from desktop.ui.export.wizard import CONTENT, RESULT, RUN, TARGET, ExportWizard
from desktop.ui.models.table import RowTableModel
from desktop.ui.session import Session

from .bundle_support import bundles_in, give_unit_keys, planprogress
from .conftest import make_session, write_png

MiB = 1024 * 1024


@pytest.fixture
def unit(store: Store, office_pub: Path, tmp_path: Path) -> Store:
    """A unit with a measure, progress in 2026-Q4 and a photo as evidence; keys in place."""
    give_unit_keys(store, office_pub)
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育", department="政治处", person="张三")
    store.milestones.add(measure.id, "完成第一轮专题教育", dt.date(2026, 12, 20))
    store.progress.record(measure.id, "2026-Q3", Status.IN_PROGRESS, 30, "开展一次")
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 60, "已开展两次")
    store.evidence.add(measure.id, write_png(tmp_path / "现场 照片.png"))
    return store


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "U盘 KINGSTON"
    folder.mkdir()
    return folder


def _wizard(qtbot, session: Session, stick: Path, **kwargs) -> ExportWizard:
    drives = kwargs.pop("drives", None)
    targets = (lambda: drives) if drives is not None else (lambda: [describe(stick, "KINGSTON")])
    wizard = ExportWizard(session, targets=targets, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    content = wizard.content
    qtbot.waitUntil(lambda: content.preview is not None or content.problems.kind == "error", timeout=15000)
    return wizard


def _run_to_the_end(qtbot, wizard: ExportWizard) -> None:
    assert wizard.currentId() == CONTENT
    wizard.next()
    assert wizard.currentId() == TARGET
    assert wizard.target_page.isComplete(), wizard.target_page.messages.text()
    wizard.next()
    assert wizard.currentId() == RUN
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)
    assert wizard.run_page.state == "done", wizard.run_page.error


def test_export_through_the_wizard_makes_a_bundle_that_verify_accepts(qtbot, unit: Store, stick: Path) -> None:
    session = make_session(unit, "admin")
    wizard = _wizard(qtbot, session, stick)
    preview = wizard.content.preview
    assert preview is not None and preview.seq == 1 and preview.kind == "full" and preview.evidence == 1
    # a reviewer exists, nothing is approved: both periods' progress stays home, and the wizard says so
    assert preview.review_in_use and preview.held_periods == ("2026-Q3", "2026-Q4")
    assert "2026年第三季度、2026年第四季度" in wizard.content.estimate.text()
    assert [f.travels for f in wizard.content.fates.rows()] == [False, False]
    assert not wizard.content.full.isEnabled() and not wizard.content.resend.isEnabled()  # first export

    _run_to_the_end(qtbot, wizard)
    assert wizard.currentId() == RESULT
    assert wizard.run_page.phases_seen[-1] == "verify" and "encrypt" in wizard.run_page.phases_seen
    [bundle] = bundles_in(stick)
    assert bundle.name == "PB-GD-GZ01-000001"
    page = wizard.result_page
    assert page.path.text() == str(bundle) and page.seq.text() == "1"
    assert "校验通过" in page.check.text()
    assert "2026年第三季度、2026年第四季度" in page.held.text()
    # the bundle on the stick stands on its own: the CLI's verify accepts it
    checked = planprogress(unit.home.root, "verify", str(bundle))
    assert checked.code == 0, checked.err
    assert checked.result()["ok"] is True and checked.result()["seq"] == 1
    assert ExportRepo(unit.database, unit.audit).last().seq == 1


def test_earlier_bundle_written_again_for_a_lost_stick(qtbot, unit: Store, stick: Path, tmp_path: Path) -> None:
    first = planprogress(unit.home.root, "export", "--out", str(stick))
    assert first.code == 0, first.err
    second_stick = tmp_path / "另一个U盘"
    second_stick.mkdir()
    session = make_session(unit, "admin")
    wizard = _wizard(qtbot, session, second_stick)
    assert wizard.content.full.isEnabled() and wizard.content.resend.isEnabled()
    assert [b.seq for b in earlier_bundles(unit)] == [1]
    wizard.content.resend.setChecked(True)
    qtbot.waitUntil(lambda: wizard.content.preview is not None and wizard.content.preview.resend, timeout=15000)
    assert wizard.chosen() == (False, 1)
    _run_to_the_end(qtbot, wizard)
    [again] = bundles_in(second_stick)
    assert again.name == "PB-GD-GZ01-000001"
    assert (again / "bundle.json").read_bytes()[:200] == (stick / again.name / "bundle.json").read_bytes()[:200]
    assert "重新写出" in wizard.result_page.kind.text()
    assert ExportRepo(unit.database, unit.audit).last().seq == 1  # a resend does not advance the seq


def test_cancel_leaves_no_bundle_and_the_seq_unchanged(qtbot, unit: Store, stick: Path, tmp_path: Path) -> None:
    big = tmp_path / "监控录像 导出.bin"
    with open(big, "wb") as handle:
        handle.truncate(400 * MiB)
    unit.evidence.add(unit.plan.tasks()[0].id, big)
    session = make_session(unit, "admin")
    wizard = _wizard(qtbot, session, stick)
    wizard.next()
    wizard.next()  # starts the CLI
    job = wizard.run_page.job
    assert job is not None
    job.progress.connect(lambda phase, done, total: wizard.run_page.cancel() if done < total else None)
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)
    assert wizard.run_page.state == "cancelled"
    assert "已取消" in wizard.run_page.messages.text()
    assert bundles_in(stick) == []
    assert list(stick.iterdir()) == []  # not even the hidden temporary folder stays
    assert ExportRepo(unit.database, unit.audit).last() is None
    assert wizard.currentId() == RUN and not wizard.run_page.isComplete()


def test_short_free_space_is_refused_before_anything_is_written(qtbot, unit: Store, stick: Path) -> None:
    wizard = _wizard(qtbot, make_session(unit, "admin"), stick, free_space=lambda _path: 2048)
    wizard.next()
    assert wizard.currentId() == TARGET
    assert not wizard.target_page.isComplete()
    assert "剩余空间不足" in wizard.target_page.messages.text() and "2.0 KB" in wizard.target_page.messages.text()
    wizard.next()
    assert wizard.currentId() == TARGET and bundles_in(stick) == []


def test_an_old_bundle_chosen_as_the_folder_is_refused(qtbot, unit: Store, stick: Path, monkeypatch) -> None:
    old = stick / "PB-GD-T01-000001"
    old.mkdir()
    (old / "bundle.json").write_text("{}", encoding="utf-8")
    wizard = _wizard(qtbot, make_session(unit, "admin"), stick)
    wizard.next()
    assert wizard.currentId() == TARGET and wizard.target_page.isComplete()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(old))  # the clerk picks the old one
    wizard.target_page.browse()
    said = wizard.target_page.messages.text()
    assert said.startswith(f"{old} 是一个数据包文件夹：请选择U盘或其中的普通文件夹（不要选已有的 PB-… 数据包）。")
    assert not wizard.target_page.isComplete()
    wizard.next()
    assert wizard.currentId() == TARGET and sorted(p.name for p in old.iterdir()) == ["bundle.json"]
    assert ExportRepo(unit.database, unit.audit).last() is None
    wizard.target_page.choose(stick)  # the stick itself is fine
    assert wizard.target_page.isComplete()


def test_cli_error_line_is_shown_and_nothing_is_lost(qtbot, unit: Store, stick: Path) -> None:
    (stick / "PB-GD-GZ01-000001").mkdir()  # an earlier bundle of the same name sits on the stick
    wizard = _wizard(qtbot, make_session(unit, "admin"), stick)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=60000)
    assert wizard.run_page.state == "failed"
    assert "已有 PB-GD-GZ01-000001" in wizard.run_page.error
    shown = wizard.run_page.messages.text()  # said once, on the page: no box repeating it
    assert "已有 PB-GD-GZ01-000001" in shown and "本机数据没有任何改动" in shown
    assert wizard.run_page.messages.kind == "error"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert wizard.run_page.bar.value() == 0 and wizard.run_page.amount.text() == ""
    assert ExportRepo(unit.database, unit.audit).last() is None
    # moved away, retried: the export goes through
    shutil.rmtree(stick / "PB-GD-GZ01-000001")
    wizard.run_page.retry_button.click()
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=60000)
    assert wizard.run_page.state == "done" and wizard.currentId() == RESULT


def test_stick_pulled_during_export(qtbot, unit: Store, stick: Path, tmp_path: Path) -> None:
    big = tmp_path / "大文件.bin"
    with open(big, "wb") as handle:
        handle.truncate(400 * MiB)
    unit.evidence.add(unit.plan.tasks()[0].id, big)
    wizard = _wizard(qtbot, make_session(unit, "admin"), stick)
    wizard.next()
    wizard.next()
    pulled: list[bool] = []

    def pull(_phase: str, done: int, total: int) -> None:
        if not pulled and done < total:
            pulled.append(True)
            shutil.rmtree(stick)  # the stick's folder vanishes under the writer

    wizard.run_page.job.progress.connect(pull)
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)
    assert pulled and wizard.run_page.state == "failed"
    assert "拔出" in wizard.run_page.error or "不存在" in wizard.run_page.error, wizard.run_page.error
    assert "No such file" not in wizard.run_page.error and "Errno" not in wizard.run_page.error
    assert wizard.run_page.bar.value() == 0 and wizard.run_page.amount.text() == ""  # no "85 %" beside a full amount
    assert wizard.run_page.messages.text().count(wizard.run_page.error) == 1
    assert ExportRepo(unit.database, unit.audit).last() is None


def test_protected_signing_key_asks_for_its_passphrase(qtbot, store: Store, office_pub: Path, stick: Path) -> None:
    give_unit_keys(store, office_pub, passphrase="签名口令 123")
    wizard = _wizard(qtbot, make_session(store, "admin"), stick)
    wizard.next()
    page = wizard.target_page
    assert page.passphrase_edit.isVisibleTo(wizard) and not page.isComplete()
    page.passphrase_edit.setText("wrong passphrase")
    assert page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=60000)
    assert wizard.run_page.state == "failed" and "口令不正确" in wizard.run_page.error
    again = wizard.run_page.passphrase_edit  # asked again where the clerk is: the target page is behind
    assert again.isVisibleTo(wizard) and again.text() == ""
    again.setText("签名口令 123")
    wizard.run_page.retry_button.click()
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=60000)
    assert wizard.run_page.state == "done", wizard.run_page.error
    assert bundles_in(stick)[0].name == "PB-GD-GZ01-000001"


def test_missing_office_key_stops_at_the_first_page(qtbot, store: Store, stick: Path) -> None:
    wizard = _wizard(qtbot, make_session(store, "admin"), stick)
    assert wizard.content.problems.kind == "error"
    assert "省局公钥" in wizard.content.problems.text()
    assert not wizard.content.isComplete()


def test_removable_mounts_from_proc_mounts() -> None:
    text = (
        "/dev/vda / ext4 rw,relatime 0 0\n"
        "tmpfs /run tmpfs rw,nosuid 0 0\n"
        "/dev/sdb1 /media/clerk/KINGSTON\\040U vfat rw,nosuid,nodev 0 0\n"
        "/dev/sdc1 /run/media/clerk/数据盘 exfat rw 0 0\n"
        "/dev/sr0 /media/clerk/CDROM iso9660 ro 0 0\n"
        "/dev/sdd1 /mnt/backup ext4 rw 0 0\n"
        "/dev/sdd1 /mnt/backup ext4 rw 0 0\n"
        "tmpfs /mnt/sandbox tmpfs ro 0 0\n"
        "/dev/sde1 /home/clerk/usb vfat rw 0 0\n"
    )
    found = removable_mounts(parse_mounts(text))
    assert [m.path for m in found] == ["/media/clerk/KINGSTON U", "/run/media/clerk/数据盘", "/mnt/backup"]


def test_wizard_models_pass_the_model_tester(qtmodeltester, unit: Store, stick: Path) -> None:
    planprogress(unit.home.root, "export", "--out", str(stick))
    preview = preview_export(unit)
    for model in (
        RowTableModel(bundle_columns(), earlier_bundles(unit)),
        RowTableModel(fate_columns(True), period_fates(unit, True, preview.held_periods)),
        RowTableModel(target_columns(), [Target(stick, "KINGSTON", 5 * MiB, 8 * MiB)]),
    ):
        qtmodeltester.check(model)
        assert model.rowCount() >= 1


def test_full_bundle_after_a_delta(qtbot, unit: Store, stick: Path) -> None:
    assert planprogress(unit.home.root, "export", "--out", str(stick)).code == 0
    wizard = _wizard(qtbot, make_session(unit, "admin"), stick)
    wizard.content.full.setChecked(True)
    qtbot.waitUntil(lambda: wizard.content.preview is not None and wizard.content.preview.kind == "full", timeout=15000)
    assert wizard.content.preview.seq == 2
    _run_to_the_end(qtbot, wizard)
    assert [b.name for b in bundles_in(stick)] == ["PB-GD-GZ01-000001", "PB-GD-GZ01-000002"]
    assert wizard.result_page.kind.text() == "完整数据包"


@pytest.fixture
def small_stick(tmp_path: Path) -> Iterator[Path]:
    """A real 512 MiB file system (tmpfs) standing in for a stick; skipped where mounting is not allowed."""
    mount_point = tmp_path / "小U盘"
    mount_point.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux mount")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small file system here ({made.stderr.strip()})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_stick_that_fills_up_during_export(qtbot, unit: Store, small_stick: Path, tmp_path: Path) -> None:
    big = tmp_path / "录像.bin"
    with open(big, "wb") as handle:
        handle.truncate(400 * MiB)
    unit.evidence.add(unit.plan.tasks()[0].id, big)
    wizard = _wizard(qtbot, make_session(unit, "admin"), small_stick)
    wizard.next()
    assert wizard.target_page.isComplete()  # 512 MiB free: enough at the start
    wizard.next()
    filled: list[bool] = []

    def fill(phase: str, done: int, total: int) -> None:
        if not filled and phase == "encrypt" and done < total:  # something else takes the rest of the stick
            filled.append(True)
            chunk = bytes(4 * MiB)
            with open(small_stick / "别的文件.bin", "wb", buffering=0) as handle:
                try:
                    while True:
                        handle.write(chunk)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC

    wizard.run_page.job.progress.connect(fill)
    qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)
    assert filled and wizard.run_page.state == "failed"
    assert "空间不足" in wizard.run_page.error, wizard.run_page.error
    assert "空间不足" in wizard.run_page.messages.text()
    assert bundles_in(small_stick) == []
    assert [p.name for p in small_stick.iterdir()] == ["别的文件.bin"]  # the half-written bundle is gone
    assert ExportRepo(unit.database, unit.audit).last() is None
