"""Shared set-up for the export wizard and office tests: real keys, a real office home made by the CLI,
and the real program run as a child process."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage

from desktop.domain.status import Role, Status
from desktop.services import keys
from desktop.services.office import registry
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
    return root


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


@dataclass
class OfficeScene:
    """An office with two enrolled units; GD-GZ01 exported a bundle (with a photo and a standardisation
    milestone achieved in 2023), GD-SG02 exported nothing; an unenrolled unit's bundle and a tampered copy
    of GZ01's bundle lie on the same stick."""

    root: Path
    stick: Path
    gz01: Path  # its unit home
    bundle: Path
    tampered: Path


def copy_office(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def build_scene(tmp_path: Path, office_template: Path, catalog: Any, password: str) -> OfficeScene:
    root = copy_office(office_template, tmp_path / "省局 数据")
    office_pub = root / "keys" / keys.OFFICE_PUBLIC
    stick = tmp_path / "U盘"
    stick.mkdir()
    photo = tmp_path / "达标 验收.png"
    _png(photo)
    with make_unit(tmp_path / "广州", "GD-GZ01", "广州监狱", catalog, office_pub, password) as unit:
        task = unit.plan.tasks()[0]
        measure = unit.measures.add(task.id, "开展理想信念教育", department="政治处", person="张三")
        unit.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 60, "已开展两次专题教育")
        milestone = unit.milestones.add(
            task.id, "规范化监狱创建达标", dt.date(2023, 12, 31), target_key="standardized-prison-rate"
        )
        unit.milestones.mark_done(milestone.id, dt.date(2023, 6, 30))
        unit.evidence.add(measure.id, photo, period="2026-Q4")
        gz01_pub = unit.home.keys / keys.UNIT_PUBLIC
    with make_unit(tmp_path / "韶关", "GD-SG02", "韶关监狱", catalog, office_pub, password) as unit:
        sg02_pub = unit.home.keys / keys.UNIT_PUBLIC
    with make_unit(tmp_path / "外来", "GD-XX99", "未登记监狱", catalog, office_pub, password):
        pass
    with Store.open(root, OFFICE_ADMIN) as office:
        registry.enroll(office, gz01_pub, "GD-GZ01")
        registry.enroll(office, sg02_pub, "GD-SG02")
    for home in (tmp_path / "广州", tmp_path / "外来"):
        made = planprogress(home, "export", "--out", str(stick))
        assert made.code == 0, made.err
    bundle = stick / "PB-GD-GZ01-000001"
    tampered = tmp_path / "改过的" / "PB-GD-GZ01-000001"
    shutil.copytree(bundle, tampered)
    payload = tampered / "payload.tar.age"
    data = bytearray(payload.read_bytes())
    data[len(data) // 2] ^= 0x01
    payload.write_bytes(bytes(data))
    return OfficeScene(root, stick, tmp_path / "广州", bundle, tampered)


def _png(path: Path) -> None:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(path), "PNG")
