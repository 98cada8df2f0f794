#!/usr/bin/env bash
# Fails when a C++ file in generator/ or tests/ drifts from .clang-format.
#
#   bash tests/check_format.sh [clang-format]
#
# To fix the drift it reports: clang-format -i FILE…
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${1:-clang-format}
mapfile -t files < <(find generator tests \( -name node_modules -prune \) -o \
    \( -name '*.cpp' -o -name '*.hpp' \) -print | sort)
if "$tool" --dry-run --Werror "${files[@]}"; then
    echo "check_format: ${#files[@]} files match .clang-format"
else
    echo "check_format: the files above drift from .clang-format; run: $tool -i FILE…" >&2
    exit 1
fi
