#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, then runs each target in turn
# for SECONDS seconds (default 600) and prints its executions and coverage
# (libFuzzer's final cov: covered edges, of all the instrumented ones in
# lspgen, and ft: features).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      e.g. tests/fuzz/run.sh 60 yaml url
#
# Each target starts from its committed seeds (tests/fuzz/corpus/TARGET/,
# never written to) and grows its corpus in build-fuzz/corpus/TARGET/.
# A crash, leak or timeout is saved as build-fuzz/artifacts/TARGET/crash-…
# (leak-…, timeout-…); the full log is build-fuzz/logs/TARGET.log. Exit
# status 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-600}
shift || true
all=(yaml markdown_jargon html_links url calendar hub_data_json hub_pages)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

bash scripts/setup.sh fuzz  # clang and libclang-rt-14-dev, when missing
build=build-fuzz
# -O1 keeps the fuzzers fast; asserts stay on (no NDEBUG).
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DLSPGEN_FUZZ=ON -DLSPGEN_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/lspgen_fuzz_}"

summary=()
failed=0
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  artifacts=$build/artifacts/$t
  log=$build/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $t: $seconds s"
  status=0
  # One process (no -jobs/-workers): the machine's cores are shared.
  nice -n 10 "$build/tests/fuzz/lspgen_fuzz_$t" "$corpus" "tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$done_line")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$done_line")
  execs=$(sed -nE 's/^stat::number_of_executed_units:[[:space:]]+([0-9]+)/\1/p' "$log")
  rate=$(sed -nE 's/^stat::average_exec_per_sec:[[:space:]]+([0-9]+)/\1/p' "$log")
  pcs=$(sed -nE 's/^INFO: Loaded 1 PC tables \(([0-9]+) PCs\).*/\1/p' "$log")
  files=$(find "$corpus" -type f | wc -l)
  result=ok
  if ((status != 0)); then
    result="FAILED (exit $status): $(ls "$artifacts" | tr '\n' ' ')"
    failed=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5 || true
  fi
  summary+=("$(printf '%-16s %6ss %10s execs %6s exec/s  cov: %-5s of %-6s ft: %-6s corpus: %s files  %s' \
    "$t" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${pcs:-?}" "${ft:-?}" "$files" "$result")")
done

echo
printf '%s\n' "${summary[@]}"
exit $failed
