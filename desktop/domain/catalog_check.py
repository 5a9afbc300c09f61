"""The rules a plan catalog must meet before the office issues it, and what a new version changes.

One checker for both ways a plan arrives (a JSON file of the shipped catalog's shape, or the filled Excel
template read into the same shape): each problem names where it is, by JSON path (`projects[0].tasks[2].text`)
which the template reader turns into sheet, row and column. `normalize` gives the one canonical form that is
stored, compared between versions and sent to the units.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

VERSION_RE = re.compile(r"^\d+(\.\d+){0,2}$")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
TASK_KEY_RE = re.compile(r"^(\d+)\.(\d{2})$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
FIRST_YEAR, LAST_YEAR = 2000, 2100
REQUIRED = {
    "id": "目录编号",
    "version": "版本",
    "title": "规划名称",
    "start_year": "起始年份",
    "end_year": "结束年份",
    "projects": "工程",
}


class Problem(msgspec.Struct, frozen=True):
    where: str  # a JSON path, or (from the template reader) sheet, row and column
    message: str

    def text(self) -> str:
        return f"{self.where}：{self.message}"


def version_key(version: str) -> tuple[int, int, int]:
    """`1.1` and `1.1.0` are the same version; compared part by part as numbers."""
    parts = [int(p) for p in version.split(".")]
    parts += [0] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value: object) -> str:
    return f"文字“{value}”" if isinstance(value, str) else f"“{value!r}”"


class _Checker:
    def __init__(self, where: Callable[[str], str]) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.where(path), message))

    def text(self, obj: dict[str, Any], name: str, path: str, label: str, *, required: bool = True) -> str | None:
        value = obj.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, f"“{label}”未填写：请填写。")
            return None
        if not isinstance(value, str):
            if _is_number(value):
                self.add(path, f"“{label}”应为文字，现为数字 {value}：请把该单元格设为文本格式后重新输入（如 1.04）。")
            else:
                self.add(path, f"“{label}”应为文字，现为{_shown(value)}。")
            return None
        if value != value.strip():
            self.add(path, f"“{label}”首尾有空格（“{value}”）：请删去。")
            return None
        return value

    def integer(self, obj: dict[str, Any], name: str, path: str, label: str) -> int | None:
        value = obj.get(name)
        if value is None or value == "":
            self.add(path, f"“{label}”未填写：请填写整数。")
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not _is_int(value):
            self.add(path, f"“{label}”应为整数，现为{_shown(value)}：请只填数字。")
            return None
        return int(value)

    def version(self, value: str | None, path: str, label: str) -> str | None:
        if value is not None and not VERSION_RE.match(value):
            self.add(path, f"“{label}”“{value}”不是版本号：请写成 1.0.0、1.1 这样的数字加点。")
            return None
        return value


def check_catalog(data: object, where: Callable[[str], str] = lambda p: p) -> list[Problem]:
    """Every problem of one catalog on its own (not yet against the versions already issued)."""
    c = _Checker(where)
    if not isinstance(data, dict):
        c.add("$", "规划目录应为一个 JSON 对象（{…}），字段见 resources/catalog/gd-prison-14fyp.json。")
        return c.problems
    for name, label in REQUIRED.items():
        if name not in data:
            c.add(name, f"缺少必填字段“{name}”（{label}）。")
    if "id" in data:
        cid = c.text(data, "id", "id", "目录编号")
        if cid is not None and not ID_RE.match(cid):
            c.add("id", f"目录编号“{cid}”只能用英文字母、数字、点、减号和下划线（如 gd-prison-15fyp）。")
    version = c.version(c.text(data, "version", "version", "版本"), "version", "版本") if "version" in data else None
    if "title" in data:
        c.text(data, "title", "title", "规划名称")
    years: list[int | None] = []
    for name in ("start_year", "end_year"):
        year = c.integer(data, name, name, REQUIRED[name]) if name in data else None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            c.add(name, f"“{REQUIRED[name]}”{year} 不是 {FIRST_YEAR}–{LAST_YEAR} 之间的年份。")
            year = None
        years.append(year)
    start, end = years
    if start is not None and end is not None and start > end:
        c.add("end_year", f"结束年份 {end} 早于起始年份 {start}。")
        start = end = None
    sha = data.get("source_sha256")
    if sha not in (None, "") and not (isinstance(sha, str) and SHA_RE.match(sha)):
        c.add("source_sha256", "“source_sha256”应为 64 位小写十六进制（可不填）。")
    tasks = _check_projects(c, data.get("projects"), version) if "projects" in data else {}
    _check_targets(c, data.get("targets", []), tasks, (start, end), version)
    return c.problems


def _check_retired(c: _Checker, obj: dict[str, Any], path: str, version: str | None) -> None:
    if obj.get("retired") in (None, ""):
        return
    retired = c.version(c.text(obj, "retired", f"{path}.retired", "撤销于版本"), f"{path}.retired", "撤销于版本")
    if retired is not None and version is not None and version_key(retired) > version_key(version):
        c.add(f"{path}.retired", f"撤销于版本 {retired} 晚于本目录的版本 {version}。")


def _check_projects(c: _Checker, projects: object, version: str | None) -> dict[str, int]:
    """The task keys found, each with its project number."""
    found: dict[str, int] = {}
    if not isinstance(projects, list) or not projects:
        c.add("projects", "至少要有一个工程和它的任务。")
        return found
    for pi, project in enumerate(projects):
        path = f"projects[{pi}]"
        if not isinstance(project, dict):
            c.add(path, "每个工程应为一个对象（number、name、tasks）。")
            continue
        number = c.integer(project, "number", f"{path}.number", "工程序号")
        if number is not None and number != pi + 1:
            c.add(f"{path}.number", f"工程序号应为 {pi + 1}：工程按顺序从 1 连续编号，现为 {number}。")
        c.text(project, "name", f"{path}.name", "工程名称")
        tasks = project.get("tasks")
        if not isinstance(tasks, list) or not tasks:
            c.add(f"{path}.tasks", "这个工程没有任务：每个工程至少一项任务。")
            continue
        last_seq = 0
        for ti, task in enumerate(tasks):
            tpath = f"{path}.tasks[{ti}]"
            if not isinstance(task, dict):
                c.add(tpath, "每项任务应为一个对象（key、text）。")
                continue
            key = c.text(task, "key", f"{tpath}.key", "任务编号")
            c.text(task, "text", f"{tpath}.text", "任务内容")
            _check_retired(c, task, tpath, version)
            if key is None:
                continue
            match = TASK_KEY_RE.match(key)
            if key in found:
                c.add(f"{tpath}.key", f"任务编号 {key} 重复：每项任务的编号在整个规划中只能出现一次。")
            elif match is None or (number is not None and int(match.group(1)) != number):
                shown = number if number is not None else "工程序号"
                c.add(f"{tpath}.key", f"任务编号“{key}”应写成“工程序号.两位序号”，如 {shown}.01。")
            elif int(match.group(2)) <= last_seq:
                c.add(f"{tpath}.key", f"任务编号 {key} 没有按顺序递增：同一工程内的任务按编号从小到大排列。")
            if match is not None:
                last_seq = max(last_seq, int(match.group(2)))
            found.setdefault(key, number if number is not None else 0)
    return found


def _check_targets(
    c: _Checker, targets: object, tasks: dict[str, int], years: tuple[int | None, int | None], version: str | None
) -> None:
    if not isinstance(targets, list):
        c.add("targets", "“targets”应为指标的列表（可为空列表）。")
        return
    seen: set[str] = set()
    for i, target in enumerate(targets):
        path = f"targets[{i}]"
        if not isinstance(target, dict):
            c.add(path, "每个指标应为一个对象（key、name、unit、project、task、goals）。")
            continue
        key = c.text(target, "key", f"{path}.key", "指标编号")
        if key is not None:
            if key in seen:
                c.add(f"{path}.key", f"指标编号 {key} 重复：每个指标的编号只能出现一次。")
            elif not ID_RE.match(key):
                c.add(f"{path}.key", f"指标编号“{key}”只能用英文字母、数字、点、减号和下划线。")
            seen.add(key)
        c.text(target, "name", f"{path}.name", "指标名称")
        if not isinstance(target.get("unit", ""), str):
            c.add(f"{path}.unit", "“计量单位”应为文字（如 %、个；可不填）。")
        project = c.integer(target, "project", f"{path}.project", "所属工程序号")
        task = c.text(target, "task", f"{path}.task", "所属任务编号")
        if task is not None and task not in tasks:
            c.add(f"{path}.task", f"所属任务编号 {task} 不在本规划的任务中。")
        elif task is not None and project is not None and tasks[task] != project:
            c.add(f"{path}.project", f"任务 {task} 属于工程 {tasks[task]}，不是工程 {project}。")
        _check_retired(c, target, path, version)
        _check_goals(c, target.get("goals"), path, years)


def _check_goals(c: _Checker, goals: object, path: str, years: tuple[int | None, int | None]) -> None:
    if not isinstance(goals, list) or not goals:
        c.add(f"{path}.goals", "这个指标没有目标值：至少写一个年份的目标。")
        return
    start, end = years
    last = 0
    for gi, goal in enumerate(goals):
        gpath = f"{path}.goals[{gi}]"
        if not isinstance(goal, dict):
            c.add(gpath, "每个目标应为一个对象（year、value）。")
            continue
        year = c.integer(goal, "year", f"{gpath}.year", "目标年份")
        value = goal.get("value")
        if value is None or value == "":
            c.add(f"{gpath}.value", "“目标值”未填写：请填写数字。")
        elif not _is_number(value):
            c.add(f"{gpath}.value", f"“目标值”应为数字，现为{_shown(value)}：请只填数字，单位写在“计量单位”。")
        if year is None:
            continue
        if start is not None and end is not None and not start <= year <= end:
            c.add(f"{gpath}.year", f"目标年份 {year} 不在规划年份 {start}–{end} 之内。")
        elif year <= last:
            c.add(f"{gpath}.year", f"目标年份 {year} 重复或没有按年份从早到晚排列。")
        last = max(last, year)


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def normalize(data: dict[str, Any]) -> dict[str, Any]:
    """The canonical form of a catalog that passed `check_catalog`: known fields only, numbers as written
    (80.0 becomes 80), so two files with the same plan compare equal whichever way they were authored."""

    def retired(obj: dict[str, Any]) -> dict[str, Any]:
        return {"retired": obj["retired"]} if obj.get("retired") not in (None, "") else {}

    out: dict[str, Any] = {
        "id": data["id"],
        "version": data["version"],
        "title": data["title"],
        "start_year": int(data["start_year"]),
        "end_year": int(data["end_year"]),
    }
    if data.get("source_sha256"):
        out["source_sha256"] = data["source_sha256"]
    out["projects"] = [
        {
            "number": int(p["number"]),
            "name": p["name"],
            "tasks": [{"key": t["key"], "text": t["text"], **retired(t)} for t in p["tasks"]],
        }
        for p in data["projects"]
    ]
    out["targets"] = [
        {
            "key": t["key"],
            "name": t["name"],
            "unit": t.get("unit") or "",
            "project": int(t["project"]),
            "task": t["task"],
            "goals": [{"year": int(g["year"]), "value": _number(g["value"])} for g in t["goals"]],
            **retired(t),
        }
        for t in data.get("targets", [])
    ]
    return out
