#!/usr/bin/env bash
# Compatibility build for PCs with glibc 2.31 (Kylin V10, Debian 11, Ubuntu 20.04; UOS releases of that base):
#   packaging/dist/release/planprogress-V-linux-ARCH-glibc2.31.tar.gz
#   packaging/dist/release/planprogress_V_DEBARCH-glibc2.31.deb
# built from this checkout inside a Debian 11 (bullseye) root, with no network beyond the Debian and PyPI registries:
#   1. root    debootstrap bullseye for the target (arm64 runs through qemu-user: apt-get install qemu-user-static)
#   2. source  CPython 3.11 from Debian's source package (python3.11 of bookworm; the upstream .orig tarball)
#   3. python  built as a shared library (what PyInstaller needs): in the root for x86_64; for aarch64
#              cross-compiled in the x86_64 root (made first if missing: gcc under qemu would take hours) and copied
#   4. wheels  the pinned wheels: requirements/constraints.txt with packaging/compat/constraints-ARCH.txt applied
#   5. bundle  packaging/build.sh in the root: the same spec, the glibc check, tar.gz and .deb
#   6. tests   tests/packaging/test_frozen.py on the result, when .venv has pytest and the CPU is this machine's
# Each phase prints how long it took. Phases 1-4 are kept between runs (delete the work folder to start over).
#
# usage: sudo bash packaging/compat/build.sh x86_64|aarch64
#   PLANPROGRESS_COMPAT_WORK  work folder (default packaging/build-compat; roots are ~1 GB each)
#   PLANPROGRESS_GLIBC_MAX    highest glibc the bundle may need (default 2.31)
#   JOBS                      parallel compile jobs (default: number of CPUs)
#   PLANPROGRESS_COMPAT_STOP_AFTER=3  stop after phase 3 (used by the aarch64 build to get the x86_64 root)
# Needs root (debootstrap, chroot, mounts), debootstrap, and for aarch64 on x86-64 qemu-user-static with binfmt.
# Smoke tests of the result: packaging/compat/smoke.sh ARCH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$(pwd)

arch=${1:-}
case $arch in
  x86_64) deb_arch=amd64 ;;
  aarch64) deb_arch=arm64 ;;
  *)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
work=${PLANPROGRESS_COMPAT_WORK:-$repo/packaging/build-compat}/$arch
glibc_max=${PLANPROGRESS_GLIBC_MAX:-2.31}
jobs=${JOBS:-$(nproc)}
mirror=http://deb.debian.org/debian
root=$work/root
prefix=/opt/python3.11 # inside the root
# shellcheck source=packaging/compat/budget.sh
source "$repo/packaging/compat/budget.sh"
budget_mb=$PLANPROGRESS_COMPAT_SIZE_BUDGET_MB

say() { echo "[compat $arch] $*"; }
die() {
  echo "[compat $arch] ERROR: $*" >&2
  exit 1
}
phase_start=0
phase() {
  if ((phase_start)); then say "phase '$phase_name' took $(($(date +%s) - phase_start)) s"; fi
  phase_name=$1
  phase_start=$(date +%s)
  [[ -z $phase_name ]] || say "--- $phase_name"
}
((EUID == 0)) || die "run as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
if [[ $arch != "$(uname -m)" ]]; then
  [[ -e /proc/sys/fs/binfmt_misc/qemu-$arch ]] ||
    die "no qemu-user binfmt entry for $arch: apt-get install qemu-user-static (and mount binfmt_misc:" \
      "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; update-binfmts --enable qemu-$arch)"
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
started=$(date +%s)

# Mounts the root needs while we work in it; always undone on exit.
mounted=()
unmount_all() {
  local m
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap unmount_all EXIT
# rm -rf of a root, after undoing any mount left inside it by an interrupted run (a bound /dev or /sys must never be
# emptied through the root), and never crossing into another file system.
remove_tree() {
  local dir m
  dir=$(realpath -m "$1")
  while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(awk -v d="$dir/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system -- "$dir"
}
mount_root() {
  local m
  for m in proc dev dev/pts; do
    mountpoint -q "$root/$m" && continue
    case $m in
      proc) mount -t proc proc "$root/proc" ;;
      dev) mount --bind /dev "$root/dev" ;;
      dev/pts) mount --bind /dev/pts "$root/dev/pts" ;;
    esac
    mounted+=("$root/$m")
  done
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # pip in the root trusts what the host trusts (a site's TLS proxy, for one); apt's own keys stay the root's.
  if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/host-ca-certificates.crt"
  fi
}
# Run a command in the root with a clean environment (and the host's CPU count for make).
inroot() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=$prefix/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
    "$@"
}

