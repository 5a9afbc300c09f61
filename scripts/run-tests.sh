#!/usr/bin/env bash
# Set up (Debian packages incl. test tools, .venv, pinned Python packages), then lint, type-check and test.
# Stops at the first failing step with its exit code. usage: bash scripts/run-tests.sh [PYTEST ARGS...]
# Then the UI and frozen-layout tests once more against the oldest PySide6 pin (PLANPROGRESS_TEST_COMPAT=0: not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
# The suite builds the PyInstaller onedir once (~1.5 min) and smoke-tests it with an empty environment;
# PLANPROGRESS_TEST_FROZEN=0 skips that for a quick local run.
export PLANPROGRESS_TEST_FROZEN=${PLANPROGRESS_TEST_FROZEN:-1}

step() { echo; echo "==> $*"; }

step "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
step "mypy"
.venv/bin/mypy
step "pytest $*"
.venv/bin/python -m pytest "$@"

# The oldest PySide6 the program ships with (6.8, the ARM64 build for glibc 2.31: docs/packaging.md): the UI and
# the frozen-layout tests again, in .venv-compat. PLANPROGRESS_TEST_COMPAT=0 skips this.
if [[ ${PLANPROGRESS_TEST_COMPAT:-1} != 0 ]]; then
  step "oldest PySide6 (packaging/compat/constraints-aarch64.txt): tests/ui tests/packaging"
  bash packaging/compat/venv.sh aarch64
  # shellcheck source=packaging/compat/budget.sh
  source packaging/compat/budget.sh
  PLANPROGRESS_SIZE_BUDGET_MB=$PLANPROGRESS_COMPAT_SIZE_BUDGET_MB \
    .venv-compat/bin/python -m pytest -q -p no:cacheprovider tests/ui tests/packaging
fi
