"""The unit PDF report: Chinese text that extracts, an embedded font, pages that are not blank, and the
hard cases (long narratives, hundreds of measures, empty projects, characters outside the font)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader

from desktop.domain.status import Status
from desktop.services.reports.fonts import REPLACEMENT, safe_text
from desktop.services.reports.unit_data import NOT_EXPORTED, collect_unit_report
from desktop.services.reports.unit_pdf import render_unit_pdf
from desktop.store import Store
from desktop.store.overview import ProjectView
from tests.core.reports.conftest import (
    MEASURE_TITLE,
    NARRATIVE,
    NOW,
    ODD_NAMES,
    PERIOD,
    Sample,
    add_files,
    ink_stddev,
    pdf_pages,
    pdf_text,
    pdffonts,
    render_png,
)

PROJECT_NAMES = ("凝心聚力工程", "平安监狱工程", "公正廉洁工程", "改造提质工程", "精准保障工程")


def _squash(text: str) -> str:
    """Extracted text without the line breaks and spaces that wrapping puts in."""
    return re.sub(r"\s+", "", text)


def _report(store: Store, out: Path, period: str = PERIOD) -> int:
    return render_unit_pdf(collect_unit_report(store, period, NOW), out)


def test_text_has_unit_projects_and_tasks(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "进度 报告.pdf"
    pages = _report(sample.store, out)
    text = _squash(pdf_text(out))
    assert pages == len(PdfReader(out).pages) >= 4
    assert "测试监狱" in text and "GD-T01" in text
    assert "2026年第四季度" in text
    for name in PROJECT_NAMES:
        assert name in text
    for task in sample.store.plan.tasks()[::9]:  # every ninth of the 54 plan tasks
        assert _squash(task.text) in text, task.key
    for fragment in (MEASURE_TITLE, NARRATIVE, "完成第一期轮训", "政治处", "责任人：张三", "98人", "100人"):
        assert _squash(fragment) in text, fragment
    for fragment in ("推进情况报告", "总体情况", "佐证材料索引", "签字确认", "填报人", "审核人", "日期"):
        assert fragment in text


def test_cover_shows_review_state_and_bundle(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    cover = _squash(pdf_pages(out)[0])
    assert "审核状态待审核" in cover
    assert "审核人尚未审核" in cover
    assert f"最近导出批次{NOT_EXPORTED}" in cover
    assert "生成日期2026-11-26" in cover


def test_approved_period_names_reviewer_and_submitter(sample: Sample, tmp_path: Path) -> None:
    with Store.open(sample.store.home.root, "wang") as reviewer:
        reviewer.reviews.approve(PERIOD)
        data = collect_unit_report(reviewer, PERIOD, NOW)
        assert (data.submitter, data.reviewer) == ("tester", "王审核")
        out = tmp_path / "r.pdf"
        render_unit_pdf(data, out)
    pages = pdf_pages(out)
    assert "审核人王审核" in _squash(pages[0]) and "已审核" in pages[0]
    sign_off = _squash(pages[-1])
    assert "填报人tester" in sign_off and "审核人王审核" in sign_off


def test_footer_and_header_on_every_page(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    total = _report(sample.store, out)
    for number, text in enumerate(pdf_pages(out), start=1):
        assert f"第 {number} 页 共 {total} 页" in text
        if number > 1:
            assert "测试监狱" in text and "2026-Q4" in text


def test_cjk_font_embedded_and_no_other_font(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    fonts = pdffonts(out)
    assert fonts, "pdffonts listed no fonts"
    for row in fonts:
        assert "WenQuanYiMicroHei" in row[0], row
        assert row[-5] == "yes", f"not embedded: {row}"  # columns: ... emb sub uni object ID


def test_first_page_renders_visibly(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    png = render_png(out, 1, tmp_path / "page")
    assert ink_stddev(png) > 8.0
    blank = tmp_path / "blank.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(blank))
    canvas.showPage()
    canvas.save()
    assert ink_stddev(render_png(blank, 1, tmp_path / "blank")) < 1.0  # the measure tells blank from not


def test_characters_outside_the_font_become_a_visible_glyph(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    text = pdf_text(out)
    assert "现场照片" in text and "会议" in text
    assert REPLACEMENT in text  # the emoji and Extension B characters, not dropped, not a crash
    assert "😀" not in text and "𠀀" not in text
    assert "完整文件名见Excel台账" in _squash(text)
    assert safe_text("😀a𠀀中\r\n") == f"{REPLACEMENT}a{REPLACEMENT}中\n"


def test_evidence_index_lists_every_file(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    text = _squash(pdf_text(out))
    for record in sample.store.evidence.find():
        assert record.sha256[:12] in text
        assert record.sha256[:13] not in text  # only the first 12 characters are printed
    assert "培训签到表.xlsx" in text
    assert _squash(f"措施：{MEASURE_TITLE}（任务 1.01）") in text
    assert "共3份" in text


def test_long_narrative_wraps_across_pages(sample: Sample, tmp_path: Path) -> None:
    long_text = ("监狱推进规范化建设，完善制度体系。" * 300)[:5000]
    sample.store.progress.record(sample.task_id, PERIOD, Status.IN_PROGRESS, 70, long_text)
    sample.store.progress.record(sample.measure_id, PERIOD, Status.IN_PROGRESS, 50, long_text)
    out = tmp_path / "r.pdf"
    pages = _report(sample.store, out)
    text = _squash(pdf_text(out))
    assert text.count(_squash("监狱推进规范化建设，完善制度体系。")) >= 2 * 290  # both copies, all of it
    assert pages > 8
    for page in pdf_pages(out):
        for line in page.splitlines():
            assert not line.startswith(("，", "。")), line


def test_three_hundred_measures_split_with_repeated_header(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks(2)[0]
    with store.database.transaction():
        for n in range(300):
            measure = store.measures.add(task.id, f"第{n + 1:03d}号措施：加强监管安全排查", person=f"责任人{n % 7}")
            store.progress.record(measure.id, PERIOD, Status.IN_PROGRESS, n % 100, "按计划推进")
    out = tmp_path / "r.pdf"
    _report(store, out)
    pages = [_squash(p) for p in pdf_pages(out)]
    with_measures = [p for p in pages if "号措施" in p]
    assert len(with_measures) >= 5
    for page in with_measures:
        assert "序号措施责任部门/责任人起止日期" in page  # the header row repeats on every page
    text = "".join(pages)
    for n in (1, 150, 300):
        assert f"第{n:03d}号措施" in text


def test_empty_unit_and_empty_project(store: Store, tmp_path: Path) -> None:
    data = collect_unit_report(store, PERIOD, NOW)
    assert data.reviewer == "" and data.submitter == ""
    empty = ProjectView(msgspec.structs.replace(data.projects[0].project, name="空的工程"), (), 0, {})
    data = dataclasses.replace(data, projects=(*data.projects, empty))
    out = tmp_path / "r.pdf"
    render_unit_pdf(data, out)
    text = _squash(pdf_text(out))
    assert "本工程下没有规划任务" in text
    assert "本工程尚无措施、时间节点或进度填报" in text
    assert "本单位尚未上传佐证材料" in text
    assert "审核人尚未审核" in text


def test_carried_progress_is_marked(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    _report(sample.store, out, "2027-Q1")
    assert "沿用2026-Q4的填报" in _squash(pdf_text(out))


def test_more_files_with_odd_names(sample: Sample, tmp_path: Path) -> None:
    names = ("\u200bzero width.txt", "tab\tname.txt", "名字𫝀𬺰.doc", "🎉🎉🎉.png", "a" * 150 + ".pdf")
    add_files(sample.store, sample.task_id, tmp_path / "more", names)
    out = tmp_path / "r.pdf"
    _report(sample.store, out)
    text = pdf_text(out)
    assert "zero" in text and "名字" in text
    assert "a" * 30 in _squash(text)


def test_failed_render_leaves_no_file(sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old report")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr("desktop.services.reports.pdf_doc._Doc.build", broken)
    with pytest.raises(RuntimeError):
        _report(sample.store, out)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_generated_date_and_today(sample: Sample) -> None:
    data = collect_unit_report(sample.store, PERIOD, NOW)
    assert data.today == dt.date(2026, 11, 26)
    assert data.bundle_text == NOT_EXPORTED
    assert data.overall_percent() >= 0
    assert sum(data.light_totals().values()) == 54
    assert [len(p.tasks) for p in data.projects] == [13, 8, 10, 11, 12]
    assert {o for o in ODD_NAMES} <= {line.record.original_name for line in data.evidence}