# --- 1. a Debian 11 root ------------------------------------------------------------------------------------------
# Compilers and headers for CPython; Qt's system libraries (so PyInstaller resolves and bundles the same xcb
# utilities as the main build, and the build's --version check runs); binutils for PyInstaller and the glibc check.
tools=(gcc make libc6-dev binutils pkg-config xz-utils ca-certificates)
python_dev=(zlib1g-dev libbz2-dev liblzma-dev libffi-dev libsqlite3-dev uuid-dev libssl-dev)
qt_libs=(
  libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0
  libxcb-util1 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xinput0 libgssapi-krb5-2
)
packages=("${tools[@]}" "${python_dev[@]}" "${qt_libs[@]}")
cross=0
if [[ $arch != "$(uname -m)" ]]; then
  [[ $(uname -m) == x86_64 ]] || die "cross-compiling is set up from x86_64 only"
  cross=1
  # No compilers in the target root: CPython is cross-compiled (phase 3); only what runs there is installed.
  packages=(
    binutils xz-utils ca-certificates libssl1.1 libffi7 libsqlite3-0 libbz2-1.0 liblzma5 zlib1g libuuid1
    "${qt_libs[@]}"
  )
fi
phase "1. Debian 11 root ($deb_arch)"
want_root=$(echo "$deb_arch ${packages[*]}" | sha256sum | cut -d' ' -f1)
if [[ -f $work/root.done && $(cat "$work/root.done") == "$want_root" ]]; then
  say "kept from an earlier run: $root"
else
  remove_tree "$root"
  rm -f -- "$work/root.done"
  mkdir -p "$work/debs"
  (IFS=,; nice -n 19 ionice -c3 debootstrap --variant=minbase --arch="$deb_arch" --cache-dir="$work/debs" \
    --include="${packages[*]}" bullseye "$root" "$mirror") >"$work/debootstrap.log" 2>&1 ||
    die "debootstrap failed: see $work/debootstrap.log"
  echo "$want_root" >"$work/root.done"
fi
mount_root
say "glibc in the root: $(inroot ldd --version | head -1)"

# --- 2. CPython's source from Debian ----------------------------------------------------------------------------
phase "2. sources of CPython 3.11 and SQLite (Debian bookworm's python3.11 and sqlite3)"
src=${PLANPROGRESS_COMPAT_WORK:-$repo/packaging/build-compat}/source
# The upstream tarball of a bookworm source package, fetched with a private apt configuration that has only
# bookworm's deb-src (the host's own sources stay untouched). Prints its path.
debian_source() {
  local package=$1 apt_dir=$src/apt
  if ! compgen -G "$src/${package}_*.orig.tar.*" >/dev/null; then
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    echo "deb-src $mirror bookworm main" >"$apt_dir/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
    apt-get -q "${apt_opts[@]}" update >"$src.apt.log" 2>&1 || die "apt-get update failed: see $src.apt.log"
    (cd "$src" && apt-get -q "${apt_opts[@]}" source --download-only "$package") >>"$src.apt.log" 2>&1 ||
      die "apt-get source $package failed: see $src.apt.log"
  fi
  compgen -G "$src/${package}_*.orig.tar.*" | sort -V | tail -1
}
mkdir -p "$src"
orig=$(debian_source python3.11)
py_version=$(basename "$orig" | sed 's/python3.11_\(.*\)\.orig\.tar\..*/\1/')
say "using $(basename "$orig") (CPython $py_version; Debian's own patches are not applied)"
# Debian 11's SQLite is 3.34; the store's INSERT ... RETURNING needs 3.35. Bookworm's (3.40, the main build's)
# is built next to CPython and bundled instead.
sqlite_orig=$(debian_source sqlite3)
sqlite_version=$(basename "$sqlite_orig" | sed 's/sqlite3_\(.*\)\.orig\.tar\..*/\1/')
say "using $(basename "$sqlite_orig") (SQLite $sqlite_version)"

