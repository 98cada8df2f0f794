#!/usr/bin/env bash
# The build benchmark of the performance issue (see tests/bench/README.md):
# lspgen against Hugo on the same synthetic region of LSP sites.
#
#   bash tests/bench/build.sh [build_bench.py options…]
#
# Installs Hugo (Debian's, 0.111) and the build tools if they are missing,
# builds lspgen (Release) in build-bench/, then runs
# tests/bench/build_bench.py, which generates the regions under
# tests/bench/out/ and prints the tables. Examples:
#
#   bash tests/bench/build.sh                          # 1k, 5k and 20k pages, 5 runs each
#   bash tests/bench/build.sh --sizes 1000,5000 --runs 3
#   SKIP_BUILD=1 bash tests/bench/build.sh …           # reuse build-bench/lspgen
set -euo pipefail
cd "$(dirname "$0")/../.."

# command -> Debian package
need=(
    "hugo:hugo"
    "cmake:cmake"
    "python3:python3"
)
missing=()
for pair in "${need[@]}"; do
    what=${pair%%:*} pkg=${pair#*:}
    command -v "$what" >/dev/null 2>&1 && continue
    missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "build.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" || {
        apt-get -o DPkg::Lock::Timeout=600 update
        apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
    }
fi

if [[ -z ${SKIP_BUILD:-} ]]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLSPGEN_TESTS=OFF >/dev/null
    cmake --build build-bench -j2 --target lspgen
fi

exec python3 tests/bench/build_bench.py --lspgen build-bench/lspgen --out tests/bench/out "$@"
