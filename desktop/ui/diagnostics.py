"""帮助 → 导出诊断信息: the diagnostics zip (desktop.services.diagnostics) written from the window, in a worker
thread (it re-hashes every evidence file), for a clerk to hand to the office on a stick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop.domain.errors import PlanProgressError
from desktop.ui import file_dialogs
from desktop.ui.dialogs.progress import run_with_progress
from desktop.ui.format import size_text
from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session


def install(window: MainWindow, session: Session) -> QAction:
    action = QAction(tr("导出诊断信息…"), window)
    action.setToolTip(tr("日志、版本和校验结果打包成一个文件，交管理员或省局排查问题；不含填报内容和密钥"))
    action.triggered.connect(lambda: export_diagnostics(window, session))
    window.menu("help").addAction(action)
    return action


def export_diagnostics(window: MainWindow, session: Session, target: Path | None = None) -> Path | None:
    from PySide6.QtCore import qVersion

    from desktop.services.diagnostics import default_name, write_diagnostics  # loaded on use

    if target is None:
        suggested = default_name(session.store.unit().code)
        name = file_dialogs.save_file(window, tr("导出诊断信息到"), suggested, tr("诊断信息 (*.zip)"))
        if not name:
            return None
        target = Path(name)
    qt = qVersion()
    root, actor = session.home_root, session.user.name

    def work(progress: object, _cancelled: object) -> object:
        return write_diagnostics(root, target, actor=actor, qt_version=qt, progress=progress)  # type: ignore[arg-type]

    try:
        result = run_with_progress(window, tr("正在收集诊断信息（校验数据库、审计记录和佐证材料）…"), work)
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("导出诊断信息失败"), str(exc))
        return None
    text = tr("已写入 {path}（{size}）。请把这个文件交给管理员或省局。").format(
        path=result.path, size=size_text(result.bytes)
    )
    if result.problems:
        QMessageBox.warning(window, tr("已导出诊断信息"), text + "\n\n" + "\n".join(result.problems))
    else:
        QMessageBox.information(window, tr("已导出诊断信息"), text + "\n" + tr("各项校验均通过。"))
    return Path(result.path)
