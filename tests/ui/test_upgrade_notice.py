"""A home written by an older program: its database is stepped up in a worker behind a note that says so (a large
office's upgrade takes seconds, and a window that stays away that long looks like a failed start)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QProgressDialog

from desktop.domain.catalog import Catalog
from desktop.store import Store
from desktop.store.db import Clock, utc_now
from desktop.ui.startup import HomeLock, open_home
from tests.core.test_migrations import make_v1_home

from .conftest import when_modal


def test_an_older_database_is_upgraded_behind_a_note(qtbot, tmp_path: Path, catalog: Catalog, monkeypatch) -> None:
    root = tmp_path / "旧版 数据"
    make_v1_home(root, catalog)
    assert Store.needs_upgrade(root)
    shown = threading.Event()
    opened_in: list[bool] = []
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def gated_open(cls: type[Store], home: Path, actor: str, clock: Clock = utc_now) -> Store:
        worker = threading.current_thread() is not threading.main_thread()
        opened_in.append(worker)
        if worker:
            assert shown.wait(10), "the note never appeared while the upgrade ran"
        return real_open(cls, home, actor, clock)  # type: ignore[no-any-return]

    monkeypatch.setattr(Store, "open", classmethod(gated_open))
    texts: list[str] = []
    when_modal(lambda note: (texts.append(note.labelText()), shown.set()), QProgressDialog)
    lock = HomeLock(root)
    assert lock.acquire()
    try:
        store = open_home(root, lock).store
        assert store is not None
        store.close()
    finally:
        lock.release()
    assert "正在升级数据库" in texts[0] and "已自动备份" in texts[0]
    assert opened_in == [True, False]  # stepped up in the worker; then opened, already current, for the window
    assert not Store.needs_upgrade(root)
    assert list((root / "backups").glob("before-migrate-v1-*.sqlite"))


def test_a_current_database_opens_without_a_note(tmp_path: Path, catalog: Catalog) -> None:
    with Store.create(tmp_path / "新", "admin", "unit", catalog):
        pass
    assert not Store.needs_upgrade(tmp_path / "新")
    assert not Store.needs_upgrade(tmp_path / "没有")
