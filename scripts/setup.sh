#!/usr/bin/env bash
# Idempotent set-up for planprogress on Debian 12 / Ubuntu (Python >= 3.11):
#   1. check that python3 is >= 3.11
#   2. make sure the Debian packages Qt (and, for `test`, the test tools) need are installed
#   3. create .venv in the repo root and install the project, editable, with every version pinned by
#      requirements/constraints.txt (skipped when pyproject.toml and the constraints are unchanged)
# usage: bash scripts/setup.sh app|test
# Used by scripts/run-app.sh and scripts/run-tests.sh; safe to run again at any time.
set -euo pipefail

mode=${1:-}
case $mode in
  app | test) ;;
  *)
    echo "usage: bash scripts/setup.sh app|test" >&2
    exit 2
    ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
python=${PYTHON:-python3}
venv=$repo/.venv
constraints=$repo/requirements/constraints.txt

say() { echo "[setup] $*"; }
die() {
  echo "[setup] ERROR: $*" >&2
  exit 1
}

# --- 1. Python ----------------------------------------------------------------------------------------
# (checked again after the Debian packages, in case python3 itself was missing and got installed there)
python_ok() {
  command -v "$python" >/dev/null 2>&1 &&
    "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}
check_python() {
  if ! command -v "$python" >/dev/null 2>&1; then
    die "$python not found. planprogress needs Python >= 3.11: on Debian/Ubuntu: sudo apt-get install -y python3 python3-venv"
  fi
  if ! python_ok; then
    die "$("$python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || echo '?') is too old ($(command -v "$python")):" \
      "planprogress needs Python >= 3.11 (Debian 12, Ubuntu 24.04 or newer). Set PYTHON=/path/to/python3.11+ to use another one."
  fi
}
if command -v "$python" >/dev/null 2>&1; then check_python; fi

# --- 2. Debian packages -------------------------------------------------------------------------------
# Qt's xcb/EGL/GL/font/dbus libraries (the PySide6 wheels bundle Qt itself but not these), and venv.
app_packages=(
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  libwayland-cursor0 libwayland-egl1 # Qt's native Wayland platform plugin (else it falls back to XWayland)
  python3-venv
)
# What the tests call: age/minisign (backups and signatures, checked against the reference tools),
# poppler-utils (pdftotext/pdffonts on generated reports), xvfb+xauth (xvfb-run for on-screen UI tests),
# file (file-type checks of exports).
# binutils: objdump, which PyInstaller and the frozen-build smoke test use.
# openssl: the 国密 suite's interop tests (SM2/SM3/SM4 with the OpenSSL 3 command line).
# libatomic1: PySide6 6.8's Qt (the oldest pin, run again in .venv-compat by run-tests.sh) links it; 6.12 does not.
test_packages=(age minisign poppler-utils xvfb xauth file binutils openssl libatomic1)

wanted=("${app_packages[@]}")
if [[ $mode == test ]]; then
  wanted+=("${test_packages[@]}")
  # PyInstaller (the frozen-build test) needs the shared libpython, a separate package for Debian's own Python.
  if [[ $(command -v "$python" 2>/dev/null) == /usr/bin/* ]]; then
    wanted+=("libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
  fi
fi
if ! command -v "$python" >/dev/null 2>&1 && [[ -z ${PYTHON:-} ]]; then wanted=(python3 "${wanted[@]}"); fi

installed() {
  # Ubuntu 24.04 renamed some libraries with a t64 suffix (libglib2.0-0 -> libglib2.0-0t64): accept either.
  local p
  for p in "$1" "$1t64"; do
    if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q ' ok installed$'; then return 0; fi
  done
  return 1
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${wanted[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]]; then
      say "installing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q
      apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
      echo "[setup] These Debian packages are missing: ${missing[*]}" >&2
      echo "[setup] Install them, then run this again:" >&2
      echo "" >&2
      echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      echo "" >&2
      exit 1
    fi
  else
    say "Debian packages ($mode): all present"
  fi
else
  echo "[setup] WARNING: no dpkg here, so not checking system libraries. Qt needs libEGL, libGL, fontconfig," \
    "glib, xkbcommon(-x11), dbus and the xcb-cursor/icccm/image/keysyms/render-util/shape/util/xkb libraries;" \
    "the tests also use age, minisign, poppler-utils (pdftotext), xvfb-run and file." >&2
fi
check_python

# --- 3. virtual environment ---------------------------------------------------------------------------
[[ -f $constraints ]] || die "missing $constraints"
if [[ -e $venv ]] && ! "$venv/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  say "$venv is broken or too old (its Python no longer works, or is < 3.11): recreating it"
  rm -rf -- "$venv"
fi
if [[ ! -e $venv ]]; then
  say "creating $venv with $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
  "$python" -m venv "$venv" || die "could not create $venv: on Debian/Ubuntu install python3-venv"
fi

stamp=$venv/.planprogress-setup
want_stamp=$( (cat "$repo/pyproject.toml" "$repo/setup.py" "$constraints"; echo "$mode") | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want_stamp" && -x $venv/bin/planprogress ]]; then
  say "Python packages: up to date ($venv)"
  exit 0
fi

rm -f -- "$stamp"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
pip=("$venv/bin/python" -m pip)
# pip, setuptools and wheel first, at their pinned versions: the project is then built with exactly these
# (--no-build-isolation), and a new pip understands the pinned wheels' metadata.
say "installing pinned pip, setuptools, wheel"
"${pip[@]}" install -q -c "$constraints" pip setuptools wheel
say "installing planprogress (editable) with test tools, pinned by requirements/constraints.txt"
extras=test
if [[ $mode == test ]]; then extras=test,build; fi # the suite builds and smoke-tests the frozen app
"${pip[@]}" install -q -c "$constraints" --no-build-isolation -e "$repo[$extras]"
"${pip[@]}" check
echo "$want_stamp" >"$stamp"
say "Python packages installed into $venv"