# --- 3. CPython built in the root, shared ----------------------------------------------------------------------
phase "3. CPython $py_version built $( ((cross)) && echo "for $arch in the x86_64 root (cross)" || echo "in the root"), --enable-shared, $jobs jobs"
if ((cross)); then
  # The cross compiler and the target's -dev packages (multiarch) go into the x86_64 build root, whose own
  # CPython of the same version is the build Python configure asks for.
  x86_work=$(dirname "$work")/x86_64
  if [[ ! -f $x86_work/python.done || ! -f $x86_work/sqlite.done ]]; then
    say "the x86_64 root with its CPython comes first: packaging/compat/build.sh x86_64 (phases 1-3)"
    (PLANPROGRESS_COMPAT_STOP_AFTER=3 bash "$repo/packaging/compat/build.sh" x86_64) || die "the x86_64 root failed"
  fi
  xroot=$x86_work/root
  for m in proc dev; do
    mountpoint -q "$xroot/$m" && continue
    if [[ $m == proc ]]; then mount -t proc proc "$xroot/proc"; else mount --bind /dev "$xroot/dev"; fi
    mounted+=("$xroot/$m")
  done
  cp /etc/resolv.conf "$xroot/etc/resolv.conf"
  inx() { chroot "$xroot" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/bin:/bin:/usr/sbin:/sbin "$@"; }
  cross_dev="gcc-$arch-linux-gnu"
  for p in "${python_dev[@]}"; do cross_dev+=" $p:$deb_arch"; done
  if [[ ! -f $x86_work/cross-$arch.done ]]; then
    # The $deb_arch libraries stay out of the root's loader cache: only the cross linker uses them, and the
    # x86_64 bundle must never pick one up.
    say "installing the cross compiler and the $deb_arch -dev packages into the x86_64 root"
    inx sh -c "dpkg --add-architecture $deb_arch && apt-get -q update &&
      DEBIAN_FRONTEND=noninteractive nice -n 19 apt-get install -y -q --no-install-recommends $cross_dev &&
      rm -f /etc/ld.so.conf.d/$arch-linux-gnu.conf && ldconfig" \
      >"$work/cross-apt.log" 2>&1 || die "installing the cross compiler failed: $work/cross-apt.log"
    touch "$x86_work/cross-$arch.done"
  fi
fi
if [[ -x $root$prefix/bin/python3.11 && -f $work/python.done && $(cat "$work/python.done") == "$py_version" ]]; then
  say "kept from an earlier run: $prefix"
elif ((cross)); then
  rm -rf -- "$xroot/build/cpython-$arch" "$xroot/build/install-$arch" "$root$prefix" "$work/python.done"
  mkdir -p "$xroot/build/cpython-$arch"
  tar -C "$xroot/build/cpython-$arch" --strip-components=1 -xf "$orig"
  printf 'ac_cv_file__dev_ptmx=yes\nac_cv_file__dev_ptc=no\nac_cv_buggy_getaddrinfo=no\n' >"$xroot/build/cpython-$arch/config.site"
  inx sh -c "cd /build/cpython-$arch && CONFIG_SITE=\$PWD/config.site \
    PKG_CONFIG_LIBDIR=/usr/lib/$arch-linux-gnu/pkgconfig:/usr/share/pkgconfig ./configure \
      --host=$arch-linux-gnu --build=x86_64-linux-gnu --with-build-python=$prefix/bin/python3.11 \
      --prefix=$prefix --enable-shared --with-ensurepip=no LDFLAGS='-Wl,-rpath,$prefix/lib' \
      >/build/cpython-$arch-configure.log 2>&1 &&
    nice -n 19 make -j$jobs >/build/cpython-$arch-make.log 2>&1 &&
    make install DESTDIR=/build/install-$arch >/build/cpython-$arch-install.log 2>&1" ||
    die "cross-compiling CPython failed: see $xroot/build/cpython-$arch-*.log"
  mkdir -p "$root/opt"
  cp -a "$xroot/build/install-$arch$prefix" "$root$prefix"
  inroot "$prefix/bin/python3.11" -m ensurepip >"$work/ensurepip.log" 2>&1 || die "ensurepip failed: $work/ensurepip.log"
  for module in ctypes sqlite3 lzma bz2 zlib hashlib uuid ssl; do
    inroot "$prefix/bin/python3.11" -c "import $module" || die "CPython built without $module (see $xroot/build/cpython-$arch-make.log)"
  done
  echo "$py_version" >"$work/python.done"
