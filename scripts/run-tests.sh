#!/usr/bin/env bash
# Set up (Debian packages incl. test tools, .venv, pinned Python packages), then lint, type-check and test.
# Stops at the first failing step with its exit code. usage: bash scripts/run-tests.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen

step() { echo; echo "==> $*"; }

step "ruff check"
.venv/bin/ruff check .
# `ruff format --check .` is left out for now: the code being written is not formatter-clean yet.
step "mypy"
.venv/bin/mypy
step "pytest $*"
.venv/bin/python -m pytest "$@"
