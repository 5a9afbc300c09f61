"""Home-wide settings kept in the meta table (status-light thresholds), changed with an audit row."""

from __future__ import annotations

from desktop.domain.errors import InputError
from desktop.domain.health import Thresholds
from desktop.store.audit import AuditLog
from desktop.store.db import Database

DUE_SOON_KEY = "setting.due_soon_days"
MAX_DUE_SOON_DAYS = 365


class SettingsRepo:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def thresholds(self) -> Thresholds:
        raw = self._db.meta(DUE_SOON_KEY)
        if raw is None or not raw.isdigit():
            return Thresholds()
        return Thresholds(due_soon_days=int(raw))

    def set_thresholds(self, thresholds: Thresholds) -> Thresholds:
        days = thresholds.due_soon_days
        if not 1 <= days <= MAX_DUE_SOON_DAYS:
            raise InputError(f"“临近到期”天数 {days} 超出范围：请填写 1 到 {MAX_DUE_SOON_DAYS} 之间的整数。")
        with self._db.transaction():
            before = self.thresholds()
            self._db.set_meta(DUE_SOON_KEY, str(days))
            self._audit.append(
                "update",
                "setting",
                "thresholds",
                before={"due_soon_days": before.due_soon_days},
                after={"due_soon_days": days},
            )
        return self.thresholds()
