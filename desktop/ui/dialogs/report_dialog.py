"""The "生成报告" dialog: a unit's progress report (PDF) or ledger (Excel), or the office's province summary.
A unit holding several plans reports on one, the plan its window shows unless another is chosen here.

The work runs as `planprogress --json report ...` (or `province report ...`) in a child process (CliProcess):
reportlab holds the GIL, so a thread would freeze the window. The CLI writes under a temporary name and
renames at the end, so a cancelled or failed run leaves no half-written file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.periods import parse_period
from desktop.ui import file_dialogs
from desktop.ui.cli_process import CliProcess
from desktop.ui.format import period_code_label, size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.period_selector import PeriodSelector
from desktop.ui.widgets.plan_selector import plan_label

# (format, label in the list, what the default file name calls it), per kind of home
UNIT_FORMATS = (("pdf", tr_noop("PDF 进度报告"), tr_noop("进度报告")), ("xlsx", tr_noop("Excel 台账"), tr_noop("台账")))
OFFICE_FORMATS = (
    ("pdf", tr_noop("PDF 全省汇总报告"), tr_noop("全省汇总报告")),
    ("xlsx", tr_noop("Excel 全省汇总表"), tr_noop("全省汇总表")),
)
# Share of the bar each CLI phase fills: the office first gathers every unit's data, then renders.
PHASES = {"collect": (tr_noop("汇总数据"), 0.0, 0.1), "render": (tr_noop("生成报告"), 0.1, 1.0)}
FILTERS = {"pdf": tr_noop("PDF 文件 (*.pdf)"), "xlsx": tr_noop("Excel 工作簿 (*.xlsx)")}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # characters no file name may hold on Windows


def documents_folder() -> Path:
    """Where reports go unless the user chooses otherwise: Documents, else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


