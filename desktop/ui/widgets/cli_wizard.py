"""What the export and import wizards share: their button texts, a passphrase field, and a run page that
drives one `planprogress --json ...` child process (CliProcess) with a phase line, a bar, the amount done, a
second passphrase try, retry and a message bar. Each wizard keeps only its own phases, arguments and result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.ui import theme
from desktop.ui.cli_process import CliProcess
from desktop.ui.format import size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar

PASSPHRASE_ENV = "PLANPROGRESS_PASSPHRASE"


def style_wizard(wizard: QWizard, title: str, width: int, *, commit: str, cancel: str) -> None:
    """Title (translated), modern style, no way back from the last page, and the button texts (`commit` and
    `cancel` untranslated, marked with tr_noop by the caller)."""
    wizard.setWindowTitle(title)
    wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
    wizard.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
    wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
    wizard.setMinimumSize(width, 600)
    for button, text in (
        (QWizard.WizardButton.BackButton, tr_noop("上一步")),
        (QWizard.WizardButton.NextButton, tr_noop("下一步")),
        (QWizard.WizardButton.CommitButton, commit),
        (QWizard.WizardButton.FinishButton, tr_noop("完成")),
        (QWizard.WizardButton.CancelButton, cancel),
    ):
        wizard.setButtonText(button, tr(text))


def passphrase_field(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class CliProgressPage(QWizardPage):
    """A page that runs one CLI child process; subclasses start it with `launch` and read the result.
    Texts passed in are already translated.

    `state` is idle, running, done, failed (or cancelled, where the subclass can cancel); the page is
    complete only when done. `buttons` and `body` are the layouts a subclass may add to."""

    def __init__(self, session: Session, title: str, subtitle: str, passphrase_placeholder: str) -> None:
        super().__init__()
        self.session = session
        self.job: CliProcess | None = None
        self.state = "idle"
        self.error = ""
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.phase = QLabel(tr("正在启动…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p%")
        self.amount = QLabel()
        self.amount.setStyleSheet(theme.NOTE)
        self.passphrase_edit = passphrase_field(passphrase_placeholder)  # a second try after a wrong passphrase
        self.passphrase_edit.hide()
        self.retry_button = QPushButton(tr("重试"))  # the subclass connects it to its start
        self.retry_button.hide()
        self.messages = MessageBar()
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.passphrase_edit, 1)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.retry_button)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.phase)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.amount)
        self.body.addLayout(self.buttons)
        self.body.addWidget(self.messages)
        self.body.addStretch(1)

    def is_running(self) -> bool:
        return self.job is not None and self.job.is_running()

    def isComplete(self) -> bool:
        return self.state == "done"

    def typed_passphrase(self, first: str | None) -> str | None:
        """The passphrase typed here after a failed try, else the one from an earlier page."""
        passphrase = self.passphrase_edit.text() if self.passphrase_edit.isVisibleTo(self) else first
        self.passphrase_edit.hide()
        return passphrase

    def launch(
        self,
        arguments: list[str],
        env: dict[str, str],
        *,
        progress: Callable[[str, int, int], None],
        done: Callable[[dict[str, Any]], None],
        failed: Callable[[str], None],
        job_class: type[CliProcess] = CliProcess,
    ) -> CliProcess:
        """A fresh run: the page reset and the job made and wired; the caller starts it (after wiring
        anything else it needs)."""
        self.state = "running"
        self.error = ""
        self.phase.setStyleSheet("")
        self.bar.setEnabled(True)
        self.messages.clear()
        self.retry_button.hide()
        self.bar.setValue(0)
        self.phase.setText(tr("正在启动…"))
        self.amount.setText("")
        job = job_class.planprogress(
            self.session.home_root, arguments, user=self.session.user.name, env=env, parent=self
        )
        job.progress.connect(progress)
        job.result.connect(done)
        job.failed.connect(failed)
        self.job = job
        self.completeChanged.emit()
        return job

    def show_amount(self, done: int, total: int) -> None:
        if total > 0:
            self.amount.setText(tr("{done} / {total}").format(done=size_text(done), total=size_text(total)))

    def show_failure(self, message: str, phase: str, inline: str) -> None:
        """Failed: the reason once, on the page where the clerk is looking (no box repeating it), and a bar
        that no longer claims progress (it stood at 85 % beside "300.0 MB / 300.0 MB")."""
        self.state = "failed"
        self.error = message
        self.phase.setText(phase)
        self.phase.setStyleSheet(theme.ERROR + theme.BOLD)
        self.bar.setValue(0)
        self.bar.setEnabled(False)
        self.amount.setText("")
        self.retry_button.show()
        self.messages.error(inline)
        self.completeChanged.emit()
