#!/usr/bin/env bash
# The shell steps of lspgen's CI templates (github-workflow.yml and
# gitlab-ci.yml beside this script): both call this script, and
# tests/ci_templates_test.cpp runs it end to end.
#
#   scripts/ci/publish-check.sh install [--deb FILE]
#       Installs lspgen: builds it from the source tree this script is in
#       (scripts/setup.sh build, then CMake, Release, into build/), or, with
#       --deb, installs that Debian package of it. Prints the lspgen it made.
#
#   scripts/ci/publish-check.sh [OPTION…] SITE… [-- CHECK-OPTION…]
#       Builds the sites into OUT (lspgen build), checks OUT's links
#       (lspgen check) and reports in the CI's own formats:
#         -o, --out DIR   where the sites go (default: public)
#         --now DATE      "today" for lspgen build (default: SOURCE_DATE_EPOCH
#                         or the clock)
#         --lspgen PATH   the lspgen to run (default: $LSPGEN, else the
#                         build/lspgen that "install" made, else lspgen on
#                         PATH, as the .deb installs it)
#         --summary FILE  appends a Markdown summary to FILE (default:
#                         $GITHUB_STEP_SUMMARY, GitHub's job summary page)
#         --junit FILE    writes the JUnit XML report to FILE (for GitLab)
#         --annotate      prints GitHub workflow annotations, which point at
#                         the YAML or Markdown line (default when
#                         GITHUB_ACTIONS=true)
#         --no-build      OUT is built already (or is any static HTML tree):
#                         only check it
#       After "--", options for lspgen check, e.g. --external --exclude URL.
#       With --external and no --cache, a cache in a temporary folder means
#       the network is asked once per URL, not once per report.
#
# Exit: 0 when the sites built and no link is broken; 1 for bad data or a
# broken link; 2 for a usage error; 3 when lspgen could not run or write.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)

# The comment above, as help: on stdout for --help, else on stderr, exit 2.
usage() {
  local text
  text=$(sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//')
  if [[ ${1:-} == help ]]; then echo "$text"; exit 0; fi
  echo "$text" >&2
  exit 2
}

if [[ ${1:-} == install ]]; then
  shift
  deb=""
  while (($#)); do
    case $1 in
      --deb) deb=${2:?--deb needs a file}; shift 2 ;;
      *) usage ;;
    esac
  done
  if [[ -n $deb ]]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    # apt-get rather than dpkg -i: it installs the package's Depends too.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      "$(realpath "$deb")"
    command -v lspgen
  else
    bash "$here/scripts/setup.sh" build
    cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release -DLSPGEN_TESTS=OFF >/dev/null
    cmake --build "$here/build" -j"$(nproc)"
    echo "$here/build/lspgen"
  fi
  exit 0
fi

out=public
now=""
lspgen=${LSPGEN:-}
summary=${GITHUB_STEP_SUMMARY:-}
junit=""
annotate=false
[[ ${GITHUB_ACTIONS:-} == true ]] && annotate=true
build=true
sites=()
check_options=()
while (($#)); do
  case $1 in
    -o | --out) out=${2:?$1 needs a folder}; shift 2 ;;
    --now) now=${2:?--now needs a date}; shift 2 ;;
    --lspgen) lspgen=${2:?--lspgen needs a path}; shift 2 ;;
    --summary) summary=${2:?--summary needs a file}; shift 2 ;;
    --junit) junit=${2:?--junit needs a file}; shift 2 ;;
    --annotate) annotate=true; shift ;;
    --no-build) build=false; shift ;;
    --) shift; check_options=("$@"); break ;;
    -h | --help) usage help ;;
    -*) echo "publish-check: unknown option $1" >&2; usage ;;
    *) sites+=("$1"); shift ;;
  esac
done
if $build && ((${#sites[@]} == 0)); then
  echo "publish-check: no site folder given" >&2
  usage
fi
if [[ -z $lspgen ]]; then
  if [[ -x $here/build/lspgen ]]; then
    lspgen=$here/build/lspgen
  elif command -v lspgen >/dev/null; then
    lspgen=lspgen
  else
    echo "publish-check: no lspgen: run '$0 install' first, or give --lspgen" >&2
    exit 3
  fi
fi

# With --external, the reports after the first take the first's answers
# from a cache (failures are always asked again).
external=false cache=false
for option in "${check_options[@]}"; do
  [[ $option == --external ]] && external=true
  [[ $option == --cache || $option == --cache=* ]] && cache=true
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if $external && ! $cache; then check_options+=(--cache "$scratch/links.json"); fi

# Runs lspgen, keeping its exit status: 1 (bad input) is a finding, not an
# end; anything else but 0 stops the script.
status=0
run() {
  local code=0
  "$lspgen" "$@" || code=$?
  if ((code != 0 && code != 1)); then
    echo "publish-check: '$lspgen $*' failed with exit $code" >&2
    exit "$code"
  fi
  return "$code"
}

# The reports for CI of one lspgen command, each from a run of its own: the
# Markdown summary, the JUnit report and, with --annotate, GitHub's
# annotations (in the log, where GitHub reads them).
ci_reports() {
  # A blank line first: the summary may follow other text of the job's.
  if [[ -n $summary ]]; then { echo; run "$@" --format markdown || true; } >>"$summary"; fi
  if [[ -n $junit ]]; then run "$@" --format junit >"$junit" || true; fi
  if $annotate; then run "$@" --format github || true; fi
}

if $build; then
  build_command=(build "${sites[@]}" -o "$out")
  [[ -n $now ]] && build_command+=(--now "$now")
  # The build in the log as people read it. One that fails has published
  # nothing; its reports then say why (bad data, or a broken link at its
  # YAML or Markdown line), from runs that stop at the same place.
  if ! run "${build_command[@]}"; then
    ci_reports "${build_command[@]}" -q 2>/dev/null
    echo "publish-check: the build failed; nothing was published to $out" >&2
    exit 1
  fi
fi
# The link check in the log, then its reports.
run check "$out" "${check_options[@]}" || status=$?
ci_reports check "$out" "${check_options[@]}"
if [[ -n $summary ]]; then echo "publish-check: summary appended to $summary"; fi
if [[ -n $junit ]]; then echo "publish-check: JUnit report in $junit"; fi
exit "$status"
