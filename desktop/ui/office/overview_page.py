"""The office's main view of one plan: who reported for the period, the units × the plan's projects matrix, and
the plan's province-wide indicators against their goals. Double-click a unit to drill down.

A plan selector lists the plans the office issued and the shipped one (the current plan first chosen). The first
fill is computed at once, so the window's first paint shows the figures; a later one (another plan or period)
is computed in a worker with its own connection, and only the newest result is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import PlanProgressError
from desktop.services.office.plans import OfficePlan, office_plans
from desktop.services.office.status import ProvinceStatus, province_status
from desktop.store import Store
from desktop.ui import theme
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.format import period_label
from desktop.ui.i18n import tr
from desktop.ui.models.table import SORT_ROLE, RowTableModel
from desktop.ui.office.indicators import goal_columns, goal_rows
from desktop.ui.office.matrix import CODE_ROLE, UnitMatrixModel
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table


class OverviewPage(RefreshOnShow, QWidget):
    open_unit = Signal(str)  # a unit code, to drill down

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.status: ProvinceStatus | None = None
        self.job: BackgroundJob | None = None
        self._generation = 0
        self._plan: str | None = None  # chosen in the selector; None: the current plan
        self.heading = QLabel()
        self.heading.setStyleSheet(theme.HEADING)
        self.plan = QComboBox()
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.plan.setToolTip(tr("汇总哪一个规划：本局发布的规划和随程序附带的规划"))
        self.plan.currentIndexChanged.connect(self._plan_chosen)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.matrix = UnitMatrixModel(self)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.matrix)
        self.sorted.setSortRole(SORT_ROLE)
        self.table = data_table(self.sorted, striped=False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._double_clicked)
        self.empty = QLabel(
            tr("还没有登记任何单位：请在“单位与密钥”页登记各单位的签名公钥，然后导入它们交来的数据包。")
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.padded(theme.HINT, 8))

        self.goals = RowTableModel(goal_columns(), parent=self)
        goals_view = QTableView()
        goals_view.setModel(self.goals)
        goals_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        goals_view.verticalHeader().setVisible(False)
        goals_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        goals_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.goals_view = goals_view
        indicators = QGroupBox(tr("全省指标（按各单位报送的时间节点计算）"))
        QVBoxLayout(indicators).addWidget(goals_view)

        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(tr("规划")))
        top.addWidget(self.plan)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.messages)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(indicators)
        self.watch(session)

    def refresh(self) -> None:
        self._dirty = False
        self._generation += 1
        generation, session, plan = self._generation, self.session, self._plan
        period, today = session.period.code, session.today()

        def compute(store: Store) -> tuple[list[OfficePlan], ProvinceStatus]:
            return office_plans(store, today.year), province_status(store, period, today, plan)

        if self.status is None:  # the first fill: at once, for the first paint
            try:
                plans, status = compute(session.store)
            except PlanProgressError as exc:
                self.messages.error(str(exc))
                return
            self._show(plans, status)
            return

        def work(_progress: Any, _cancelled: Any) -> tuple[list[OfficePlan], ProvinceStatus]:
            with session.worker_store() as store:
                return compute(store)

        self.summary.setText(tr("正在计算…"))
        job = run_in_background(work, phase="status")
        job.result.connect(lambda result: self._loaded(generation, result))
        job.failed.connect(lambda message: self._failed(generation, message))
        self.job = job

    def _loaded(self, generation: int, result: tuple[list[OfficePlan], ProvinceStatus]) -> None:
        if generation == self._generation:  # else a later refresh is on its way
            self._show(*result)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.messages.error(message)

    def _plan_chosen(self, index: int) -> None:
        chosen = str(self.plan.itemData(index) or "")
        if chosen and chosen != (self.status.plan.id if self.status and self.status.plan else None):
            self._plan = chosen
            self.refresh()

    def _fill_plans(self, plans: list[OfficePlan], shown: str) -> None:
        """The list again (a plan may have been issued meanwhile), showing `shown`, without announcing a choice."""
        self.plan.blockSignals(True)
        self.plan.clear()
        for item in plans:
            self.plan.addItem(
                tr("{title}（{start}–{end}）").format(title=item.title, start=item.start_year, end=item.end_year),
                item.id,
            )
            source = (
                tr("随程序附带")
                if item.issued_at is None
                else tr("省局发布于 {when}").format(when=_local_day(item.issued_at))
            )
            tip = tr("{id} 版本 {version}，{source}").format(id=item.id, version=item.version, source=source)
            self.plan.setItemData(self.plan.count() - 1, tip + (tr("（当前规划）") if item.current else ""),
                                  Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        self.plan.setCurrentIndex(max(self.plan.findData(shown), 0))
        self.plan.setEnabled(len(plans) > 1)  # one plan: named, nothing to choose
        self.plan.blockSignals(False)

    def _show(self, plans: list[OfficePlan], status: ProvinceStatus) -> None:
        session = self.session
        self._fill_plans(plans, status.plan.id if status.plan else "")
        self.messages.clear()
        chosen = self.selected_code()
        self.status = status
        self.matrix.load(status)
        self.goals.set_rows(goal_rows(status.indicators))
        self.heading.setText(tr("全省汇总　{period}").format(period=period_label(session.period)))
        active = [u for u in status.units if not u.revoked]
        reported = [u for u in active if u.reported]
        text = tr("已登记 {n} 个单位，本期已报送 {done} 个。").format(n=len(active), done=len(reported))
        if status.not_reported:
            text += tr("未报送：{codes}。").format(codes=tr("、").join(status.not_reported))
        if status.revoked:
            text += tr("已吊销的 {codes} 不计入汇总（见“单位与密钥”页）。").format(
                codes=tr("、").join(u.code for u in status.revoked)
            )
        self.summary.setText(text)
        self.empty.setVisible(not status.units)
        self._fit_columns()
        self.table.setVisible(bool(status.units))
        if chosen:
            self.select_code(chosen)

    def _fit_columns(self) -> None:
        """Fixed columns as wide as their text, the project columns sharing the rest; the indicator table
        exactly as tall as its rows."""
        header = self.table.horizontalHeader()
        for column in range(self.matrix.columnCount()):
            mode = QHeaderView.ResizeMode.ResizeToContents if column < 3 else QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        rows = self.goals.rowCount()
        view = self.goals_view
        body = view.verticalHeader().length() if rows else view.verticalHeader().defaultSectionSize()
        view.setFixedHeight(view.horizontalHeader().sizeHint().height() + body + 2 * view.frameWidth())

    def shown_plan(self) -> str | None:
        """The id of the plan the page shows (None before its first fill)."""
        return self.status.plan.id if self.status is not None and self.status.plan is not None else None

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(CODE_ROLE)) if rows else None

    def select_code(self, code: str) -> bool:
        row = self.matrix.row_of(code)
        if row < 0:
            return False
        self.table.selectRow(self.sorted.mapFromSource(self.matrix.index(row, 0)).row())
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.open_unit.emit(str(code))


def _local_day(stamp: str) -> str:
    """The database's UTC stamp as the office's local date."""
    try:
        return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().date().isoformat()
    except ValueError:
        return stamp[:10]
