"""The plan catalog inside a home: projects, tasks and targets, and resolving any item id."""

from __future__ import annotations

from desktop.domain.catalog import Catalog
from desktop.domain.errors import NotFoundError
from desktop.domain.model import ItemKind, Project, Target, Task
from desktop.store.audit import AuditLog
from desktop.store.db import Database


def task_uid(catalog_id: str, key: str) -> str:
    return f"{catalog_id}/{key}"


class PlanRepo:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def load_catalog(self, catalog: Catalog) -> None:
        """Insert a catalog's projects, tasks and targets (once per catalog version)."""
        conn = self._db.conn
        with self._db.transaction():
            exists = conn.execute(
                "SELECT 1 FROM catalog WHERE id = ? AND version = ?", (catalog.id, catalog.version)
            ).fetchone()
            if exists:
                return
            conn.execute(
                "INSERT INTO catalog (id, version, title, start_year, end_year, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                (catalog.id, catalog.version, catalog.title, catalog.start_year, catalog.end_year, self._db.now()),
            )
            for project in catalog.projects:
                cur = conn.execute(
                    "INSERT INTO project (catalog_id, number, name) VALUES (?, ?, ?) "
                    "ON CONFLICT (catalog_id, number) DO UPDATE SET name = excluded.name RETURNING id",
                    (catalog.id, project.number, project.name),
                )
                project_id = int(cur.fetchone()[0])
                for task in project.tasks:
                    uid = task_uid(catalog.id, task.key)
                    row = conn.execute("SELECT id FROM item WHERE uid = ?", (uid,)).fetchone()
                    if row:  # a newer version of the same catalog: update text in place
                        conn.execute("UPDATE task SET text = ?, seq = ? WHERE id = ?", (task.text, task.seq, row[0]))
                        continue
                    item_id = conn.execute(
                        "INSERT INTO item (kind, uid) VALUES ('task', ?) RETURNING id", (uid,)
                    ).fetchone()[0]
                    conn.execute(
                        "INSERT INTO task (id, project_id, seq, key, text) VALUES (?, ?, ?, ?, ?)",
                        (item_id, project_id, task.seq, task.key, task.text),
                    )
            for target in catalog.targets:
                task_row = conn.execute(
                    "SELECT id FROM item WHERE uid = ?", (task_uid(catalog.id, target.task_key),)
                ).fetchone()
                target_id = conn.execute(
                    "INSERT INTO target (catalog_id, key, name, unit, task_id) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (catalog_id, key) DO UPDATE SET name = excluded.name RETURNING id",
                    (catalog.id, target.key, target.name, target.unit, task_row[0] if task_row else None),
                ).fetchone()[0]
                for goal in target.goals:
                    conn.execute(
                        "INSERT OR REPLACE INTO target_goal (target_id, year, value) VALUES (?, ?, ?)",
                        (target_id, goal.year, goal.value),
                    )
            self._audit.append("event", "catalog", f"{catalog.id}@{catalog.version}", after={"title": catalog.title})

    def projects(self, catalog_id: str | None = None) -> list[Project]:
        """Every plan's projects, or only those of the plan `catalog_id`."""
        sql = "SELECT id, number, name FROM project"
        params: tuple[object, ...] = ()
        if catalog_id is not None:
            sql += " WHERE catalog_id = ?"
            params = (catalog_id,)
        rows = self._db.query(sql + " ORDER BY catalog_id, number", params)
        return [Project(**r) for r in rows]

    def catalog_ids(self) -> list[str]:
        """The plans whose projects the home holds, in the order `projects()` lists them."""
        return [str(r[0]) for r in self._db.conn.execute("SELECT DISTINCT catalog_id FROM project ORDER BY 1")]

    def tasks(self, project: int | None = None, catalog_id: str | None = None) -> list[Task]:
        """Tasks in plan order; `project` (a number) and `catalog_id` (a plan) narrow them."""
        sql = (
            "SELECT t.id, i.uid, p.number AS project, t.seq, t.key, t.text FROM task t "
            "JOIN item i ON i.id = t.id JOIN project p ON p.id = t.project_id"
        )
        where: list[str] = []
        params: list[object] = []
        if project is not None:
            where.append("p.number = ?")
            params.append(project)
        if catalog_id is not None:
            where.append("p.catalog_id = ?")
            params.append(catalog_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY p.catalog_id, p.number, t.seq"
        return [Task(**r) for r in self._db.query(sql, tuple(params))]

    def plan_items(self, catalog_id: str) -> dict[int, str]:
        """Id -> uid of every task of the plan `catalog_id` and of the unit's measures and milestones under
        them: what a view of one plan shows."""
        rows = self._db.conn.execute(
            "SELECT i.id, i.uid FROM item i WHERE i.id IN ("
            "SELECT t.id FROM task t JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1 "
            "UNION ALL SELECT m.id FROM measure m JOIN task t ON t.id = m.task_id "
            "JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1 "
            "UNION ALL SELECT s.id FROM milestone s JOIN task t ON t.id = s.task_id "
            "JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1)",
            (catalog_id,),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def task(self, task_id: int) -> Task:
        for t in self._db.query(
            "SELECT t.id, i.uid, p.number AS project, t.seq, t.key, t.text FROM task t "
            "JOIN item i ON i.id = t.id JOIN project p ON p.id = t.project_id WHERE t.id = ?",
            (task_id,),
        ):
            return Task(**t)
        raise NotFoundError(f"找不到编号为 {task_id} 的规划任务：用 planprogress tasks 查看任务编号。")

    def targets(self, catalog_id: str | None = None) -> list[Target]:
        """Every plan's targets, or only those of the plan `catalog_id`."""
        sql = "SELECT id, key, name, unit, task_id FROM target"
        params: tuple[object, ...] = ()
        if catalog_id is not None:
            sql += " WHERE catalog_id = ?"
            params = (catalog_id,)
        out = []
        for row in self._db.query(sql + " ORDER BY id", params):
            goals = tuple(
                (int(g["year"]), float(g["value"]))
                for g in self._db.query(
                    "SELECT year, value FROM target_goal WHERE target_id = ? ORDER BY year", (row["id"],)
                )
            )
            out.append(Target(row["key"], row["name"], row["unit"], row["task_id"], goals))
        return out

    def item_kind(self, item_id: int) -> ItemKind:
        row = self._db.one("SELECT kind FROM item WHERE id = ?", (item_id,))
        if row is None:
            raise NotFoundError(f"找不到编号为 {item_id} 的任务、措施或时间节点：用 planprogress tasks 查看编号。")
        return ItemKind(row["kind"])

    def item_uid(self, item_id: int) -> str:
        row = self._db.one("SELECT uid FROM item WHERE id = ?", (item_id,))
        if row is None:
            raise NotFoundError(f"找不到编号为 {item_id} 的任务、措施或时间节点：用 planprogress tasks 查看编号。")
        return str(row["uid"])

    def task_of(self, item_id: int) -> int:
        """The plan task an item belongs to (itself for a task)."""
        kind = self.item_kind(item_id)
        if kind is ItemKind.TASK:
            return item_id
        table = "measure" if kind is ItemKind.MEASURE else "milestone"
        row = self._db.one(f"SELECT task_id FROM {table} WHERE id = ?", (item_id,))
        assert row is not None
        return int(row["task_id"])

    def item_title(self, item_id: int) -> str:
        kind = self.item_kind(item_id)
        if kind is ItemKind.TASK:
            return self.task(item_id).text
        table = "measure" if kind is ItemKind.MEASURE else "milestone"
        row = self._db.one(f"SELECT title FROM {table} WHERE id = ?", (item_id,))
        return str(row["title"]) if row else ""

    def title_by_uid(self, uid: str) -> str | None:
        """What a task, measure or milestone named by `uid` is called (the audit trail names records by uid);
        None once it is deleted. A task is named by its number and text, as the plan tree shows it."""
        row = self._db.one("SELECT id, kind FROM item WHERE uid = ?", (uid,))
        if row is None:
            return None
        if row["kind"] == ItemKind.TASK.value:
            task = self.task(int(row["id"]))
            return f"{task.key} {task.text}"
        return self.item_title(int(row["id"])) or None
