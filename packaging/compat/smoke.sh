#!/usr/bin/env bash
# Smoke tests of a compatibility build in a clean Debian 11 root of its architecture (arm64 through qemu-user):
# the .deb installed with apt (its Depends pulled from the Debian registry, nothing else on the system: no fonts, no
# Python), then packaging/compat/smoke-inside.sh there: `env -i planprogress --version`, init, progress and
# evidence, export and verify, the window's first paint offscreen with the shipped font, the tar.gz, start-up times.
#
# usage: sudo bash packaging/compat/smoke.sh x86_64|aarch64
#   reads packaging/dist/release/planprogress-V-linux-ARCH-glibc2.31.tar.gz and planprogress_V_DEBARCH-glibc2.31.deb
#   (packaging/compat/build.sh ARCH), writes WORK/ARCH/smoke.log and WORK/ARCH/first-paint.png
#   PLANPROGRESS_COMPAT_WORK  work folder (default packaging/build-compat); the clean root is made once and copied
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
repo=$(pwd)
arch=${1:-}
case $arch in
  x86_64) deb_arch=amd64 ;;
  aarch64) deb_arch=arm64 ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
work=${PLANPROGRESS_COMPAT_WORK:-$repo/packaging/build-compat}/$arch
glibc=${PLANPROGRESS_GLIBC_MAX:-2.31}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
release=$repo/packaging/dist/release
tarball=$release/planprogress-$version-linux-$arch-glibc$glibc.tar.gz
debfile=$release/planprogress_${version}_$deb_arch-glibc$glibc.deb
say() { echo "[smoke $arch] $*"; }
die() {
  echo "[smoke $arch] ERROR: $*" >&2
  exit 1
}
((EUID == 0)) || die "run as root (debootstrap and chroot need it)"
[[ -f $tarball && -f $debfile ]] || die "missing $tarball or $debfile: run packaging/compat/build.sh $arch first"

base=$work/smoke-base
root=$work/smoke-root
# rm -rf of a root, after undoing any mount an interrupted run left inside it (a bound /dev must never be emptied
# through the root), and never crossing into another file system.
remove_tree() {
  local dir m
  dir=$(realpath -m "$1")
  while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(awk -v d="$dir/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system -- "$dir"
}
t0=$(date +%s)
if [[ ! -f $base/.done ]]; then
  remove_tree "$base"
  mkdir -p "$work/debs"
  say "a clean Debian 11 ($deb_arch) root: debootstrap --variant=minbase"
  nice -n 19 ionice -c3 debootstrap --variant=minbase --arch="$deb_arch" --cache-dir="$work/debs" bullseye "$base" \
    http://deb.debian.org/debian >"$work/smoke-debootstrap.log" 2>&1 || die "debootstrap failed: $work/smoke-debootstrap.log"
  touch "$base/.done"
fi
remove_tree "$root"
cp -a "$base" "$root"
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount --bind /dev "$root/dev" && mounted+=("$root/dev")
cp /etc/resolv.conf "$root/etc/resolv.conf"
inroot() { chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/bin:/bin:/usr/sbin:/sbin "$@"; }

mkdir -p "$root/smoke"
cp "$debfile" "$tarball" packaging/compat/smoke-inside.sh "$root/smoke/"
say "apt-get install ./$(basename "$debfile") (Depends from the Debian 11 registry, no recommends)"
inroot sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get -q update && nice -n 19 apt-get install -y -q \
  --no-install-recommends /smoke/*.deb' >"$work/smoke-apt.log" 2>&1 || die "installing the .deb failed: $work/smoke-apt.log"
say "installed: $(inroot dpkg-query -W -f='${Package} ${Version} ${Architecture}, Depends: ${Depends}' planprogress)"
log=$work/smoke.log
status=0
inroot bash /smoke/smoke-inside.sh "/smoke/$(basename "$tarball")" /smoke/out 2>&1 | tee "$log" || status=$?
cp "$root/smoke/out/first-paint.png" "$work/first-paint.png" 2>/dev/null || true
inroot sh -c 'dpkg -r planprogress >/dev/null && test ! -e /opt/planprogress && echo "dpkg -r: removed cleanly"' |
  tee -a "$log" || status=1
say "$([[ $status == 0 ]] && echo passed || echo FAILED) in $(($(date +%s) - t0)) s; log: $log"
exit "$status"
