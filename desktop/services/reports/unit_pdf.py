"""The unit's progress report as an A4 PDF in Chinese: cover, summary, tasks, evidence index, sign-off."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from desktop.domain.health import Light
from desktop.domain.periods import parse_period
from desktop.domain.sizes import size_text
from desktop.services.reports import pdf_parts as pp
from desktop.services.reports.charts import lights_chart, percent_chart
from desktop.services.reports.fonts import REPLACEMENT, safe_text
from desktop.services.reports.output import check_target
from desktop.services.reports.pdf_doc import write_pdf
from desktop.services.reports.tables import Row, data_table
from desktop.services.reports.unit_data import EvidenceLine, UnitReportData
from desktop.store.overview import MeasureView, MilestoneView, ProjectView, TaskView

LIGHT_FILL = {
    Light.GREEN: colors.HexColor("#d8f0da"),
    Light.YELLOW: colors.HexColor("#fff1b8"),
    Light.RED: colors.HexColor("#f9d0d0"),
    Light.GREY: colors.HexColor("#eceff1"),
}
PROJECT_ORDINALS = "一二三四五六七八九十"
NOT_REPORTED = "未填报"


def _number(value: float | None, unit: str) -> str:
    return f"{value:g}{unit}" if value is not None else "—"


def _light_fill(light: Light, column: int) -> tuple[int, int, colors.Color]:
    return (column, column, LIGHT_FILL[light])


def _cover(data: UnitReportData, st: pp.Styles) -> list[Flowable]:
    totals = data.light_totals()
    facts = [
        ("填报单位", f"{data.unit.name}（{data.unit.code}）"),
        ("报告期", f"{data.period.label}（{data.period.code}）"),
        ("生成日期", data.generated.strftime("%Y-%m-%d %H:%M")),
        ("审核状态", data.review_text),
        ("审核人", data.reviewer or "尚未审核"),
        ("最近导出批次", data.bundle_text),
        ("总体完成", f"{data.overall_percent()}%"),
        (
            "任务状态",
            f"正常 {totals[Light.GREEN]} 项，临近到期 {totals[Light.YELLOW]} 项，"
            f"逾期/滞后 {totals[Light.RED]} 项，未填报 {totals[Light.GREY]} 项",
        ),
    ]
    key_width, value_width = 32 * mm, 98 * mm
    key_style = ParagraphStyle("cover-key", parent=st.body, textColor=pp.MUTED)
    rows = [[pp.para(k, key_style, key_width - 12), pp.para(v, st.body, value_width - 12)] for k, v in facts]
    table = Table(rows, colWidths=[key_width, value_width], hAlign="CENTER")
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), st.body.fontName),  # else the table selects Helvetica (never embedded)
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, pp.GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return [
        Spacer(1, 45 * mm),
        pp.para(data.plan_title, st.subtitle),
        pp.para("推进情况报告", st.title),
        pp.para(f"{data.unit.name}　{data.period.label}", st.subtitle),
        Spacer(1, 22 * mm),
        table,
        PageBreak(),
    ]


def _summary(data: UnitReportData, st: pp.Styles) -> list[Flowable]:
    titles = ["工程", "任务数", "完成百分比", "正常", "临近到期", "逾期/滞后", "未填报"]
    widths = [58 * mm, 18 * mm, 22 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm]
    rows = []
    for n, p in enumerate(data.projects):
        name = f"（{PROJECT_ORDINALS[n % 10]}）{p.project.name}"
        counts = [str(p.lights.get(light, 0)) for light in (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)]
        rows.append(Row([name, str(len(p.tasks)), f"{p.percent}%", *counts]))
    totals = data.light_totals()
    rows.append(
        Row(
            [
                "合计",
                str(sum(len(p.tasks) for p in data.projects)),
                f"{data.overall_percent()}%",
                *(str(totals[light]) for light in (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)),
            ],
            ((0, -1, pp.HEADER_FILL),),
        )
    )
    names = [p.project.name for p in data.projects]
    chart_height = 22 + 20 * max(len(names), 1) + 24
    return [
        pp.para("一、总体情况", st.h1),
        pp.para(
            f"本报告期共 {sum(len(p.tasks) for p in data.projects)} 项规划任务，总体完成 {data.overall_percent()}%。"
            "状态灯按任务统计：任务本身或其任一措施、时间节点逾期或滞后即为红灯。",
            st.body,
        ),
        data_table(titles, rows, widths, centered=range(1, 7)),
        Spacer(1, 6 * mm),
        percent_chart(names, [p.percent for p in data.projects], pp.CONTENT_WIDTH, chart_height),
        Spacer(1, 4 * mm),
        lights_chart(names, [p.lights for p in data.projects], pp.CONTENT_WIDTH, chart_height + 16),
        PageBreak(),
    ]


_MEASURE_TITLES = ["序号", "措施", "责任部门 / 责任人", "起止日期", "状态", "进度", "状态灯", "进展说明"]
_MEASURE_WIDTHS = [9 * mm, 37 * mm, 28 * mm, 23 * mm, 13 * mm, 11 * mm, 15 * mm, 42 * mm]


def _measure_rows(views: Sequence[MeasureView]) -> list[Row]:
    rows = []
    for n, v in enumerate(views, start=1):
        m = v.measure
        people = "\n".join(
            part
            for part in (
                m.department,
                f"责任人：{m.person}" if m.person else "",
                f"协办：{m.co_units}" if m.co_units else "",
            )
            if part
        )
        start = m.start_date.isoformat() if m.start_date else ""
        due = m.due_date.isoformat() if m.due_date else ""
        dates = "\n".join(part for part in (f"起 {start}" if start else "", f"止 {due}" if due else "") if part)
        entry = v.progress
        note = (entry.note if entry else "") + (f"（沿用 {entry.period} 的填报）" if entry and v.carried else "")
        cells = [
            str(n),
            m.title,
            people or "—",
            dates or "—",
            entry.status.value if entry else NOT_REPORTED,
            f"{entry.percent}%" if entry else "—",
            v.light.label,
            note or "—",
        ]
        rows.append(Row(cells, (_light_fill(v.light, 6),)))
    return rows


_MILESTONE_TITLES = ["时间节点", "所属措施", "到期日期", "目标", "实际", "完成日期", "状态灯", "佐证"]
_MILESTONE_WIDTHS = [44 * mm, 32 * mm, 19 * mm, 18 * mm, 18 * mm, 19 * mm, 16 * mm, 12 * mm]


def _milestone_rows(views: Sequence[MilestoneView], measures: dict[int, str]) -> list[Row]:
    rows = []
    for v in views:
        ms = v.milestone
        owner = measures.get(ms.measure_id, "") if ms.measure_id else "（任务）"
        cells = [
            ms.title,
            owner,
            ms.due_date.isoformat(),
            _number(ms.target_value, ms.target_unit),
            _number(ms.actual_value, ms.target_unit),
            ms.achieved_date.isoformat() if ms.achieved_date else "未完成",
            v.light.label,
            f"{v.evidence} 份",
        ]
        rows.append(Row(cells, (_light_fill(v.light, 6),)))
    return rows


def _task(view: TaskView, st: pp.Styles) -> list[Flowable]:
    entry = view.progress
    status = entry.status.value if entry else NOT_REPORTED
    facts = f"状态：{status}｜完成：{view.percent}%｜状态灯：{view.light.label}｜佐证材料：{view.evidence} 份"
    if entry and view.carried:
        facts += f"｜沿用 {entry.period} 的填报"
    narrative = entry.note.strip() if entry else ""
    if not (narrative or view.measures or view.milestones):
        facts += "｜尚无进展说明、措施和时间节点"
    heading = [pp.para(f"{view.task.key}　{view.task.label}", st.h3), pp.para(facts, st.note)]
    out: list[Flowable] = [CondPageBreak(30 * mm), KeepTogether(heading)]
    if not (narrative or view.measures or view.milestones):
        return out
    out.append(pp.para(f"本期进展：{narrative}" if narrative else "本期进展：未填写。", st.body))
    if view.measures:
        out.append(data_table(_MEASURE_TITLES, _measure_rows(view.measures), _MEASURE_WIDTHS, centered=(0, 4, 5)))
    else:
        out.append(pp.para("本任务尚未分解措施。", st.note))
    if view.milestones:
        titles = {m.measure.id: m.measure.title for m in view.measures}
        out.append(Spacer(1, 2 * mm))
        out.append(data_table(_MILESTONE_TITLES, _milestone_rows(view.milestones, titles), _MILESTONE_WIDTHS))
    out.append(Spacer(1, 2 * mm))
    return out


def _project(n: int, view: ProjectView, st: pp.Styles) -> list[Flowable]:
    head = f"（{PROJECT_ORDINALS[n % 10]}）{view.project.name}　完成 {view.percent}%"
    out: list[Flowable] = [CondPageBreak(50 * mm), pp.para(head, st.h2)]
    if not view.tasks:
        out.append(pp.para("本工程下没有规划任务。", st.note))
        return out
    if not any(t.progress or t.measures or t.milestones for t in view.tasks):
        out.append(pp.para("本工程尚无措施、时间节点或进度填报。", st.note))
    for task in view.tasks:
        out.extend(_task(task, st))
    return out


_EVIDENCE_TITLES = ["序号", "标题", "类别", "所属期", "原文件名", "大小", "SHA-256", "佐证对象"]
_EVIDENCE_WIDTHS = [10 * mm, 29 * mm, 14 * mm, 23 * mm, 29 * mm, 15 * mm, 22 * mm, 36 * mm]


def _evidence(lines: Sequence[EvidenceLine], st: pp.Styles) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), pp.para("三、佐证材料索引", st.h1)]
    if not lines:
        return [*out, pp.para("本单位尚未上传佐证材料。", st.body)]
    note = f"共 {len(lines)} 份。SHA-256 列为文件内容指纹的前 12 位，可与导出包中的文件逐一核对。"
    if any(safe_text(line.record.original_name) != line.record.original_name for line in lines):
        note += f"文件名中本字体无法显示的字符以“{REPLACEMENT}”代替，完整文件名见 Excel 台账。"
    out.append(pp.para(note, st.note))
    rows = [
        Row(
            [
                str(n),
                line.record.title,
                line.record.category or "—",
                parse_period(line.record.period).label if line.record.period else "—",
                line.record.original_name,
                size_text(line.record.size),
                line.record.sha256[:12],
                line.supports,
            ]
        )
        for n, line in enumerate(lines, start=1)
    ]
    out.append(data_table(_EVIDENCE_TITLES, rows, _EVIDENCE_WIDTHS, centered=(0,)))
    return out


def _sign_off(data: UnitReportData, st: pp.Styles) -> list[Flowable]:
    widths = (26 * mm, 46 * mm, 56 * mm, 50 * mm)
    date = "　　　　年　　　月　　　日"  # plain cells keep the blanks for handwriting (a Paragraph collapses them)

    def name(text: str) -> Flowable:
        return pp.para(text, st.body, widths[1] - 12)

    rows = [
        ["", "姓名", "签字", "日期"],
        ["填报人", name(data.submitter), "", date],
        ["审核人", name(data.reviewer), "", date],
    ]
    table = Table(rows, colWidths=list(widths), rowHeights=[9 * mm, 16 * mm, 16 * mm], hAlign="LEFT")
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), st.body.fontName, 10.5, 14),
            ("GRID", (0, 0), (-1, -1), 0.5, pp.GRID),
            ("BACKGROUND", (0, 0), (-1, 0), pp.HEADER_FILL),
            ("BACKGROUND", (0, 0), (0, -1), pp.HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ]
    )
    return [
        CondPageBreak(70 * mm),
        pp.para("四、签字确认", st.h1),
        pp.para("以上内容经填报人核实、审核人审核，佐证材料与索引一致。", st.body),
        Spacer(1, 3 * mm),
        table,
    ]


def build_story(data: UnitReportData) -> list[Flowable]:
    st = pp.make_styles()
    story = _cover(data, st) + _summary(data, st)
    story.append(pp.para("二、任务推进情况", st.h1))
    for n, project in enumerate(data.projects):
        story.extend(_project(n, project, st))
    story.extend(_evidence(data.evidence, st))
    story.extend(_sign_off(data, st))
    return story


def render_unit_pdf(data: UnitReportData, out: Path, progress: pp.Progress | None = None) -> int:
    """Write the report to `out` (replaced only when complete); return the number of pages."""
    check_target(out, (".pdf",))  # before any time is spent laying out
    return write_pdf(
        out,
        build_story(data),
        header=f"{data.unit.name}　{data.period.label}（{data.period.code}）规划推进情况报告",
        title=f"{data.unit.name} {data.period.label} 规划推进情况报告",
        author=data.unit.name,
        subject=data.plan_title,
        progress=progress,
    )
