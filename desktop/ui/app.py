"""`planprogress` without a command: the desktop application.

    run(argv) -> exit code
The home comes from --home, PLANPROGRESS_HOME or the platform's user data folder, as for the CLI.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontInfo, QFontMetrics, QIcon
from PySide6.QtWidgets import QApplication

from desktop import logs, paths
from desktop.store import Home
from desktop.ui.crash import make_excepthook
from desktop.ui.fonts import install_cjk_font
from desktop.ui.i18n import chosen_language, install_translations
from desktop.ui.qt_workarounds import guard_true_refcount
from desktop.ui.startup import (
    EXIT_LOCKED,
    EXIT_OK,
    HomeLock,
    Prepared,
    open_home,
    prepare_window,
    refuse_second_instance,
    sign_in,
)
from desktop.ui.startup_gc import mark_app_process
from desktop.ui.startup_gc import wake as wake_collector


def parse_options(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="planprogress", add_help=False)
    parser.add_argument("--home")
    parser.add_argument("--lang")
    options, _rest = parser.parse_known_args(list(argv))
    options.home = Path(options.home).expanduser() if options.home else paths.default_home()
    return options


def prepare_application(argv: Sequence[str], language: str, *, font: bool = True) -> QApplication:
    """The one QApplication (reused if one exists, as under pytest-qt), with font and translations.
    `font=False`: the CJK font is registered later, by desktop.ui.fonts.ensure_cjk_font (the window's start-up)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional screen scaling (Windows at 150 %) is passed through unrounded: Qt 6's default.
        app = QApplication([sys.argv[0] if sys.argv else "planprogress", *argv])
    mark_app_process()
    QCoreApplication.setApplicationName("planprogress")
    QCoreApplication.setOrganizationName("planprogress")
    if not getattr(app, "_planprogress_true_guard", None):
        app._planprogress_true_guard = guard_true_refcount(app) or True  # type: ignore[attr-defined]
    if font:
        install_cjk_font(app)
    if not getattr(app, "_planprogress_translators", None):
        app._planprogress_translators = install_translations(app, language)  # type: ignore[attr-defined]
    icon = paths.resources_dir() / "icons" / "planprogress.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    _smoke_exit_hook(app)
    return app


def run(argv: Sequence[str]) -> int:
    options = parse_options(argv)
    app = prepare_application(argv, chosen_language(options.lang), font=False)  # startup.py registers it
    root: Path = options.home
    existed = root.exists()
    home = Home(root)
    logs.configure(home.logs, home.log_ready, "window")  # written once the home exists (after set-up, if any)
    sys.excepthook = make_excepthook()
    lock = HomeLock(root)
    if not lock.acquire():
        refuse_second_instance(root)
        return EXIT_LOCKED
    try:
        return _session_loop(app, root, lock)
    finally:
        wake_collector()
        lock.release()
        if not existed:  # set-up was cancelled: do not leave the empty folder made for the lock behind
            with contextlib.suppress(OSError):
                root.rmdir()


def _session_loop(app: QApplication, root: Path, lock: HomeLock) -> int:
    """Open, sign in, work; sign out or a restore comes back here instead of quitting."""
    while True:
        opened = open_home(root, lock)
        if opened.store is None:
            return opened.exit_code
        store = opened.store
        prepared: Prepared | None = None
        if opened.user is not None:
            user = opened.user
        else:
            signed_in = sign_in(store)
            if signed_in is None:
                store.close()
                return EXIT_OK
            user, prepared = signed_in
        if prepared is None:
            prepared = prepare_window(store, user)
        prepared.session.user = user  # as the password check read it (failed-login count cleared)
        window = prepared.window
        if window is None:
            store.close()
            return 1
        window.show()
        app.exec()
        outcome = window.outcome
        window.deleteLater()
        if outcome == "restore":
            lock.reacquire()
        else:
            store.close()
        if outcome not in ("logout", "restore"):
            return EXIT_OK


# --- packaging smoke hook (tests/packaging/test_frozen.py, docs/packaging.md) ------------------------------------
def _smoke_exit_hook(app: QApplication) -> None:
    """PLANPROGRESS_SMOKE_EXIT_MS=N: N ms after a window is up, print one line saying what it shows (class, title,
    font, whether that font has Chinese glyphs), save it to PLANPROGRESS_SMOKE_SHOT if set, and quit: proves an
    installed or frozen build starts its GUI, with nobody watching the screen. With PLANPROGRESS_SMOKE_SIGN_IN_FILE
    it first signs in through the real dialog (the password is checked as always), so the main window is shown."""
    delay = os.environ.get("PLANPROGRESS_SMOKE_EXIT_MS", "")
    if not delay.isdigit():
        return

    sign_in_file = os.environ.get("PLANPROGRESS_SMOKE_SIGN_IN_FILE", "")
    attempts = [0]

    def report() -> None:
        window = next((w for w in app.topLevelWidgets() if w.isVisible()), None)
        if window is None:  # nothing shown yet: look again later
            QTimer.singleShot(int(delay), report)
            return
        if sign_in_file and type(window).__name__ == "SignInDialog" and attempts[0] < 50:
            # the file holds "name\npassword": sign in as a person would, to reach the main window
            if attempts[0] == 0:
                name, password = Path(sign_in_file).read_text(encoding="utf-8").splitlines()[:2]
                window.name.setText(name)  # type: ignore[attr-defined]
                window.password.setText(password)  # type: ignore[attr-defined]
                window.attempt()  # type: ignore[attr-defined]
            attempts[0] += 1
            QTimer.singleShot(int(delay), report)
            return
        if shot := os.environ.get("PLANPROGRESS_SMOKE_SHOT"):
            window.grab().save(shot)
        font = window.font()
        cjk = all(QFontMetrics(font).inFontUcs4(ord(c)) for c in "规划进度填报")
        family = QFontInfo(font).family().replace(" ", "_")
        if sys.stdout is not None:  # a Windows GUI program may have no stdout
            print(f"planprogress-smoke: window={type(window).__name__} font={family} cjk={cjk}", flush=True)
        QCoreApplication.exit(0)  # also ends a dialog's own exec() loop

    QTimer.singleShot(int(delay), report)
