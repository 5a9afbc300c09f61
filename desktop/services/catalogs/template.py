"""The Excel template a planning clerk fills in (Excel or WPS) to author a plan, and its reader.

The reader turns the filled sheets into the JSON catalog's shape and remembers where each value came from,
so the one checker (`desktop.domain.catalog_check`) reports every problem by sheet, row and column. What only
a workbook can get wrong (a sheet renamed or missing, a changed header, merged cells, hidden rows or
columns, a file that is not .xlsx) is reported here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.catalog_check import Problem
from desktop.services.catalogs.read import Read

GUIDE = "填写说明"
PLAN = "规划信息"
TASKS = "工程与任务"
TARGETS = "指标与目标"
SHEETS = (GUIDE, PLAN, TASKS, TARGETS)
PLAN_FIELDS = (
    ("id", "目录编号", "英文字母、数字和减号，如 gd-prison-15fyp；同一规划的各版本编号相同"),
    ("version", "版本", "如 1.0.0；修订后发布须更高，如 1.1.0"),
    ("title", "规划名称", "如 广东省监狱工作发展“十五五”规划"),
    ("start_year", "起始年份", "如 2026"),
    ("end_year", "结束年份", "如 2030"),
)
TASK_HEADERS = ("工程序号", "工程名称", "任务编号", "任务内容", "撤销于版本")
TARGET_HEADERS = ("指标编号", "指标名称", "计量单位", "所属任务编号", "目标年份", "目标值", "撤销于版本")
DATA_ROWS = 1000
INSTRUCTIONS = (
    "规划目录模板：省局在 Excel 或 WPS 中填写，然后运行 planprogress province catalog add 本文件。",
    "",
    "1. “规划信息”：填写目录编号、版本、规划名称、起止年份（B 列）。",
    "2. “工程与任务”：每项任务一行。工程序号从 1 起连续编号；同一工程的各行工程名称相同。",
    "   任务编号写成“工程序号.两位序号”，如 1.01、1.02、2.01（该列已设为文本，请勿改成数字格式）。",
    "3. “指标与目标”：每个目标年份一行。同一指标的各行，指标编号、名称、计量单位、所属任务编号相同；",
    "   目标年份须在规划起止年份之内，目标值只填数字（单位写在“计量单位”列）。",
    "4. 修订已发布的规划：版本号改高；可修改任务内容、增加任务或指标；不再执行的任务或指标保留原行，",
    "   在“撤销于版本”填写本次版本号。已发布的编号不能删除，也不能改作他用。",
    "5. 请勿改名、删除工作表或表头，勿合并单元格，勿隐藏行或列。导入前会逐项检查，",
    "   有问题时列出工作表、行和列，什么都不会保存；改正后重新导入即可。",
)


def _place(sheet: str, row: int, column: int, header: str | None = None) -> str:
    name = f"（{header}）" if header else ""
    return f"工作表“{sheet}” 第{row}行 {get_column_letter(column)}列{name}"


def write_template(out: Path) -> None:
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = GUIDE
    guide.column_dimensions["A"].width = 110
    for row, line in enumerate(INSTRUCTIONS, start=1):
        guide.cell(row, 1, line).font = Font(bold=row == 1)
    plan = wb.create_sheet(PLAN)
    _header(plan, ("项目", "填写内容", "说明"), (14, 48, 60))
    for row, (_name, label, note) in enumerate(PLAN_FIELDS, start=2):
        plan.cell(row, 1, label)
        plan.cell(row, 2).number_format = "@"
        plan.cell(row, 3, note)
    years = _whole(2000, 2100, "年份", "请填写 2000–2100 之间的整数年份，如 2026。")
    plan.add_data_validation(years)
    years.add("B5:B6")
    tasks = wb.create_sheet(TASKS)
    _header(tasks, TASK_HEADERS, (10, 24, 12, 90, 14))
    _text_columns(tasks, ("C", "E"))
    number = _whole(1, 99, "工程序号", "工程序号填 1 起的整数。")
    tasks.add_data_validation(number)
    number.add(f"A2:A{DATA_ROWS}")
    targets = wb.create_sheet(TARGETS)
    _header(targets, TARGET_HEADERS, (28, 32, 10, 14, 10, 10, 14))
    _text_columns(targets, ("A", "D", "G"))
    year = _whole(2000, 2100, "目标年份", "目标年份填整数年份，且须在规划起止年份之内。")
    targets.add_data_validation(year)
    year.add(f"E2:E{DATA_ROWS}")
    value = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000")
    _messages(value, "目标值", "目标值只填数字，单位写在“计量单位”列。")
    targets.add_data_validation(value)
    value.add(f"F2:F{DATA_ROWS}")
    wb.save(out)


def _header(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(1, col, text)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _text_columns(ws: Worksheet, columns: tuple[str, ...]) -> None:
    """Keys typed as 1.10 stay text (Excel would otherwise store the number 1.1)."""
    for letter in columns:
        for row in range(2, DATA_ROWS + 1):
            ws[f"{letter}{row}"].number_format = "@"


def _whole(low: int, high: int, title: str, text: str) -> DataValidation:
    dv = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high))
    _messages(dv, title, text)
    return dv


def _messages(dv: DataValidation, title: str, text: str) -> None:
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorTitle = f"{title}有误"
    dv.error = text
    dv.promptTitle = title
    dv.prompt = text
    dv.showInputMessage = True


# -- reading a filled template -------------------------------------------------------------------------------
def read_template(path: Path) -> Read:
    read = Read(None, places={"": path.name})
    try:
        if not zipfile.is_zipfile(path):
            raise InvalidFileException
        wb = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        read.problems.append(
            Problem(
                path.name,
                "不是 Excel 工作簿（.xlsx）：请用 province catalog template 生成的模板填写，"
                "在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入（.xls、.et、.csv 不能导入）。",
            )
        )
        return read
    missing = [name for name in SHEETS[1:] if name not in wb.sheetnames]
    if missing:
        read.problems.append(
            Problem(
                path.name,
                f"缺少工作表 {'、'.join(f'“{m}”' for m in missing)}（现有：{'、'.join(wb.sheetnames)}）："
                "请勿改名或删除模板中的工作表。",
            )
        )
        return read
    sheets = {name: wb[name] for name in SHEETS[1:]}
    headers = {PLAN: ("项目", "填写内容"), TASKS: TASK_HEADERS, TARGETS: TARGET_HEADERS}
    for name, ws in sheets.items():
        _check_layout(read, ws, headers[name])
    if read.problems:
        return read
    data = _plan(read, sheets[PLAN])
    data["projects"] = _projects(read, sheets[TASKS])
    data["targets"] = _targets(read, sheets[TARGETS], data["projects"])
    read.data = data
    return read


def _check_layout(read: Read, ws: Worksheet, headers: tuple[str, ...]) -> None:
    for col, expected in enumerate(headers, start=1):
        found = ws.cell(1, col).value
        if found != expected:
            read.problems.append(
                Problem(
                    _place(ws.title, 1, col),
                    f"表头应为“{expected}”，现为“{found or ''}”：请勿修改模板的表头。",
                )
            )
    for merged in ws.merged_cells.ranges:
        read.problems.append(
            Problem(
                _place(ws.title, merged.min_row, merged.min_col),
                f"合并了单元格 {merged.coord}：请取消合并，每一行都填写完整。",
            )
        )
    for row, dim in sorted(ws.row_dimensions.items()):
        if dim.hidden and row <= ws.max_row:
            read.problems.append(
                Problem(f"工作表“{ws.title}” 第{row}行", "这一行被隐藏：请取消隐藏，检查内容后再导入。")
            )
    for letter, dim in sorted(ws.column_dimensions.items()):
        if dim.hidden:
            read.problems.append(
                Problem(f"工作表“{ws.title}” {letter}列", "这一列被隐藏：请取消隐藏，检查内容后再导入。")
            )


def _value(ws: Worksheet, row: int, col: int) -> Any:
    value = ws.cell(row, col).value
    return None if isinstance(value, str) and not value.strip() else value


def _rows(ws: Worksheet, width: int) -> list[tuple[int, list[Any]]]:
    rows = []
    for row in range(2, ws.max_row + 1):
        values = [_value(ws, row, col) for col in range(1, width + 1)]
        if any(v is not None for v in values):
            rows.append((row, values))
    return rows


def _at(sheet: str, row: int, headers: tuple[str, ...]) -> Callable[[int], str]:
    def place(col: int) -> str:
        return _place(sheet, row, col, headers[col - 1])

    return place


def _plan(read: Read, ws: Worksheet) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for row, (name, label, _note) in enumerate(PLAN_FIELDS, start=2):
        if ws.cell(row, 1).value != label:
            read.problems.append(Problem(_place(PLAN, row, 1), f"应为“{label}”：请勿修改模板的 A 列。"))
        data[name] = _value(ws, row, 2)
        read.places[name] = _place(PLAN, row, 2, label)
    return data


def _projects(read: Read, ws: Worksheet) -> list[dict[str, Any]]:
    projects: list[dict[str, Any]] = []
    index: dict[object, int] = {}
    for row, (number, name, key, text, retired) in _rows(ws, len(TASK_HEADERS)):
        at = _at(TASKS, row, TASK_HEADERS)
        pi = index.get(number) if number is not None else None
        if pi is None:
            pi = index.setdefault(number if number is not None else ("row", row), len(projects))
            projects.append({"number": number, "name": name, "tasks": []})
            read.places[f"projects[{pi}]"] = at(1)
            read.places[f"projects[{pi}].number"] = at(1)
            read.places[f"projects[{pi}].name"] = at(2)
            read.places[f"projects[{pi}].tasks"] = at(3)
        elif name != projects[pi]["name"]:
            read.problems.append(
                Problem(at(2), f"工程 {number} 的名称与前面的行（“{projects[pi]['name']}”）不一致：请写成一样。")
            )
        ti = len(projects[pi]["tasks"])
        task: dict[str, Any] = {"key": key, "text": text}
        if retired is not None:
            task["retired"] = retired
        projects[pi]["tasks"].append(task)
        for col, part in ((3, "key"), (4, "text"), (5, "retired")):
            read.places[f"projects[{pi}].tasks[{ti}].{part}"] = at(col)
        read.places[f"projects[{pi}].tasks[{ti}]"] = f"工作表“{TASKS}” 第{row}行"
    if not projects:
        read.places["projects"] = f"工作表“{TASKS}”"
    return projects


def _targets(read: Read, ws: Worksheet, projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    project_of = {t["key"]: p["number"] for p in projects for t in p["tasks"]}
    targets: list[dict[str, Any]] = []
    index: dict[object, int] = {}
    for row, (key, name, unit, task, year, value, retired) in _rows(ws, len(TARGET_HEADERS)):
        at = _at(TARGETS, row, TARGET_HEADERS)
        i = index.get(key) if key is not None else None
        if i is None:
            i = index.setdefault(key if key is not None else ("row", row), len(targets))
            fields: dict[str, Any] = {"key": key, "name": name, "unit": unit or "", "task": task}
            fields["project"] = project_of.get(task, 0)
            if retired is not None:
                fields["retired"] = retired
            targets.append({**fields, "goals": []})
            for col, part in ((1, "key"), (2, "name"), (3, "unit"), (4, "task"), (4, "project"), (7, "retired")):
                read.places[f"targets[{i}].{part}"] = at(col)
            read.places[f"targets[{i}]"] = f"工作表“{TARGETS}” 第{row}行"
            read.places[f"targets[{i}].goals"] = at(5)
        else:
            first = targets[i]
            for col, part, found in ((2, "name", name), (3, "unit", unit or ""), (4, "task", task)):
                if found != first[part]:
                    read.problems.append(
                        Problem(at(col), f"指标 {key} 的“{TARGET_HEADERS[col - 1]}”与前面的行不一致：请写成一样。")
                    )
        if isinstance(value, (int, float)) and "%" in ws.cell(row, 6).number_format:
            read.problems.append(
                Problem(
                    at(6),
                    f"单元格是百分比格式，{value:%} 存的是 {value}：请把该单元格设为“常规”格式，"
                    "直接填写数字（如 80），单位 % 写在“计量单位”列。",
                )
            )
        gi = len(targets[i]["goals"])
        targets[i]["goals"].append({"year": year, "value": value})
        read.places[f"targets[{i}].goals[{gi}].year"] = at(5)
        read.places[f"targets[{i}].goals[{gi}].value"] = at(6)
        read.places[f"targets[{i}].goals[{gi}]"] = f"工作表“{TARGETS}” 第{row}行"
    return targets
