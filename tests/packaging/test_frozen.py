"""Smoke tests of the frozen (PyInstaller) build, each run with an empty environment like `env -i`.

Which build: PLANPROGRESS_FROZEN_DIST=DIR (the onedir folder, as packaging/build.sh passes its own), or
PLANPROGRESS_TEST_FROZEN=1 to build one into a temporary folder first (~20-40 s; needs PyInstaller). Without
either the module is skipped: a normal test run stays fast. PLANPROGRESS_RELEASE_DIR=DIR adds checks of the
.tar.gz and .deb that build.sh made.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "planprogress.spec"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# Release files of a compatibility build carry a tag in their names (packaging/compat/build.sh: "-glibc2.31").
TAG = os.environ.get("PLANPROGRESS_RELEASE_TAG", "")
TARBALL = f"planprogress-{VERSION}-linux-{platform.machine()}{TAG}.tar.gz"
# Bytes, unpacked onedir; the same knob as packaging/build.sh (docs/packaging.md: the size budget).
SIZE_BUDGET = int(float(os.environ.get("PLANPROGRESS_SIZE_BUDGET_MB", "150")) * 1_000_000)
SMOKE_LINE = re.compile(r"^planprogress-smoke: (.*)$", re.MULTILINE)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build is tested here")


@dataclass
class Frozen:
    root: Path  # the onedir folder
    exe: Path

    @property
    def internal(self) -> Path:
        return self.root / "_internal"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    given = os.environ.get("PLANPROGRESS_FROZEN_DIST")
    if given:
        root = Path(given).resolve()
    elif os.environ.get("PLANPROGRESS_TEST_FROZEN") == "1":
        if importlib.util.find_spec("PyInstaller") is None:
            pytest.skip("PyInstaller is not installed: pip install -c requirements/constraints.txt -e '.[build]'")
        work = tmp_path_factory.mktemp("pyinstaller")
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
            + ["--workpath", str(work / "build"), "--distpath", str(work / "dist"), str(SPEC)],
            cwd=REPO,
            check=True,
            timeout=900,
        )
        root = work / "dist" / "planprogress"
    else:
        pytest.skip("frozen build not requested: set PLANPROGRESS_TEST_FROZEN=1 or PLANPROGRESS_FROZEN_DIST=DIR")
    exe = root / "planprogress"
    assert exe.is_file(), f"no executable in {root}"
    return Frozen(root, exe)


def run(exe: Path, *args: str, home: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """The frozen program with nothing in its environment but HOME and what the test names (`env -i`)."""
    proc = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        env={"HOME": str(home), **(env or {})},
        cwd=home,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def commands(frozen: Frozen, home: Path) -> set[str]:
    """Top-level commands this build offers (export and province arrive with the bundle work)."""
    text = run(frozen.exe, "--help", home=home).out
    return set(re.findall(r"^    (\w[\w-]*)\s", text, flags=re.MULTILINE))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "用户 目录"
    h.mkdir()
    return h


def test_version_matches_pyproject(frozen: Frozen, home: Path) -> None:
    result = run(frozen.exe, "--version", home=home)
    assert (result.code, result.out.strip()) == (0, f"planprogress {VERSION}")


def test_layout_matches_paths_module(frozen: Frozen) -> None:
    """desktop/paths.py looks under sys._MEIPASS (= _internal) for resources/ and db/."""
    internal = frozen.internal
    for shipped in (REPO / "resources").rglob("*"):
        if shipped.is_file() and shipped.suffix != ".ts":  # the translators' source: the app loads the .qm
            assert (internal / shipped.relative_to(REPO)).is_file(), f"missing {shipped.relative_to(REPO)}"
    assert not list((internal / "resources").rglob("*.ts"))
    assert not (internal / "setuptools").exists()  # pulled in by msgspec's optional TOML helper: spec NOT_NEEDED
    assert list((internal / "resources" / "i18n").glob("*.qm"))
    assert (internal / "db" / "schema.sql").read_bytes() == (REPO / "db" / "schema.sql").read_bytes()
    if (REPO / "db" / "migrations").is_dir():
        assert (internal / "db" / "migrations").is_dir()
    assert (internal / f"planprogress-{VERSION}.dist-info" / "METADATA").is_file()


def test_only_the_qt_parts_the_app_uses(frozen: Frozen) -> None:
    qt = frozen.internal / "PySide6" / "Qt"
    libs = {p.name.split(".")[0] for p in (qt / "lib").iterdir()}
    for unwanted in ("libQt6Quick", "libQt6Qml", "libQt6WebEngineCore", "libQt6Multimedia", "libQt6OpenGL"):
        assert unwanted not in libs
    assert {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6Pdf", "libQt6PdfWidgets", "libQt6Svg"} <= libs
    plugin_dirs = {p.name for p in (qt / "plugins").iterdir()}
    assert {"platforms", "imageformats"} <= plugin_dirs
    assert not plugin_dirs & {"qmltooling", "sqldrivers", "tls", "networkinformation", "egldeviceintegrations"}
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so"} <= platforms
    assert {p.name for p in (qt / "translations").iterdir()} <= {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    bindings = {p.name.split(".")[0] for p in (frozen.internal / "PySide6").glob("Qt*.so")}
    assert bindings <= {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtSvg"}


def test_size_within_budget(frozen: Frozen) -> None:
    size = sum(p.lstat().st_size for p in frozen.root.rglob("*"))
    print(f"unpacked size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    assert size < SIZE_BUDGET


def _glibc_floor(files: list[Path]) -> tuple[int, ...]:
    found: set[tuple[int, ...]] = {(2, 0)}
    for f in files:
        out = subprocess.run(["objdump", "-T", str(f)], capture_output=True, text=True, check=False).stdout
        found.update(tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out))
    return max(found)


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) not installed")
def test_bundled_system_libraries_do_not_raise_the_glibc_floor(frozen: Frozen) -> None:
    """The floor is set by Python and Qt themselves; a library copied from the build machine must not raise it
    (Debian 12's libstdc++ alone would ask for 2.36)."""
    internal = frozen.internal
    elf = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    core = [p for p in elf if p.name.startswith(("libpython", "libQt6", "libpyside6", "libshiboken6"))]
    floor = _glibc_floor(elf + [frozen.exe])
    print(f"minimum glibc: {'.'.join(map(str, floor))}")
    assert floor <= max(_glibc_floor(core), (2, 34))
    assert not [p.name for p in elf if p.name.startswith(("libstdc++", "libgcc_s", "libGL", "libfontconfig"))]


def test_no_dangling_links(frozen: Frozen) -> None:
    dangling = [str(p) for p in frozen.root.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


@pytest.fixture(scope="module")
def unit_home(frozen: Frozen, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A unit set up through the frozen CLI, with progress and one evidence file with a Chinese name (made once:
    the window tests only open it, and the export test is the only one that changes it)."""
    home = tmp_path_factory.mktemp("unit")
    unit = home / "单位 数据"
    result = run(frozen.exe, "--home", str(unit), "init", "--unit-code", "GD-T01", "--unit-name", "测试监狱", home=home)
    assert result.code == 0, result.err
    tasks = run(frozen.exe, "--home", str(unit), "--json", "tasks", home=home)
    assert tasks.code == 0, tasks.err
    task = str(next(t["id"] for t in tasks.json() if t["key"] == "1.01"))  # type: ignore[attr-defined]
    result = run(
        frozen.exe, "--home", str(unit), "--user", "张三", "progress", task, "--period", "2026-Q4",
        "--status", "推进中", "--percent", "40", "--note", "已召开专题会议", home=home,
    )  # fmt: skip
    assert result.code == 0, result.err
    evidence = home / "会议 纪要.txt"
    evidence.write_text("专题会议纪要\n", encoding="utf-8")
    result = run(frozen.exe, "--home", str(unit), "--json", "evidence", "add", task, str(evidence), home=home)
    assert result.code == 0, result.err
    listed = run(frozen.exe, "--home", str(unit), "--json", "progress", "--period", "2026-Q4", "--list", home=home)
    assert listed.code == 0 and "已召开专题会议" in listed.out
    return unit


def test_unit_workflow_then_office_import(frozen: Frozen, home: Path, unit_home: Path) -> None:
    """init -> progress -> evidence (fixture), then export to a "stick" and an office import of that bundle."""
    available = commands(frozen, home)
    if "export" not in available:
        pytest.skip(f"this build has no `export` command yet (commands: {sorted(available)})")
    passphrase = {"PLANPROGRESS_PASSPHRASE": "办公室 口令 2026"}
    office = home / "省局"
    stick = home / "U盘"
    stick.mkdir()
    if "province" in available:
        made = run(frozen.exe, "--home", str(office), "--json", "province", "init", home=home, env=passphrase)
        assert made.code == 0, made.err
        office_key = json.loads(made.out.strip().splitlines()[-1])["public_key_path"]
        keyed = run(frozen.exe, "--home", str(unit_home), "keys", "import", office_key, home=home)
        assert keyed.code == 0, keyed.err
    exported = run(
        frozen.exe, "--home", str(unit_home), "--json", "export", "--out", str(stick), home=home, timeout=300
    )
    assert exported.code == 0, exported.err
    bundles = sorted(stick.glob("PB-GD-T01-*"))
    assert len(bundles) == 1 and (bundles[0] / "SHA256SUMS.minisig").is_file()
    if "province" not in available:
        pytest.skip("this build has no `province` command yet: office import not tried")
    shown = run(frozen.exe, "--home", str(unit_home), "--json", "keys", "show", home=home)
    assert shown.code == 0, shown.err
    unit_key = json.loads(shown.out)["public_key_path"]
    enrolled = run(
        frozen.exe, "--home", str(office), "province", "enroll", unit_key, "--unit-code", "GD-T01", home=home
    )
    assert enrolled.code == 0, enrolled.err
    imported = run(
        frozen.exe, "--home", str(office), "province", "import", str(bundles[0]), home=home, env=passphrase,
        timeout=300,
    )  # fmt: skip
    assert imported.code == 0, imported.out + imported.err
    assert "GD-T01" in imported.out


def _empty_fontconfig(tmp: Path) -> Path:
    """A fontconfig file that lists no font folders: a PC without any font installed."""
    conf = tmp / "fonts-none.conf"
    cache = tmp / "fc-cache"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><cachedir>{cache}</cachedir></fontconfig>\n', encoding="utf-8")
    return conf


def _gui(exe: Path, unit: Path, home: Path, shot: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(_empty_fontconfig(home)),
        "PLANPROGRESS_SMOKE_EXIT_MS": "300",
        "PLANPROGRESS_SMOKE_SHOT": str(shot),
        **(extra or {}),
    }
    result = run(exe, "--home", str(unit), home=home, env=env, timeout=120)
    if "usage:" in result.out:
        pytest.skip("this build prints usage without a command: built before the GUI existed")
    match = SMOKE_LINE.search(result.out)
    assert result.code == 0 and match, f"no window reported (exit {result.code}):\n{result.out}\n{result.err}"
    return dict(re.findall(r"(\w+)=(\S*)", match.group(1)))


def _ink(png: Path) -> float:
    """Share of pixels clearly darker than the window background: text (or boxes) drawn on it."""
    from PIL import Image  # reportlab's dependency; present wherever the app's dependencies are

    image = Image.open(png).convert("L")
    histogram = image.histogram()
    background = max(range(256), key=histogram.__getitem__)
    dark = sum(histogram[: max(background - 80, 0)])
    return dark / (image.width * image.height)


@pytest.fixture
def gui_built() -> None:
    if not (REPO / "desktop" / "ui" / "app.py").is_file():
        pytest.skip("no GUI in this checkout yet (desktop/ui/app.py)")


@pytest.mark.usefixtures("gui_built")
def test_gui_shows_its_window_offscreen_with_shipped_chinese_font(
    frozen: Frozen, home: Path, unit_home: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "window.png"
    facts = _gui(frozen.exe, unit_home, home, shot)
    print(f"smoke: {facts}")
    assert facts["cjk"] == "True", facts  # the window font has glyphs for Chinese text...
    assert "WenQuanYi" in facts["font"].replace("_", " "), facts  # ...and it is the shipped one
    assert _ink(shot) > 0.002, "the window grab shows no text"


@pytest.mark.usefixtures("gui_built")
def test_gui_signs_in_and_shows_its_main_window(frozen: Frozen, home: Path, tmp_path: Path) -> None:
    """Through the real sign-in dialog to the main window: the frozen app opens a unit's data, not just a dialog."""
    unit = tmp_path / "单位"
    created = run(frozen.exe, "--home", str(unit), "init", "--unit-code", "GD-T02", "--unit-name", "测试", home=home)
    assert created.code == 0, created.err
    password = {"PLANPROGRESS_USER_PASSWORD": "填报员口令123"}
    user = run(frozen.exe, "--home", str(unit), "user", "add", "李明", "--role", "填报员", home=home, env=password)
    assert user.code == 0, user.err
    credentials = tmp_path / "sign-in.txt"
    credentials.write_text("李明\n填报员口令123\n", encoding="utf-8")
    shot = tmp_path / "main.png"
    facts = _gui(frozen.exe, unit, home, shot, {"PLANPROGRESS_SMOKE_SIGN_IN_FILE": str(credentials)})
    assert facts["window"] == "MainWindow", facts
    assert facts["cjk"] == "True", facts
    assert "WenQuanYi" in facts["font"].replace("_", " "), facts  # registered after sign-in, before the window
    assert _ink(shot) > 0.002, "the main window grab shows no text"


@pytest.mark.usefixtures("gui_built")
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run (xvfb) not installed")
def test_gui_shows_its_window_on_an_x_server(frozen: Frozen, home: Path, unit_home: Path) -> None:
    """The xcb platform plugin (what a UOS or Kylin desktop uses) loads from the bundle; offscreen proves less."""
    inner = (  # only what xvfb-run sets for its X server reaches the program
        'exec env -i HOME="$1" DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" '
        'PLANPROGRESS_SMOKE_EXIT_MS=300 "$0" --home "$2"'
    )
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "sh",
            "-c",
            inner,
            str(frozen.exe),
            str(home),
            str(unit_home),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and SMOKE_LINE.search(proc.stdout), proc.stdout + proc.stderr


@pytest.fixture
def frozen_without_font(frozen: Frozen, tmp_path: Path) -> Iterator[Path]:
    """The same build with the shipped font file removed (hard-linked copy: fast, the original untouched)."""
    copy = tmp_path / "nofont"
    subprocess.run(["cp", "-al", str(frozen.root), str(copy)], check=True)
    (copy / "_internal" / "resources" / "fonts" / "wqy-microhei.ttc").unlink()
    yield copy / "planprogress"
    shutil.rmtree(copy)


@pytest.mark.usefixtures("gui_built")
def test_chinese_comes_from_the_shipped_font_not_the_system(
    frozen_without_font: Path, home: Path, unit_home: Path, tmp_path: Path
) -> None:
    """Control for the test above: without the shipped font (and no system fonts) there are no Chinese glyphs,
    so the glyphs seen there were the shipped font's and not a CJK font of the build machine."""
    facts = _gui(frozen_without_font, unit_home, home, tmp_path / "nofont.png")
    assert facts["cjk"] == "False", facts


@pytest.fixture(scope="module")
def release_dir() -> Path:
    given = os.environ.get("PLANPROGRESS_RELEASE_DIR")
    if not given:
        pytest.skip("no release folder given (PLANPROGRESS_RELEASE_DIR, set by packaging/build.sh)")
    return Path(given).resolve()


def test_release_files_match_their_sums(release_dir: Path) -> None:
    check = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=release_dir, capture_output=True)
    assert check.returncode == 0, check.stdout + check.stderr
    names = set((release_dir / "SHA256SUMS").read_text(encoding="utf-8").split())
    assert {"快速上手.txt", TARBALL} <= names


def test_tarball_unpacks_and_runs(release_dir: Path, home: Path, tmp_path: Path) -> None:
    with tarfile.open(release_dir / TARBALL) as tar:
        kept = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}  # filters: Python >= 3.11.4
        tar.extractall(tmp_path, **kept)  # type: ignore[arg-type]
    folder = tmp_path / f"planprogress-{VERSION}"
    assert (folder / "快速上手.txt").is_file()
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert run(folder / "planprogress", "--version", home=home).out.strip() == f"planprogress {VERSION}"


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb not installed")
def test_deb_installs_under_opt_with_menu_entry(release_dir: Path, home: Path, tmp_path: Path) -> None:
    debs = sorted(release_dir.glob(f"planprogress_{VERSION}_*{TAG}.deb"))
    assert len(debs) == 1
    fields = subprocess.run(["dpkg-deb", "--field", str(debs[0])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Depends: libc6 \(>= 2\.\d+\)", fields, flags=re.MULTILINE), fields
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True)
    assert os.readlink(root / "usr" / "bin" / "planprogress") == "/opt/planprogress/planprogress"
    desktop_entry = (root / "usr" / "share" / "applications" / "planprogress.desktop").read_text(encoding="utf-8")
    assert "Exec=/usr/bin/planprogress" in desktop_entry and "Icon=planprogress" in desktop_entry
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "planprogress.png").is_file()
    result = run(root / "opt" / "planprogress" / "planprogress", "--version", home=home)
    assert result.out.strip() == f"planprogress {VERSION}"
