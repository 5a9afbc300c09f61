"""`planprogress report` and `import-ledger` from the command line: outputs, JSON progress lines,
confirmation, and one clear error line for every mistake a clerk can make."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.store import Store
from tests.core.conftest import CliResult, run_subprocess
from tests.core.reports.conftest import PERIOD, Sample
from tests.core.support import assert_error, home_state

Cli = Callable[..., CliResult]


def _json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_report_pdf_and_xlsx(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "--out", str(tmp_path / "报告.pdf"), "--period", PERIOD)
    assert result.code == 0, result.err
    assert "已生成2026年第四季度进度报告" in result.out and (tmp_path / "报告.pdf").stat().st_size > 10_000
    result = cli("report", "--out", str(tmp_path / "台账.xlsx"))  # format from the name, latest period
    assert result.code == 0, result.err
    assert "台账" in result.out
    assert load_workbook(tmp_path / "台账.xlsx").sheetnames[0] == "1 凝心聚力工程"


def test_report_json_progress_then_result(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    result = cli("--json", "report", "--out", str(tmp_path / "r.pdf"), "--period", PERIOD)
    assert result.code == 0, result.err
    events = _json_lines(result.out)
    progress, final = events[:-1], events[-1]
    assert progress and all(e["event"] == "progress" and e["phase"] == "render" for e in progress)
    done = [int(str(e["done"])) for e in progress]
    assert done == sorted(done) and done[-1] == progress[-1]["total"]
    assert final["event"] == "result" and final["format"] == "pdf" and final["period"] == PERIOD
    assert int(str(final["pages"])) >= 4 and final["bytes"] == (tmp_path / "r.pdf").stat().st_size


def test_report_mistakes(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    assert_error(cli("report", "--out", str(tmp_path / "r.docx")), ".pdf")
    assert_error(cli("report", "--out", str(tmp_path / "r.pdf"), "--format", "xlsx"), ".xlsx")
    assert_error(cli("report", "--out", str(tmp_path / "没有" / "r.pdf")), "不存在")
    assert_error(cli("report", "--out", str(tmp_path)), "文件夹")
    assert_error(cli("report", "--out", str(tmp_path / "r.pdf"), "--period", "2026-Q5"), "报告期")
    assert not (tmp_path / "r.pdf").exists()


def test_report_needs_a_home(cli: Cli, tmp_path: Path) -> None:
    assert_error(cli("report", "--out", str(tmp_path / "r.pdf"), home_dir=tmp_path / "nohome"), "init")


def _edited_ledger(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "台账.xlsx"
    assert cli("report", "--out", str(path), "--period", PERIOD).code == 0
    wb = load_workbook(path)
    wb["1 凝心聚力工程"].append(["1.02", None, None, "落实谈心谈话制度", "政治处", "钱七"])
    wb.save(path)
    return path


def test_import_ledger_dry_run_confirm_and_yes(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    path = _edited_ledger(cli, tmp_path)
    root = sample.store.home.root
    before = home_state(root)
    result = cli("import-ledger", str(path), "--dry-run")
    assert result.code == 0, result.err
    assert "新增措施 1 条" in result.out and "落实谈心谈话制度" in result.out and "试运行" in result.out
    assert "注意：台账的 本期状态、完成百分比、进展说明 列没有导入。这几列只供查看" in result.out
    assert "行的进度列与程序中的不同" not in result.out  # none was changed
    assert home_state(root) == before

    assert_error(cli("import-ledger", str(path)), "--yes")  # not a terminal: no silent import
    assert home_state(root) == before

    result = cli("--json", "import-ledger", str(path), "--yes")
    assert result.code == 0, result.err
    final = _json_lines(result.out)[-1]
    assert final["event"] == "result" and final["imported"] is True and final["new_measures"] == 1
    with Store.open(root, "check") as store:
        assert "落实谈心谈话制度" in [m.title for m in store.measures.find()]

    result = cli("import-ledger", str(path), "--yes")
    assert result.code == 0 and "无需导入" in result.out


def test_import_ledger_names_progress_it_does_not_import(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    assert cli("report", "--out", str(path), "--period", PERIOD).code == 0
    wb = load_workbook(path)
    ws = wb["1 凝心聚力工程"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("完成百分比") + 1, value=95)  # the clerk typed progress into the ledger
    wb.save(path)
    before = home_state(sample.store.home.root)

    result = cli("import-ledger", str(path), "--yes")
    assert result.code == 0, result.err
    assert "以下 1 行的进度列与程序中的不同（在台账里改过），这些内容不会导入：" in result.out
    assert "工作表“1 凝心聚力工程”第 2 行（任务 1.01）：完成百分比" in result.out
    last = result.out.strip().splitlines()[-1]  # not "nothing to import" alone: the progress was left out
    assert last.startswith(
        "台账中的措施和时间节点与现有数据一致，无需导入。进度列（本期状态、完成百分比、进展说明）没有导入"
    )
    assert "其中 1 行与程序中的不同（见上）：进度请在程序中填报" in last
    assert home_state(sample.store.home.root) == before

    final = _json_lines(cli("--json", "import-ledger", str(path), "--dry-run").out)[-1]
    left_out = final["not_imported"]
    assert isinstance(left_out, dict)
    assert left_out["columns"] == ["本期状态", "完成百分比", "进展说明"]
    assert str(left_out["reason"]).startswith("这几列只供查看：任务行的完成百分比由措施汇总算出")
    assert left_out["edited_rows"] == [
        {"sheet": "1 凝心聚力工程", "row": 2, "task": "1.01", "title": "", "columns": ["完成百分比"]}
    ]


def test_import_ledger_bad_rows(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    path = _edited_ledger(cli, tmp_path)
    wb = load_workbook(path)
    wb["1 凝心聚力工程"].append(["1.02", None, None, "日期写错", None, None, None, None, "明年"])
    wb.save(path)
    before = home_state(sample.store.home.root)
    result = cli("import-ledger", str(path), "--yes")
    line = assert_error(result, "1 行无法读取", "没有导入任何内容")
    assert "第 " in line and "明年" in result.out
    assert home_state(sample.store.home.root) == before

    result = cli("--json", "import-ledger", str(path), "--dry-run")
    assert result.code != 0
    final = _json_lines(result.out)[-1]
    problems = final["problems"]
    assert isinstance(problems, list) and len(problems) == 1
    problem = problems[0]
    assert problem["sheet"] == "1 凝心聚力工程" and problem["row"] == load_workbook(path)["1 凝心聚力工程"].max_row


def test_import_ledger_file_mistakes(sample: Sample, cli: Cli, tmp_path: Path) -> None:
    assert_error(cli("import-ledger", str(tmp_path / "没有.xlsx")), "找不到文件")
    text = tmp_path / "笔记.txt"
    text.write_text("不是表格", encoding="utf-8")
    assert_error(cli("import-ledger", str(text)), "不是可读取的 Excel 工作簿")


def test_report_in_a_real_process(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "进程 报告.pdf"
    home = str(sample.store.home.root)
    result = run_subprocess("--home", home, "--json", "report", "--out", str(out), "--period", PERIOD)
    assert result.code == 0, result.err
    assert _json_lines(result.out)[-1]["pages"] == len(PdfReader(out).pages)
