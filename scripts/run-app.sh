#!/usr/bin/env bash
# Start planprogress (set-up first: Debian packages, .venv, pinned Python packages).
# usage: bash scripts/run-app.sh [ARGS...]   — ARGS go to the `planprogress` command (e.g. --help)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh app
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
  cat >&2 <<'HINT'
[run-app] 提示：没有检测到图形桌面（DISPLAY / WAYLAND_DISPLAY 均未设置）。图形界面需要在桌面会话中运行；
          命令行功能不需要桌面，仍可使用。
[run-app] Note: no desktop session found (neither DISPLAY nor WAYLAND_DISPLAY is set). The window needs a
          desktop session; the command-line functions work without one.
HINT
fi
exec .venv/bin/planprogress "$@"
