#!/usr/bin/env bash
# Build planprogress for offline Linux PCs, from a checkout, without network:
#   packaging/dist/planprogress/                        the PyInstaller onedir (run ./planprogress)
#   packaging/dist/release/planprogress-V-linux-x86_64.tar.gz   that folder + 快速上手.txt + SHA256SUMS inside
#   packaging/dist/release/planprogress_V_amd64.deb     for UOS / Kylin / Debian: /opt/planprogress, menu entry
#   packaging/dist/release/快速上手.txt, SHA256SUMS      the quick-start, and sums of every release file
# then smoke-tests the frozen program with an empty environment (tests/packaging/test_frozen.py).
#
# usage: bash packaging/build.sh [--no-release] [--no-smoke]
#   --no-release  only the onedir (what CI needs to smoke-test the build)
#   --no-smoke    skip the smoke tests
# Python: $PYTHON, else .venv/bin/python, else python3; it needs the project's dependencies and PyInstaller:
#   .venv/bin/pip install -c requirements/constraints.txt -e '.[test,build]'
# Size budget: PLANPROGRESS_SIZE_BUDGET_MB (default 150, decimal MB) for the unpacked onedir; over it, the build fails.
# Compatibility builds (packaging/compat/build.sh runs this inside a Debian 11 root) also set
#   PLANPROGRESS_GLIBC_MAX=2.31       fail when a bundled file needs a newer glibc
#   PLANPROGRESS_RELEASE_TAG=-glibc2.31  appended to the release file names
#   PLANPROGRESS_BUILD_COMMIT=abc1234    the commit for BUILD-INFO.txt where there is no git
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
release=1
smoke=1
for arg in "$@"; do
  case $arg in
    --no-release) release=0 ;;
    --no-smoke) smoke=0 ;;
    -h | --help)
      sed -n '2,15p' "$0"
      exit 0
      ;;
    *)
      echo "unknown option: $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

say() { echo "[build] $*"; }
die() {
  echo "[build] ERROR: $*" >&2
  exit 1
}

if [[ -n ${PYTHON:-} ]]; then
  python=$PYTHON
elif [[ -x $repo/.venv/bin/python ]]; then
  python=$repo/.venv/bin/python
else
  python=python3
fi
"$python" -c 'import PyInstaller' 2>/dev/null ||
  die "PyInstaller is not installed for $python. Install it with:
    $python -m pip install -c requirements/constraints.txt -e '.[test,build]'
or point PYTHON at a Python that has it."
[[ $(uname -s) == Linux ]] || die "this script builds the Linux release; for Windows see packaging/windows.md"

version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(uname -m)
deb_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
work=$repo/packaging/build
dist=$repo/packaging/dist
app=$dist/planprogress
out=$dist/release
budget_mb=${PLANPROGRESS_SIZE_BUDGET_MB:-150}
glibc_max=${PLANPROGRESS_GLIBC_MAX:-}
tag=${PLANPROGRESS_RELEASE_TAG:-}
commit=${PLANPROGRESS_BUILD_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# --- 1. the onedir ----------------------------------------------------------------------------------------------
rm -rf -- "$work" "$dist"
mkdir -p "$work" "$dist"
say "PyInstaller $("$python" -c 'import PyInstaller; print(PyInstaller.__version__)') with $("$python" -c 'import sys; print(sys.version.split()[0])'), planprogress $version"
started=$(date +%s.%N)
t0=$(date +%s)
"$python" -m PyInstaller --noconfirm --log-level WARN --workpath "$work/pyinstaller" --distpath "$dist" \
  packaging/planprogress.spec
build_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

size=$(du -sb "$app" | cut -f1)
size_mb=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }')
size_mib=$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')
say "built $app in ${build_s} s: ${size_mb} MB (${size_mib} MiB) unpacked"
if awk -v s="$size" -v b="$budget_mb" 'BEGIN { exit !(s > b * 1e6) }'; then
  die "the build is ${size_mb} MB, over the ${budget_mb} MB budget: see docs/packaging.md (what to leave out next)"
fi

got=$(env -i "$app/planprogress" --version)
[[ $got == "planprogress $version" ]] || die "the frozen program says '$got', expected 'planprogress $version'"

