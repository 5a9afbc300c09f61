"""规划目录: the plans the office holds (shipped and issued), the Excel template to author the next one, and the
import of a filled template or a JSON catalog.

An import is checked off the GUI thread by the same Qt-free functions as `province catalog add`
(desktop.services.catalogs.plan_issue); every problem is listed (位置 / 问题) and nothing is stored. A new version
of a plan shows what it rewords, adds and retires and waits for 发布此版本; issuing is the operation
`issue_catalog`, run through the session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.catalog_check import Problem
from desktop.domain.catalog_versions import VersionChanges
from desktop.domain.errors import PlanProgressError
from desktop.domain.system_errors import describe, reason
from desktop.services.catalogs import CatalogEntry, IssuePlan, list_catalogs, plan_issue
from desktop.services.operations import catalogs as catalog_ops
from desktop.ui import file_dialogs, theme
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.format import local_time
from desktop.ui.i18n import tr
from desktop.ui.models.table import CENTER, RIGHT, Column, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table


def catalog_columns() -> list[Column[CatalogEntry]]:
    """The fields of `province catalog list --json`, one column each."""

    def field(entry: CatalogEntry) -> dict[str, Any]:
        return entry.as_dict()

    def count(name: str) -> Column[CatalogEntry]:
        labels = {"projects": tr("工程"), "tasks": tr("任务"), "targets": tr("指标"), "retired": tr("已撤销")}
        return Column(labels[name], lambda e: str(field(e)["counts"][name]), RIGHT)

    return [
        Column(tr("目录编号"), lambda e: str(e.content["id"])),
        Column(tr("版本"), lambda e: str(e.content["version"]), CENTER),
        Column(tr("规划名称"), lambda e: str(e.content["title"])),
        Column(tr("年份"), lambda e: f"{e.content['start_year']}–{e.content['end_year']}", CENTER),
        count("projects"),
        count("tasks"),
        count("targets"),
        count("retired"),
        Column(
            tr("发布"),
            lambda e: tr("随程序附带") if e.issued_at is None else local_time(e.issued_at),
            tooltip=lambda e: tr("发布人：{who}").format(who=e.issued_by) if e.issued_by else tr("随程序附带"),
        ),
    ]


def problem_columns() -> list[Column[Problem]]:
    return [
        Column(tr("位置"), lambda p: p.where, tooltip=lambda p: p.where),
        Column(tr("问题"), lambda p: p.message, tooltip=lambda p: p.message),
    ]


def changes_text(changes: VersionChanges) -> str:
    """What a new version changes, as `province catalog add` lists it."""
    lines = [tr("与已发布的版本 {version} 相比：").format(version=changes.previous)]
    for label, keys in ((tr("改写"), changes.reworded), (tr("新增"), changes.added), (tr("撤销"), changes.retired)):
        line = tr("{what} {n} 项").format(what=label, n=len(keys))
        lines.append("　" + line + (tr("：{keys}").format(keys=tr("、").join(keys)) if keys else ""))
    return "\n".join(lines)


def plan_name(content: dict[str, Any]) -> str:
    return tr("{title}（{id} 版本 {version}）").format(
        title=content["title"], id=content["id"], version=content["version"]
    )


class CatalogsPage(RefreshOnShow, QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.job: BackgroundJob | None = None
        self.pending: IssuePlan | None = None  # a new version waiting for 发布此版本
        may = session.can_edit or session.can_admin

        heading = QLabel(tr("规划目录"))
        heading.setStyleSheet(theme.HEADING)
        hint = QLabel(
            tr(
                "省局发布的规划随下一份回执送达各单位。新规划或新版本：先生成模板，在 Excel 或 WPS 中填写，"
                "再导入；导入时逐项检查，有问题的文件什么都不保存。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.HINT)
        self.template_button = QPushButton(tr("生成模板…"))
        self.template_button.clicked.connect(self.choose_template)
        self.import_button = QPushButton(tr("导入规划目录…"))
        self.import_button.clicked.connect(self.choose_import)
        self.import_button.setEnabled(may)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.messages = MessageBar()

        self.catalogs = RowTableModel(catalog_columns(), parent=self)
        self.catalogs_box = QGroupBox(tr("已有的规划目录"))
        self.catalogs_table = data_table(self.catalogs, stretch=2, rows_visible=4)
        QVBoxLayout(self.catalogs_box).addWidget(self.catalogs_table)

        self.problems = RowTableModel(problem_columns(), parent=self)
        self.problems_box = QGroupBox()
        self.problems_table = data_table(self.problems, stretch=1, single=False)
        QVBoxLayout(self.problems_box).addWidget(self.problems_table)
        self.problems_box.hide()

        self.changes_box = QGroupBox(tr("新版本的改动"))
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.issue_button = QPushButton(tr("发布此版本"))
        self.issue_button.clicked.connect(self.issue_pending)
        self.cancel_button = QPushButton(tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_pending)
        confirm = QHBoxLayout()
        confirm.addStretch(1)
        confirm.addWidget(self.issue_button)
        confirm.addWidget(self.cancel_button)
        changes_layout = QVBoxLayout(self.changes_box)
        changes_layout.addWidget(self.changes_label)
        changes_layout.addLayout(confirm)
        self.changes_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.messages)
        layout.addWidget(self.catalogs_box, 2)
        layout.addWidget(self.changes_box)
        layout.addWidget(self.problems_box, 3)
        self.watch(session, period=False)

    def refresh(self) -> None:
        self._dirty = False
        self.catalogs.set_rows(list_catalogs(self.session.store))

    # -- the template ------------------------------------------------------------------------------
    def choose_template(self) -> Path | None:
        name = file_dialogs.save_file(
            self, tr("保存规划目录模板"), tr("规划目录模板.xlsx"), tr("Excel 工作簿 (*.xlsx)")
        )
        return self.write_template(Path(name)) if name else None

    def write_template(self, out: Path) -> Path | None:
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(f"{out.name}.xlsx")
            if out.exists():  # the dialog asked about the name typed, not about this one
                self.messages.error(tr("{path} 已存在：请换一个文件名，以免覆盖已填写的内容。").format(path=out))
                return None
        from desktop.services.catalogs.template import write_template  # openpyxl: loaded on use

        try:
            write_template(out)
        except OSError as exc:
            self.messages.error(
                tr("无法保存模板到 {path}（{error}）：请换一个位置。").format(path=out, error=reason(exc))
            )
            return None
        self.messages.info(
            tr("已生成规划目录模板：{path}。在 Excel 或 WPS 中填写（先读“填写说明”），再点“导入规划目录…”。").format(
                path=out
            )
        )
        return out

    # -- importing ---------------------------------------------------------------------------------
    def choose_import(self) -> None:
        name = file_dialogs.open_file(
            self,
            tr("选择规划目录文件"),
            tr("规划目录 (*.xlsx *.json);;Excel 工作簿 (*.xlsx);;JSON 文件 (*.json);;所有文件 (*)"),
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> BackgroundJob:
        """Check `path` in a worker thread (its own store connection); `_checked` shows the outcome."""
        self._show_problems(path, ())
        self._show_changes(None)
        self.messages.info(tr("正在检查 {name}…").format(name=path.name))
        self._set_busy(True)
        session = self.session

        def work(_progress: Any, _cancelled: Any) -> IssuePlan:
            with session.worker_store() as store:
                try:
                    return plan_issue(store, path)
                except OSError as exc:  # the stick pulled while reading, no permission to read
                    raise PlanProgressError(describe(exc)) from exc

        job = run_in_background(work, phase="check")
        job.result.connect(self._checked)
        job.failed.connect(self._failed)
        self.job = job
        return job

    def is_checking(self) -> bool:
        return self.job is not None and not self.job.done.is_set()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.messages.error(tr("无法检查这个文件：{message}（什么都没有保存。）").format(message=message))

    def _checked(self, plan: IssuePlan) -> None:
        self._set_busy(False)
        if plan.problems:
            self._show_problems(plan.source, plan.problems)
            self.messages.error(
                tr("{name} 有 {n} 处问题，什么都没有保存：请按下表改正后重新导入。").format(
                    name=plan.source.name, n=len(plan.problems)
                )
            )
            return
        assert plan.content is not None
        if plan.already_issued:
            self.messages.info(tr("{name} 已经发布过，内容相同：未作改动。").format(name=plan_name(plan.content)))
            return
        if plan.changes is not None:
            self._show_changes(plan)
            self.messages.warning(
                tr("{name} 是已发布规划的新版本：请核对下面的改动，无误后点“发布此版本”。").format(
                    name=plan_name(plan.content)
                )
            )
            return
        self._issue(plan)

    def issue_pending(self) -> None:
        if self.pending is not None:
            self._issue(self.pending)

    def cancel_pending(self) -> None:
        self._show_changes(None)
        self.messages.info(tr("已取消，什么都没有保存。"))

    def _issue(self, plan: IssuePlan) -> None:
        assert plan.content is not None
        name = plan_name(plan.content)
        issued, error = self.session.perform(lambda s: catalog_ops.issue_catalog(s, plan), self)
        self._show_changes(None)
        if error:
            self.messages.error(error)
            return
        self.refresh()
        if issued is None:
            self.messages.info(tr("{name} 已经发布过，内容相同：未作改动。").format(name=name))
            return
        self.messages.info(tr("已发布 {name}：随下一份回执送达各单位（制作回执U盘）。").format(name=name))

    # -- showing -----------------------------------------------------------------------------------
    def _show_problems(self, source: Path, problems: tuple[Problem, ...]) -> None:
        self.problems.set_rows(problems)
        self.problems_box.setTitle(
            tr("{name} 的问题（{n} 处）：什么都没有保存").format(name=source.name, n=len(problems))
        )
        self.problems_box.setVisible(bool(problems))

    def _show_changes(self, plan: IssuePlan | None) -> None:
        self.pending = plan
        if plan is not None and plan.changes is not None and plan.content is not None:
            self.changes_box.setTitle(tr("新版本的改动：{name}").format(name=plan_name(plan.content)))
            self.changes_label.setText(changes_text(plan.changes))
        self.changes_box.setVisible(plan is not None)

    def _set_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy and (self.session.can_edit or self.session.can_admin))
        self.template_button.setEnabled(not busy)
