"""Records of a retired task are read-only: a plan's new version retired the task (已调整), and its measures,
milestones, progress and evidence stay as history. Every operation that writes such a record asks here first,
before anything is written."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.errors import NotFoundError, StateError
from desktop.store import Store


def retired_message(store: Store, task_id: int) -> str | None:
    """Why records of this task may not change (None: they may)."""
    task = store.plan.task(task_id)
    if not task.retired:
        return None
    return (
        f"该任务已在规划 {task.catalog} 版本 {task.retired} 中调整，历史记录只读：任务 {task.key} 下的措施、"
        "时间节点、进度和佐证材料不能再新增、修改或删除，本次未作改动。"
    )


def ensure_editable(store: Store, item_ids: Iterable[int]) -> None:
    """Refuse (StateError) when any item is a retired task or a record under one; unknown ids pass through to
    the store, which names them."""
    checked: set[int] = set()
    for item_id in item_ids:
        try:
            task_id = store.plan.task_of(item_id)
        except NotFoundError:
            continue
        if task_id in checked:
            continue
        checked.add(task_id)
        message = retired_message(store, task_id)
        if message:
            raise StateError(message)
