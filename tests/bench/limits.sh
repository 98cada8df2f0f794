#!/usr/bin/env bash
# The link checker on hostile pages (issue 15; see tests/bench/README.md).
#
#   bash tests/bench/limits.sh [limits_bench.py options…]
#
# Builds lspgen (Release) in build-bench/, then runs
# tests/bench/limits_bench.py, which writes a 50 MB page, a page with
# 1,000,000 links and a page 100,000 elements deep under
# tests/bench/out/limits/ and times `lspgen check` on each. Examples:
#
#   bash tests/bench/limits.sh                         # 3 runs each
#   bash tests/bench/limits.sh --runs 5 --cases nested
#   SKIP_BUILD=1 bash tests/bench/limits.sh …          # reuse build-bench/lspgen
#   LSPGEN=/tmp/old/build/lspgen bash tests/bench/limits.sh --timeout 120
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -x /usr/bin/time ]]; then
    echo "limits.sh: installing time"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y \
        --no-install-recommends time
fi

lspgen=${LSPGEN:-build-bench/lspgen}
if [[ -z ${LSPGEN:-} && -z ${SKIP_BUILD:-} ]]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLSPGEN_TESTS=OFF >/dev/null
    cmake --build build-bench -j2 --target lspgen
fi

exec python3 tests/bench/limits_bench.py --lspgen "$lspgen" --out tests/bench/out/limits "$@"
