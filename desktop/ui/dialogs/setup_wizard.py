"""First run on an empty home: a unit (unit code and name, first administrator, office public key,
signing key) or the provincial office (see setup_office). Ends with the administrator's recovery code."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, PlanProgressError
from desktop.domain.status import Role
from desktop.domain.system_errors import reason
from desktop.services import keys
from desktop.services import operations as ops
from desktop.services.operations import keys as key_ops
from desktop.store import Home, Store
from desktop.ui import file_dialogs, theme
from desktop.ui.dialogs.setup_office import OfficeSetupPage
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.passwords import PasswordPair, RecoveryCodeView
from desktop.ui.widgets.unit_code import UnitCodeField

INTRO, UNIT, OFFICE, ADMIN, KEYS, DONE = range(6)
MAX_KEY_FILE = 64 * 1024


class IntroPage(QWizardPage):
    def __init__(self, root: Path) -> None:
        super().__init__()
        self.setTitle(tr("欢迎使用规划进度填报"))
        self.setSubTitle(tr("第一次使用，请先建立数据目录。"))
        self.unit = QRadioButton(tr("本单位使用（监狱、戒毒所等：填报、审核、导出进度包）"))
        self.office = QRadioButton(tr("这是省局（汇总各单位的进度包）"))
        self.unit.setChecked(True)
        where = QLabel(tr("数据目录：{root}").format(root=root))
        where.setWordWrap(True)
        where.setStyleSheet(theme.NOTE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.unit)
        layout.addWidget(self.office)
        layout.addStretch(1)
        layout.addWidget(where)

    def nextId(self) -> int:
        return UNIT if self.unit.isChecked() else OFFICE


class UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("本单位"))
        self.setSubTitle(tr("单位代码会出现在U盘上的文件名里，由省局统一分配。"))
        self.code = UnitCodeField()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("如 广州监狱"))
        self.messages = MessageBar()
        form = QFormLayout(self)
        form.addRow(tr("单位代码"), self.code)
        form.addRow("", self.code.hint)
        form.addRow(tr("单位名称"), self.name)
        form.addRow(self.messages)

    def validatePage(self) -> bool:
        try:
            self.code.canonical()
            if not self.name.text().strip():
                raise InputError(tr("单位名称不能为空。"))
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return False
        return True

    def nextId(self) -> int:
        return ADMIN


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("第一个管理员"))
        self.setSubTitle(tr("管理员管理用户和密钥；以后每次启动都要登录。"))
        self.name = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.messages = MessageBar()
        form = QFormLayout(self)
        form.addRow(tr("用户名"), self.name)
        form.addRow(tr("姓名"), self.display_name)
        self.passwords = PasswordPair(form)
        form.addRow(self.messages)

    def _wizard(self) -> SetupWizard:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    def initializePage(self) -> None:
        self.setCommitPage(self._wizard().kind == "office")

    def validatePage(self) -> bool:
        try:
            if not self.name.text().strip():
                raise InputError(tr("用户名不能为空。"))
            self.passwords.value()
            if self._wizard().kind == "office":
                self._wizard().create_home()
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return False
        return True

    def nextId(self) -> int:
        return KEYS if self._wizard().kind == "unit" else DONE


class KeysPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("密钥"))
        self.setSubTitle(tr("进度包用省局公钥加密，用本单位的签名密钥签名。"))
        self.office_key = QLineEdit()
        self.office_key.setPlaceholderText(tr("省局下发的 office.pub（可以以后再导入）"))
        browse = QPushButton(tr("选择…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.office_key, 1)
        row_layout.addWidget(browse)
        note = QLabel(tr("本单位的签名密钥将在点击“建立”时生成，保存在数据目录的 keys 文件夹中。"))
        note.setWordWrap(True)
        self.messages = MessageBar()
        form = QFormLayout(self)
        form.addRow(tr("省局公钥文件"), row)
        self.passphrase = PasswordPair(form, tr("签名密钥口令"))
        self.passphrase.first.setPlaceholderText(tr("可不设；设置后每次导出都要输入"))
        form.addRow(note)
        form.addRow(self.messages)
        self.setCommitPage(True)

    def _browse(self) -> None:
        name = file_dialogs.open_file(self, tr("选择省局公钥"), tr("公钥 (*.pub);;所有文件 (*)"))
        if name:
            self.office_key.setText(name)

    def office_key_path(self) -> Path | None:
        text = self.office_key.text().strip()
        return Path(text) if text else None

    def signing_passphrase(self) -> str | None:
        if not self.passphrase.first.text() and not self.passphrase.second.text():
            return None
        return self.passphrase.value()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        try:
            self.signing_passphrase()
            wizard.create_home()
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return False
        return True

    def nextId(self) -> int:
        return DONE


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("数据目录已建立"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.key_id = QLabel()
        self.key_id.setObjectName("signing-key-id")
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_id.setStyleSheet("font-size:15pt; font-weight:bold;")
        self.key_note = QLabel(
            tr("请记下这个编号：省局登记本单位的签名公钥时会与您核对。以后也可在“管理 → 单位信息”中查看。")
        )
        self.key_note.setWordWrap(True)
        self.key_note.setStyleSheet(theme.NOTE)
        self.key_box = QWidget()
        key_form = QFormLayout(self.key_box)
        key_form.setContentsMargins(0, 0, 0, 0)
        key_form.addRow(tr("签名密钥编号"), self.key_id)
        key_form.addRow(self.key_note)
        self.code = RecoveryCodeView()
        self.confirm = QCheckBox(tr("我已把恢复码抄在纸上"))
        self.confirm.toggled.connect(lambda _on: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.key_box)
        layout.addWidget(self.code)
        layout.addWidget(self.confirm)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self.summary.setText(wizard.summary)
        self.key_id.setText(wizard.key_id)
        self.key_box.setVisible(bool(wizard.key_id))
        self.code.set_code(wizard.recovery_code)

    def isComplete(self) -> bool:
        return self.confirm.isChecked()


class SetupWizard(QWizard):
    """Creates the home when the last input page is committed; nothing is left behind if that fails."""

    def __init__(self, root: Path, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(parent)
        self.root = root
        self.catalog = catalog
        self.store: Store | None = None
        self.recovery_code = ""
        self.summary = ""
        self.key_id = ""
        self.setWindowTitle(tr("建立数据目录"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 480)
        for button, text in (
            (QWizard.WizardButton.BackButton, tr_noop("上一步")),
            (QWizard.WizardButton.NextButton, tr_noop("下一步")),
            (QWizard.WizardButton.CommitButton, tr_noop("建立")),
            (QWizard.WizardButton.FinishButton, tr_noop("完成")),
            (QWizard.WizardButton.CancelButton, tr_noop("取消")),
        ):
            self.setButtonText(button, tr(text))
        self.intro = IntroPage(root)
        self.unit_page = UnitPage()
        self.office_page = OfficeSetupPage()
        self.admin_page = AdminPage()
        self.keys_page = KeysPage()
        self.done_page = DonePage()
        for page_id, page in (
            (INTRO, self.intro),
            (UNIT, self.unit_page),
            (OFFICE, self.office_page),
            (ADMIN, self.admin_page),
            (KEYS, self.keys_page),
            (DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(INTRO)

    @property
    def kind(self) -> str:
        return "unit" if self.intro.unit.isChecked() else "office"

    @property
    def admin_name(self) -> str:
        return self.admin_page.name.text().strip()

    def create_home(self) -> Store:
        if self.store is not None:
            return self.store
        admin, password = self.admin_name, self.admin_page.passwords.value()
        display = self.admin_page.display_name.text().strip()
        home = Home(self.root)
        if home.exists():
            raise InputError(tr("数据目录 {root} 已经建立过了：原有数据未改动。").format(root=self.root))
        if self.kind == "office":
            store = self.office_page.create_home(self.root, self.catalog, admin, display, password)
            try:
                self.recovery_code = ops.new_recovery_code(store, admin).value
            except BaseException:
                store.close()
                _remove_new_home(home)
                raise
            self.store = store
            self.summary = tr("省局数据目录已建立：{root}").format(root=self.root)
            return store
        office_key = self.keys_page.office_key_path()
        from desktop.services.suite import AGE

        suite = AGE  # the unit takes the suite of the office key it imports (age without one)
        if office_key is not None:  # refuse a wrong file before creating
            suite, _ = keys.office_pub_suite(_read_key(office_key), office_key.name)
        passphrase = self.keys_page.signing_passphrase()
        code, name = self.unit_page.code.canonical(), self.unit_page.name.text().strip()
        store = Store.create(self.root, admin, "unit", self.catalog)
        try:
            ops.set_unit(store, code, name)
            ops.add_user(store, admin, Role.ADMIN, password, display)
            self.recovery_code = ops.new_recovery_code(store, admin).value
            key = key_ops.create_unit_key(home, code, passphrase, suite).value
            if office_key is not None:
                key_ops.import_office_key(home, office_key)
        except BaseException:
            store.close()
            _remove_new_home(home)
            raise
        self.store = store
        office = tr("已导入省局公钥。") if office_key else tr("尚未导入省局公钥：导出进度包前请在“管理”菜单中导入。")
        self.key_id = key.key_id
        self.summary = tr("{name}（{code}）的数据目录已建立：{root}\n{office}").format(
            name=name, code=code, root=self.root, office=office
        )
        return store


def _read_key(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_KEY_FILE)
    except OSError as exc:
        raise InputError(tr("无法读取公钥文件 {path}（{error}）。").format(path=path, error=reason(exc))) from None


def _remove_new_home(home: Home) -> None:
    """Undo a half-made set-up: only what Store.create and the key functions write."""
    for path in (home.database, home.database.with_name(home.database.name + "-wal")):
        path.unlink(missing_ok=True)
    home.database.with_name(home.database.name + "-shm").unlink(missing_ok=True)
    for folder in (home.keys, home.evidence, home.backups):
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
