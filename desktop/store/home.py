"""The layout of a data folder (home): the database, evidence files, keys and backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import DB_FILENAME


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def evidence_tmp(self) -> Path:
        return self.evidence / ".incoming"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock_file(self) -> Path:
        return self.root / "planprogress.lock"

    def blob_path(self, sha256: str) -> Path:
        return self.evidence / sha256[:2] / sha256

    def exists(self) -> bool:
        return self.database.is_file()