# Minimum glibc: the newest GLIBC_x.y symbol version any bundled ELF file asks for.
glibc_floor=$(find "$app" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
  xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
say "needs glibc >= $glibc_floor"
if [[ -n $glibc_max && $(printf '%s\n%s\n' "$glibc_floor" "$glibc_max" | sort -V | tail -1) != "$glibc_max" ]]; then
  find "$app" -type f \( -name '*.so*' -o -perm -u+x \) -exec sh -c \
    'objdump -T "$1" 2>/dev/null | grep -o "GLIBC_[0-9][0-9.]*" | sed "s/GLIBC_//" | sort -uV | tail -1 | sed "s|^|$1: |"' _ {} \; |
    awk -v m="$glibc_max" '{ split($2, v, "."); split(m, w, "."); if (v[1] > w[1] || (v[1] == w[1] && v[2] > w[2])) print }' >&2
  die "the build needs glibc $glibc_floor, above the $glibc_max allowed (files above)"
fi

# --- 2. release files -------------------------------------------------------------------------------------------
if ((release)); then
  mkdir -p "$out"
  stage=$work/stage/planprogress-$version
  mkdir -p "$stage"
  cp -a "$app/." "$stage/"
  cp packaging/quickstart-zh.md "$stage/快速上手.txt"
  cat >"$stage/BUILD-INFO.txt" <<EOF
planprogress $version for Linux $arch
built: $(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%MZ) from commit $commit
needs: glibc >= $glibc_floor (check with: ldd --version), an X11 or Wayland (XWayland) desktop
size: ${size_mb} MB unpacked
EOF
  (cd "$stage" && find . -type f ! -name SHA256SUMS -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum >SHA256SUMS)
  tarball=$out/planprogress-$version-linux-$arch$tag.tar.gz
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$work/stage" -cf - "planprogress-$version" | gzip -n -6 >"$tarball" # -9: 4x the time for 0.4 % less
  say "wrote $tarball ($(du -h "$tarball" | cut -f1))"

  # .deb: the folder under /opt/planprogress, a /usr/bin link, the menu entry and icons. No maintainer scripts:
  # dpkg's triggers (desktop-file-utils, hicolor-icon-theme) refresh the menu and icon caches.
  deb=$work/deb
  mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" \
    "$deb/usr/share/icons/hicolor/256x256/apps" "$deb/usr/share/icons/hicolor/scalable/apps" \
    "$deb/usr/share/doc/planprogress"
  cp -a "$app" "$deb/opt/planprogress"
  ln -s /opt/planprogress/planprogress "$deb/usr/bin/planprogress"
  install -m 644 packaging/linux/planprogress.desktop "$deb/usr/share/applications/planprogress.desktop"
  install -m 644 resources/icons/planprogress.png "$deb/usr/share/icons/hicolor/256x256/apps/planprogress.png"
  install -m 644 resources/icons/planprogress.svg "$deb/usr/share/icons/hicolor/scalable/apps/planprogress.svg"
  install -m 644 packaging/quickstart-zh.md "$deb/usr/share/doc/planprogress/快速上手.txt"
  {
    echo "planprogress $version. Fonts: WenQuanYi Micro Hei, see below. Qt 6 (LGPL-3.0) via PySide6."
    echo
    cat resources/fonts/COPYRIGHT-wqy-microhei.txt
  } >"$deb/usr/share/doc/planprogress/copyright"

  # Depends: the system packages that own the libraries the bundle links but does not carry.
  depends=$("$python" packaging/deb_depends.py "$app" "$glibc_floor")
  installed_kb=$(du -sk --apparent-size "$deb" --exclude=DEBIAN | cut -f1)
  cat >"$deb/DEBIAN/control" <<EOF
Package: planprogress
Version: $version
Architecture: $deb_arch
Maintainer: planprogress maintainers <planprogress@localhost>
Installed-Size: $installed_kb
Depends: $depends
Section: utils
Priority: optional
Description: 广东监狱“十四五”规划进度填报与汇总
 Progress reporting for the Guangdong prison system's five-year plan:
 unit clerks record progress and evidence offline and export signed,
 encrypted bundles on removable media; the provincial office imports them.
 Installs under /opt/planprogress; run "planprogress" or use the menu entry.
EOF
  (cd "$deb" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  chmod -R u=rwX,go=rX "$deb"
  debfile=$out/planprogress_${version}_${deb_arch}$tag.deb
  # gzip, not zstd: older dpkg (UOS 20, Kylin V10) cannot read zstd members, Ubuntu's dpkg-deb default. Not xz
  # either: 5x slower to build here (40 s) for a file 25 % smaller, which no one moving it on a stick notices.
  dpkg-deb --root-owner-group -Zgzip --build "$deb" "$debfile" >/dev/null
  say "wrote $debfile ($(du -h "$debfile" | cut -f1)); Depends: $depends"

  cp packaging/quickstart-zh.md "$out/快速上手.txt"
  (cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 sha256sum >SHA256SUMS)
  say "release files in $out:"
  (cd "$out" && ls -l)
fi

# --- 3. smoke tests ---------------------------------------------------------------------------------------------
if ((smoke)); then
  if "$python" -c 'import pytest' 2>/dev/null; then
    say "smoke tests of the frozen program"
    release_env=()
    if ((release)); then release_env=(PLANPROGRESS_RELEASE_DIR="$out"); fi
    env PLANPROGRESS_FROZEN_DIST="$app" ${release_env[@]+"${release_env[@]}"} "$python" -m pytest -q -p no:cacheprovider \
      tests/packaging
  else
    say "pytest is not installed for $python: smoke tests skipped"
  fi
fi
say "done in $(($(date +%s) - t0)) s: PyInstaller ${build_s} s, ${size_mb} MB, glibc >= $glibc_floor"
