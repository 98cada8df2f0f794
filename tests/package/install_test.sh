#!/usr/bin/env bash
# The Debian package, end to end: make it with cpack from the lspgen already
# built in BUILD_DIR, install it with dpkg -i into a throwaway root, and, in a
# mount namespace where the source tree (and the build folder in it) is
# hidden under an empty tmpfs, run the installed lspgen by its name:
#   lspgen new x && lspgen build x -o out && lspgen check out
# The themes must then come from ROOT/usr/share/lspgen/themes, beside the
# binary. Also: the installed man page and completions are what the
# installed binary prints, and lintian finds no error in the package.
#
#   tests/package/install_test.sh CPACK BUILD_DIR SOURCE_DIR
set -euo pipefail

cpack=$1
build=$(realpath "$2")
source=$(realpath "$3")

missing=()
for tool in "$cpack" dpkg dpkg-deb dpkg-shlibdeps unshare mount lintian; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "package test: this machine lacks ${missing[*]}: scripts/setup.sh test installs" \
    "dpkg-dev (dpkg-deb, dpkg-shlibdeps) and lintian" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ] && ! unshare -rm true 2>/dev/null; then
  echo "package test: needs root, or user namespaces (unshare -rm), to hide the source tree" >&2
  exit 1
fi

scratch=$(mktemp -d /tmp/lspgen-package.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

echo "== cpack -G DEB (at ${SECONDS} s)"
# gzip rather than the package's xz: xz of a sanitizer build's binary takes
# minutes on a loaded machine.
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/pkg" \
  -D CPACK_DEBIAN_COMPRESSION_TYPE=gzip >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log" >&2; exit 1; }
deb=$(echo "$scratch"/pkg/lspgen_*.deb)
[ -f "$deb" ] || { echo "package test: cpack made no .deb" >&2; cat "$scratch/cpack.log" >&2; exit 1; }
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
# Its Depends are computed from the binary's shared libraries.
dpkg-deb -f "$deb" Depends | grep -q 'libyaml-cpp' ||
  { echo "package test: Depends does not name libyaml-cpp: shlibdeps did not run" >&2; exit 1; }

echo "== lintian (at ${SECONDS} s)"
lintian --fail-on error "$deb"

echo "== dpkg -i into a throwaway root (at ${SECONDS} s)"
root=$scratch/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
# The new root's dpkg database is empty, so its Depends are checked against
# this machine's instead, where the binary runs.
dpkg --dry-run -i "$deb" >/dev/null
dpkg --root="$root" --force-depends --force-not-root -i "$deb" >/dev/null 2>&1
for file in usr/bin/lspgen usr/share/lspgen/themes/default/layouts/base.mustache \
  usr/share/man/man1/lspgen.1.gz usr/share/bash-completion/completions/lspgen \
  usr/share/zsh/vendor-completions/_lspgen usr/share/fish/vendor_completions.d/lspgen.fish \
  usr/share/doc/lspgen/copyright; do
  [ -f "$root/$file" ] || { echo "package test: the package installs no /$file" >&2; exit 1; }
done

echo "== lspgen new, build, check with the source tree out of reach (at ${SECONDS} s)"
mkdir "$scratch/work"
userns=()
[ "$(id -u)" -eq 0 ] || userns=(-r)
unshare "${userns[@]}" -m bash -euo pipefail -c '
  root=$1 source=$2 build=$3 work=$4
  mount -t tmpfs -o ro lspgen-hidden "$source"
  case $build in "$source"/*) ;; *) mount -t tmpfs -o ro lspgen-hidden "$build" ;; esac
  if [ -e "$source/CMakeLists.txt" ] || [ -e "$build/CMakeCache.txt" ]; then
    echo "package test: the source tree is still in reach" >&2; exit 1
  fi
  export PATH=$root/usr/bin:$PATH
  [ "$(command -v lspgen)" = "$root/usr/bin/lspgen" ]
  cd "$work"
  lspgen new x
  lspgen build x -o out
  lspgen check out
  # What the package installs is what this lspgen prints.
  cmp <(gzip -dc "$root/usr/share/man/man1/lspgen.1.gz") <(lspgen man)
  cmp "$root/usr/share/bash-completion/completions/lspgen" <(lspgen completion bash)
  cmp "$root/usr/share/zsh/vendor-completions/_lspgen" <(lspgen completion zsh)
  cmp "$root/usr/share/fish/vendor_completions.d/lspgen.fish" <(lspgen completion fish)
' package-test "$root" "$source" "$build" "$scratch/work"
echo "package test: passed"
