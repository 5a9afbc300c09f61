"""The office at scale: `province status`, the first painted 全省汇总 and an import of a stick of deltas.

usage: python bench/office_bench.py [--units 30] [--years 5] [--repeat 3] [--dir DIR] [--against CHECKOUT] [--json]
       (run under xvfb-run -a -s "-screen 0 1440x900x24" for a real X server; offscreen otherwise)

Builds an office that has imported `--units` units, each with 5 measures under every one of the plan's 54
tasks and `--years` years of quarterly and monthly progress for every task and measure (324 items x 80
periods = 25,920 entries per unit for 5 years; the entries are written with one executemany, as
bench/startup_bench.py writes its rows, and travel in each unit's full bundle). Then each unit records one
more month for every item and exports a delta onto one stick. Measured, each as a fresh process:
  status    `planprogress province status --period <last quarter> --json` (and, for reference, the
            province_status() call alone, in this process);
  window    process start to the first paint of the office window on 全省汇总 (the application's own
            start-up steps, as bench/startup_bench.py runs them, the password check included);
  import    `planprogress province import STICK` of the deltas into a copy of the office, against the same
            bytes by hand: `age -d` the office key once (passphrase typed on a pty), then per bundle
            `minisign -V`, `sha256sum -c` and `age -d -i key payload.tar.age | tar -x`.
Prints medians, and the load average at each run (the machine may be shared: compare CPU seconds, and ratios
within one run). `--against CHECKOUT` times another checkout's three processes on the same data in every run,
alternating with this one's, so that a change is compared under the same load.
Targets: status < 1 s, window < 1 s, import ratio ours/standard <= 1.0.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bundle_bench import run_measured, run_on_pty  # noqa: E402

PASSPHRASE = "bench office passphrase"
PASSWORD = "bench-pass"
MEASURES_PER_TASK = 5
FIRST_YEAR = 2021
STAMP = "{year}-{month:02d}-28T08:00:00Z"


def _periods(years: int) -> list[tuple[str, str]]:
    """(period code, the update stamp it was written at): every quarter and month of `years` years."""
    out = []
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        for month in range(1, 13):
            out.append((f"{year}-{month:02d}", STAMP.format(year=year, month=month)))
            if month % 3 == 0:
                out.append((f"{year}-Q{month // 3}", STAMP.format(year=year, month=month)))
    return out


def build_template(root: Path, years: int) -> Path:
    """One unit's home (without its code and keys): measures through the store, progress in bulk."""
    from desktop.domain.catalog import load_catalog
    from desktop.store import Store

    template = root / "unit-template"
    catalog = load_catalog(REPO / "resources" / "catalog" / "gd-prison-14fyp.json")
    with Store.create(template, "bench", "unit", catalog) as unit:
        items = []
        for task in unit.plan.tasks():
            items.append(task.id)
            for n in range(MEASURES_PER_TASK):
                items.append(unit.measures.add(task.id, f"措施{n + 1}", department="政治处").id)
        rows = [
            (str(uuid.uuid4()), item, code, "推进中", (item * 7 + index) % 100, "", stamp, "bench")
            for index, (code, stamp) in enumerate(_periods(years))
            for item in items
        ]
        with unit.database.transaction() as conn:
            conn.executemany(
                "INSERT INTO progress (uid, item_id, period, status, percent, note, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    return template


def build_world(root: Path, units: int, years: int) -> dict[str, Path]:
    """The office after every unit's full bundle, a pristine copy of it, and the stick of deltas."""
    from desktop.domain.catalog import load_catalog
    from desktop.domain.status import Role, Status
    from desktop.services import keys, office_keys
    from desktop.services.bundle.export import export_bundle
    from desktop.services.office import registry
    from desktop.services.office.intake import Intake
    from desktop.store import Home, Store

    paths = {"office": root / "office-pristine", "deltas": root / "stick-deltas", "pubs": root / "unit-keys"}
    if paths["office"].exists() and paths["deltas"].exists():
        return paths
    for path in (*paths.values(), root / "units", root / "stick-full", root / "office-keys"):
        shutil.rmtree(path, ignore_errors=True)
    catalog = load_catalog(REPO / "resources" / "catalog" / "gd-prison-14fyp.json")
    keys_home = Home(root / "office-keys")
    office_keys.create_office_key(keys_home, PASSPHRASE, [], "bench")
    identity = office_keys.load_office_identity(keys_home, PASSPHRASE)
    template = build_template(root, years)
    paths["deltas"].mkdir(parents=True)
    paths["pubs"].mkdir(parents=True)
    with Store.create(paths["office"], "bench", "office", catalog) as office:
        shutil.copytree(keys_home.keys, paths["office"] / "keys")
        office.users.add("admin", Role.ADMIN, PASSWORD, "管理员")
        for n in range(1, units + 1):
            code = f"GD-B{n:02d}"
            home = root / "units" / code
            shutil.copytree(template, home)
            with Store.open(home, "bench") as unit:
                unit.set_unit(code, f"基准第{n}监狱")
                keys.create_unit_key(unit.home, code, None)
                keys.import_office_key(unit.home, keys_home.keys / keys.OFFICE_PUBLIC)
                registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, code)
                shutil.copy(unit.home.keys / keys.UNIT_PUBLIC, paths["pubs"] / f"{code}.pub")
                full = root / "stick-full" / code
                full.mkdir(parents=True)
                [result] = Intake(office, identity).run([export_bundle(unit, full).path])
                assert result.ok, result.message
                month = f"{FIRST_YEAR + years}-01"
                for task in unit.plan.tasks():  # one more month for every task and measure, as a clerk would
                    for item in [task.id, *(m.id for m in unit.measures.find(task_id=task.id))]:
                        unit.progress.record(item, month, Status.IN_PROGRESS, (item * 11) % 100, "本月进展")
                export_bundle(unit, paths["deltas"])
            print(f"  unit {n}/{units} ready", file=sys.stderr)
    return paths


