"""Reading a ledger workbook into plain rows, with Excel's ways of storing values undone (1.10 typed as a
number, dates as serial numbers or text) and every unreadable cell named by sheet, row and column."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from desktop.domain.errors import InputError
from desktop.domain.periods import parse_period
from desktop.domain.system_errors import reason
from desktop.services.reports import ledger_layout as lay


class CellError(ValueError):
    """A cell that cannot be read; the message is the clerk's (sheet and row are added by the caller)."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # 1-based, as Excel shows it
    values: dict[str, Any]  # by column key


@dataclass(frozen=True)
class LedgerSheet:
    name: str
    kind: str  # "project" or "milestone"
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Workbook:
    sheets: tuple[LedgerSheet, ...]
    skipped: tuple[str, ...]  # sheets that are not ledger sheets (佐证材料, 说明, the clerk's own)
    problems: tuple[tuple[str, int, str], ...]  # (sheet, row, message) for sheets that cannot be read at all
    period: str | None = None  # the reporting period the ledger was exported for (说明 sheet), if still there
    plan: str | None = None  # the plan (catalog id) it was exported for (说明 sheet); older ledgers do not say


_PERIOD_CODE = re.compile(r"（([^（）]+)）\s*$")  # 报告期: 2026年第四季度（2026-Q4）
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TASK_KEY = re.compile(r"^\d{1,2}\.\d{2}$")
_SERIAL_RANGE = (36526, 73051)  # Excel serial numbers for 2000-01-01 .. 2099-12-31


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def task_key(value: Any, header: str) -> str:
    """`1.01`; Excel turns a typed 1.10 into the number 1.1, so numbers are read back with two decimals."""
    key = f"{value:.2f}" if isinstance(value, int | float) and not isinstance(value, bool) else text(value)
    if key and not _TASK_KEY.match(key):
        raise CellError(f"{header}“{key}”格式不正确：应为 1.01 这样的编号（工程号.任务序号）。")
    return key


def date(value: Any, header: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else None
        raise CellError(f"{header}“{text(value)}”不是日期：请写成 2026-11-30。")
    match = _DATE_TEXT.match(str(value).strip())
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(f"{header}“{text(value)}”不是有效日期：请写成 2026-11-30。")


def number(value: Any, header: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "").replace("，", ""))
    except ValueError:
        raise CellError(f"{header}“{text(value)}”不是数字。") from None


def _open(path: Path) -> Any:
    path = path.expanduser()
    if not path.exists():
        raise InputError(f"找不到文件“{path}”：请检查路径是否正确。")
    if path.is_dir():
        raise InputError(f"“{path}”是文件夹：请选择台账文件（.xlsx）。")
    if path.suffix.lower() == ".xls":
        raise InputError(f"“{path.name}”是旧版 Excel 格式（.xls）：请在 Excel 中“另存为”.xlsx 工作簿后再导入。")
    not_xlsx = InputError(
        f"“{path.name}”不是可读取的 Excel 工作簿（.xlsx）：请选择用 planprogress report --format xlsx "
        "导出并编辑过的台账文件。"
    )
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise not_xlsx
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        raise not_xlsx from None
    except PermissionError:
        raise InputError(f"无法读取“{path}”：没有权限，或文件正被 Excel 打开（请先关闭）。") from None
    except OSError as exc:
        raise InputError(f"无法读取“{path}”（{reason(exc)}）：请检查文件或介质后重试。") from None


def _kind(headers: set[str]) -> tuple[str | None, list[str]]:
    """("project" | "milestone" | None, missing headers): a sheet is a ledger sheet when it has the
    column only that kind has (措施名称, or 时间节点 / 到期日期); then every required column must be there."""
    for kind, marks, required in (
        ("project", ("措施名称",), lay.PROJECT_REQUIRED),
        ("milestone", ("时间节点", "到期日期", "所属措施"), lay.MILESTONE_REQUIRED),
    ):
        if any(m in headers for m in marks):
            return kind, [h for h in required if h not in headers]
    return None, []


def _rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        yield number, tuple(values)


def _readme(rows: Iterable[tuple[int, tuple[Any, ...]]]) -> tuple[str | None, str | None]:
    """The 说明 sheet's 报告期 line, as a period code, and its 规划目录 line (the plan's id)."""
    period = plan = None
    for _number, values in itertools.islice(rows, 30):
        if len(values) > 1 and text(values[0]) == "报告期":
            match = _PERIOD_CODE.search(text(values[1]))
            try:
                period = parse_period(match[1]).code if match else None
            except InputError:
                period = None
        elif len(values) > 1 and text(values[0]) == lay.README_PLAN:
            plan = text(values[1]) or None
    return period, plan


def read_ledger_workbook(path: Path) -> Workbook:
    """Every ledger sheet of the workbook as rows keyed by column; nothing is interpreted yet."""
    wb = _open(path)
    sheets: list[LedgerSheet] = []
    skipped: list[str] = []
    problems: list[tuple[str, int, str]] = []
    period: str | None = None
    plan: str | None = None
    try:
        for ws in wb.worksheets:
            rows = _rows(ws)
            first = next(rows, None)
            headers = [text(h) for h in first[1]] if first else []
            kind, missing = _kind(set(headers))
            if kind is None:
                skipped.append(ws.title)
                if ws.title == lay.README_SHEET and period is None:
                    period, plan = _readme(itertools.chain([first] if first else [], rows))
                continue
            if missing:
                problems.append((ws.title, 1, f"表头缺少列：{'、'.join(missing)}（请勿删除或改名台账的列标题）。"))
                continue
            columns = lay.header_map(lay.PROJECT_COLUMNS if kind == "project" else lay.MILESTONE_COLUMNS)
            index = {columns[h].key: i for i, h in enumerate(headers) if h in columns}
            parsed = []
            for number, values in rows:
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                row = {key: values[i] if i < len(values) else None for key, i in index.items()}
                parsed.append(SheetRow(number, row))
            sheets.append(LedgerSheet(ws.title, kind, tuple(parsed)))
    finally:
        wb.close()
    return Workbook(tuple(sheets), tuple(skipped), tuple(problems), period, plan)
