#!/usr/bin/env bash
# A second virtual environment with a compatibility target's pins (default: aarch64, the oldest PySide6 the code
# ships with), so the UI and frozen-layout tests can run against it. Idempotent: skipped when nothing changed.
#   bash packaging/compat/venv.sh [aarch64|x86_64] [VENV]     (default VENV: .venv-compat in the repo root)
# The project goes in editable with --no-deps; its dependencies come from packaging/compat/pins.py (pyproject's
# list with pyside6-addons for QtPdf before 6.10, pinned by the main pins plus the target's overrides).
# Python: $PYTHON, else python3 (>= 3.11).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$(pwd)
target=${1:-aarch64}
venv=${2:-$repo/.venv-compat}
python=${PYTHON:-python3}
extras=${PLANPROGRESS_COMPAT_EXTRAS:-test,build}

say() { echo "[compat-venv] $*"; }

gen=$(mktemp -d)
trap 'rm -rf -- "$gen"' EXIT
# shellcheck disable=SC2046
"$python" packaging/compat/pins.py "$target" "$gen" $(tr , ' ' <<<"$extras")

stamp=$venv/.planprogress-compat
want=$( (cat "$gen/constraints.txt" "$gen/requirements.txt" setup.py; echo "$target") | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $venv/bin/python ]]; then
  say "up to date ($venv, $target pins)"
  exit 0
fi
rm -rf -- "$venv"
say "creating $venv with $("$python" -c 'import sys; print(sys.version.split()[0])') and the $target pins"
"$python" -m venv "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
pip=("$venv/bin/python" -m pip)
"${pip[@]}" install -q -c "$gen/constraints.txt" pip setuptools wheel
"${pip[@]}" install -q -c "$gen/constraints.txt" --only-binary=:all: -r "$gen/requirements.txt"
"${pip[@]}" install -q --no-deps --no-build-isolation -e "$repo"
# pip check: everything consistent, except that the project's own metadata names pyside6-pdf (the main build's).
problems=$("${pip[@]}" check | grep -v '^planprogress .* requires pyside6-pdf, which is not installed' || true)
[[ $problems == "No broken requirements found." || -z $problems ]] || { echo "$problems" >&2; exit 1; }
"$venv/bin/python" -c 'from PySide6 import QtPdf, QtPdfWidgets, QtSvg, QtWidgets'
echo "$want" >"$stamp"
say "PySide6 $("$venv/bin/python" -c 'import PySide6; print(PySide6.__version__)') in $venv"
