"""The store: a home's SQLite database and evidence files. All SQL of the program lives in this package."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, StateError, StoreError
from desktop.domain.health import Thresholds
from desktop.domain.model import Unit
from desktop.domain.system_errors import reason
from desktop.domain.unit_code import canonical_unit_code
from desktop.store.audit import AuditLog
from desktop.store.db import Clock, Database, DatabaseFault, create_database, needs_upgrade, utc_now
from desktop.store.evidence import EvidenceRepo
from desktop.store.home import Home
from desktop.store.measures import MeasureRepo
from desktop.store.milestones import MilestoneRepo
from desktop.store.overview import ProjectView, build_overview
from desktop.store.plan import PlanRepo
from desktop.store.progress import ProgressRepo, ReviewRepo
from desktop.store.settings import SettingsRepo
from desktop.store.users import UserRepo

__all__ = ["DatabaseFault", "Home", "Store", "validate_unit_code"]

# The canonical unit code for what was typed (see desktop.domain.unit_code), under its older name.
validate_unit_code = canonical_unit_code


def missing_home_error(root: Path) -> StoreError:
    """What every command says about a folder without a database: which folder, and how to set one up."""
    if root.is_dir() and any(root.iterdir()):
        return StoreError(f"数据目录 {root} 中没有 planprogress 数据库：请确认 --home 是否选对，或先运行 init。")
    return StoreError(
        f"数据目录 {root} 尚未初始化：单位请先运行 planprogress init --unit-code 代码 --unit-name 名称，"
        "省局请先运行 planprogress province init。"
    )


class Store:
    """One open home. Repositories share its connection and audit log (`actor` signs every change)."""

    def __init__(self, home: Home, actor: str, clock: Clock = utc_now) -> None:
        self.home = home
        self.database = Database(home.database, clock)
        self.audit = AuditLog(self.database, actor)
        self.plan = PlanRepo(self.database, self.audit)
        self.measures = MeasureRepo(self.database, self.audit, self.plan)
        self.milestones = MilestoneRepo(self.database, self.audit, self.plan)
        self.progress = ProgressRepo(self.database, self.audit, self.plan)
        self.reviews = ReviewRepo(self.database, self.audit)
        self.users = UserRepo(self.database, self.audit)
        self.evidence = EvidenceRepo(self.database, self.audit, self.plan, home)
        self.settings = SettingsRepo(self.database, self.audit)
        self.evidence.sweep_incoming()
        self.plan.load_received()  # plans received before they were loaded into the plan tables

    @staticmethod
    def needs_upgrade(root: Path) -> bool:
        """Whether opening the home at `root` first steps its database up to this program's schema."""
        return needs_upgrade(Home(root).database)

    @classmethod
    def open(cls, root: Path, actor: str, clock: Clock = utc_now) -> Store:
        home = Home(root)
        if not home.exists():
            raise missing_home_error(root)
        return cls(home, actor, clock)

    @classmethod
    def create(cls, root: Path, actor: str, kind: str, catalog: Catalog, clock: Clock = utc_now) -> Store:
        """Make a new home (a unit's or the office's) and load the plan catalog into it."""
        home = Home(root)
        if home.exists():
            raise StateError(f"数据目录 {root} 已经初始化过了，原有数据未作任何改动。如要重新开始，请换一个数据目录。")
        created_root = not root.exists()
        try:
            root.mkdir(parents=True, exist_ok=True)
            create_database(home.database)
            store = cls(home, actor, clock)
            with store.database.transaction():
                store.database.set_meta("kind", kind)
                store.database.set_meta("catalog_id", catalog.id)
                store.database.set_meta("catalog_version", catalog.version)
                store.database.set_meta("created_at", store.database.now())
                store.plan.load_catalog(catalog)
        except OSError as exc:
            if created_root:
                shutil.rmtree(root, ignore_errors=True)
            raise StoreError(f"无法创建数据目录 {root}（{reason(exc)}）：请检查路径和权限。") from exc
        return store

    @property
    def kind(self) -> str:
        return self.database.meta("kind", "unit") or "unit"

    def unit(self) -> Unit:
        meta = self.database.meta
        return Unit(
            code=meta("unit_code", "") or "",
            name=meta("unit_name", "") or "",
            catalog_id=meta("catalog_id", "") or "",
            catalog_version=meta("catalog_version", "") or "",
        )

    def set_unit(self, code: str, name: str) -> Unit:
        """Set the unit's code (stored canonical: upper case, half width) and name."""
        code = canonical_unit_code(code)
        if not name.strip():
            raise InputError("单位名称不能为空。")
        with self.database.transaction():
            before = self.unit()
            self.database.set_meta("unit_code", code)
            self.database.set_meta("unit_name", name.strip())
            self.audit.append(
                "update",
                "unit",
                code,
                before={"code": before.code, "name": before.name},
                after={"code": code, "name": name.strip()},
            )
        return self.unit()

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def overview(
        self,
        period: str,
        today: dt.date | None = None,
        thresholds: Thresholds | None = None,
        plan: str | None = None,
    ) -> list[ProjectView]:
        """Per-project roll-up for a reporting period of one plan (`plan`, a catalog id) or of every plan held
        (see desktop.store.overview); desktop.services.plans names the plan a caller shows."""
        return build_overview(
            self.database,
            self.plan,
            self.measures,
            self.milestones,
            self.progress,
            period,
            today or dt.date.today(),
            thresholds or self.settings.thresholds(),
            plan,
        )
