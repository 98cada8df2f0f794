#!/usr/bin/env bash
# The link-checker benchmark of issue 4 (see tests/bench/README.md).
#
#   bash tests/bench/links.sh [links_bench.py options…]
#
# Installs what it needs from Debian if it is missing, builds lspgen (Release)
# in build-bench/, then runs tests/bench/links_bench.py, which generates the
# trees under tests/bench/out/ and prints the tables. Examples:
#
#   bash tests/bench/links.sh                      # everything, 5 runs each
#   bash tests/bench/links.sh --runs 9 --skip-external
#   bash tests/bench/links.sh --skip-internal --per-host 4 --latency-ms 100
#   SKIP_BUILD=1 bash tests/bench/links.sh …       # reuse build-bench/lspgen
set -euo pipefail
cd "$(dirname "$0")/../.."

# command or file -> Debian package
need=(
    "linkchecker:linkchecker"
    "htmlproofer:ruby-html-proofer"
    "nginx:nginx"
    "/usr/lib/nginx/modules/ngx_http_echo_module.so:libnginx-mod-http-echo"
    "/usr/bin/time:time"
    "curl:curl"
    "cmake:cmake"
    "python3:python3"
)
missing=()
for pair in "${need[@]}"; do
    what=${pair%%:*} pkg=${pair#*:}
    if [[ $what == /* ]]; then [[ -e $what ]] && continue
    else command -v "$what" >/dev/null 2>&1 && continue; fi
    missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "links.sh: installing ${missing[*]}"
    # Debian's nginx package would start the system nginx on port 80 where
    # services can start; this benchmark runs its own, so keep that one down.
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}" || {
        apt-get -o DPkg::Lock::Timeout=600 update
        apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
    }
fi

if [[ -z ${SKIP_BUILD:-} ]]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DLSPGEN_TESTS=OFF >/dev/null
    cmake --build build-bench -j2
fi

exec python3 tests/bench/links_bench.py --lspgen build-bench/lspgen --out tests/bench/out "$@"