WINDOW_CHILD = """
import gc, json, sys, time
from pathlib import Path
gc.disable()
from desktop.ui.app import prepare_application
from desktop.ui.startup import HomeLock, authenticate_overlapped, discard_window, open_home, prepare_window
home = Path(sys.argv[1])
app = prepare_application([], "zh_CN", font=False)
lock = HomeLock(home)
assert lock.acquire()
store = open_home(home, lock).store
def prepare(user):
    return prepare_window(store, user)
user, prepared = authenticate_overlapped(store, "admin", sys.argv[2], prepare, discard_window)
prepared.session.user = user
window = prepared.window
def painted():
    page = window.page("overview")
    print(json.dumps({"painted": time.time(), "rows": page.matrix.rowCount(), "title": window.windowTitle()}),
          flush=True)
    app.quit()
window.first_paint.connect(painted)
window.show()
app.exec()
store.close()
lock.release()
"""


def first_paint(office: Path, repo: Path = REPO) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(repo))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD, str(office), PASSWORD],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo,
        timeout=300,
    )
    if proc.returncode != 0:
        raise SystemExit(f"window child failed:\n{proc.stderr}")
    line = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")][-1]
    return float(line["painted"]) - start, int(line["rows"])


def schema_of_checkout(repo: Path) -> int:
    """The database version the checkout at `repo` writes (the user_version line of its db/schema.sql)."""
    text = (repo / "db" / "schema.sql").read_text(encoding="utf-8")
    return int(text.rsplit("user_version", 1)[1].strip(" =;\n"))


