#!/usr/bin/env bash
# Set up (Debian packages incl. test tools, .venv, pinned Python packages), then lint, type-check and test.
# Stops at the first failing step with its exit code. usage: bash scripts/run-tests.sh [PYTEST ARGS...]
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
