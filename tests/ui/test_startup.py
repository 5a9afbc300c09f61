"""Start-up guards: one instance per home, a damaged database offers a restore and never overwrites."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.backup import create_backup
from desktop.store import Home, Store
from desktop.ui.app import run
from desktop.ui.dialogs.damaged import DamagedHomeDialog
from desktop.ui.dialogs.sign_in import SignInDialog
from desktop.ui.startup import EXIT_DAMAGED, EXIT_LOCKED, EXIT_OK, HomeLock

from .conftest import when_modal


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_second_instance_is_refused_clearly(store: Store, home: Path) -> None:
    store.close()
    first = HomeLock(home)
    assert first.acquire()
    before = _digest(Home(home).database)
    seen: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    when_modal(read_and_close, QMessageBox)
    try:
        assert run(["--home", str(home)]) == EXIT_LOCKED
    finally:
        first.release()
    assert "已经打开了这个数据目录" in seen[0] and str(home) in seen[0]
    assert _digest(Home(home).database) == before  # nothing touched
    second = HomeLock(home)  # once the first instance is gone, the home opens again
    assert second.acquire()
    second.release()


def _corrupt(database: Path) -> bytes:
    data = bytearray(database.read_bytes())
    data[:100] = b"this is not a database " * 4 + b"!" * 8
    database.write_bytes(bytes(data))
    return bytes(data)


def test_damaged_database_offers_restore_and_keeps_the_old_folder(store: Store, home: Path, tmp_path: Path) -> None:
    backup = create_backup(store, tmp_path / "backup.tar").path
    store.close()
    damaged = _corrupt(Home(home).database)
    offered: list[str] = []

    def restore_from_backup(dialog: QWidget) -> None:
        assert isinstance(dialog, DamagedHomeDialog)
        offered.append(dialog.explain.text())
        when_modal(lambda sign_in: (offered.append("sign-in"), sign_in.reject()), SignInDialog)
        assert dialog.restore(backup)

    when_modal(restore_from_backup, DamagedHomeDialog)
    assert run(["--home", str(home)]) == EXIT_OK
    assert "没有改动任何文件" in offered[0] and str(home) in offered[0]
    assert offered[1] == "sign-in"  # after the restore the app went on to sign-in
    kept = [p for p in home.parent.iterdir() if p.name.startswith(home.name + ".before-restore-")]
    assert len(kept) == 1 and Home(kept[0]).database.read_bytes() == damaged  # never overwritten
    with Store.open(home, "test") as restored:
        assert restored.unit().name == "广州监狱"


def test_damaged_database_quit_leaves_it_untouched(store: Store, home: Path) -> None:
    store.close()
    damaged = _corrupt(Home(home).database)
    when_modal(lambda dialog: dialog.reject())
    assert run(["--home", str(home)]) == EXIT_DAMAGED
    assert Home(home).database.read_bytes() == damaged


def test_foreign_folder_is_not_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "文档"
    folder.mkdir()
    (folder / "工作.docx").write_bytes(b"not ours")
    texts: list[str] = []
    when_modal(lambda box: (texts.append(box.text()), box.accept()), QMessageBox)
    assert run(["--home", str(folder)]) == EXIT_DAMAGED
    assert "没有 planprogress 数据库" in texts[0]
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("planprogress.lock")) == ["工作.docx"]


def test_cancelled_set_up_leaves_nothing_behind(tmp_path: Path) -> None:
    from desktop.ui.dialogs.setup_wizard import SetupWizard

    root = tmp_path / "新 单位"
    when_modal(lambda wizard: wizard.reject(), SetupWizard)
    assert run(["--home", str(root)]) == EXIT_OK
    assert not root.exists()