else
  rm -rf -- "$root/build/cpython" "$root$prefix" "$work/python.done"
  mkdir -p "$root/build/cpython"
  tar -C "$root/build/cpython" --strip-components=1 -xf "$orig"
  # rpath: the interpreter finds its libpython without LD_LIBRARY_PATH. No PGO/LTO: build time, not run time,
  # is what a compatibility build is short of (the frozen program's start-up is dominated by imports).
  inroot sh -c "cd /build/cpython && ./configure --prefix=$prefix --enable-shared --with-ensurepip=install \
      LDFLAGS='-Wl,-rpath,$prefix/lib' >/build/cpython-configure.log 2>&1 &&
    nice -n 19 make -j$jobs >/build/cpython-make.log 2>&1 &&
    make install >/build/cpython-install.log 2>&1" ||
    die "building CPython failed: see $root/build/cpython-*.log"
  for module in ctypes sqlite3 lzma bz2 zlib hashlib uuid ssl; do
    inroot "$prefix/bin/python3.11" -c "import $module" || die "CPython built without $module (see $root/build/cpython-make.log)"
  done
  echo "$py_version" >"$work/python.done"
fi
say "$(inroot "$prefix/bin/python3.11" -c 'import sys, sysconfig; print(sys.version.split()[0], sysconfig.get_config_var("LDLIBRARY"))')"

# --- 3b. SQLite ---------------------------------------------------------------------------------------------------
# Built where CPython was (cross for aarch64), installed to the target root's /usr/local/lib/ARCH-linux-gnu, the
# first folder of the loader's multiarch list, so the loader (and so PyInstaller) takes it before the system's copy
# (plain /usr/local/lib comes after the system's folders on arm64). _sqlite3 links libsqlite3.so.0 of any version.
phase "3b. SQLite $sqlite_version for $arch"
sqlite_flags="-O2 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_FTS3 \
-DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 \
-DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_SECURE_DELETE -DSQLITE_MAX_VARIABLE_NUMBER=250000"
if [[ -f $work/sqlite.done && $(cat "$work/sqlite.done") == "$sqlite_version" ]]; then
  say "kept from an earlier run"
else
  rm -f -- "$work/sqlite.done"
  if ((cross)); then
    builder=$xroot
    run_builder() { inx "$@"; }
    host_opt="--host=$arch-linux-gnu --build=x86_64-linux-gnu"
  else
    builder=$root
    run_builder() { inroot "$@"; }
    host_opt=""
  fi
  # tclsh generates the amalgamation from the source tree (a build tool only).
  if [[ ! -x $builder/usr/bin/tclsh ]]; then
    run_builder sh -c "apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends tcl" \
      >"$work/sqlite-apt.log" 2>&1 || die "installing tcl failed: $work/sqlite-apt.log"
  fi
  rm -rf -- "$builder/build/sqlite-$arch" "$builder/build/sqlite-install-$arch"
  mkdir -p "$builder/build/sqlite-$arch"
  tar -C "$builder/build/sqlite-$arch" --strip-components=1 -xf "$sqlite_orig"
  run_builder sh -c "cd /build/sqlite-$arch && ./configure $host_opt --prefix=/usr/local --libdir=/usr/local/lib/$arch-linux-gnu --disable-static \
      --disable-tcl --disable-readline CFLAGS='$sqlite_flags' >/build/sqlite-$arch-configure.log 2>&1 &&
    nice -n 19 make -j$jobs libsqlite3.la >/build/sqlite-$arch-make.log 2>&1 &&
    make lib_install DESTDIR=/build/sqlite-install-$arch >>/build/sqlite-$arch-make.log 2>&1" ||
    die "building SQLite failed: see $builder/build/sqlite-$arch-*.log"
  cp -a "$builder/build/sqlite-install-$arch/usr/local/." "$root/usr/local/"
  inroot ldconfig
  echo "$sqlite_version" >"$work/sqlite.done"
