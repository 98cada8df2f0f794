#!/usr/bin/env bash
# Tries the README's Quick start on a stock Debian 12, for real: builds a
# Debian 12 (bookworm) root with `debootstrap --variant=minbase`, clones this
# repository (its committed HEAD) into /root/lspgen inside it, /root being
# mode 700 as on Debian, and runs both Quick-start commands there as root,
# timing each. Run on demand; it is not part of CI (it takes long).
#
#   sudo bash scripts/fresh-debian.sh [--keep] [--only build|test] [DIR]
#
#   DIR           where the root goes; it must not exist yet, or be empty
#                 (default /var/tmp/lspgen-bookworm)
#   --keep        leave DIR in place afterwards (default: delete it)
#   --only WHAT   run only `bash scripts/build-sites.sh` (build) or only
#                 `bash scripts/test.sh` (test); with an existing DIR that a
#                 --keep run left, it reuses that root and its clone, after
#                 fetching this repository's HEAD into it
#
# Needs root, network access to a Debian mirror and to the npm registry,
# about 5 GB free in DIR and, on two cores, about 12 minutes. The mirror is
# the first Debian one in /etc/apt/sources.list*, or $MIRROR if set.
# It prints each command's time and exit status at the end; the exit status
# is 0 when every command that ran passed.
set -euo pipefail

keep=false
only=""
dir=""
while (($#)); do
  case $1 in
    --keep) keep=true ;;
    --only)
      only=${2:-}
      [[ $only == build || $only == test ]] || { echo "fresh-debian: --only build|test" >&2; exit 2; }
      shift
      ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fresh-debian: unknown option $1" >&2; exit 2 ;;
    *) dir=$1 ;;
  esac
  shift
done
dir=${dir:-/var/tmp/lspgen-bookworm}
repo=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-debian: needs root (debootstrap, chroot and mounts): sudo bash $0 $*" >&2
  exit 2
fi
command -v git >/dev/null || { echo "fresh-debian: needs git on this machine" >&2; exit 2; }

# The Debian mirror this machine uses (deb822 .sources or one-line format).
if [ -z "${MIRROR:-}" ]; then
  MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]*/debian/?( |$)' | head -n1 | tr -d ' ' || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi
MIRROR=${MIRROR%/}
SECURITY=${SECURITY:-${MIRROR%/debian}/debian-security}

reuse=false
if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
  if [ -n "$only" ] && [ -d "$dir/root/lspgen/.git" ]; then
    reuse=true
  else
    echo "fresh-debian: $dir exists and is not empty; remove it or name another folder" >&2
    exit 2
  fi
fi

mounted=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  # Unmount in reverse order; lazily if something inside still holds it.
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[i]}" 2>/dev/null || umount -R -l "${mounted[i]}" || true
  done
  if ! $keep && ! $reuse && [ -n "${created:-}" ]; then
    echo "fresh-debian: deleting $dir (keep it with --keep)"
    # Never delete through a mount that is still there.
    if ! findmnt -rn -o TARGET | grep -q "^$dir/"; then
      rm -rf --one-file-system "$dir"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! $reuse; then
  if ! command -v debootstrap >/dev/null; then
    echo "fresh-debian: installing debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends debootstrap
  fi
  mkdir -p "$dir"
  created=yes
  echo "fresh-debian: debootstrap --variant=minbase bookworm $dir $MIRROR"
  t0=$(date +%s)
  debootstrap --variant=minbase bookworm "$dir" "$MIRROR"
  echo "fresh-debian: debootstrap took $(($(date +%s) - t0)) s"
  # The suites a Debian 12 installation has: its updates and security fixes.
  cat >"$dir/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
fi
cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
# Certificate authorities this machine added itself (a TLS-inspecting
# proxy's, say) are trusted inside too: npm reaches its registry through the
# same network. Debian's ca-certificates, once installed inside, adds them to
# /etc/ssl/certs; NODE_EXTRA_CA_CERTS points Node there.
local_cas=false
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$dir/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
  local_cas=true
  echo "fresh-debian: trusting this machine's own CAs inside: $(cd /usr/local/share/ca-certificates && echo *.crt)"
fi

# What a running system has: /proc, /sys, /dev with /dev/pts, and a
# /dev/shm (Chromium's shared memory). Slave bind mounts, so that nothing
# unmounted inside reaches this machine.
mount_in() { # mount_in TARGET MOUNT-ARGUMENTS...
  local target=$dir$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}
# The root itself a mount point, as / is on any running system: without it
# `unshare -m` inside cannot make its mounts private ("cannot change root
# filesystem propagation"), and the package test, which hides the source
# tree in a mount namespace, could not run. Private: nothing mounted inside
# reaches this machine.
mount --bind "$dir" "$dir"
mount --make-private "$dir"
mounted+=("$dir")
mount_in /proc -t proc proc
mount_in /sys --rbind /sys
mount --make-rslave "$dir/sys"
mount_in /dev --rbind /dev
mount --make-rslave "$dir/dev"
mount_in /dev/shm -t tmpfs -o mode=1777,nosuid,nodev shm

# The clone, owned by root, in /root (mode 700, as Debian's base-files has it).
chmod 700 "$dir/root"
if $reuse; then
  git -C "$dir/root/lspgen" fetch -q "$repo" HEAD
  git -C "$dir/root/lspgen" checkout -q --detach FETCH_HEAD
else
  git clone -q --no-hardlinks "$repo" "$dir/root/lspgen"
  git -C "$dir/root/lspgen" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
fi
chown -R 0:0 "$dir/root/lspgen"
echo "fresh-debian: /root/lspgen at $(git -C "$dir/root/lspgen" log -1 --format='%h %s')"

env=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash LANG=C.UTF-8 TERM=dumb
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
$local_cas && env+=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt)
in_root() { # in_root COMMAND: runs COMMAND in /root/lspgen, with a clean environment
  chroot "$dir" /usr/bin/env -i "${env[@]}" /bin/bash -c "cd /root/lspgen && $1"
}
# A root that a --keep run left has ca-certificates already.
if $local_cas && [ -x "$dir/usr/sbin/update-ca-certificates" ]; then
  in_root "update-ca-certificates >/dev/null"
fi

results=()
failed=0
run() { # run COMMAND
  echo "fresh-debian: running \`$1\` in $dir"
  local t0 status=0
  t0=$(date +%s)
  in_root "$1" || status=$?
  local t=$(($(date +%s) - t0))
  results+=("$(printf '%-28s exit %d, %d s (%dm%02ds)' "$1" "$status" "$t" $((t / 60)) $((t % 60)))")
  echo "fresh-debian: \`$1\` exited $status after $t s"
  ((status == 0)) || failed=1
}
[[ $only == test ]] || run "bash scripts/build-sites.sh"
[[ $only == build ]] || run "bash scripts/test.sh"

echo
echo "fresh-debian: Debian $(cat "$dir/etc/debian_version"), node $(in_root 'node --version 2>/dev/null || echo none')"
for r in "${results[@]}"; do
  echo "  $r"
done
exit "$failed"
