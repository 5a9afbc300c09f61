#!/bin/bash
# Runs inside a clean Debian 11 root (packaging/compat/smoke.sh copies it there): the installed .deb and the
# unpacked tar.gz with an empty environment, a unit's init -> progress -> export -> verify, the window's first paint
# offscreen with no system fonts, and start-up times. Prints what it checks; exits non-zero at the first failure.
# usage: smoke-inside.sh TARBALL OUT_DIR
set -euo pipefail
tarball=$1
out=$2
mkdir -p "$out"
s=$(mktemp -d /tmp/smoke.XXXXXX)
pass() { echo "PASS  $*"; }
fail() {
  echo "FAIL  $*" >&2
  exit 1
}
# The program with an empty environment, as `env -i` does; extra VAR=value words go before the command.
pp() { /usr/bin/env -i HOME=/root "$@"; }

echo "system: $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -m), $(ldd --version | head -1)"
echo "font files on the system: $(find /usr/share/fonts /usr/local/share/fonts -type f 2>/dev/null | wc -l)"

# --- the .deb's program ----------------------------------------------------------------------------------------
got=$(env -i /usr/bin/planprogress --version)
expected="planprogress $(dpkg-query -W -f='${Version}' planprogress)"
[[ $got == "$expected" ]] || fail "env -i planprogress --version: '$got', expected '$expected'"
pass "env -i planprogress --version -> $got"

unit="$s/单位 数据"
office=$s/省局
stick=$s/U盘
mkdir -p "$stick"
pp planprogress --home "$unit" init --unit-code GD-T01 --unit-name 测试监狱 >"$s/init.out" ||
  fail "init: $(cat "$s/init.out")"
pass "init -> $(tail -1 "$s/init.out")"
task=$(pp planprogress --home "$unit" --json tasks | tr '{' '\n' | grep '"key": *"1.01"' | sed 's/.*"id": *\([0-9]*\).*/\1/' | head -1)
[[ -n $task ]] || fail "tasks: no task 1.01"
pp planprogress --home "$unit" --user 张三 progress "$task" --period 2026-Q4 --status 推进中 --percent 40 \
  --note 已召开专题会议 >/dev/null || fail "progress"
echo "专题会议纪要" >"$s/会议 纪要.txt"
pp planprogress --home "$unit" evidence add "$task" "$s/会议 纪要.txt" >/dev/null || fail "evidence add"
pass "progress and evidence (a Chinese file name with a space) on task 1.01"
office_key=$(pp PLANPROGRESS_PASSPHRASE='办公室 口令 2026' planprogress --home "$office" --json province init |
  tail -1 | sed 's/.*"public_key_path": *"\([^"]*\)".*/\1/')
[[ -f $office_key ]] || fail "province init: no office key"
pp planprogress --home "$unit" keys import "$office_key" >/dev/null || fail "keys import"
pp planprogress --home "$unit" export --out "$stick" >"$s/export.out" || fail "export: $(cat "$s/export.out")"
bundle=$(ls -d "$stick"/PB-GD-T01-* | head -1)
pass "export -> $(basename "$bundle"): $(ls "$bundle" | tr '\n' ' ')"
pp planprogress --home "$unit" verify "$bundle" >"$s/verify.out" || fail "verify: $(cat "$s/verify.out")"
pass "verify -> $(tr '\n' ' ' <"$s/verify.out")"

# --- the window, offscreen, with no fonts at all but the shipped one -----------------------------------------------
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc-cache</cachedir></fontconfig>\n' "$s" >"$s/fonts-none.conf"
gui_env=(QT_QPA_PLATFORM=offscreen FONTCONFIG_FILE="$s/fonts-none.conf" PLANPROGRESS_SMOKE_EXIT_MS=300)
line=$(pp "${gui_env[@]}" PLANPROGRESS_SMOKE_SHOT="$out/first-paint.png" planprogress --home "$unit" 2>"$s/gui.err" |
  grep '^planprogress-smoke:' || true)
[[ $line == *cjk=True* && $line == *WenQuanYi* ]] || fail "first paint: '$line' $(cat "$s/gui.err")"
pass "first paint offscreen, no system fonts: $line (saved first-paint.png)"

# --- the tar.gz, unpacked anywhere ------------------------------------------------------------------------------
mkdir -p "$s/tgz"
tar -C "$s/tgz" -xzf "$tarball"
folder=$(ls -d "$s"/tgz/planprogress-*)
(cd "$folder" && sha256sum -c --quiet SHA256SUMS) || fail "tar.gz: SHA256SUMS"
got=$(env -i "$folder/planprogress" --version)
[[ $got == "$expected" ]] || fail "tar.gz --version: '$got'"
pass "tar.gz: sums check, env -i ./planprogress --version -> $got"
echo "$(grep '^needs' "$folder/BUILD-INFO.txt"); unpacked $(du -sb /opt/planprogress | awk '{ printf "%.1f MB", $1 / 1e6 }')"

# --- start-up, median of 7 (warm page cache: second starts), as packaging/startup_times.py measures them -----------
# --version: spawn to exit. The window: spawn to the smoke hook's line, printed once the first window is up
# (PLANPROGRESS_SMOKE_EXIT_MS=0 then quits at once); the program's exit is waited for outside the timing.
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
version_ms() {
  local t0
  t0=$(date +%s%N)
  pp planprogress --version >/dev/null 2>&1
  ms_since "$t0"
}
window_ms() {
  local t0 line took=""
  t0=$(date +%s%N)
  while IFS= read -r line; do
    if [[ -z $took && $line == planprogress-smoke:* ]]; then took=$(ms_since "$t0"); fi
  done < <(pp "${gui_env[@]:0:2}" PLANPROGRESS_SMOKE_EXIT_MS=0 planprogress --home "$unit" 2>/dev/null)
  [[ -n $took ]] || fail "start-up: the window never printed its smoke line"
  echo "$took"
}
median7() {
  local times=() i
  "$@" >/dev/null # warm the page cache first
  for i in 1 2 3 4 5 6 7; do times+=("$("$@")"); done
  echo "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p) ms (median of 7; runs: ${times[*]})"
}
echo "start-up --version: $(median7 version_ms)"
echo "start-up to the first window, offscreen: $(median7 window_ms)"
echo "smoke tests passed"
