#!/usr/bin/env python3
"""The build benchmark: lspgen against Hugo on the same synthetic region.

    python3 tests/bench/build_bench.py --lspgen build-bench/lspgen [--out tests/bench/out]
        [--sizes 1000,5000,20000] [--runs 5] [--seed 2009] [--hugo hugo]

Normally run through tests/bench/build.sh, which installs Hugo and builds
lspgen first. For each size it

  1. writes the region with make_region.py (OUT/region-<size>/: lspgen sites
     and the same content as one Hugo site);
  2. builds each once untimed (warm page cache, warm binaries);
  3. runs --runs rounds; in each, lspgen and Hugo each make a full build into
     a fresh (just removed) output folder, in alternating order, and then,
     on lspgen's output: `cp -r` of the tree (the physical floor: reading
     and writing the same files), a no-op rebuild into the same output, a
     rebuild after editing one member's bio, and `lspgen check` alone;
  4. prints the medians, the ratios and, at 20,000 pages, PASS or FAIL for
     each target of the performance issue.

Wall time is a monotonic clock around the process; CPU time (user + system)
and peak RSS come from the rusage os.wait4 returns for the process. Nothing
drops the page cache: every figure is with the cache warm. Each timed
command starts after an untimed sync(), with nothing left to write back.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2009-03-01"


def run(cmd, **kw):
    """Run cmd; return (wall s, cpu s, peak RSS bytes, stdout+stderr). Raise on failure.

    An untimed sync() first writes back what earlier commands left dirty, so
    no command is timed while the kernel flushes another's output (a build
    writes 200 MB; on 2 cores the flush took up to a third of a check)."""
    os.sync()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    text = out.decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit(f"build_bench: {' '.join(cmd)} failed with exit {p.returncode}:\n{text[-4000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, text


def rmtree(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


class Trash:
    """Moves trees out of the way at once; removes them later, untimed.

    On a disk mounted with `discard` removing a big tree takes seconds of
    wall time (and keeps the disk busy afterwards), which would slow the
    measurement that follows; a rename does not."""

    def __init__(self, folder):
        self.folder = folder
        self.n = 0

    def put(self, path):
        """Move path away, and what lspgen keeps beside it (.<name>.spare, the
        tree it stages the next build in, and .<name>.lspgen-state, its record
        of what it published), so that the next build starts from nothing."""
        parent, name = os.path.split(path)
        beside = [os.path.join(parent, f) for f in os.listdir(parent) if f.startswith(f".{name}.")]
        for p in [path] + beside:
            if os.path.lexists(p):
                os.makedirs(self.folder, exist_ok=True)
                self.n += 1
                os.rename(p, os.path.join(self.folder, str(self.n)))

    def empty(self):
        rmtree(self.folder)


def count_html(root):
    n = 0
    for _, _, files in os.walk(root):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


def tree_bytes(root):
    total = files = 0
    for d, _, fs in os.walk(root):
        for f in fs:
            total += os.lstat(os.path.join(d, f)).st_size
            files += 1
    return total, files


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "ram": mem,
            "os": platform.platform()}


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def fmt_mb(b):
    return f"{b / 1e6:.0f} MB"


def edit_bio(members_yaml, n):
    """Change the bio of one member (the sixth) in place; return the original text."""
    with open(members_yaml, encoding="utf-8") as f:
        text = f.read()
    hits = list(re.finditer(r"is a fictional member generated for the benchmark[^*\n]*\.\*", text))
    if len(hits) < 6:
        sys.exit(f"build_bench: no member bio to edit in {members_yaml}")
    h = hits[5]
    new = text[:h.start()] + f"is a fictional member generated for the benchmark (edit {n}).*" + text[h.end():]
    with open(members_yaml, "w", encoding="utf-8") as f:
        f.write(new)
    return text


def bench_size(a, pages, log):
    base = os.path.join(a.out, f"region-{pages}")
    src = os.path.join(base, "src")
    log(f"\n== {pages} pages: generating the region in {src}")
    t0 = time.monotonic()
    subprocess.run([sys.executable, os.path.join(HERE, "make_region.py"), src,
                    "--pages", str(pages), "--seed", str(a.seed)], check=True)
    log(f"   generated in {time.monotonic() - t0:.1f} s")
    sites = sorted(os.path.join(src, "lspgen", d) for d in os.listdir(os.path.join(src, "lspgen")))
    hugo_src = os.path.join(src, "hugo")
    l_out = os.path.join(base, "lspgen-out")
    h_out = os.path.join(base, "hugo-out")
    copy = os.path.join(base, "cp-out")
    trash = Trash(os.path.join(base, "trash"))
    trash.empty()

    def lspgen_build(out, extra=()):
        return run([a.lspgen, "build", *sites, "-o", out, "--now", NOW, *extra])

    def hugo_build(out):
        # Hugo writes into --destination and never reads it back; --quiet
        # silences the summary. Default parallelism, writes to disk.
        return run([a.hugo, "--source", hugo_src, "--destination", os.path.abspath(out), "--quiet"])

    # Warm-up: one untimed build of each, also the page counts.
    trash.put(l_out)
    trash.put(h_out)
    trash.empty()
    lspgen_build(l_out, ["-q"])
    hugo_build(h_out)
    r = {"pages": pages, "lspgen_pages": count_html(l_out), "hugo_pages": count_html(h_out),
         "lspgen_bytes_files": tree_bytes(l_out), "hugo_bytes_files": tree_bytes(h_out),
         "sites": len(sites)}
    log(f"   lspgen writes {r['lspgen_pages']} .html pages ({r['lspgen_bytes_files'][1]} files, "
        f"{r['lspgen_bytes_files'][0] / 1e6:.0f} MB); Hugo {r['hugo_pages']} "
        f"({r['hugo_bytes_files'][1]} files, {r['hugo_bytes_files'][0] / 1e6:.0f} MB)")

    keys = ["l_wall", "l_cpu", "l_rss", "h_wall", "h_cpu", "h_rss", "cp", "noop", "noop_cpu",
            "edit", "edit_cpu", "check", "check_cpu"]
    m = {k: [] for k in keys}
    members_yaml = os.path.join(sites[0], "members.yaml")
    with open(members_yaml, encoding="utf-8") as f:
        original = f.read()
    try:
        for i in range(a.runs):
            order = ["lspgen", "hugo"] if i % 2 == 0 else ["hugo", "lspgen"]
            for tool in order:
                if tool == "lspgen":
                    trash.put(l_out)
                    w, c, rss, _ = lspgen_build(l_out, ["-q"])
                    m["l_wall"].append(w), m["l_cpu"].append(c), m["l_rss"].append(rss)
                else:
                    trash.put(h_out)
                    w, c, rss, _ = hugo_build(h_out)
                    m["h_wall"].append(w), m["h_cpu"].append(c), m["h_rss"].append(rss)
            trash.put(copy)
            w, _, _, _ = run(["cp", "-r", l_out, copy])
            m["cp"].append(w)
            trash.put(copy)
            w, c, _, _ = lspgen_build(l_out, ["-q"])
            m["noop"].append(w), m["noop_cpu"].append(c)
            edit_bio(members_yaml, i)
            w, c, _, _ = lspgen_build(l_out, ["-q"])
            m["edit"].append(w), m["edit_cpu"].append(c)
            w, c, _, _ = run([a.lspgen, "check", l_out])
            m["check"].append(w), m["check_cpu"].append(c)
            log(f"   round {i + 1}/{a.runs}: lspgen {m['l_wall'][-1]:.2f} s, Hugo {m['h_wall'][-1]:.2f} s, "
                f"cp -r {m['cp'][-1]:.2f} s, no-op {m['noop'][-1]:.2f} s, bio edit {m['edit'][-1]:.2f} s, "
                f"check {m['check'][-1]:.2f} s  (load {loadavg()})")
            trash.empty()  # untimed, between rounds
            os.sync()
    finally:
        with open(members_yaml, "w", encoding="utf-8") as f:
            f.write(original)
    # One more full build with -v for lspgen's own stage timings.
    trash.put(l_out)
    _, _, _, text = lspgen_build(l_out, ["-v"])
    stages = [ln.strip() for ln in text.splitlines() if "load and validate" in ln]
    r["lspgen_stages"] = stages[-1] if stages else "?"
    r["runs"] = m
    r["med"] = {k: med(v) for k, v in m.items()}
    if not a.keep:
        trash.put(l_out)
        trash.put(h_out)
    trash.empty()
    return r


def report(results, a, mach, load0, load1, log):
    log("")
    log("## Build benchmark: lspgen vs Hugo")
    log("")
    log(f"Machine: {mach['nproc']} CPUs ({mach['cpu']}), {mach['ram']} RAM, {mach['os']}")
    log(f"Load average (1, 5, 15 min): {load0} at start, {load1} at end")
    log(f"lspgen: {a.lspgen_version}; Hugo: {a.hugo_version}")
    log(f"Median of {a.runs} runs each; lspgen and Hugo alternate; page cache warm "
        f"(nothing is dropped, for either tool or for cp -r).")
    log("")
    log("Full builds into a fresh output folder:")
    log("")
    log("| pages (lspgen / Hugo) | lspgen | Hugo | lspgen pages/s | Hugo pages/s | ratio | "
        "lspgen CPU | Hugo CPU | lspgen peak RSS | Hugo peak RSS |")
    log("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        d = r["med"]
        lp, hp = r["lspgen_pages"] / d["l_wall"], r["hugo_pages"] / d["h_wall"]
        r["l_pps"], r["h_pps"] = lp, hp
        log(f"| {r['lspgen_pages']:,} / {r['hugo_pages']:,} | {fmt_s(d['l_wall'])} | {fmt_s(d['h_wall'])} | "
            f"{lp:,.0f} | {hp:,.0f} | {lp / hp:.2f}× | {fmt_s(d['l_cpu'])} | {fmt_s(d['h_cpu'])} | "
            f"{fmt_mb(d['l_rss'])} | {fmt_mb(d['h_rss'])} |")
    log("")
    log("lspgen's output: the copy floor, rebuilds into the same output and the link check alone:")
    log("")
    log("| pages | output | cp -r | build ÷ cp -r | no-op rebuild | ÷ build | one bio edited | ÷ build | "
        "lspgen check | ÷ build |")
    log("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        d = r["med"]
        b, f = r["lspgen_bytes_files"]
        log(f"| {r['lspgen_pages']:,} | {b / 1e6:.0f} MB, {f:,} files | {fmt_s(d['cp'])} | "
            f"{d['l_wall'] / d['cp']:.1f}× | {fmt_s(d['noop'])} | {100 * d['noop'] / d['l_wall']:.0f} % | "
            f"{fmt_s(d['edit'])} | {100 * d['edit'] / d['l_wall']:.0f} % | {fmt_s(d['check'])} | "
            f"{100 * d['check'] / d['l_wall']:.0f} % |")
    log("")
    log("lspgen's stage timings (one more full build with -v):")
    log("")
    for r in results:
        log(f"- {r['lspgen_pages']:,} pages: {r['lspgen_stages']}")
    log("")
    target = [r for r in results if r["pages"] == 20000]
    if target:
        r, note = target[0], ""
    else:
        r = results[-1]
        note = f" (the targets are for 20,000 pages; shown at {r['pages']:,} for information)"
    d = r["med"]
    checks = [
        ("lspgen pages/s at least 2× Hugo's", r["l_pps"] / r["h_pps"] >= 2,
         f"{r['l_pps'] / r['h_pps']:.2f}×"),
        ("full build within 3× cp -r of its output", d["l_wall"] <= 3 * d["cp"],
         f"{d['l_wall'] / d['cp']:.1f}×"),
        ("peak RSS below Hugo's", d["l_rss"] < d["h_rss"],
         f"{fmt_mb(d['l_rss'])} vs {fmt_mb(d['h_rss'])}"),
        ("no-op rebuild under 10 % of a full build", d["noop"] < 0.10 * d["l_wall"],
         f"{100 * d['noop'] / d['l_wall']:.0f} %"),
        ("internal link check under 20 % of the build", d["check"] < 0.20 * d["l_wall"],
         f"{100 * d['check'] / d['l_wall']:.0f} %"),
    ]
    log(f"Targets at {r['pages']:,} pages{note}:")
    log("")
    for name, ok, val in checks:
        log(f"- {'PASS' if ok else 'FAIL'}  {name}: {val}")
    return checks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lspgen", required=True)
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--sizes", default="1000,5000,20000",
                    help="comma-separated page counts (default 1000,5000,20000)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2009)
    ap.add_argument("--keep", action="store_true", help="keep the last outputs under OUT/region-N/")
    a = ap.parse_args()
    a.lspgen = os.path.abspath(a.lspgen)
    a.out = os.path.abspath(a.out)
    sizes = [int(x) for x in a.sizes.split(",") if x]
    os.makedirs(a.out, exist_ok=True)
    a.lspgen_version = run([a.lspgen, "--version"])[3].strip()
    a.hugo_version = run([a.hugo, "version"])[3].strip()
    lines = []

    def log(s):
        print(s, flush=True)
        lines.append(s)

    mach = machine()
    load0 = loadavg()
    log(f"build_bench: sizes {sizes}, {a.runs} runs, {mach['nproc']} CPUs, load {load0}")
    results = [bench_size(a, n, log) for n in sizes]
    load1 = loadavg()
    mark = len(lines)
    checks = report(results, a, mach, load0, load1, log)
    with open(os.path.join(a.out, "build-bench.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines[mark:]) + "\n")
    with open(os.path.join(a.out, "build-bench.json"), "w", encoding="utf-8") as f:
        json.dump({"machine": mach, "load_start": load0, "load_end": load1,
                   "lspgen": a.lspgen_version, "hugo": a.hugo_version, "runs": a.runs,
                   "results": results,
                   "targets": [{"target": n, "pass": ok, "value": v} for n, ok, v in checks]},
                  f, indent=1)
    log(f"\n(tables also in {os.path.join(a.out, 'build-bench.md')}, raw figures in build-bench.json)")


if __name__ == "__main__":
    main()
