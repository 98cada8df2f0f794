#!/usr/bin/env bash
# Installs whatever lspgen needs that this Debian 12 machine does not have yet.
# Safe to run again: it installs only what is missing.
#
#   scripts/setup.sh build   what building lspgen and the sites needs
#   scripts/setup.sh test    that, and what the tests need (a browser, Node.js, Java)
#   scripts/setup.sh fuzz    that of build, and clang for the fuzz targets
set -euo pipefail

what=${1:-test}
case $what in
  build | test | fuzz) ;;
  *) echo "usage: scripts/setup.sh build|test|fuzz" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libyaml-cpp-dev
  libcurl4-openssl-dev
  catch2
  libkainjow-mustache-dev
  nlohmann-json3-dev
  libpugixml-dev
  libcli11-dev
  libical-dev
  libgumbo-dev
  libxml2-dev
  libcpp-httplib-dev
)
if [[ $what == test ]]; then
  # The layer and format checks (tests/check_layers.py, tests/check_format.sh).
  packages+=(python3 clang-format)
  # The package test (tests/package/): cpack's dpkg-shlibdeps, dpkg-deb and
  # lintian; the completion tests check the zsh and fish scripts with zsh
  # and fish themselves.
  packages+=(dpkg-dev lintian zsh fish)
  # The accessibility tests (tests/browser/): a real browser for axe-core.
  packages+=(chromium)
  # Node.js with npm runs playwright-core, axe-core and vnu-jar; the W3C Nu
  # HTML checker (vnu-jar) runs on Java. Any Node 18+ and Java 11+ will do, so
  # Debian's are installed only when there is none.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  command -v java >/dev/null || packages+=(default-jre-headless)
fi
if [[ $what == fuzz ]]; then
  # The fuzz targets (tests/fuzz/run.sh): clang and its libFuzzer and
  # sanitizer runtimes, which clang only recommends.
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
