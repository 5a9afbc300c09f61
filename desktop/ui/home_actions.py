"""Menu actions every home has, unit or office: backup, restore, users, settings, sign out, about.

Each is one small function over a service; long ones run off the GUI thread (dialogs.progress).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop.domain.errors import PlanProgressError
from desktop.ui import file_dialogs
from desktop.ui.diagnostics import install as install_diagnostics
from desktop.ui.dialogs.progress import run_with_progress
from desktop.ui.format import size_text
from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session


def _action(window: MainWindow, menu: str, text: str, slot: object, shortcut: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        window.set_shortcut(action, shortcut)
    action.triggered.connect(slot)
    window.menu(menu).addAction(action)
    return action


def install_home_actions(window: MainWindow, session: Session) -> dict[str, QAction]:
    actions = {
        "backup": _action(window, "file", tr("备份数据…"), lambda: backup(window, session)),
        "restore": _action(window, "file", tr("从备份恢复…"), lambda: restore(window, session)),
    }
    window.menu("file").addSeparator()
    actions["logout"] = _action(window, "file", tr("注销（切换用户）"), lambda: window.request_restart("logout"))
    actions["quit"] = _action(window, "file", tr("退出"), window.close, "Ctrl+Q")
    actions["users"] = _action(window, "admin", tr("用户管理…"), lambda: users(window, session))
    actions["settings"] = _action(window, "admin", tr("设置…"), lambda: settings(window, session))
    actions["guide"] = _action(window, "help", tr("使用指南"), lambda: guide(window), "F1")
    actions["diagnostics"] = install_diagnostics(window, session)
    actions["about"] = _action(window, "help", tr("关于"), lambda: about(window, session))
    for key in ("restore", "users", "settings"):
        actions[key].setEnabled(session.can_admin)
    return actions


def users(window: MainWindow, session: Session) -> None:
    from desktop.ui.dialogs.users import UsersDialog  # dialogs load on first use: start-up stays short

    UsersDialog(session, window).exec()


def settings(window: MainWindow, session: Session) -> None:
    from desktop.ui.dialogs.settings import SettingsDialog

    SettingsDialog(session, window).exec()


def backup(window: MainWindow, session: Session, target: Path | None = None) -> Path | None:
    """Write the whole home (database, evidence, keys) to one file, in a worker thread."""
    from desktop.services.backup import create_backup

    if target is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        suggested = f"planprogress-{session.store.unit().code or 'home'}-{stamp}.tar"
        name = file_dialogs.save_file(window, tr("备份到"), suggested, tr("planprogress 备份 (*.tar)"))
        if not name:
            return None
        target = Path(name)

    def work(progress: object, _cancelled: object) -> object:
        with session.worker_store() as store:
            return create_backup(store, target, progress)  # type: ignore[arg-type]

    try:
        result = run_with_progress(window, tr("正在备份…"), work)
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("备份失败"), str(exc))
        return None
    window.statusBar().showMessage(
        tr("已备份到 {path}（{files} 个文件，{size}）").format(
            path=result.path, files=result.files, size=size_text(result.bytes)
        ),
        15000,
    )
    return Path(result.path)


def restore(window: MainWindow, session: Session, source: Path | None = None) -> bool:
    """Replace this home with a backup; the current folder is renamed and kept, then the app reopens."""
    from desktop.services.backup import export_state, restore_backup, resync_advice

    if source is None:
        name = file_dialogs.open_file(window, tr("选择备份文件"), tr("planprogress 备份 (*.tar);;所有文件 (*)"))
        if not name:
            return False
        source = Path(name)
        question = tr(
            "用备份 {name} 替换当前数据？\n现在的数据目录会被改名保留在旁边（不会删除），恢复后需要重新登录。"
        ).format(name=source.name)
        if QMessageBox.question(window, tr("从备份恢复"), question) != QMessageBox.StandardButton.Yes:
            return False
    window.flush_pages()
    root = session.home_root
    session.store.close()
    before = export_state(root)  # the last bundle sent, to tell whether the office will need a resync
    try:
        kept = run_with_progress(
            window, tr("正在从备份恢复…"), lambda _p, _c: restore_backup(source, root, replace=True)
        )
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("恢复失败"), tr("{error}\n当前数据未被改动，程序将重新打开。").format(error=exc))
        window.request_restart("restore")
        return False
    advice = resync_advice(before, export_state(root))
    QMessageBox.information(
        window,
        tr("恢复完成"),
        tr("已从备份恢复。原来的数据目录保留在：\n{kept}\n请重新登录。").format(kept=kept)
        + (f"\n\n{advice}" if advice else ""),
    )
    window.request_restart("restore")
    return True


def guide(window: MainWindow) -> None:
    from desktop.ui.dialogs.guide import show_guide  # loaded on use: start-up stays short

    show_guide(window)


def verify_all_evidence(window: MainWindow, session: Session) -> list[str] | None:
    """Re-hash every stored evidence file in a worker thread (hashlib releases the GIL); list what is missing
    or altered, and say what to do about it (a unit restores from a backup; the office may also ask the unit)."""
    from desktop.services.evidence_check import EvidenceCheck, check_all_evidence

    def work(progress: object, _cancelled: object) -> EvidenceCheck:
        with session.worker_store() as store:
            return check_all_evidence(store, progress)  # type: ignore[arg-type]

    try:
        result: EvidenceCheck = run_with_progress(window, tr("正在校验佐证材料…"), work)
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("校验失败"), str(exc))
        return None
    office = session.store.kind == "office"
    if result.problems:
        if office:
            heading = tr("以下文件缺失或被改动，请从备份恢复，或让相关单位重新导出完整数据包：\n")
        else:
            heading = tr("以下材料缺失或被改动，请从备份恢复：\n")
        QMessageBox.warning(window, tr("佐证材料校验未通过"), heading + "\n".join(result.problems[:30]))
    else:
        done = tr("全部 {n} 个佐证文件完好。") if office else tr("全部 {n} 份佐证材料完好。")
        QMessageBox.information(window, tr("校验通过"), done.format(n=result.checked))
    return list(result.problems)


def about(window: MainWindow, session: Session) -> None:
    from desktop import __version__  # read from the package metadata on first use

    QMessageBox.about(
        window,
        tr("关于"),
        tr("广东监狱规划进度填报\n版本 {version}\n数据目录：{root}").format(
            version=__version__, root=session.home_root
        ),
    )