def office_for(paths: dict[str, Path], repo: Path) -> Path:
    """The built office as the checkout at `repo` opens it: the pristine copy when its schema is the same, else a
    copy stepped up once by that checkout (so that no run times a migration, and a checkout with an older schema
    still opens the pristine office)."""
    office = paths["office"]
    conn = sqlite3.connect(f"file:{office / 'planprogress.sqlite'}?mode=ro", uri=True)
    try:
        built = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    wanted = schema_of_checkout(repo)
    if wanted == built:
        return office
    if wanted < built:
        raise SystemExit(
            f"{repo} writes database version {wanted}, older than the built office's {built}: build the office with "
            "the older checkout (run this bench from it with --dir), then reuse that --dir from the newer one"
        )
    copy = office.with_name(f"{office.name}-v{wanted}")
    if not copy.exists():
        shutil.copytree(office, copy.with_name(copy.name + ".new"))
        opener = (
            "import sys; from pathlib import Path; from desktop.store import Store; "
            "Store.open(Path(sys.argv[1]), 'bench').close()"
        )
        subprocess.run(
            [sys.executable, "-c", opener, str(copy.with_name(copy.name + ".new"))],
            env={**os.environ, "PYTHONPATH": str(repo)},
            cwd=repo,
            check=True,
        )
        shutil.rmtree(copy.with_name(copy.name + ".new") / "backups", ignore_errors=True)
        os.replace(copy.with_name(copy.name + ".new"), copy)
    return copy


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_tree(root: Path, paths: dict[str, Path], period: str, repo: Path, prefix: str = "") -> dict[str, float]:
    """`province status`, the window and `province import` as processes of the checkout at `repo`."""
    env = {"PYTHONPATH": str(repo), "PLANPROGRESS_PASSPHRASE": PASSPHRASE}
    py = [sys.executable, "-m", "desktop"]
    out: dict[str, float] = {}
    office = office_for(paths, repo)
    cpu = children_cpu()
    out["status_process"], out["status_rss"] = run_measured(
        [*py, "--home", str(office), "--json", "province", "status", "--period", period], env, repo
    )
    out["status_process_cpu"] = children_cpu() - cpu
    cpu = children_cpu()
    out["window"], out["window_rows"] = first_paint(office, repo)
    out["window_cpu"] = children_cpu() - cpu
    copy = root / "office-import"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(office, copy)
    cpu = children_cpu()
    out["import_ours"], out["import_rss"] = run_measured(
        [*py, "--home", str(copy), "province", "import", str(paths["deltas"])], env, repo
    )
    out["import_ours_cpu"] = children_cpu() - cpu
    shutil.rmtree(copy)
    return {prefix + key: value for key, value in out.items()}


