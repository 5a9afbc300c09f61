"""A unit with something in every part of the report, and tools to look inside the PDFs it makes."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader

from desktop.domain.status import Role, Status
from desktop.store import Store

PERIOD = "2026-Q4"
NOW = dt.datetime(2026, 11, 26, 9, 30).astimezone()
# Outside the font: an emoji and CJK Extension B characters (𠀀 U+20000, 𪚥 U+2A6A5).
ODD_NAMES = ("😀现场照片𠀀.jpg", "会议 记录 (第1次)𪚥.pdf", "培训签到表.xlsx")
MEASURE_TITLE = "组织全体民警开展政治轮训，每季度不少于一次集中学习"
NARRATIVE = "本季度组织集中学习三次，覆盖民警四百一十二人。"


@dataclass(frozen=True)
class Sample:
    store: Store
    task_id: int
    measure_id: int
    milestone_id: int


def add_files(store: Store, item_id: int, folder: Path, names: tuple[str, ...]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = folder / name
        source.write_bytes(name.encode("utf-8") * 40)
        store.evidence.add(item_id, source, category="照片")


@pytest.fixture
def sample(store: Store, tmp_path: Path) -> Sample:
    """Measures, milestones, progress, evidence with odd names, and a period submitted and approved."""
    task = store.plan.tasks(1)[0]
    measure = store.measures.add(
        task.id,
        MEASURE_TITLE,
        department="政治处",
        person="张三",
        co_units="各监区",
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
    )
    second = store.measures.add(task.id, "建立“第一议题”制度", department="办公室", person="李四")
    store.progress.record(task.id, PERIOD, Status.IN_PROGRESS, 60, NARRATIVE)
    store.progress.record(measure.id, PERIOD, Status.IN_PROGRESS, 50, "已完成两次轮训")
    store.progress.record(second.id, PERIOD, Status.LAGGING, 20, "因场地改造推迟")
    due = dt.date(2026, 3, 31)
    milestone = store.milestones.add(measure.id, "完成第一期轮训", due, target_value=100, target_unit="人")
    store.milestones.mark_done(milestone.id, dt.date(2026, 3, 28), 98)
    store.milestones.add(task.id, "规范化监狱创建达标", dt.date(2026, 12, 31), target_value=80, target_unit="%")
    add_files(store, measure.id, tmp_path / "files", ODD_NAMES)
    store.users.add("wang", Role.REVIEWER, "secret-123", display_name="王审核")
    store.reviews.submit(PERIOD)
    return Sample(store, task.id, measure.id, milestone.id)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def render_png(path: Path, page: int, out_prefix: Path, dpi: int = 50) -> Path:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(path), str(out_prefix)],
        check=True,
        capture_output=True,
    )
    (png,) = sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))
    return png


def ink_stddev(png: Path) -> float:
    """Grey-level spread of a page image: 0 for a blank page."""
    with Image.open(png) as image:
        return float(ImageStat.Stat(image.convert("L")).stddev[0])
