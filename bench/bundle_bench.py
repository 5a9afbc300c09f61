"""Export and import of a bundle, timed against the same work done by hand with the standard tools.

usage: python bench/bundle_bench.py [--size-mib 256] [--files 16] [--repeat 1] [--dir DIR] [--json] [--suite gm]

Builds synthetic evidence (random bytes, so nothing compresses) in a unit home, then in the same run:
  ours      `planprogress export` (tar -> age -> parts, fsync, read-back verify) and `province import`
            (copy to staging, verify, decrypt with the strict reader, merge), each as its own process;
  standard  `tar | age -r` > file, `sha256sum`, `minisign -S`, `sync`, `sha256sum -c`; then `minisign -V`,
            `sha256sum -c`, `age -d -i office.key | tar -x` (age unlocks the same passphrase-protected
            identity, typed on a pty, so both sides pay the same scrypt cost), and once more followed by
            `sync`, since our import fsyncs every evidence file before it commits.
With `--suite gm` both sides work in the 国密 suite: ours writes SM4-CTR parts, SM3SUMS and an SM2 signature;
the standard side is the pipeline by hand with stock OpenSSL: `tar | openssl enc -sm4-ctr`, the key wrapped
with `openssl pkeyutl -encrypt`, `openssl dgst -sm3` of each file, `openssl dgst -sign`, `sync`, the sums read
back; the import by hand is the auditor's commands of docs/gm-suite.md followed by `tar -x` (OpenSSL asks
for the office key's passphrase on the pty, PBKDF2 as in our unlock).
Prints seconds, the ratio ours/standard (target <= 1.0) and each process tree's peak RSS (target: flat
from 0.5 to 2 GiB, <= 150 MiB). Run by hand with --size-mib 512 and --size-mib 2048.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.services import keys, office_keys  # noqa: E402
from desktop.services.office import registry  # noqa: E402
from desktop.services.suite import AGE, GM, Suite, by_short  # noqa: E402
from desktop.store import Home, Store  # noqa: E402

PASSPHRASE = "bench office passphrase"
CHUNK = 8 * 1024 * 1024


# A small, freshly started process runs each measured command: a child forked from this (large) benchmark
# process would report our RSS as its own peak until it execs.
WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _peak(report: Path) -> int:
    return int(report.read_text()) // 1024


def run_measured(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, int]:
    """Run a process to completion; return wall seconds and the peak RSS (MiB) of it and its children."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as report:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", WRAPPER, report.name, *args],
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.decode(errors='replace')}")
        return seconds, _peak(Path(report.name))


def run_on_pty(command: str, passphrase: str, cwd: Path) -> tuple[float, int]:
    """Run a shell pipeline on a pseudo-terminal, typing the passphrase when age asks for it."""
    report = Path(tempfile.mkstemp(suffix=".rss")[1])
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execv(sys.executable, [sys.executable, "-c", WRAPPER, str(report), "bash", "-o", "pipefail", "-c", command])
    seen = b""
    typed = False
    status = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b""
                seen += chunk
                if not typed and (b"passphrase" in seen.lower() or b"pass phrase" in seen.lower()):
                    os.write(fd, passphrase.encode() + b"\n")
                    typed = True
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
    finally:
        os.close(fd)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {command}\n{seen.decode(errors='replace')}")
    peak = _peak(report)
    report.unlink()
    return seconds, peak


# The import's peak is set by scrypt unlocking the office key (a fixed cost, the same in the age tool); this
# harness unlocks first, then resets the kernel's peak-RSS mark (/proc/self/clear_refs) so that what it
# reports is the streaming part alone.
STREAMING_IMPORT = """
import sys
from pathlib import Path
from desktop.services import keys
from desktop.services.office.intake import Intake
from desktop.store import Store
office, bundle, passphrase = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
with Store.open(office, "bench") as store:
    identity = office_keys.load_office_keys(store.home, passphrase)
    Path("/proc/self/clear_refs").write_text("5")
    [result] = Intake(store, identity).run([bundle])
    assert result.ok, result.message
peak = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")][0]
print(int(peak.split()[1]) // 1024)
"""


def streaming_import_peak(office: Path, bundle: Path) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", STREAMING_IMPORT, str(office), str(bundle), PASSPHRASE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout.strip())


