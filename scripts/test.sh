#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build lspgen with warnings
# as errors and with AddressSanitizer + UndefinedBehaviorSanitizer, and run
# every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DLSPGEN_WERROR=ON -DLSPGEN_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
