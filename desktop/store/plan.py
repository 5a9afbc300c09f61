"""The plan catalogs inside a home: projects, tasks and targets of every plan held, and resolving any item id.

A home holds several plans (the one it was built from and those the office sent). Project numbers are per
plan; task and target keys are stable within a plan (`catalog/key`); item ids are one id space across plans.
A newer version of a plan rewords tasks in place (the old text goes to the audit trail), adds what is new and
retires what it marks retired: a retired task keeps its records, read-only. The retired marks are read from
the newest version's catalog as the office sent it, so nothing but the catalog itself says what is retired.
"""

from __future__ import annotations

import json

import msgspec

from desktop.domain.catalog import Catalog, CatalogTarget, parse_catalog
from desktop.domain.catalog_check import version_key
from desktop.domain.errors import NotFoundError
from desktop.domain.model import ItemKind, Project, Target, Task
from desktop.store.audit import AuditLog
from desktop.store.db import Database


def task_uid(catalog_id: str, key: str) -> str:
    return f"{catalog_id}/{key}"


_TASK_SQL = (
    "SELECT t.id, i.uid, p.number AS project, t.seq, t.key, t.text, p.catalog_id AS catalog FROM task t "
    "JOIN item i ON i.id = t.id JOIN project p ON p.id = t.project_id"
)


class _Retired(msgspec.Struct, frozen=True):
    """Retired task uids and target (catalog, key) pairs with the version that retired them."""

    tasks: dict[str, str]
    targets: dict[tuple[str, str], str]


