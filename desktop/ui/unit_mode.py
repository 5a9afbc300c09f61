"""Unit mode: plan tree with details, dashboard, review, audit trail; plan and period selectors; key files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.errors import PlanProgressError
from desktop.ui import file_dialogs
from desktop.ui.answers import install_unit as install_answers
from desktop.ui.export import install as install_export
from desktop.ui.home_actions import install_home_actions, verify_all_evidence
from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.reports import install as install_reports
from desktop.ui.session import Change, Session
from desktop.ui.widgets.period_selector import PeriodSelector
from desktop.ui.widgets.plan_selector import PlanSelector


def install(window: MainWindow, session: Session) -> None:
    plan = PlanPage(session)
    window.add_page("plan", tr("规划与进度"), plan, "Ctrl+1")
    # The other pages are built when first shown: the plan page alone is on screen at start-up.
    window.add_page("dashboard", tr("仪表盘"), lambda: _page("dashboard", session), "Ctrl+2")
    window.add_page("review", tr("审核"), lambda: _page("review", session), "Ctrl+3")
    window.add_page("audit", tr("审计记录"), lambda: _page("audit", session), "Ctrl+4")
    window.add_page("grid", tr("逐项填报"), lambda: _page("grid", session), "Ctrl+5")

    plans = PlanSelector(session.plans(), session.plan_id)

    def choose_plan(plan_id: str) -> None:
        window.flush_pages()  # what is being typed belongs to the plan it was typed in
        session.set_plan(plan_id)

    def plans_changed(changes: Change, _initiator: object = None) -> None:
        if changes & Change.STRUCTURE:  # an answer may have brought a plan
            plans.set_plans(session.plans(), session.plan_id)

    plans.plan_selected.connect(choose_plan)
    session.changed.connect(plans_changed)
    window.add_toolbar_widget(plans)

    selector = PeriodSelector(session.today(), session.period, session.store.progress.periods())

    def choose_period(code: str) -> None:
        window.flush_pages()  # what is being typed belongs to the period it was typed in
        session.set_period(code)

    selector.period_selected.connect(choose_period)
    window.add_toolbar_widget(selector)

    find = QAction(tr("查找…"), window)
    window.set_shortcut(find, QKeySequence.StandardKey.Find)

    def find_text() -> None:
        window.show_page("plan")
        plan.focus_filter()

    find.triggered.connect(find_text)
    window.menu("view").addSeparator()
    window.menu("view").addAction(find)
    window.addAction(find)

    review = QAction(tr("本期审核…"), window)
    review.triggered.connect(lambda: window.show_page("review"))
    window.menu("review").addAction(review)
    verify_audit = QAction(tr("校验审计记录"), window)

    def verify_audit_chain() -> None:
        audit = window.show_page("audit")
        audit.verify()  # type: ignore[attr-defined]

    verify_audit.triggered.connect(verify_audit_chain)
    window.menu("review").addAction(verify_audit)
    verify_evidence = QAction(tr("校验全部佐证材料"), window)
    verify_evidence.triggered.connect(lambda: verify_all_evidence(window, session))
    window.menu("review").addAction(verify_evidence)

    install_home_actions(window, session)
    install_export(window, session)  # first in the file menu, and on the toolbar
    install_answers(window, session)  # 导入省局回执…, right after it
    install_reports(window, session)  # right after it
    window.menu("admin").addSeparator()
    import_key = QAction(tr("导入省局公钥…"), window)
    import_key.triggered.connect(lambda: import_office_key(window, session))
    import_key.setEnabled(session.can_admin)
    window.menu("admin").addAction(import_key)
    export_key = QAction(tr("导出本单位签名公钥…"), window)
    export_key.triggered.connect(lambda: export_unit_key(window, session))
    window.menu("admin").addAction(export_key)
    unit_info = QAction(tr("单位信息…"), window)
    unit_info.triggered.connect(lambda: show_unit_info(window, session))
    window.menu("admin").addAction(unit_info)


def _page(key: str, session: Session) -> QWidget:
    if key == "dashboard":
        from desktop.ui.pages.dashboard import DashboardPage

        return DashboardPage(session)
    if key == "grid":
        from desktop.ui.pages.period_grid import PeriodGridPage

        return PeriodGridPage(session)
    if key == "review":
        from desktop.ui.pages.review import ReviewPage

        return ReviewPage(session)
    from desktop.ui.pages.audit import AuditPage

    return AuditPage(session)


def import_office_key(window: MainWindow, session: Session, source: Path | None = None) -> bool:
    if source is None:
        name = file_dialogs.open_file(window, tr("选择省局公钥"), tr("公钥 (*.pub);;所有文件 (*)"))
        if not name:
            return False
        source = Path(name)
    from desktop.services.operations import keys as key_ops  # loaded on use: start-up stays short

    try:
        switched = _switch_suite(window, session, source)
        if switched is False:
            return False
        recipients = key_ops.import_office_key(session.store.home, source).value
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("导入失败"), str(exc))
        return False
    window.statusBar().showMessage(tr("已导入省局公钥（{n} 个）。").format(n=len(recipients)), 10000)
    if switched:
        QMessageBox.information(
            window,
            tr("已换用新的签名密钥"),
            tr(
                "省局公钥已换用另一密码套件：本单位已生成该套件的新签名密钥（编号 {key}），旧密钥停用。\n"
                "请用“管理 → 导出本单位签名公钥…”把新的公钥交省局重新登记；"
                "省局登记新公钥以后才能导入用它签名的数据包（登记前导入会被拒收，登记后再导入即可）。"
                "下一次导出是完整数据包，序号接着上一个。"
            ).format(key=switched),
        )
    return True


def _switch_suite(window: MainWindow, session: Session, source: Path) -> str | bool | None:
    """When the office.pub is in another suite than the unit's signing key, make a key in that suite (asking
    for its passphrase, which may be left empty as at set-up): returns its id, False if the clerk cancelled,
    None when nothing changes."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from desktop.services import keys
    from desktop.services.operations import keys as key_ops

    home = session.store.home
    suite, _ = keys.office_pub_suite(keys.read_key_file(source, "省局公钥"), source.name)
    if not (home.keys / keys.UNIT_PUBLIC).is_file() or keys.unit_verify_key(home).suite is suite:
        return None
    passphrase, ok = QInputDialog.getText(
        window,
        tr("换用新的签名密钥"),
        tr("这份省局公钥使用{suite}套件，本单位要换用该套件的新签名密钥。\n为新密钥设置口令（可留空）：").format(
            suite=tr("国密（SM2/SM3/SM4）") if suite.gm else tr("age（X25519/Ed25519）")
        ),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return False
    code = session.store.unit().code
    return key_ops.rotate_unit_key(session.store, home, code, passphrase or None, suite).value.key_id


def export_unit_key(window: MainWindow, session: Session, target: Path | None = None) -> Path | None:
    """Copy unit.pub to a stick or folder for the office to enroll, and show the key number the office will
    compare (the message stays open until the clerk closes it: the number is to be written down)."""
    from PySide6.QtCore import Qt  # not at import: the Qt namespace's enums would be built before the first paint

    from desktop.services import keys

    if keys.unit_key_id(session.store.home) is None:
        QMessageBox.warning(
            window, tr("没有签名密钥"), tr("本单位还没有签名密钥：请让管理员在命令行运行 planprogress keys init。")
        )
        return None
    code = session.store.unit().code
    if target is None:
        suggested = f"{code}-unit.pub"
        name = file_dialogs.save_file(window, tr("保存本单位签名公钥"), suggested, tr("公钥 (*.pub)"))
        if not name:
            return None
        target = Path(name)
    try:
        written, key_id = keys.export_unit_public_key(session.store.home, target, code)
    except PlanProgressError as exc:
        QMessageBox.warning(window, tr("保存失败"), str(exc))
        return None
    window.statusBar().showMessage(tr("已保存到 {path}：请交省局登记。").format(path=written), 10000)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("本单位签名公钥已保存"),
        tr("已保存到 {path}。\n\n密钥编号：{key}\n\n请把这个文件交省局登记；省局登记前会与您核对这个编号。").format(
            path=written, key=key_id
        ),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("unit-key-exported")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return written


def show_unit_info(window: MainWindow, session: Session) -> QWidget:
    """单位信息: code, name, plan, data folder and the signing key number the office compares."""
    from PySide6.QtCore import Qt

    from desktop.ui.dialogs.unit_info import UnitInfoDialog

    dialog = UnitInfoDialog(session.store, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
