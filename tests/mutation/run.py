#!/usr/bin/env python3
"""Mutation run: each mutant of mutants.py in turn is applied to a copy of the
source, built, and run against the unit tests (ctest without the browser
gate); then the file is put back. A mutant some test fails on is caught; one
every test passes is a survivor, a gap in the tests.

Run it in a separate worktree, never in a tree others build from:

    git worktree add /work/mutants HEAD
    cmake -S /work/mutants -B /work/mutants/build-mut -DCMAKE_BUILD_TYPE=Release \\
          -DLSPGEN_WERROR=OFF -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
    python3 tests/mutation/run.py --source /work/mutants --build /work/mutants/build-mut
    git worktree remove --force /work/mutants

--only ID,ID runs some mutants; --baseline first checks that the unmutated
tree passes (a failing baseline makes every mutant look caught).
"""
import argparse
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from mutants import MUTANTS  # noqa: E402


def build(args):
    run = subprocess.run(["cmake", "--build", args.build, "-j", str(args.jobs)],
                         capture_output=True, text=True)
    return run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def unit_tests(args):
    """Returns the names of the failed tests (empty: all passed)."""
    failed_log = pathlib.Path(args.build) / "Testing" / "Temporary" / "LastTestsFailed.log"
    failed_log.unlink(missing_ok=True)
    command = ["ctest", "--test-dir", args.build, "-E", "browser_accessibility",
               "-j", str(args.jobs), "--timeout", str(args.timeout)]
    if not args.all_failures:
        command.append("--stop-on-failure")
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode == 0:
        return []
    if failed_log.exists():
        return [line.split(":", 1)[1] for line in failed_log.read_text().splitlines() if ":" in line]
    return ["(ctest failed: " + run.stdout[-500:] + ")"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, help="the worktree to mutate")
    parser.add_argument("--build", required=True, help="its build folder")
    parser.add_argument("--only", default="", help="comma-separated mutant ids")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600, help="seconds per test")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--all-failures", action="store_true",
                        help="run every test for each mutant instead of stopping at the first failure")
    args = parser.parse_args()
    source = pathlib.Path(args.source)
    chosen = [m for m in MUTANTS if not args.only or m["id"] in args.only.split(",")]

    if args.baseline:
        ok, log = build(args)
        failed = unit_tests(args) if ok else ["(does not build)"]
        if failed:
            print("baseline fails, so the run would mean nothing:", failed, log if not ok else "")
            return 2
        print("baseline: builds and passes")

    results = []
    for m in chosen:
        path = source / m["file"]
        original = path.read_text()
        count = original.count(m["find"])
        if count != 1:
            print(f"{m['id']}: the snippet occurs {count} times in {m['file']}; fix mutants.py")
            results.append((m, "stale", []))
            continue
        started = time.time()
        try:
            path.write_text(original.replace(m["find"], m["replace"]))
            ok, log = build(args)
            if not ok:
                outcome, failed = "does not build", [log]
            else:
                failed = unit_tests(args)
                outcome = "caught" if failed else "SURVIVED"
        finally:
            path.write_text(original)
        seconds = time.time() - started
        print(f"{m['id']:32} {m['stage']:18} {outcome:14} {seconds:5.0f} s  "
              + (", ".join(failed)[:300] if outcome == "caught" else m["why"]), flush=True)
        results.append((m, outcome, failed))

    ok, _ = build(args)  # leave the build as the source is
    caught = sum(1 for _, outcome, _ in results if outcome == "caught")
    counted = sum(1 for _, outcome, _ in results if outcome in ("caught", "SURVIVED"))
    print(f"\nscore: {caught} of {counted} mutants caught")
    for m, outcome, _ in results:
        if outcome == "SURVIVED":
            print(f"  survived: {m['id']} ({m['file']}): {m['why']}")
    return 0 if caught == counted else 1


if __name__ == "__main__":
    sys.exit(main())