def bench_once(root: Path, paths: dict[str, Path], period: str, against: Path | None) -> dict[str, float]:
    from desktop.services.office.status import province_status
    from desktop.store import Store

    out: dict[str, float] = {"load": os.getloadavg()[0]}
    out.update(bench_tree(root, paths, period, REPO))
    if against is not None:
        out.update(bench_tree(root, paths, period, against, "against_"))
    with Store.open(office_for(paths, REPO), "bench") as store:
        start, cpu_start = time.perf_counter(), time.process_time()
        status = province_status(store, period)
        out["status_call"] = time.perf_counter() - start
        out["status_call_cpu"] = time.process_time() - cpu_start
        out["units"] = len(status.units)
    assert out["window_rows"] == out["units"], (out["window_rows"], out["units"])

    office, stick = paths["office"], paths["deltas"]
    unpacked = root / "unpacked"
    shutil.rmtree(unpacked, ignore_errors=True)
    unpacked.mkdir()
    steps = [f"age -d -o {unpacked}/office.identity {office}/keys/office.key"]
    for bundle in sorted(stick.glob("PB-*")):
        code = bundle.name.split("-000")[0].removeprefix("PB-")
        target = unpacked / bundle.name
        steps.append(
            f"cd {bundle} && minisign -Vqm SHA256SUMS -p {paths['pubs']}/{code}.pub && sha256sum -c --quiet SHA256SUMS"
            f" && mkdir {target} && age -d -i {unpacked}/office.identity payload.tar.age | tar -xf - -C {target}"
        )
    cpu = children_cpu()
    out["import_std"], out["import_std_rss"] = run_on_pty(" && ".join(steps), PASSPHRASE, stick)
    out["import_std_cpu"] = children_cpu() - cpu
    out["bundles"] = len(steps) - 1
    out["stick_mib"] = sum(p.stat().st_size for p in stick.rglob("*") if p.is_file()) / 1048576
    out["load_after"] = os.getloadavg()[0]
    shutil.rmtree(unpacked)
    for prefix in ("", "against_") if against is not None else ("",):
        out[prefix + "import_ratio"] = out[prefix + "import_ours"] / out["import_std"]
        out[prefix + "import_ratio_cpu"] = out[prefix + "import_ours_cpu"] / out["import_std_cpu"]
    print(
        f"  run: load {out['load']:.1f}→{out['load_after']:.1f}; status CPU {out['status_process_cpu']:.2f}, window "
        f"CPU {out['window_cpu']:.2f}, import CPU ratio {out['import_ratio_cpu']:.2f}"
        + (
            f"; against: status {out['against_status_process_cpu']:.2f}, window {out['against_window_cpu']:.2f}, "
            f"import {out['against_import_ratio_cpu']:.2f}"
            if against is not None
            else ""
        ),
        file=sys.stderr,
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is reported")
    parser.add_argument("--dir", help="scratch folder, kept and reused (default: a temporary folder, removed)")
    parser.add_argument("--against", type=Path, help="another checkout timed alongside in every run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    against = args.against.resolve() if args.against else None
    for tool in ("age", "minisign", "sha256sum", "tar"):
        if not shutil.which(tool):
            raise SystemExit(f"missing tool: {tool} (bash scripts/setup.sh test installs it)")
    scratch = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="pp-office-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    period = f"{FIRST_YEAR + args.years - 1}-Q4"
    for tree in (REPO, against) if against is not None else (REPO,):
        # bytecode written first, as an installed program has it (and as PYTHONDONTWRITEBYTECODE would prevent)
        compileall.compile_dir(tree / "desktop", quiet=1)
    try:
        started = time.perf_counter()
        paths = build_world(scratch, args.units, args.years)
        built = time.perf_counter() - started
        runs = [bench_once(scratch, paths, period, against) for _ in range(args.repeat)]
    finally:
        if not args.dir:
            shutil.rmtree(scratch, ignore_errors=True)
    result = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    result["setup"] = built
    result["day"] = dt.date.today().isoformat()
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"{args.units} units, {args.years} years of months and quarters, {MEASURES_PER_TASK} measures per task; "
        f"median of {args.repeat} (setup {built:.0f} s); load average {result['load']:.1f} at the start of a run"
    )
    print("wall seconds (CPU seconds of the process tree in brackets: the figure to trust on a busy machine)")
    print(
        f"province status {period}: {result['status_process']:.2f} s ({result['status_process_cpu']:.2f}) as a "
        f"process; province_status() alone {result['status_call']:.2f} s ({result['status_call_cpu']:.2f}); "
        f"peak RSS {result['status_rss']} MiB"
    )
    print(
        f"office window, start to the first painted 全省汇总 ({result['units']:.0f} units): "
        f"{result['window']:.2f} s ({result['window_cpu']:.2f})"
    )
    print(
        f"import of {result['bundles']:.0f} delta bundles ({result['stick_mib']:.1f} MiB): ours "
        f"{result['import_ours']:.2f} s ({result['import_ours_cpu']:.2f}), by hand {result['import_std']:.2f} s "
        f"({result['import_std_cpu']:.2f}), ratio {result['import_ratio']:.2f} (CPU "
        f"{result['import_ratio_cpu']:.2f}); peak RSS ours {result['import_rss']} MiB, "
        f"by hand {result['import_std_rss']} MiB"
    )
    if against is not None:
        print(
            f"against {against}: province status {result['against_status_process']:.2f} s "
            f"({result['against_status_process_cpu']:.2f}); window {result['against_window']:.2f} s "
            f"({result['against_window_cpu']:.2f}); import {result['against_import_ours']:.2f} s "
            f"({result['against_import_ours_cpu']:.2f}), ratio {result['against_import_ratio']:.2f} (CPU "
            f"{result['against_import_ratio_cpu']:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
