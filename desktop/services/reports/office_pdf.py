"""The provincial office's summary report, rendered from plain per-unit data.

The office database and its queries belong to the bundle side; this module only lays out what it is
given (`OfficeReportData`), so `planprogress province report` is one collect function plus
`render_office_pdf`. It shows who reported for the period (and who is late), the
units × projects completion matrix, province-wide indicators against their dated goals (2023 / 2025),
and each unit's red items (units without any in one line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from desktop.domain.periods import Period
from desktop.services.office.indicator_lines import BY_YEAR_END, HEADINGS, HINTS, NOW, IndicatorLine, Outcome
from desktop.services.reports import pdf_parts as pp
from desktop.services.reports.output import check_target
from desktop.services.reports.pdf_doc import write_pdf
from desktop.services.reports.tables import Row, data_table

_LATE = colors.HexColor("#f9d0d0")
_OK = colors.HexColor("#d8f0da")
_MET = colors.HexColor("#d8f0da")
_VERDICT_FILL = {Outcome.MET: _MET, Outcome.MISSED: _LATE, Outcome.NOT_YET: colors.HexColor("#fbeec2")}


@dataclass(frozen=True)
class RedItem:
    """One red-light item of a unit: overdue or 滞后."""

    task_key: str  # "2.03"
    kind: str  # 任务 / 措施 / 时间节点
    title: str
    reason: str  # e.g. "逾期（到期 2026-06-30）" or "滞后：……"
    responsible: str = ""  # department / person, when known


@dataclass(frozen=True)
class OfficeUnitRow:
    code: str
    name: str
    reported: bool  # progress for the period has arrived
    last_seq: int | None  # last accepted bundle, None before the first
    last_at: str  # when it was accepted ("" before the first)
    percents: tuple[int | None, ...]  # per project, in OfficeReportData.projects order; None: no data
    red_items: tuple[RedItem, ...] = ()


@dataclass(frozen=True)
class OfficeReportData:
    office: str  # 广东省监狱管理局
    plan_title: str
    period: Period
    generated: dt.datetime
    projects: tuple[str, ...]  # project names in catalog order
    units: tuple[OfficeUnitRow, ...]
    indicators: tuple[IndicatorLine, ...] = ()  # one per indicator and goal
    revoked: tuple[str, ...] = ()  # names of revoked units, left out of every count


def _pct(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def _average(values: Iterable[int | None]) -> int | None:
    """Mean of the known values; None when nothing is known."""
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known)) if known else None


def _cover(data: OfficeReportData, st: pp.Styles) -> list[Flowable]:
    late = [u for u in data.units if not u.reported]
    facts: tuple[str, ...] = (
        f"报告期：{data.period.label}（{data.period.code}）",
        f"生成时间：{data.generated.strftime('%Y-%m-%d %H:%M')}",
        f"单位数：{len(data.units)}，本期已报送 {len(data.units) - len(late)}，未报送 {len(late)}",
    )
    if data.revoked:
        facts += (f"已吊销（不计入统计）：{'、'.join(data.revoked)}",)
    return [
        Spacer(1, 50 * mm),
        pp.para(data.plan_title, st.subtitle),
        pp.para("全省推进情况汇总报告", st.title),
        pp.para(data.office, st.subtitle),
        Spacer(1, 20 * mm),
        *(pp.para(f, st.body) for f in facts),
        PageBreak(),
    ]


def _reporting(data: OfficeReportData, st: pp.Styles) -> list[Flowable]:
    late = [u for u in data.units if not u.reported]
    rows = [
        Row(
            [
                u.name,
                u.code,
                "已报送" if u.reported else "未报送",
                "—" if u.last_seq is None else str(u.last_seq),
                u.last_at or "—",
            ],
            ((2, 2, _OK if u.reported else _LATE),),
        )
        for u in sorted(data.units, key=lambda u: (u.reported, u.code))
    ]
    if not data.units:
        note = "尚未登记任何单位，没有单位报送数据。"
    elif len(late) == len(data.units):
        note = "尚无单位报送本期数据。未报送：" + "、".join(u.name for u in late) + "。"
    elif late:
        note = "未报送：" + "、".join(u.name for u in late) + "。"
    else:
        note = "全部单位均已报送。"
    return [
        pp.para("一、报送情况", st.h1),
        pp.para(note, st.body),
        data_table(
            ["单位", "代码", "本期", "最近数据包序号", "接收时间"],
            rows,
            [52 * mm, 30 * mm, 20 * mm, 30 * mm, 46 * mm],
            centered=(2, 3),
        ),
    ]


def _matrix(data: OfficeReportData, st: pp.Styles) -> list[Flowable]:
    count = max(len(data.projects), 1)
    name_width, avg_width = 44 * mm, 18 * mm
    project_width = (pp.CONTENT_WIDTH - name_width - avg_width) / count
    n = len(data.projects)
    table = [(u.name, (tuple(u.percents) + (None,) * n)[:n]) for u in data.units]
    rows = [Row([name, *(_pct(p) for p in ps), _pct(_average(ps))]) for name, ps in table]
    province = [_average(ps[i] for _, ps in table) for i in range(n)]
    overall = _average(province)
    rows.append(Row(["全省平均", *(_pct(p) for p in province), _pct(overall)], ((0, -1, pp.HEADER_FILL),)))
    return [
        Spacer(1, 6 * mm),
        pp.para("二、各单位各工程完成情况（%）", st.h1),
        data_table(
            ["单位", *data.projects, "平均"],
            rows,
            [name_width, *([project_width] * len(data.projects)), avg_width],
            centered=range(1, len(data.projects) + 2),
        ),
    ]


def _indicators(data: OfficeReportData, st: pp.Styles) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 6 * mm), pp.para("三、全省指标与规划目标", st.h1)]
    if not data.indicators:
        return [*out, pp.para("规划目录中没有量化指标。", st.body)]
    last = len(HEADINGS) - 1
    rows = [
        Row(list(line.texts()), ((last, last, _VERDICT_FILL[line.outcome]),) if line.outcome else ())
        for line in data.indicators
    ]
    widths = [50 * mm, 30 * mm, 26 * mm, 22 * mm, 24 * mm, 26 * mm]
    notes = [pp.para(f"{heading}：{HINTS[heading]}。", st.note) for heading in (BY_YEAR_END, NOW)]
    return [*out, data_table(list(HEADINGS), rows, widths, centered=(1, 2, 3, 4, 5)), Spacer(1, 2 * mm), *notes]


def _label(unit: OfficeUnitRow) -> str:
    return unit.code if unit.name == unit.code else f"{unit.name}（{unit.code}）"


def _unit_section(unit: OfficeUnitRow, st: pp.Styles) -> list[Flowable]:
    """A unit with red items: its heading kept with the table's start, on a new page only when little is left."""
    heading = [pp.para(f"{_label(unit)}红灯事项", st.h2)]
    if not unit.reported:
        heading.append(pp.para("本期尚未报送，以下为最近一次报送的数据。", st.note))
    heading.append(pp.para(f"共 {len(unit.red_items)} 项。", st.note))
    rows = [Row([r.task_key, r.kind, r.title, r.responsible or "—", r.reason]) for r in unit.red_items]
    widths = [16 * mm, 18 * mm, 66 * mm, 34 * mm, 44 * mm]
    table = data_table(["任务", "类别", "事项", "责任部门 / 责任人", "原因"], rows, widths, centered=(0, 1))
    return [CondPageBreak(45 * mm), KeepTogether(heading), table, Spacer(1, 4 * mm)]


