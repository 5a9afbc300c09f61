"""What a new version of a plan changes, and whether it may be issued after the versions already issued.

Task and target keys are stable within a plan's id: a new version may reword, add and retire (mark with the
version that retired it), never drop a key or bring a retired one back. The same id with an equal or lower
version is refused unless its content is exactly what was issued (then there is nothing to do).
"""

from __future__ import annotations

from typing import Any

import msgspec

from desktop.domain.catalog_check import Problem, version_key


class VersionChanges(msgspec.Struct, frozen=True):
    """Keys, each labelled (`任务 1.04`, `指标 rate`), a new version rewords, adds, retires or drops."""

    previous: str
    reworded: tuple[str, ...]
    added: tuple[str, ...]
    retired: tuple[str, ...]
    dropped: tuple[str, ...]
    restored: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous": self.previous,
            "reworded": list(self.reworded),
            "added": list(self.added),
            "retired": list(self.retired),
        }


class IssueCheck(msgspec.Struct, frozen=True):
    problems: tuple[Problem, ...]
    changes: VersionChanges | None  # None for a plan's first version
    already_issued: bool  # the same id and version with the same content: nothing to store


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    items = {f"任务 {t['key']}": {**t, "project": p["number"]} for p in data["projects"] for t in p["tasks"]}
    items.update({f"指标 {t['key']}": t for t in data.get("targets", [])})
    return items


def _content(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "retired"}


def compare_versions(old: dict[str, Any], new: dict[str, Any]) -> VersionChanges:
    """Both catalogs normalized (`catalog_check.normalize`)."""
    before, after = _items(old), _items(new)
    common = [k for k in after if k in before]
    return VersionChanges(
        previous=str(old["version"]),
        reworded=tuple(k for k in common if _content(before[k]) != _content(after[k])),
        added=tuple(k for k in after if k not in before),
        retired=tuple(k for k in common if after[k].get("retired") and not before[k].get("retired")),
        dropped=tuple(k for k in before if k not in after),
        restored=tuple(k for k in common if before[k].get("retired") and not after[k].get("retired")),
    )


def check_issue(new: dict[str, Any], issued: list[dict[str, Any]]) -> IssueCheck:
    """`new` against every version already issued under its id (all normalized)."""
    same_id = sorted((c for c in issued if c["id"] == new["id"]), key=lambda c: version_key(c["version"]))
    if not same_id:
        return IssueCheck((), None, False)
    key = version_key(new["version"])
    latest = same_id[-1]
    for old in same_id:
        if version_key(old["version"]) == key:
            if old == {**new, "version": old["version"]}:
                return IssueCheck((), None, True)
            return IssueCheck(
                (
                    Problem(
                        "version",
                        f"{new['id']} 的版本 {old['version']} 已经发布，内容与本文件不同：修改后的规划请用高于 "
                        f"{latest['version']} 的版本号（如 {_next(latest['version'])}）。",
                    ),
                ),
                None,
                False,
            )
    if key < version_key(latest["version"]):
        return IssueCheck(
            (
                Problem(
                    "version",
                    f"版本 {new['version']} 低于 {new['id']} 已发布的最新版本 {latest['version']}："
                    f"新版本的版本号须更高（如 {_next(latest['version'])}）。",
                ),
            ),
            None,
            False,
        )
    changes = compare_versions(latest, new)
    problems: list[Problem] = []
    if changes.dropped:
        problems.append(
            Problem(
                "projects",
                f"与已发布的版本 {latest['version']} 相比缺少：{'、'.join(changes.dropped)}。"
                "编号不能删除：不再执行的任务或指标请保留原行，并在“撤销于版本”填写本版本号。",
            )
        )
    if changes.restored:
        problems.append(
            Problem(
                "projects",
                f"{'、'.join(changes.restored)} 已在先前版本撤销，不能恢复：请另设新编号。",
            )
        )
    return IssueCheck(tuple(problems), changes, False)


def _next(version: str) -> str:
    major, minor, _patch = version_key(version)
    return f"{major}.{minor + 1}.0"
