#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build lspgen with warnings
# as errors and with AddressSanitizer + UndefinedBehaviorSanitizer, and run
# every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
# The browser tests' npm packages (tests/browser/), exactly as locked, and
# again only when the lock file changes. --ignore-scripts: nothing is
# downloaded beyond the packages; the tests use Debian's chromium and Java.
lock=tests/browser/package-lock.json
if ! cmp -s "$lock" tests/browser/node_modules/.lspgen-installed-lock; then
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund)
  cp "$lock" tests/browser/node_modules/.lspgen-installed-lock
fi
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DLSPGEN_WERROR=ON -DLSPGEN_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
