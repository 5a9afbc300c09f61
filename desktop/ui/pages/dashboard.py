"""Dashboard: per-project progress, overdue and upcoming milestones, evidence gaps, review state, targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import Light
from desktop.ui import theme
from desktop.ui.answers.unit import NoticesBox
from desktop.ui.format import date_text, days_text, number_text, period_label
from desktop.ui.i18n import tr
from desktop.ui.models.plan_tree import project_title
from desktop.ui.models.table import CENTER, RIGHT, Column, RowTableModel
from desktop.ui.pages.dashboard_data import DueRow, TargetRow, build_dashboard
from desktop.ui.session import Session
from desktop.ui.widgets.lights import light_icon
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table


def due_columns(with_days: bool) -> list[Column[DueRow]]:
    columns: list[Column[DueRow]] = [
        Column(tr("时间节点"), lambda r: r.view.milestone.title, icon=lambda r: light_icon(r.view.light)),
        Column(tr("任务"), lambda r: r.task.key, tooltip=lambda r: r.task.text),
        Column(tr("期限"), lambda r: date_text(r.view.milestone.due_date)),
    ]
    if with_days:
        columns.append(Column(tr("剩余"), lambda r: days_text(r.days), RIGHT, sort_key=lambda r: r.days))
    else:
        columns.append(Column(tr("完成日期"), lambda r: date_text(r.view.milestone.achieved_date)))
    return columns


def due_samples(with_days: bool) -> dict[int, str]:
    """Typical widest values of due_columns: readable headers while a list is empty, no jump when it fills."""
    date = date_text(dt.date(2026, 12, 31))
    return {1: "5.12", 2: date, 3: days_text(-365) if with_days else date}


def target_columns() -> list[Column[TargetRow]]:
    def reached(row: TargetRow) -> str:
        if row.reached is None:
            return tr("未填报")
        return tr("已达到") if row.reached else tr("未达到")

    return [
        Column(tr("规划指标"), lambda r: r.target.name),
        Column(tr("规划目标"), lambda r: r.goals),
        Column(
            tr("本单位实际"),
            lambda r: "" if r.actual is None else f"{number_text(r.actual)}{r.target.unit}",
            RIGHT,
        ),
        Column(tr("关联节点"), lambda r: str(r.milestones), CENTER),
        Column(tr("对照终期目标"), reached, CENTER),
    ]


class DashboardPage(RefreshOnShow, QScrollArea):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        body = QWidget()
        self.setWidget(body)
        self.setWidgetResizable(True)
        layout = QVBoxLayout(body)

        self.heading = QLabel()
        self.heading.setStyleSheet(theme.HEADING)
        self.review_state = QLabel()
        self.review_state.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.review_state)
        self.notices = NoticesBox(session)
        layout.addWidget(self.notices)

        projects = QGroupBox(tr("各工程完成情况"))
        self.project_grid = QGridLayout(projects)
        self.project_grid.setColumnStretch(1, 1)
        self.bars: list[QProgressBar] = []
        layout.addWidget(projects)

        self.overdue = RowTableModel(due_columns(True))
        self.upcoming = RowTableModel(due_columns(True))
        self.gaps = RowTableModel(due_columns(False))
        self.targets = RowTableModel(target_columns())
        grid = QGridLayout()
        self.overdue_box = QGroupBox()
        self.upcoming_box = QGroupBox()
        self.gaps_box = QGroupBox()
        targets_box = QGroupBox(tr("规划量化指标对照（本单位）"))
        for box, model, with_days in (
            (self.overdue_box, self.overdue, True),
            (self.upcoming_box, self.upcoming, True),
            (self.gaps_box, self.gaps, False),
        ):
            table = data_table(model, stretch=0, single=False, rows_visible=6, samples=due_samples(with_days))
            QVBoxLayout(box).addWidget(table)
        # every column sized to its text (the indicator's name is not cut short), the last takes the spare width
        targets_table = data_table(self.targets, stretch_last=True, single=False, rows_visible=4, samples={})
        QVBoxLayout(targets_box).addWidget(targets_table)
        grid.addWidget(self.overdue_box, 0, 0)
        grid.addWidget(self.upcoming_box, 0, 1)
        grid.addWidget(self.gaps_box, 1, 0)
        grid.addWidget(targets_box, 1, 1)
        layout.addLayout(grid, 1)
        self.watch(session)

    def refresh(self) -> None:
        """Rebuild from the shared overview (computed once per change for all pages)."""
        self._dirty = False
        session = self.session
        overview = session.overview()
        unit = session.store.unit()
        period = session.period
        self.heading.setText(tr("{unit}　{period}工作概览").format(unit=unit.name, period=period_label(period)))
        self.notices.refresh()
        review = session.store.reviews.get(period.code)
        text = tr("审核状态：{state}").format(state=tr(review.state.label))
        if review.updated_by:
            text += tr("（{who}，{when}）").format(who=review.updated_by, when=review.updated_at[:10])
        if review.comment:
            text += tr("　意见：{comment}").format(comment=review.comment)
        self.review_state.setText(text)
        self.review_state.setStyleSheet(theme.text_color(theme.REVIEW_STATE_COLORS[review.state]))
        self._fill_projects(overview)
        targets = session.store.plan.targets(overview[0].project.catalog if overview else None)
        data = build_dashboard(overview, targets, session.today(), session.thresholds())
        self.overdue.set_rows(data.overdue)
        self.upcoming.set_rows(data.upcoming)
        self.gaps.set_rows(data.gaps)
        self.targets.set_rows(data.targets)
        days = session.thresholds().due_soon_days
        self.overdue_box.setTitle(tr("逾期未完成的时间节点（{n}）").format(n=len(data.overdue)))
        self.upcoming_box.setTitle(tr("{days} 天内到期（{n}）").format(days=days, n=len(data.upcoming)))
        self.gaps_box.setTitle(tr("已完成但缺少佐证材料（{n}）").format(n=len(data.gaps)))

    def _fill_projects(self, overview: list[Any]) -> None:
        while self.project_grid.count():
            item = self.project_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bars = []
        for row, pv in enumerate(overview):
            name = QLabel(project_title(pv.project.number, pv.project.name))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(pv.percent)
            bar.setFormat("%p%")
            counts = pv.lights
            summary = QLabel(
                tr("{n} 项任务　正常 {green}　临近 {yellow}　逾期/滞后 {red}　未填报 {grey}").format(
                    n=len(pv.tasks),
                    green=counts.get(Light.GREEN, 0),
                    yellow=counts.get(Light.YELLOW, 0),
                    red=counts.get(Light.RED, 0),
                    grey=counts.get(Light.GREY, 0),
                )
            )
            summary.setStyleSheet(theme.NOTE)
            self.project_grid.addWidget(name, row, 0)
            self.project_grid.addWidget(bar, row, 1)
            self.project_grid.addWidget(summary, row, 2, Qt.AlignmentFlag.AlignLeft)
            self.bars.append(bar)
