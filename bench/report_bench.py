"""Benchmark: the unit report for a busy unit (54 tasks, 500 milestones, 5,000 evidence rows).

Prints the time to collect and render the PDF, its page count, and the ratio against a baseline measured
in the same run: a trivial reportlab document with the same number of pages and the same embedded font.
The target is under 3 s on the 2-core reference machine. Run from the checkout:

    python bench/report_bench.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.domain.status import Status  # noqa: E402
from desktop.services.reports import pdf_parts  # noqa: E402
from desktop.services.reports.ledger_xlsx import export_ledger  # noqa: E402
from desktop.services.reports.unit_data import collect_unit_report  # noqa: E402
from desktop.services.reports.unit_pdf import render_unit_pdf  # noqa: E402
from desktop.store import Store  # noqa: E402

PERIOD = "2026-Q4"
MEASURES_PER_TASK = 3
MILESTONES = 500
EVIDENCE = 5000
CATEGORIES = ("照片", "会议记录", "文件", "台账", "视频截图")


def build_unit(root: Path, files: Path) -> Store:
    """A unit home filled through the real store API (setup time is not part of the measurement)."""
    store = Store.create(root, "bench", "unit", load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json"))
    store.set_unit("GD-BENCH", "广东省某某监狱")
    tasks = store.plan.tasks()
    statuses = list(Status)
    items: list[int] = []
    with store.database.transaction():
        for n, task in enumerate(tasks):
            status = statuses[n % 4]
            percent = 100 if status is Status.DONE else (n * 7) % 100
            narrative = f"第{n + 1}项任务本季度推进情况：召开专题会议部署落实，形成工作台账，按月通报进度。" * 4
            store.progress.record(task.id, PERIOD, status, percent, narrative)
            items.append(task.id)
            for k in range(MEASURES_PER_TASK):
                measure = store.measures.add(
                    task.id,
                    f"措施{k + 1}：围绕“{task.text[:16]}”制定实施方案并分解到各监区",
                    department=("政治处", "狱政管理科", "教育改造科", "财务装备科")[k % 4],
                    person=("张三", "李四", "王五")[k % 3],
                    co_units="各监区" if k == 0 else "",
                    start_date=dt.date(2026, 1, 1),
                    due_date=dt.date(2026, 3 + 3 * k, 28),
                )
                store.progress.record(
                    measure.id, PERIOD, Status.IN_PROGRESS, 30 + 20 * k, "已按计划推进，完成阶段任务。"
                )
                items.append(measure.id)
        for n in range(MILESTONES):
            task = tasks[n % len(tasks)]
            milestone = store.milestones.add(
                task.id,
                f"时间节点{n + 1}：完成阶段性目标并报送材料",
                dt.date(2026, 1 + n % 12, 1 + n % 28),
                target_value=float(10 + n % 90),
                target_unit="%",
            )
            if n % 3 == 0:
                store.milestones.mark_done(milestone.id, dt.date(2026, 1 + n % 12, 1), float(n % 100))
            items.append(milestone.id)
        files.mkdir(parents=True, exist_ok=True)
        for n in range(EVIDENCE):
            source = files / f"佐证材料_{n:05d}_{CATEGORIES[n % 5]}.jpg"
            source.write_bytes(n.to_bytes(4, "big") * (64 + n % 256))
            store.evidence.add(items[n % len(items)], source, category=CATEGORIES[n % 5])
            source.unlink()
    return store


def baseline(pages: int, out: Path) -> float:
    """A trivial document of `pages` pages: one short Chinese line each, same font, same page furniture."""
    styles = pdf_parts.make_styles()
    start = time.perf_counter()
    story = []
    for n in range(pages):
        story += [Paragraph(f"第 {n + 1} 页：规划推进情况", styles.body), PageBreak()]
    SimpleDocTemplate(str(out)).build(story[:-1], canvasmaker=pdf_parts.numbered_canvas("基线", []))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the home and outputs in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        store = build_unit(work / "home", work / "files")
        print(f"set-up: {time.perf_counter() - start:.1f} s (not measured)")
        pdf_parts.make_styles()  # font registration is a one-off per process, like in the app
        collect_times, render_times, pages = [], [], 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            data = collect_unit_report(store, PERIOD, dt.datetime(2026, 11, 26, 9, 0).astimezone())
            t1 = time.perf_counter()
            pages = render_unit_pdf(data, work / "report.pdf")
            t2 = time.perf_counter()
            collect_times.append(t1 - t0)
            render_times.append(t2 - t1)
        totals = [c + r for c, r in zip(collect_times, render_times, strict=True)]
        base = statistics.median(baseline(pages, work / "baseline.pdf") for _ in range(args.runs))
        t0 = time.perf_counter()
        export_ledger(data, work / "ledger.xlsx")
        xlsx = time.perf_counter() - t0
        report = statistics.median(totals)
        size = (work / "report.pdf").stat().st_size
        print(
            f"data: {len(data.projects)} projects, {sum(len(p.tasks) for p in data.projects)} tasks, "
            f"{sum(len(t.milestones) for p in data.projects for t in p.tasks)} milestones, "
            f"{len(data.evidence)} evidence rows"
        )
        print(f"collect (median of {args.runs}): {statistics.median(collect_times):.2f} s")
        print(f"render  (median of {args.runs}): {statistics.median(render_times):.2f} s")
        print(
            f"report total: {report:.2f} s for {pages} pages ({size / 1024:.0f} KiB); target < 3 s: "
            f"{'met' if report < 3 else 'NOT met'}"
        )
        print(f"baseline (trivial {pages}-page document): {base:.2f} s; ratio report/baseline: {report / base:.1f}x")
        print(f"excel ledger: {xlsx:.2f} s")
        store.close()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