def _red_items(units: Iterable[OfficeUnitRow], st: pp.Styles) -> list[Flowable]:
    """Units without a bundle and units without red items in one line each; a section per unit with red items
    (a page per unit left most pages nearly empty)."""
    ordered = sorted(units, key=lambda u: u.code)
    missing = [u for u in ordered if u.last_seq is None]
    clear = [u for u in ordered if u.last_seq is not None and not u.red_items]
    red = [u for u in ordered if u.last_seq is not None and u.red_items]
    out: list[Flowable] = []
    if missing:
        names = "、".join(_label(u) for u in missing)
        out.append(pp.para(f"尚未收到数据包的单位（{len(missing)} 个）：{names}。", st.body))
    if clear:
        names = "、".join(_label(u) + ("（本期未报送，据最近一次数据）" if not u.reported else "") for u in clear)
        out.append(pp.para(f"无逾期或滞后事项的单位（{len(clear)} 个）：{names}。", st.body))
    if red:
        out.append(pp.para(f"有红灯事项的单位（{len(red)} 个）如下。", st.body))
    for unit in red:
        out.extend(_unit_section(unit, st))
    return out


def build_office_story(data: OfficeReportData) -> list[Flowable]:
    st = pp.make_styles()
    story = _cover(data, st) + _reporting(data, st) + _matrix(data, st) + _indicators(data, st)
    story.append(PageBreak())
    story.append(pp.para("四、各单位红灯事项", st.h1))
    story.extend(_red_items(data.units, st))
    if not data.units:
        story.append(pp.para("尚未登记任何单位。", st.body))
    return story


def render_office_pdf(data: OfficeReportData, out: Path, progress: pp.Progress | None = None) -> int:
    """Write the office summary to `out` (replaced only when complete); return the number of pages."""
    check_target(out, (".pdf",))
    return write_pdf(
        out,
        build_office_story(data),
        header=f"{data.office}　{data.period.label}（{data.period.code}）全省推进情况汇总",
        title=f"{data.office} {data.period.label} 全省推进情况汇总报告",
        author=data.office,
        subject=data.plan_title,
        progress=progress,
    )
