"""Start-up steps, each usable on its own (the app, tests and the start-up benchmark share them):
one instance per home, open or set up the home, recover from a damaged database, sign in, build the window."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import msgspec
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QWidget

from desktop import paths
from desktop.domain.catalog import DEFAULT_CATALOG_ID, Catalog, available_catalogs
from desktop.domain.errors import PlanProgressError, StoreError
from desktop.domain.model import User
from desktop.services import operations as ops
from desktop.store import DatabaseFault, Home, Store
from desktop.store.users import check_password, load_scrypt
from desktop.ui.background import start_in_background, wait_for
from desktop.ui.fonts import ensure_cjk_font
from desktop.ui.i18n import tr
from desktop.ui.modes import ModeMissingError, install_mode
from desktop.ui.startup_gc import rest_while_building
from desktop.ui.startup_gc import wake as wake_collector

if TYPE_CHECKING:  # imported in prepare_window, while the password check runs in its worker
    from desktop.ui.main_window import MainWindow
    from desktop.ui.session import Session

P = TypeVar("P")

EXIT_OK = 0
EXIT_LOCKED = 3
EXIT_DAMAGED = 6

log = logging.getLogger(__name__)


class HomeLock:
    """A QLockFile in the home: a second window on the same data folder is refused, not raced.

    A lock left by a crashed process is taken over (Qt checks that its PID is gone); a live one never
    goes stale however long the app runs (stale time 0).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock: QLockFile | None = None

    def acquire(self) -> bool:
        self.root.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(Home(self.root).lock_file))
        lock.setStaleLockTime(0)
        if not lock.tryLock(100):
            return False
        self._lock = lock
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def reacquire(self) -> bool:
        """After a restore replaced the folder (the old lock file moved away with it)."""
        self.release()
        return self.acquire()


def refuse_second_instance(root: Path, parent: QWidget | None = None) -> None:
    """Say it in a box, and on stderr for whoever started the program from a terminal or a script."""
    from PySide6.QtWidgets import QMessageBox  # dialogs of the rare paths load when needed: start-up stays short

    ensure_cjk_font()
    wake_collector()  # the box waits for the user
    message = tr(
        "planprogress 已经打开了这个数据目录：\n{root}\n\n同一数据目录只能打开一个窗口，以免数据冲突。"
        "请切换到已打开的窗口（可能在任务栏里）。"
    ).format(root=root)
    if sys.stderr is not None:  # a Windows GUI program may have no stderr
        print(tr("错误：") + message.replace("\n\n", " ").replace("\n", ""), file=sys.stderr, flush=True)
    QMessageBox.critical(parent, tr("程序已在运行"), message)


def default_catalog() -> Catalog:
    catalogs = [c for c in available_catalogs(paths.catalogs_dir()) if c.id == DEFAULT_CATALOG_ID]
    if not catalogs:
        raise StoreError(tr("找不到规划目录 {id}：安装不完整，请重新安装本程序。").format(id=DEFAULT_CATALOG_ID))
    return catalogs[-1]


class Opened(msgspec.Struct):
    store: Store | None
    user: User | None = None  # set when set-up just made the administrator (no second sign-in)
    exit_code: int = EXIT_OK


def _is_fresh(root: Path) -> bool:
    """Nothing in the folder but our lock file: set-up may start here."""
    home = Home(root)
    return not root.exists() or all(
        p == home.lock_file or p.name.startswith(home.lock_file.name) for p in root.iterdir()
    )


def _try_open(root: Path) -> Store:
    store = Store.open(root, "planprogress")
    try:
        store.unit()
        store.users.find()  # reads beyond the header: a damaged page shows up here, not mid-work
    except DatabaseFault as exc:
        store.close()
        raise StoreError(tr("数据库文件已损坏（{error}）。").format(error=exc)) from exc
    return store