fi
got=$(inroot "$prefix/bin/python3.11" -c 'import sqlite3; print(sqlite3.sqlite_version)')
[[ $got == "$sqlite_version" ]] || die "Python in the root uses SQLite $got, not the $sqlite_version built"
say "Python in the root uses SQLite $got"

if [[ ${PLANPROGRESS_COMPAT_STOP_AFTER:-} == 3 ]]; then
  phase ""
  exit 0
fi

# --- 4. the pinned wheels ---------------------------------------------------------------------------------------
phase "4. pinned wheels (requirements/constraints.txt + packaging/compat/constraints-$arch.txt)"
rm -rf -- "$root/build/src"
mkdir -p "$root/build/src"
# The checkout as it is (tracked and new files, uncommitted edits included; ignored files left out).
git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$root/build/src" -xf -
inroot "$prefix/bin/python3.11" /build/src/packaging/compat/pins.py "$arch" /build/pins build
want_wheels=$(cat "$root/build/pins/constraints.txt" "$root/build/pins/requirements.txt" | sha256sum | cut -d' ' -f1)
if [[ -f $work/wheels.done && $(cat "$work/wheels.done") == "$want_wheels" ]]; then
  say "kept from an earlier run"
else
  rm -f -- "$work/wheels.done"
  inroot sh -c "export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore;
    [ -f /etc/ssl/host-ca-certificates.crt ] && export PIP_CERT=/etc/ssl/host-ca-certificates.crt;
    python3.11 -m pip install -q -c /build/pins/constraints.txt pip setuptools wheel &&
    nice -n 19 python3.11 -m pip install -q -c /build/pins/constraints.txt --only-binary=:all: -r /build/pins/requirements.txt" ||
    die "installing the pinned wheels failed"
  echo "$want_wheels" >"$work/wheels.done"
fi
say "$(inroot python3.11 -c 'import PySide6, PyInstaller; print("PySide6", PySide6.__version__, "PyInstaller", PyInstaller.__version__)')"

# --- 5. the bundle, with the main build script ------------------------------------------------------------------
phase "5. PyInstaller onedir, glibc check, tar.gz and .deb (packaging/build.sh in the root)"
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
inroot env PYTHON=$prefix/bin/python3.11 SOURCE_DATE_EPOCH="$epoch" PLANPROGRESS_BUILD_COMMIT="$commit" \
  PLANPROGRESS_GLIBC_MAX="$glibc_max" PLANPROGRESS_RELEASE_TAG="-glibc$glibc_max" \
  PLANPROGRESS_SIZE_BUDGET_MB=$budget_mb nice -n 19 bash /build/src/packaging/build.sh --no-smoke
out=$repo/packaging/dist/release
mkdir -p "$out"
tarball=planprogress-$version-linux-$arch-glibc$glibc_max.tar.gz
debfile=planprogress_${version}_$deb_arch-glibc$glibc_max.deb
cp "$root/build/src/packaging/dist/release/$tarball" "$root/build/src/packaging/dist/release/$debfile" "$out/"
cp packaging/quickstart-zh.md "$out/快速上手.txt"
(cd "$out" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%P\0' | LC_ALL=C sort -z |
  xargs -0 sha256sum >SHA256SUMS)
# The frozen-layout tests against this build and its release files, with the checkout's test venv (same CPU only:
# the bundle takes GL, X11 and fontconfig from the system it runs on).
if [[ $arch == "$(uname -m)" && -x $repo/.venv/bin/python ]] && "$repo/.venv/bin/python" -c 'import pytest' 2>/dev/null; then
  phase "6. frozen-layout tests (tests/packaging/test_frozen.py) on this machine"
  env QT_QPA_PLATFORM=offscreen PLANPROGRESS_FROZEN_DIST="$root/build/src/packaging/dist/planprogress" \
    PLANPROGRESS_RELEASE_DIR="$root/build/src/packaging/dist/release" PLANPROGRESS_RELEASE_TAG="-glibc$glibc_max" \
    "$repo/.venv/bin/python" -m pytest -q -p no:cacheprovider tests/packaging/test_frozen.py
fi
phase ""
say "wrote $out/$tarball and $out/$debfile in $(($(date +%s) - started)) s"
grep -h '^needs\|^size' "$root/build/src/packaging/build/stage/planprogress-$version/BUILD-INFO.txt" | sed "s/^/[compat $arch] /"