def make_evidence(store: Store, scratch: Path, size_mib: int, files: int) -> None:
    per_file = max(1, size_mib * 1024 * 1024 // files)
    task = store.plan.tasks()[0].id
    for number in range(files):
        source = scratch / f"证据 {number:03d}.bin"
        with open(source, "wb") as handle:
            left = per_file
            while left:
                piece = min(CHUNK, left)
                handle.write(os.urandom(piece))
                left -= piece
        store.evidence.add(task, source)
        source.unlink()


def drop_caches() -> None:
    """Make both sides read from disk (needs root; otherwise both read from the page cache alike)."""
    subprocess.run(["sync"], check=False)
    with contextlib.suppress(OSError):
        Path("/proc/sys/vm/drop_caches").write_text("3\n")


GM_ID = "-sigopt distid:1234567812345678"


def standard_commands(suite: Suite, root: Path, unit_home: Path, office_home: Path, std: Path) -> tuple[str, str]:
    """The export and the import by hand with the suite's standard tools (the import runs in our bundle)."""
    if suite is GM:
        export = (
            f"openssl rand 16 > {root}/k.bin && K=$(od -An -tx1 {root}/k.bin | tr -d ' \\n')"
            " && IV=$(openssl rand -hex 16)"
            f" && tar -cf - -C {unit_home} evidence | openssl enc -sm4-ctr -K $K -iv $IV -out {std}/payload.sm4"
            f" && openssl pkeyutl -encrypt -pubin -inkey {office_home}/keys/office.pub -in {root}/k.bin"
            f" -out {std}/payload.key && cd {std}"
            " && for f in payload.key payload.sm4; do openssl dgst -sm3 -r $f; done > SM3SUMS"
            f" && openssl dgst -sm3 -sign {root}/std-sm2.key {GM_ID} -out SM3SUMS.sig SM3SUMS"
            " && sync && for f in payload.key payload.sm4; do openssl dgst -sm3 -r $f; done > /dev/null"
        )
        imported = (
            f"openssl dgst -sm3 -verify {unit_home}/keys/unit.pub {GM_ID} -signature SM3SUMS.sig SM3SUMS >/dev/null"
            " && cksum -a sm3 --check SM3SUMS >/dev/null"
            f" && K=$(openssl pkeyutl -decrypt -inkey {office_home}/keys/office.key -in payload.key"
            " | od -An -tx1 | tr -d ' \\n')"
            """ && IV=$(sed -n 's/.*"iv": *"\\([0-9a-f]*\\)".*/\\1/p' bundle.json)"""
            f" && cat payload.sm4* | openssl enc -d -sm4-ctr -K $K -iv $IV | tar -xf - -C {root}/unpacked"
        )
        return export, imported
    recipient = keys.office_recipients(Home(unit_home))[0]
    export = (
        f"tar -cf - -C {unit_home} evidence | age -r {recipient} > {std}/payload.tar.age"
        f" && cd {std} && sha256sum payload.tar.age > SHA256SUMS"
        f" && minisign -S -s {root}/std.key -m SHA256SUMS -t 'unit:GD-B01 seq:1' >/dev/null"
        " && sync && sha256sum -c SHA256SUMS >/dev/null"
    )
    imported = (
        f"minisign -Vm SHA256SUMS -p {unit_home}/keys/unit.pub >/dev/null && sha256sum -c SHA256SUMS >/dev/null"
        f" && age -d -i {office_home}/keys/office.key payload.tar.age | tar -xf - -C {root}/unpacked"
    )
    return export, imported


def bench_once(root: Path, catalog_path: Path, size_mib: int, files: int, suite: Suite = AGE) -> dict[str, float]:
    for name in ("stick", "stick-std", "office", "unpacked", "unit"):
        shutil.rmtree(root / name, ignore_errors=True)
    pristine, unit_home, office_home = root / "unit-pristine", root / "unit", root / "office"
    stick, std = root / "stick", root / "stick-std"
    stick.mkdir()
    std.mkdir()
    catalog = load_catalog(catalog_path)
    if not pristine.exists():  # made once; each run exports from a fresh copy (seq 1 every time)
        keys_home = Home(root / "office-keys")
        if not (keys_home.keys / keys.OFFICE_IDENTITY).exists():
            office_keys.create_office_key(keys_home, PASSPHRASE, [], "bench", suite)
        with Store.create(pristine, "bench", "unit", catalog) as unit:
            unit.set_unit("GD-B01", "基准监狱")
            keys.create_unit_key(unit.home, "GD-B01", None, suite)
            keys.import_office_key(unit.home, keys_home.keys / keys.OFFICE_PUBLIC)
            make_evidence(unit, root, size_mib, files)
        subprocess.run(
            ["minisign", "-G", "-W", "-p", str(root / "std.pub"), "-s", str(root / "std.key")]
            if suite is AGE
            else ["openssl", "genpkey", "-algorithm", "SM2", "-out", str(root / "std-sm2.key")],
            check=True,
            capture_output=True,
        )
    shutil.copytree(pristine, unit_home)
    with Store.create(office_home, "bench", "office", catalog) as office:
        shutil.copytree(root / "office-keys" / "keys", office_home / "keys")
        registry.enroll(office, unit_home / "keys" / keys.UNIT_PUBLIC, "GD-B01")
    standard_export, standard_import = standard_commands(suite, root, unit_home, office_home, std)
    env = {"PYTHONPATH": str(REPO), "PLANPROGRESS_PASSPHRASE": PASSPHRASE}
    py = [sys.executable, "-m", "desktop"]
    out: dict[str, float] = {}

    drop_caches()
    out["export_ours"], out["export_ours_rss"] = run_measured(
        [*py, "--home", str(unit_home), "export", "--out", str(stick), "--full"], env, REPO
    )
    drop_caches()
    out["export_std"], out["export_std_rss"] = run_measured(["bash", "-o", "pipefail", "-c", standard_export])

    bundle = next(stick.glob("PB-*"))
    drop_caches()
    out["import_ours"], out["import_ours_rss"] = run_measured(
        [*py, "--home", str(office_home), "province", "import", str(bundle)], env, REPO
    )
    (root / "unpacked").mkdir()
    drop_caches()
    out["import_std"], out["import_std_rss"] = run_on_pty(standard_import, PASSPHRASE, bundle)
    shutil.rmtree(root / "unpacked")
    (root / "unpacked").mkdir()
    drop_caches()  # the same by hand, but as durable as our import (which fsyncs every evidence file)
    out["import_std_sync"], _ = run_on_pty(standard_import + " && sync", PASSPHRASE, bundle)
    out["unlock"], out["unlock_rss"] = run_measured(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from desktop.services import keys; "
            "from desktop.store import Home; office_keys.load_office_keys(Home(Path(sys.argv[1])), sys.argv[2])",
            str(office_home),
            PASSPHRASE,
        ],
        env,
        REPO,
    )
    shutil.rmtree(office_home)
    with Store.create(office_home, "bench", "office", catalog) as office:
        shutil.copytree(root / "office-keys" / "keys", office_home / "keys")
        registry.enroll(office, unit_home / "keys" / keys.UNIT_PUBLIC, "GD-B01")
    out["import_stream_rss"] = streaming_import_peak(office_home, bundle)
    out["payload_mib"] = sum(p.stat().st_size for p in bundle.glob(f"{suite.payload}*")) / 1048576
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=256, help="synthetic evidence size (MiB)")
    parser.add_argument("--files", type=int, default=16, help="number of evidence files")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the median is reported")
    parser.add_argument("--dir", help="scratch folder (default: a temporary folder, removed afterwards)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--suite", choices=["age", "gm"], default="age", help="the suite of both sides")
    args = parser.parse_args()
    suite = by_short(args.suite)
    for tool in ("age", "minisign", "sha256sum", "tar") if suite is AGE else ("openssl", "cksum", "od", "tar"):
        if not shutil.which(tool):
            raise SystemExit(f"missing tool: {tool} (bash scripts/setup.sh test installs it)")
    scratch = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="pp-bundle-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    catalog = REPO / "resources" / "catalog" / "gd-prison-14fyp.json"
    try:
        runs = [bench_once(scratch, catalog, args.size_mib, args.files, suite) for _ in range(args.repeat)]
    finally:
        if not args.dir:
            shutil.rmtree(scratch, ignore_errors=True)
    result = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    result["export_ratio"] = result["export_ours"] / result["export_std"]
    result["import_ratio"] = result["import_ours"] / result["import_std"]
    result["import_ratio_sync"] = result["import_ours"] / result["import_std_sync"]
    result["size_mib"] = args.size_mib
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"suite {suite.name}; evidence {args.size_mib} MiB in {args.files} files; "
        f"payload {result['payload_mib']:.0f} MiB; median of {args.repeat}"
    )
    for step in ("export", "import"):
        print(
            f"{step:6}  ours {result[f'{step}_ours']:6.2f} s  standard {result[f'{step}_std']:6.2f} s  "
            f"ratio {result[f'{step}_ratio']:.2f}  peak RSS ours {result[f'{step}_ours_rss']} MiB, "
            f"standard {result[f'{step}_std_rss']} MiB"
        )
    print(
        f"import by hand followed by sync (as durable as ours): {result['import_std_sync']:.2f} s, "
        f"ratio {result['import_ratio_sync']:.2f}"
    )
    print(
        f"both imports include unlocking the office key: {result['unlock']:.2f} s, {result['unlock_rss']} MiB "
        "(a fixed cost: scrypt for age, PBKDF2 for 国密); "
        f"our import without the unlock peaks at {result['import_stream_rss']} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
