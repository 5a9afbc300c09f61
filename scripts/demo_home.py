"""A demo unit home (广州监狱) with realistic measures, milestones, progress and evidence, each dated as a unit
would have made it over the year (see DemoClock).

Used by scripts/screenshots.py; also handy by hand:
    python scripts/demo_home.py DIR     # then: python -m desktop --home DIR   (users below, password demo-pass)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop import paths  # noqa: E402
from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.domain.periods import PeriodKind, current_period  # noqa: E402
from desktop.domain.status import Role, Status  # noqa: E402
from desktop.store import Store  # noqa: E402

PASSWORD = "demo-pass"
USERS = (
    ("wangjianguo", Role.ADMIN, "王建国"),
    ("lixiaomei", Role.CLERK, "李晓梅"),
    ("chenzhiqiang", Role.REVIEWER, "陈志强"),
)
D = dt.date


@dataclass(frozen=True)
class Step:
    title: str
    due: dt.date
    done: dt.date | None = None
    target: float | None = None
    unit: str = ""
    actual: float | None = None
    key: str | None = None
    evidence: tuple[str, ...] = ()  # "photo:caption" or "pdf:title"


@dataclass(frozen=True)
class Plan:
    task: str
    title: str
    department: str
    person: str
    co_units: str
    start: dt.date
    due: dt.date
    q3: tuple[Status, int, str] | None
    q4: tuple[Status, int, str] | None
    steps: tuple[Step, ...] = ()
    evidence: tuple[str, ...] = ()


PLANS = (
    Plan(
        "1.01",
        "开展“牢记训词、忠诚履职”专题教育",
        "政治处",
        "李晓梅",
        "各监区党支部",
        D(2026, 3, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 60, "完成三期集中轮训，覆盖民警 412 人。"),
        (Status.IN_PROGRESS, 85, "第四期轮训已完成，正在整理心得体会汇编。"),
        (
            Step(
                "完成全员集中轮训", D(2026, 9, 30), D(2026, 9, 26), 4, "期", 4, evidence=("photo:专题教育集中轮训现场",)
            ),
            Step("形成心得体会汇编", D(2026, 12, 20)),
        ),
        ("pdf:专题教育实施方案",),
    ),
    Plan(
        "1.04",
        "建设民警实训基地二期",
        "教育科",
        "张海涛",
        "后勤保障科",
        D(2025, 9, 1),
        D(2026, 11, 30),
        (Status.IN_PROGRESS, 70, "主体工程完工，设备采购招标中。"),
        (Status.LAGGING, 75, "设备到货延迟，验收推迟至 12 月中旬。"),
        (Step("主体工程完工", D(2026, 6, 30), D(2026, 7, 15)), Step("设备安装验收", D(2026, 11, 30))),
        ("photo:实训基地二期主体工程",),
    ),
    Plan(
        "1.05",
        "组织全员岗位练兵比武",
        "狱政科",
        "刘伟",
        "各监区",
        D(2026, 4, 1),
        D(2026, 12, 15),
        (Status.IN_PROGRESS, 50, "完成监区初赛 16 场。"),
        (Status.DONE, 100, "11 月 18 日举行决赛，评出标兵 12 名。"),
        (
            Step("监区初赛", D(2026, 8, 31), D(2026, 8, 28), 16, "场", 16),
            Step("全狱决赛", D(2026, 11, 20), D(2026, 11, 18), evidence=("photo:岗位练兵比武决赛",)),
        ),
    ),
    Plan(
        "1.10",
        "建立民警心理健康档案",
        "政治处",
        "周敏",
        "监狱医院",
        D(2026, 1, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 40, "已建档 380 份。"),
        (Status.IN_PROGRESS, 70, "已建档 690 份，开展团体辅导 6 次。"),
        (Step("建档率达到 100%", D(2026, 12, 31), target=100, unit="%"),),
    ),
    Plan(
        "1.11",
        "开展作风纪律专项整治",
        "纪委办",
        "黄国强",
        "",
        D(2026, 5, 1),
        D(2026, 10, 31),
        (Status.IN_PROGRESS, 80, "完成自查自纠，梳理问题 23 项。"),
        (Status.DONE, 100, "23 项问题全部整改销号。"),
        (Step("问题整改销号", D(2026, 10, 31), D(2026, 10, 29), 23, "项", 23),),
    ),
    Plan(
        "2.01",
        "上线安全风险评估系统",
        "狱侦科",
        "吴志明",
        "信息技术科",
        D(2025, 10, 1),
        D(2026, 9, 30),
        (Status.DONE, 100, "系统 9 月 20 日上线试运行。"),
        (Status.DONE, 100, "运行平稳，形成月度风险研判报告。"),
        (Step("系统上线", D(2026, 9, 30), D(2026, 9, 20), evidence=("pdf:安全风险评估系统验收报告",)),),
    ),
    Plan(
        "2.03",
        "隐患排查闭环管理",
        "狱政科",
        "刘伟",
        "各监区",
        D(2026, 1, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 65, "排查隐患 41 处，整改 35 处。"),
        (Status.IN_PROGRESS, 88, "排查隐患 52 处，整改 49 处。"),
        (Step("季度隐患清零", D(2026, 12, 25), target=100, unit="%"),),
    ),
    Plan(
        "2.05",
        "罪犯电子健康档案全覆盖",
        "监狱医院",
        "郑丽华",
        "信息技术科",
        D(2026, 3, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 45, "完成 2 个监区试点。"),
        (Status.IN_PROGRESS, 60, "推广至 7 个监区。"),
        (Step("全部监区上线", D(2026, 12, 10), target=12, unit="个监区"),),
    ),
    Plan(
        "2.07",
        "修订计分考核实施细则",
        "刑罚执行科",
        "林晓东",
        "狱政科",
        D(2026, 2, 1),
        D(2026, 8, 31),
        (Status.DONE, 100, "细则经狱务会审议通过并印发。"),
        None,
        (Step("印发新细则", D(2026, 8, 31), D(2026, 8, 15), evidence=("pdf:计分考核实施细则（修订）",)),),
    ),
    Plan(
        "3.02",
        "规范刑务办案中心运行",
        "刑罚执行科",
        "林晓东",
        "",
        D(2026, 1, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 70, "办案中心受理案件 326 件。"),
        (Status.IN_PROGRESS, 90, "受理案件 458 件，差错率 0。"),
        (Step("年度案件质量评查", D(2026, 12, 31)),),
    ),
    Plan(
        "3.05",
        "举办监狱开放日活动",
        "办公室",
        "陈静",
        "宣传科",
        D(2026, 4, 1),
        D(2026, 10, 31),
        (Status.IN_PROGRESS, 50, "上半年开放日已举办。"),
        (Status.DONE, 100, "下半年开放日邀请人大代表、政协委员 35 人参加。"),
        (
            Step("上半年开放日", D(2026, 5, 31), D(2026, 5, 20), evidence=("photo:监狱开放日",)),
            Step("下半年开放日", D(2026, 10, 31), D(2026, 10, 22)),
        ),
    ),
    Plan(
        "4.02",
        "分类教育改造试点",
        "教育科",
        "张海涛",
        "心理矫治中心",
        D(2026, 1, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 55, "确定 4 类试点对象。"),
        (Status.IN_PROGRESS, 75, "试点监区形成教学方案 4 套。"),
        (Step("形成分类教育方案", D(2026, 12, 31), target=4, unit="套", actual=4),),
    ),
    Plan(
        "4.03",
        "职业技能培训取证",
        "教育科",
        "赵云",
        "劳动改造科",
        D(2026, 3, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 60, "开班 8 期，取证 210 人。"),
        (Status.IN_PROGRESS, 82, "开班 12 期，取证 318 人。"),
        (Step("全年取证 400 人", D(2026, 12, 31), target=400, unit="人", actual=318),),
        ("photo:职业技能培训课堂",),
    ),
    Plan(
        "4.10",
        "建立社会帮教常态机制",
        "教育科",
        "赵云",
        "社区矫正机构",
        D(2026, 1, 1),
        D(2026, 12, 31),
        None,
        (Status.NOT_STARTED, 0, "待与司法所签订协议。"),
        (Step("签订帮教协议", D(2026, 12, 10)),),
    ),
    Plan(
        "5.02",
        "监管安全设施升级改造",
        "后勤保障科",
        "孙建华",
        "狱政科",
        D(2025, 6, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 70, "周界报警系统改造完成。"),
        (Status.LAGGING, 72, "AB 门改造受施工许可影响，进度滞后。"),
        (Step("AB 门改造完成", D(2026, 10, 31)),),
    ),
    Plan(
        "5.05",
        "智能安防平台扩容",
        "信息技术科",
        "何俊",
        "狱侦科",
        D(2026, 2, 1),
        D(2026, 12, 31),
        (Status.IN_PROGRESS, 50, "新增视频点位 120 个。"),
        (Status.IN_PROGRESS, 80, "新增视频点位 210 个，平台联调中。"),
        (Step("平台联调验收", D(2026, 12, 15)),),
    ),
    Plan(
        "5.12",
        "规范化监狱创建",
        "办公室",
        "陈静",
        "各科室",
        D(2022, 1, 1),
        D(2025, 12, 31),
        (Status.DONE, 100, "通过省局规范化监狱验收。"),
        (Status.DONE, 100, "巩固创建成果。"),
        (
            Step(
                "通过省局验收",
                D(2025, 11, 30),
                D(2025, 11, 20),
                100,
                "%",
                100,
                "standardized-prison-rate",
                ("pdf:规范化监狱验收意见",),
            ),
        ),
    ),
)


def _photo(path: Path, caption: str, hue: int) -> Path:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

    image = QImage(960, 640, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 960, 640)
    gradient.setColorAt(0, QColor.fromHsv(hue, 90, 210))
    gradient.setColorAt(1, QColor.fromHsv((hue + 40) % 360, 140, 110))
    painter.fillRect(image.rect(), gradient)
    painter.setBrush(QColor(255, 255, 255, 60))
    painter.setPen(Qt.PenStyle.NoPen)
    for i in range(6):
        painter.drawRoundedRect(QRectF(80 + i * 140, 300 - (i % 3) * 40, 110, 220 + (i % 3) * 40), 12, 12)
    painter.fillRect(0, 540, 960, 100, QColor(0, 0, 0, 120))
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPointSize(26)
    painter.setFont(font)
    painter.drawText(QRectF(30, 548, 900, 80), Qt.AlignmentFlag.AlignVCenter, caption)
    painter.end()
    image.save(str(path), "JPG", 80)
    return path


def _pdf(path: Path, title: str) -> Path:
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(20, 20, 20, 20))
    )
    writer.setResolution(150)
    painter = QPainter(writer)
    width = writer.width()
    font = QFont()
    font.setPointSize(20)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 40, width, 120), Qt.AlignmentFlag.AlignHCenter, title)
    font.setPointSize(12)
    font.setBold(False)
    painter.setFont(font)
    body = (
        "根据《广东省监狱工作发展“十四五”规划》和省局年度工作要点，结合本单位实际，制定本文件。\n\n"
        "一、工作目标\n按照时间节点完成各项任务，确保责任到人、措施到位、成效可查。\n\n"
        "二、主要措施\n（一）加强组织领导，成立工作专班，每月召开推进会。\n"
        "（二）细化任务分工，建立台账，实行挂图作战、销号管理。\n"
        "（三）强化督促检查，纳入年度绩效考核。\n\n"
        "三、工作要求\n各部门要高度重视，按时报送进度和佐证材料。\n\n"
        "广州监狱\n2026年"
    )
    painter.drawText(QRectF(60, 220, width - 120, 2000), Qt.TextFlag.TextWordWrap, body)
    painter.end()
    return path


def _evidence_file(folder: Path, spec: str, number: int) -> Path:
    kind, caption = spec.split(":", 1)
    if kind == "photo":
        return _photo(folder / f"{caption}.jpg", f"广州监狱　{caption}", (number * 47) % 360)
    return _pdf(folder / f"{caption}.pdf", caption)


class DemoClock:
    """The store's clock while the demo is built: each record carries the day a unit would have made it
    (measures entered in January, a milestone recorded the day after it was reached, each quarter's
    progress at its end), a few minutes apart, instead of every audit entry and save time falling in the
    minute the script ran. It never goes back, so the audit trail reads forward. Once the demo is built it
    runs live: what a screenshot script does next (an export) happens now."""

    def __init__(self, start: dt.date) -> None:
        self.current = self._morning(start)
        self.live = False

    @staticmethod
    def _morning(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(9, 0)).astimezone()

    def on(self, day: dt.date) -> None:
        """The next record is made on `day` (or, when that day is past, a few minutes after the last)."""
        later = self.current + dt.timedelta(minutes=3)
        if later.hour >= 17:
            later = self._morning(later.date() + dt.timedelta(days=1))
        self.current = max(later, self._morning(day))

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(microsecond=0) if self.live else self.current


TODAY = D(2026, 11, 26)  # the day the demo is seen on: Q4 submitted, not yet reviewed
SET_UP = D(2026, 1, 5)  # unit and users; the measures and milestones the next day
PROGRESS = {"2026-Q3": D(2026, 9, 24), "2026-Q4": D(2026, 11, 20)}  # when each quarter's progress is written
Event = tuple[dt.date, str, Callable[[], object]]  # day, who, what


def build_demo_home(root: Path) -> Store:
    """Create the demo home at `root` (must not exist yet) and return it open, acting as the clerk."""
    catalog = load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")
    clock = DemoClock(SET_UP)
    store = Store.create(root, "wangjianguo", "unit", catalog, clock)
    clock.on(SET_UP)
    store.set_unit("GD-GZ01", "广州监狱")
    for name, role, display in USERS:
        clock.on(SET_UP)
        store.users.add(name, role, PASSWORD, display)
    tasks = {t.key: t for t in store.plan.tasks()}
    files = Path(tempfile.mkdtemp(prefix="pp-demo-files-"))
    numbers = iter(range(1, 1000))
    events: list[Event] = []  # what happens after the measures are entered, run in order of day

    def evidence(item_id: int, specs: tuple[str, ...], period: str | None = None) -> None:
        for spec in specs:
            clock.on(SET_UP)
            store.evidence.add(item_id, _evidence_file(files, spec, next(numbers)), period=period)

    def reached(milestone_id: int, step: Step) -> None:
        store.milestones.update(milestone_id, achieved_date=step.done, actual_value=step.actual)
        # a milestone's files belong to the quarter it was reached in
        quarter = current_period(PeriodKind.QUARTER, step.done).code if step.done else None
        evidence(milestone_id, step.evidence, quarter)

    store.audit.actor = "lixiaomei"
    for plan in PLANS:
        clock.on(SET_UP + dt.timedelta(days=1))
        measure = store.measures.add(
            tasks[plan.task].id,
            plan.title,
            department=plan.department,
            person=plan.person,
            co_units=plan.co_units,
            start_date=plan.start,
            due_date=plan.due,
        )
        evidence(measure.id, plan.evidence)
        for step in plan.steps:
            clock.on(SET_UP)
            milestone = store.milestones.add(
                measure.id, step.title, step.due, target_value=step.target, target_unit=step.unit, target_key=step.key
            )
            if step.done or step.actual is not None:
                day = step.done + dt.timedelta(days=1) if step.done else PROGRESS["2026-Q4"]
                events.append((day, "lixiaomei", partial(reached, milestone.id, step)))
            else:
                evidence(milestone.id, step.evidence)
        for period, entry in (("2026-Q3", plan.q3), ("2026-Q4", plan.q4)):
            if entry:
                events.append(
                    (PROGRESS[period], "lixiaomei", partial(store.progress.record, measure.id, period, *entry))
                )
    events += [
        (D(2026, 9, 28), "lixiaomei", partial(store.reviews.submit, "2026-Q3", "三季度进度已填报完毕")),
        (D(2026, 9, 29), "chenzhiqiang", partial(store.reviews.approve, "2026-Q3", "数据核实无误")),
        (
            D(2026, 11, 24),
            "lixiaomei",
            partial(store.progress.record, tasks["1.01"].id, "2026-Q4", Status.IN_PROGRESS, 80, "专题教育按计划推进。"),
        ),
        (D(2026, 11, 24), "lixiaomei", partial(store.reviews.submit, "2026-Q4", "四季度进度请审核")),
    ]
    for day, actor, action in sorted(events, key=lambda event: event[0]):  # stable: same day keeps its order
        clock.on(day)
        store.audit.actor = actor
        action()
    store.audit.actor = "lixiaomei"
    clock.live = True
    return store


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/demo_home.py DIR")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # the demo pictures are drawn with Qt
    from desktop.ui.fonts import install_cjk_font

    install_cjk_font(app)
    build_demo_home(Path(sys.argv[1])).close()
    print(f"demo home at {sys.argv[1]}; users {', '.join(u[0] for u in USERS)}; password {PASSWORD}")