class PlanRepo:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit
        self._retired_cache: tuple[str, _Retired] | None = None

    def latest_version(self, catalog_id: str) -> str | None:
        """The newest version of a plan loaded into the plan tables (None: the plan is not held)."""
        rows = self._db.query("SELECT version FROM catalog WHERE id = ?", (catalog_id,))
        versions = [str(r["version"]) for r in rows]
        return max(versions, key=version_key) if versions else None

    def load_catalog(self, catalog: Catalog) -> bool:
        """Load one catalog version (once per version). A plan's first version is inserted; a newer version
        rewords, adds and retires in place, every change audited; an older version than the newest loaded
        changes nothing. Returns whether the plan tables changed."""
        conn = self._db.conn
        with self._db.transaction():
            exists = conn.execute(
                "SELECT 1 FROM catalog WHERE id = ? AND version = ?", (catalog.id, catalog.version)
            ).fetchone()
            if exists:
                return False
            latest = self.latest_version(catalog.id)
            conn.execute(
                "INSERT INTO catalog (id, version, title, start_year, end_year, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                (catalog.id, catalog.version, catalog.title, catalog.start_year, catalog.end_year, self._db.now()),
            )
            if latest is not None and version_key(catalog.version) < version_key(latest):
                self._audit.append(
                    "event",
                    "catalog",
                    f"{catalog.id}@{catalog.version}",
                    after={"title": catalog.title, "applied": False, "newer_held": latest},
                )
                return False
            self._apply(catalog, latest)
            self._audit.append("event", "catalog", f"{catalog.id}@{catalog.version}", after={"title": catalog.title})
        return True

    def load_received(self) -> tuple[str, ...]:
        """Load every catalog version the office's answers brought that the plan tables do not have yet, oldest
        version first (inside the answer's transaction, or once when a home that received plans before they
        were loaded opens). Returns `id 版本` of each version that changed the plan tables."""
        rows = self._db.query(
            "SELECT a.id, a.version, a.content FROM answer_catalog a "
            "LEFT JOIN catalog c ON c.id = a.id AND c.version = a.version WHERE c.id IS NULL"
        )
        if not rows:
            return ()
        rows.sort(key=lambda r: (str(r["id"]), version_key(str(r["version"]))))
        applied: list[str] = []
        with self._db.transaction():
            for row in rows:
                if self.load_catalog(parse_catalog(json.loads(str(row["content"])))):
                    applied.append(f"{row['id']} {row['version']}")
        return tuple(applied)

    def _apply(self, catalog: Catalog, previous: str | None) -> None:
        """`previous`: the newest version loaded before this one (None for a plan's first version)."""
        conn = self._db.conn
        first = previous is None

        def newly_retired(retired: str | None) -> bool:
            return bool(retired) and (first or version_key(str(retired)) > version_key(str(previous)))

        version = f"{catalog.id}@{catalog.version}"
        # keys rise within a project but a new version may fill a gap: free every seq first (UNIQUE per project)
        conn.execute(
            "UPDATE task SET seq = -seq WHERE project_id IN (SELECT id FROM project WHERE catalog_id = ?)",
            (catalog.id,),
        )
        for project in catalog.projects:
            old = self._db.one(
                "SELECT name FROM project WHERE catalog_id = ? AND number = ?", (catalog.id, project.number)
            )
            cur = conn.execute(
                "INSERT INTO project (catalog_id, number, name) VALUES (?, ?, ?) "
                "ON CONFLICT (catalog_id, number) DO UPDATE SET name = excluded.name RETURNING id",
                (catalog.id, project.number, project.name),
            )
            project_id = int(cur.fetchone()[0])
            if old is not None and old["name"] != project.name:
                self._audit.append(
                    "update",
                    "project",
                    f"{catalog.id}/{project.number}",
                    before={"name": old["name"]},
                    after={"name": project.name, "catalog": version},
                )
            for task in project.tasks:
                uid = self._load_task(catalog.id, version, project_id, task.key, task.seq, task.text, first)
                if newly_retired(task.retired) and not first:
                    self._audit.append("update", "task", uid, after={"retired": task.retired, "catalog": version})
        for target in catalog.targets:
            uid = self._load_target(catalog, version, target, first)
            if newly_retired(target.retired) and not first:
                self._audit.append("update", "target", uid, after={"retired": target.retired, "catalog": version})

    def _load_task(
        self,
        catalog_id: str,
        version: str,
        project_id: int,
        key: str,
        seq: int,
        text: str,
        first: bool,
    ) -> str:
        conn = self._db.conn
        uid = task_uid(catalog_id, key)
        row = self._db.one(
            "SELECT t.id, t.text FROM item i JOIN task t ON t.id = i.id WHERE i.uid = ?",
            (uid,),
        )
        if row is None:
            item_id = conn.execute("INSERT INTO item (kind, uid) VALUES ('task', ?) RETURNING id", (uid,)).fetchone()[0]
            conn.execute(
                "INSERT INTO task (id, project_id, seq, key, text) VALUES (?, ?, ?, ?, ?)",
                (item_id, project_id, seq, key, text),
            )
            if not first:
                self._audit.append("insert", "task", uid, after={"key": key, "text": text, "catalog": version})
            return uid
        conn.execute("UPDATE task SET text = ?, seq = ? WHERE id = ?", (text, seq, row["id"]))
        if row["text"] != text:  # reworded: the text shown is the new one, the old one stays in the audit trail
            self._audit.append(
                "update", "task", uid, before={"text": row["text"]}, after={"text": text, "catalog": version}
            )
        return uid

    def _load_target(self, catalog: Catalog, version: str, target: CatalogTarget, first: bool) -> str:
        conn = self._db.conn
        task_row = self._db.one("SELECT id FROM item WHERE uid = ?", (task_uid(catalog.id, target.task_key),))
        old = self._db.one(
            "SELECT id, name, unit FROM target WHERE catalog_id = ? AND key = ?", (catalog.id, target.key)
        )
        target_id = conn.execute(
            "INSERT INTO target (catalog_id, key, name, unit, task_id) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (catalog_id, key) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
            "task_id = excluded.task_id RETURNING id",
            (catalog.id, target.key, target.name, target.unit, task_row["id"] if task_row else None),
        ).fetchone()[0]
        before_goals = [
            [int(g["year"]), float(g["value"])]
            for g in self._db.query(
                "SELECT year, value FROM target_goal WHERE target_id = ? ORDER BY year", (target_id,)
            )
        ]
        conn.execute("DELETE FROM target_goal WHERE target_id = ?", (target_id,))
        conn.executemany(
            "INSERT INTO target_goal (target_id, year, value) VALUES (?, ?, ?)",
            [(target_id, g.year, g.value) for g in target.goals],
        )
        after_goals = [[g.year, g.value] for g in target.goals]
        uid = f"{catalog.id}/{target.key}"
        if old is None:
            if not first:
                self._audit.append("insert", "target", uid, after={"name": target.name, "catalog": version})
        elif (old["name"], old["unit"], before_goals) != (target.name, target.unit, after_goals):
            self._audit.append(
                "update",
                "target",
                uid,
                before={"name": old["name"], "unit": old["unit"], "goals": before_goals},
                after={"name": target.name, "unit": target.unit, "goals": after_goals, "catalog": version},
            )
        return uid

    def retired(self) -> _Retired:
        """What the newest loaded version of each plan marks retired (cached until a version is loaded)."""
        stamp_row = self._db.one("SELECT count(*) AS n, group_concat(id || '@' || version) AS v FROM catalog")
        stamp = f"{stamp_row['n']}:{stamp_row['v']}" if stamp_row else ""
        if self._retired_cache is not None and self._retired_cache[0] == stamp:
            return self._retired_cache[1]
        newest: dict[str, tuple[str, str]] = {}
        for row in self._db.query(
            "SELECT a.id, a.version, a.content FROM answer_catalog a "
            "JOIN catalog c ON c.id = a.id AND c.version = a.version"
        ):
            cid, version = str(row["id"]), str(row["version"])
            if cid not in newest or version_key(version) > version_key(newest[cid][0]):
                newest[cid] = (version, str(row["content"]))
        tasks: dict[str, str] = {}
        targets: dict[tuple[str, str], str] = {}
        for cid, (version, content) in newest.items():
            if self.latest_version(cid) != version:
                continue  # a shipped version newer than any received one: its own marks (none) apply
            data = json.loads(content)
            for project in data.get("projects", []):
                for task in project.get("tasks", []):
                    if task.get("retired"):
                        tasks[task_uid(cid, str(task["key"]))] = str(task["retired"])
            for target in data.get("targets", []):
                if target.get("retired"):
                    targets[(cid, str(target["key"]))] = str(target["retired"])
        found = _Retired(tasks, targets)
        self._retired_cache = (stamp, found)
        return found

    def projects(self, catalog: str | None = None) -> list[Project]:
        """The projects of one plan (`catalog`), or of every plan held (each plan numbers its own from 1)."""
        sql = "SELECT id, number, name, catalog_id AS catalog FROM project"
        params: tuple[object, ...] = ()
        if catalog is not None:
            sql += " WHERE catalog_id = ?"
            params = (catalog,)
        rows = self._db.query(sql + " ORDER BY catalog_id, number", params)
        return [Project(**r) for r in rows]

    def catalog_ids(self) -> list[str]:
        """The plans whose projects the home holds, in the order `projects()` lists them."""
        return [str(r[0]) for r in self._db.conn.execute("SELECT DISTINCT catalog_id FROM project ORDER BY 1")]

    def plan_items(self, catalog: str) -> dict[int, str]:
        """Id -> uid of every task of the plan `catalog` and of the unit's measures and milestones under
        them: what a view of one plan shows."""
        rows = self._db.conn.execute(
            "SELECT i.id, i.uid FROM item i WHERE i.id IN ("
            "SELECT t.id FROM task t JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1 "
            "UNION ALL SELECT m.id FROM measure m JOIN task t ON t.id = m.task_id "
            "JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1 "
            "UNION ALL SELECT s.id FROM milestone s JOIN task t ON t.id = s.task_id "
            "JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?1)",
            (catalog,),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def tasks(self, project: int | None = None, catalog: str | None = None) -> list[Task]:
        """Tasks of one plan (`catalog`) or of every plan, optionally of one project number; retired ones marked."""
        where: list[str] = []
        params: list[object] = []
        if project is not None:
            where.append("p.number = ?")
            params.append(project)
        if catalog is not None:
            where.append("p.catalog_id = ?")
            params.append(catalog)
        sql = _TASK_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY p.catalog_id, p.number, t.seq"
        retired = self.retired().tasks
        return [Task(**r, retired=retired.get(str(r["uid"]))) for r in self._db.query(sql, tuple(params))]

    def task(self, task_id: int) -> Task:
        for t in self._db.query(_TASK_SQL + " WHERE t.id = ?", (task_id,)):
            return Task(**t, retired=self.retired().tasks.get(str(t["uid"])))
        raise NotFoundError(f"找不到编号为 {task_id} 的规划任务：用 planprogress tasks 查看任务编号。")

    def targets(self, catalog: str | None = None) -> list[Target]:
        """Targets of one plan (`catalog`) or of every plan, with their dated goals; retired ones marked."""
        sql = "SELECT id, catalog_id, key, name, unit, task_id FROM target"
        params: tuple[object, ...] = ()
        if catalog is not None:
            sql += " WHERE catalog_id = ?"
            params = (catalog,)
        retired = self.retired().targets
        out = []
        for row in self._db.query(sql + " ORDER BY id", params):
            goals = tuple(
                (int(g["year"]), float(g["value"]))
                for g in self._db.query(
                    "SELECT year, value FROM target_goal WHERE target_id = ? ORDER BY year", (row["id"],)
                )
            )
            cid = str(row["catalog_id"])
            out.append(
                Target(
                    row["key"],
                    row["name"],
                    row["unit"],
                    row["task_id"],
                    goals,
                    cid,
                    retired.get((cid, str(row["key"]))),
                )
            )
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
