#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build lspgen, and build
# every site in sites/ into public/<slug>/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLSPGEN_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"

# The example sites are set in early 2009, when the seed documents were
# written: --now fixes "today" so their next meetings are upcoming.
./build/lspgen build sites/*/ -o public --now 2009-03-01
echo "open public/<slug>/index.html, e.g. public/spelthorne/index.html"
