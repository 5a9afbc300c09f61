"""Shared set-up for the export wizard and office tests: real keys, a real office home made by the CLI,
and the real program run as a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.status import Role
from desktop.services import keys
from desktop.store import Store

REPO = Path(__file__).resolve().parents[2]
OFFICE_PASSPHRASE = "省局口令-2026"
OFFICE_ADMIN = "office-admin"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]

    def result(self) -> dict[str, Any]:
        found = [line for line in self.lines() if isinstance(line, dict) and line.get("event") == "result"]
        assert found, (self.out, self.err)
        return found[-1]


def planprogress(home: Path, *args: str, passphrase: str | None = None, timeout: float = 300) -> Run:
    """`planprogress --home HOME --json ARGS...` as a separate process, as the GUI runs it."""
    env = {k: v for k, v in os.environ.items() if k != "PLANPROGRESS_PASSPHRASE"}
    env["PYTHONPATH"] = str(REPO)
    if passphrase is not None:
        env["PLANPROGRESS_PASSPHRASE"] = passphrase
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), "--json", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def make_office(root: Path, admin_password: str) -> Path:
    """An office home as `province init` makes it, plus the administrator the GUI signs in with."""
    made = planprogress(root, "province", "init", "--name", "广东省监狱管理局", passphrase=OFFICE_PASSPHRASE)
    assert made.code == 0, made.err
    with Store.open(root, "setup") as store:
        store.users.add(OFFICE_ADMIN, Role.ADMIN, admin_password, "省局管理员")
    return root / "keys" / keys.OFFICE_PUBLIC


def give_unit_keys(store: Store, office_public: Path, passphrase: str | None = None) -> Path:
    """The unit's signing key (optionally protected) and the office's public key; returns unit.pub."""
    info = keys.create_unit_key(store.home, store.unit().code, passphrase)
    keys.import_office_key(store.home, office_public)
    return info.public_key_path


def make_unit(root: Path, code: str, name: str, catalog: Any, office_public: Path, password: str) -> Store:
    store = Store.create(root, "admin", "unit", catalog)
    store.set_unit(code, name)
    store.users.add("admin", Role.ADMIN, password, "管理员")
    give_unit_keys(store, office_public)
    return store


def bundles_in(folder: Path) -> list[Path]:
    """What looks like a bundle in a folder (hidden temporary folders do not)."""
    return sorted(p for p in folder.iterdir() if p.name.startswith("PB-")) if folder.is_dir() else []