def open_home(root: Path, lock: HomeLock, parent: QWidget | None = None) -> Opened:
    """Open the home; on an empty folder run set-up; on a damaged database offer a restore."""
    from PySide6.QtWidgets import QDialog, QMessageBox  # see refuse_second_instance

    if not Home(root).exists():
        ensure_cjk_font()
        wake_collector()  # a dialog waits for the user from here on
        if not _is_fresh(root):
            QMessageBox.critical(
                parent,
                tr("不是数据目录"),
                tr(
                    "文件夹 {root} 里已有其他文件，但没有 planprogress 数据库：请用 --home 选择正确的数据目录，"
                    "或选择一个空文件夹来新建。"
                ).format(root=root),
            )
            return Opened(None, exit_code=EXIT_DAMAGED)
        from desktop.ui.dialogs.setup_wizard import SetupWizard  # first run only: keys and crypto load here

        wizard = SetupWizard(root, default_catalog(), parent)
        wizard.exec()
        if wizard.store is None:
            return Opened(None)
        return Opened(wizard.store, wizard.store.users.get(wizard.admin_name))
    if Store.needs_upgrade(root):
        _upgrade_with_notice(root, parent)
    while True:
        try:
            return Opened(_try_open(root))
        except (PlanProgressError, DatabaseFault) as exc:
            from desktop.ui.dialogs.damaged import DamagedHomeDialog

            ensure_cjk_font()
            wake_collector()
            dialog = DamagedHomeDialog(root, str(exc), parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return Opened(None, exit_code=EXIT_DAMAGED)
            lock.reacquire()


def _upgrade_with_notice(root: Path, parent: QWidget | None) -> None:
    """Step an older database up in a worker while a note says what is happening: a large office's takes
    seconds, and a window that stays away that long looks like a program that failed to start. A refusal is
    left to the opening that follows, which meets it again and offers what to do."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    ensure_cjk_font()
    note = QProgressDialog(tr("正在升级数据库（只需一次，升级前已自动备份），请稍候…"), "", 0, 0, parent)
    note.setWindowTitle(tr("升级数据库"))
    note.setCancelButton(None)  # a migration is one transaction: stopping it half-way is not offered
    note.setWindowModality(Qt.WindowModality.ApplicationModal)
    note.setMinimumDuration(0)
    note.show()

    def upgrade(_progress: object, _cancelled: object) -> None:
        try:
            Store.open(root, "planprogress").close()
        except DatabaseFault as exc:  # a damaged file: reported by the opening that follows
            raise StoreError(str(exc)) from exc

    job = start_in_background(upgrade)
    try:
        wait_for(job)
    except PlanProgressError as exc:
        log.warning("upgrading the database of %s failed: %s", root, exc)
    finally:
        note.close()
        note.deleteLater()


def authenticate_overlapped(
    store: Store,
    name: str,
    password: str,
    prepare: Callable[[User], P] | None = None,
    discard: Callable[[P], None] | None = None,
) -> tuple[User, P | None]:
    """Check the password in a worker thread (scrypt releases the GIL, and takes about a tenth of a second)
    while `prepare` builds the main window, unseen, for the user the name claims. A failed check throws
    the window away and raises the store's message; the window is never shown before the check passes.

    The worker only hashes: the stored hash is read before it starts and the outcome is recorded (failure count,
    lockout, audit) on this thread's connection afterwards, so the check starts at once and holds no lock."""
    encoded = store.users.sign_in_hash(name)  # an unknown, disabled or locked account is refused right here
    load_scrypt()  # already loaded with desktop.ui; never imported inside the worker (see load_scrypt)

    def check(_progress: object, _cancelled: object) -> bool:
        return check_password(password, encoded)

    job = start_in_background(check, phase="sign-in")
    prepared: P | None = None
    claimed: User | None = None
    if prepare is not None:
        with contextlib.suppress(PlanProgressError):
            claimed = store.users.get(name)
        if claimed is not None and claimed.active:
            prepared = prepare(claimed)
    try:
        user = ops.record_sign_in(store, name, encoded, bool(wait_for(job))).value
    except PlanProgressError:
        if prepared is not None and discard is not None:
            discard(prepared)
        raise
    if prepared is not None and claimed is not None and claimed.role is not user.role:
        if discard is not None:
            discard(prepared)
        prepared = None
    return user, prepared


class Prepared(msgspec.Struct):
    session: Session
    window: MainWindow | None


def prepare_window(store: Store, user: User) -> Prepared:
    from desktop.ui.session import Session  # loaded here so the import overlaps the password check

    rest_while_building()
    ensure_cjk_font()  # after sign-in: the font is registered beside the password check
    session = Session(store, user)
    return Prepared(session, build_main_window(session))


def discard_window(prepared: Prepared) -> None:
    wake_collector()
    if prepared.window is not None:
        prepared.window.deleteLater()
    prepared.session.deleteLater()


def sign_in(store: Store, parent: QWidget | None = None) -> tuple[User, Prepared | None] | None:
    """The sign-in dialog; the main window is built while the password is checked."""
    from PySide6.QtWidgets import QDialog

    from desktop.ui.dialogs.sign_in import SignInDialog

    ensure_cjk_font()
    dialog = SignInDialog(store, parent, prepare=lambda user: prepare_window(store, user), discard=discard_window)
    wake_collector()  # the dialog waits for the user
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    return dialog.user, dialog.prepared


def build_main_window(session: Session) -> MainWindow | None:
    """The main window with the home's mode installed, or None (after saying why) for a mode this build lacks."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(session)
    try:
        install_mode(session.store.kind, window, session)
    except ModeMissingError:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None,
            tr("无法打开"),
            tr("这个数据目录的类型（{kind}）在本版本中还不能打开：请安装完整版本。").format(kind=session.store.kind),
        )
        window.deleteLater()
        return None
    return window
