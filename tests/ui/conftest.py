"""Fixtures for GUI tests: real widgets (offscreen), a real unit home in tmp_path, signed-in sessions."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop import paths
from desktop.domain.catalog import Catalog, load_catalog
from desktop.domain.status import Role
from desktop.store import Store
from desktop.ui.session import Session

PASSWORD = "secret-123"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _qt_app(qapp: QApplication) -> Iterator[QApplication]:
    """Every UI test gets the one QApplication (pytest-qt's), even tests that only build models, and file
    dialogs that start where a person would, not in the folder an earlier test chose last."""
    from desktop.ui import file_dialogs

    file_dialogs.forget()
    yield qapp
    file_dialogs.forget()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "单位 数据"


@pytest.fixture
def store(home: Path, catalog: Catalog) -> Iterator[Store]:
    with Store.create(home, "admin", "unit", catalog) as s:
        s.set_unit("GD-GZ01", "广州监狱")
        s.users.add("admin", Role.ADMIN, PASSWORD, "管理员甲")
        s.users.add("clerk", Role.CLERK, PASSWORD, "填报员乙")
        s.users.add("reviewer", Role.REVIEWER, PASSWORD, "审核员丙")
        yield s


def make_session(store: Store, name: str) -> Session:
    return Session(store, store.users.get(name), today=lambda: TODAY)


@pytest.fixture
def clerk(store: Store) -> Session:
    return make_session(store, "clerk")


@pytest.fixture
def reviewer(store: Store) -> Session:
    return make_session(store, "reviewer")


def when_modal(action: Callable[[Any], object], kind: type = QWidget, timeout_ms: int = 10000) -> None:
    """Run `action(dialog)` on the next modal dialog of type `kind` (dialogs block in exec())."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            action(dialog)
            return
        waited += 20
        if waited < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def write_png(path: Path, color: str = "#2e7d32") -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


def write_pdf(path: Path, text: str = "Progress report") -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.drawString(72, 720, "page 2")
    pdf.save()
    return path


def bulk_evidence(database: Path, item_id: int, count: int) -> None:
    """Insert `count` evidence rows sharing one blob with one executemany (a fixture, not program code)."""
    sha = "ab" * 32
    stamp = "2026-11-01T00:00:00Z"
    conn = sqlite3.connect(str(database))
    try:
        with conn:
            conn.execute(
                "INSERT OR IGNORE INTO evidence_blob (sha256, size, stored_at) VALUES (?, 1024, ?)",
                (sha, stamp),
            )
            conn.executemany(
                "INSERT INTO evidence (uid, item_id, sha256, title, category, original_name, size, media_type, "
                "added_by, added_at) VALUES (?, ?, ?, ?, '照片', ?, 1024, 'image/jpeg', 'clerk', ?)",
                ((str(uuid.uuid4()), item_id, sha, f"现场照片 {i}", f"照片 {i}.jpg", stamp) for i in range(count)),
            )
    finally:
        conn.close()


@pytest.fixture(scope="session")
def office_pub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only the office's public key is needed at a unit (made the way the office makes it, once per run)."""
    from .bundle_support import OFFICE_PASSPHRASE, planprogress

    made = planprogress(tmp_path_factory.mktemp("office") / "省局", "province", "init", passphrase=OFFICE_PASSPHRASE)
    assert made.code == 0, made.err
    return Path(made.lines()[-1]["public_key_path"])