class ReportDialog(QDialog):
    """Choose format, period and file; run the CLI; show the outcome. `state`: idle, running, done, failed,
    cancelled. `outcome` holds the CLI's result line after a success."""

    def __init__(
        self,
        session: Session,
        *,
        office: bool = False,
        folder: Path | None = None,
        parent: QWidget | None = None,
        office_plan: str | None = None,
    ) -> None:
        """`office_plan`: the plan the office's 全省汇总 shows (None: the current plan)."""
        super().__init__(parent)
        self.session = session
        self.office = office
        self.office_plan = office_plan
        self.folder = folder or documents_folder()
        self.job: CliProcess | None = None
        self.state = "idle"
        self.error = ""
        self.outcome: dict[str, Any] = {}
        self._suggested = ""
        self.setWindowTitle(tr("生成全省汇总报告") if office else tr("生成报告"))
        self.setMinimumWidth(620)

        self.format = QComboBox()
        for fmt, label, _name in OFFICE_FORMATS if office else UNIT_FORMATS:
            self.format.addItem(tr(label), fmt)
        # A unit holding several plans reports on one: the one the window shows, unless chosen here.
        self.plans = [] if office else session.plans()
        self.plan = QComboBox()
        for plan in self.plans:
            self.plan.addItem(plan_label(plan), plan.id)
        self.plan.setCurrentIndex(max(self.plan.findData(session.plan_id), 0))
        known = [] if office else session.store.progress.periods()
        self.periods = PeriodSelector(session.today(), session.period, known)
        selector_layout = self.periods.layout()
        if selector_layout is not None:
            selector_layout.setContentsMargins(0, 0, 0, 0)
        for caption in self.periods.findChildren(QLabel):
            caption.hide()  # its own "报告期" caption: the form row already says it
        self.out_edit = QLineEdit()
        self.browse_button = QPushButton(tr("选择…"))
        self.browse_button.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.out_edit, 1)
        where.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(tr("内容"), self.format)
        self.office_plan_title = ""
        if len(self.plans) > 1:
            form.addRow(tr("规划"), self.plan)
        else:
            self.plan.hide()
        if office and office_plan is not None:
            from desktop.services.office.plans import office_plans

            shown = [p for p in office_plans(session.store, session.today().year) if p.id == office_plan]
            self.office_plan_title = shown[0].title if shown else office_plan
            form.addRow(tr("规划"), QLabel(self.office_plan_title))  # as 全省汇总 shows it
        form.addRow(tr("报告期"), self.periods)
        form.addRow(tr("保存为"), where)

        self.phase = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p%")
        self.messages = MessageBar()

        self.generate_button = QPushButton(tr("生成"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("取消生成"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.open_button = QPushButton(tr("打开"))
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton(tr("打开所在文件夹"))
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        for button in (self.generate_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.messages)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self._show_outcome(False)
        self.format.currentIndexChanged.connect(self._choice_changed)
        self.periods.period_selected.connect(self._choice_changed)
        self.plan.currentIndexChanged.connect(self._choice_changed)
        self._choice_changed()

    # -- choices -----------------------------------------------------------------------------------
    def chosen_format(self) -> str:
        return str(self.format.currentData())

    def chosen_period(self) -> str:
        return str(self.periods.period.currentData() or self.session.period.code)

    def chosen_plan(self) -> str | None:
        """The plan to report on: the office's shown on 全省汇总, or the unit's when it holds more than one (None:
        the only or current one)."""
        if self.office:
            return self.office_plan
        return str(self.plan.currentData()) if len(self.plans) > 1 else None

    def suggested_path(self) -> Path:
        """E.g. Documents/广州监狱-2026年第四季度进度报告.pdf."""
        fmt = self.chosen_format()
        names = self._names()
        label = parse_period(self.chosen_period()).label
        who = self._who()
        what = tr("{period}{what}").format(period=label, what=tr(names[fmt]))  # English needs a space between
        if self.chosen_plan() is not None:
            what = f"{self.office_plan_title if self.office else self.plan.currentText()}-{what}"
        stem = f"{who}-{what}" if who else what
        return self.folder / f"{_UNSAFE.sub('_', stem).strip(' .')}.{fmt}"

    def _names(self) -> dict[str, str]:
        return {fmt: name for fmt, _label, name in (OFFICE_FORMATS if self.office else UNIT_FORMATS)}

    def _who(self) -> str:
        if self.office:
            return str(self.session.store.database.meta("office_name", "") or "")
        return self.session.store.unit().name

    def _choice_changed(self, *_args: object) -> None:
        """Follow format and period with the default name until the user picks a file of their own; then keep
        their name and only fit its extension to the format."""
        fmt = self.chosen_format()
        text = self.out_edit.text().strip()
        if not text or text == self._suggested:
            self._suggested = str(self.suggested_path())
            self.out_edit.setText(self._suggested)
        elif Path(text).suffix.lower() in (".pdf", ".xlsx") and Path(text).suffix.lower() != f".{fmt}":
            self.out_edit.setText(str(Path(text).with_suffix(f".{fmt}")))

    def browse(self) -> None:
        fmt = self.chosen_format()
        name = file_dialogs.save_file(self, tr("保存报告"), self.out_edit.text(), tr(FILTERS[fmt]))
        if name:
            path = Path(name)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_name(f"{path.name}.{fmt}")
            self.out_edit.setText(str(path))

    def output_path(self) -> Path:
        return Path(self.out_edit.text().strip()).expanduser()

    # -- running -----------------------------------------------------------------------------------
    def arguments(self) -> list[str]:
        command = ["province", "report"] if self.office else ["report"]
        plan = self.chosen_plan()
        extra = ["--plan", plan] if plan is not None else []
        return [*command, "--out", str(self.output_path()), "--period", self.chosen_period(), *extra]

    def is_running(self) -> bool:
        return self.job is not None and self.job.is_running()

    def start(self) -> None:
        if self.is_running():
            return
        self.messages.clear()
        self._show_outcome(False)
        if not self.out_edit.text().strip():
            self.messages.error(tr("请先选择报告的保存位置。"))
            return
        self.state = "running"
        self.error = ""
        self.outcome = {}
        self.bar.setValue(0)
        self.phase.setText(tr("正在启动…"))
        self._set_editable(False)
        job = CliProcess.planprogress(
            self.session.home_root, self.arguments(), user=self.session.user.name, parent=self
        )
        job.progress.connect(self._progress)
        job.result.connect(self._done)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job = job
        job.start()

    def _progress(self, phase: str, done: int, total: int) -> None:
        label, start, end = PHASES.get(phase, (phase, 0.0, 1.0))
        if not self.office:
            start = 0.0  # a unit report has no collecting phase: rendering fills the whole bar
        self.phase.setText(tr(label) + "…")
        share = min(done / total, 1.0) if total > 0 else 0.0
        self.bar.setValue(int(1000 * (start + (end - start) * share)))

    def _done(self, result: dict[str, Any]) -> None:
        self.state = "done"
        self.outcome = result
        self.bar.setValue(1000)
        self.phase.setText(tr("完成"))
        self._set_editable(True)
        self.messages.info(self.result_text(result))
        self._show_outcome(True)

    def result_text(self, result: dict[str, Any]) -> str:
        if "pages" in result:
            amount = tr("{n} 页").format(n=result["pages"])
        else:
            amount = tr("{n} 行").format(n=result.get("rows", 0))
        label = period_code_label(str(result.get("period") or self.chosen_period()))
        names = self._names()
        what = tr(names.get(str(result.get("format")), names["pdf"]))
        text = tr("已生成{period}{what}：{path}（{amount}，{size}）").format(
            period=label,
            what=what,
            path=result.get("out", self.output_path()),
            amount=amount,
            size=size_text(int(result.get("bytes", 0))),
        )
        late = result.get("not_reported")
        if self.office and late:
            text += "\n" + tr("本期未报送：{units}。").format(units=tr("、").join(late))
        return text

    def _failed(self, message: str) -> None:
        self.state = "failed"
        self.error = message
        self.bar.setValue(0)
        self.phase.setText(tr("生成失败"))
        self._set_editable(True)
        self.messages.error(tr("错误：{message}").format(message=message))

    def cancel(self) -> None:
        if self.is_running() and self.job is not None:
            self.phase.setText(tr("正在取消…"))
            self.job.cancel()

    def _cancelled(self) -> None:
        self.state = "cancelled"
        self.bar.setValue(0)
        self.phase.setText(tr("已取消"))
        self._set_editable(True)
        self.messages.info(tr("已取消：没有生成文件。"))

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.format, self.plan, self.periods, self.out_edit, self.browse_button, self.generate_button):
            widget.setEnabled(editable)
        self.cancel_button.setVisible(not editable)
        self.close_button.setEnabled(editable)

    def _show_outcome(self, shown: bool) -> None:
        self.open_button.setVisible(shown)
        self.folder_button.setVisible(shown)

    def open_file(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.get("out", self.output_path()))))

    def open_folder(self) -> bool:
        folder = Path(str(self.outcome.get("out", self.output_path()))).parent
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- closing while a report runs stops it (the CLI leaves nothing half-written) --------------------
    def reject(self) -> None:
        if self.is_running():
            self.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            self.cancel()
        super().closeEvent(event)
