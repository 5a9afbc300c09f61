"""First run at the provincial office (省局): its own wizard page, kept apart from the unit's path.

This page creates the office home (kind "office", as `province init` makes it) with its key pair (passphrase
asked twice, public key saved to a chosen place: desktop.ui.office.setup_keys) and its first administrator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizardPage

from desktop.domain.catalog import Catalog
from desktop.domain.errors import PlanProgressError
from desktop.domain.status import Role
from desktop.services import operations as ops
from desktop.store import Store
from desktop.ui.i18n import tr
from desktop.ui.office.setup_keys import OfficeKeysBox, discard_new_office
from desktop.ui.widgets.message_bar import MessageBar

OFFICE_CODE = "GD-PROVINCE"


class OfficeSetupPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("省局汇总"))
        self.setSubTitle(tr("这台电脑用于省局汇总各单位的进度包。"))
        self.office_name = QLineEdit(tr("广东省监狱管理局"))
        explain = QLabel(tr("省局的数据目录只接收各单位导出的进度包，不直接填报进度。下一步设置第一个管理员。"))
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("机关名称"), self.office_name)
        self.keys = OfficeKeysBox()
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.keys)
        layout.addWidget(self.messages)

    def validatePage(self) -> bool:
        try:
            self.keys.checked()
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return False
        return True

    def create_home(self, root: Path, catalog: Catalog, admin: str, display_name: str, password: str) -> Store:
        name = self.office_name.text().strip() or tr("广东省监狱管理局")
        self.keys.create_office(root, name, admin)
        store = Store.open(root, admin)
        try:
            ops.set_unit(store, OFFICE_CODE, name)
            ops.add_user(store, admin, Role.ADMIN, password, display_name)
        except BaseException:
            store.close()
            discard_new_office(root)
            raise
        return store
