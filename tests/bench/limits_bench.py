#!/usr/bin/env python3
"""The link checker on hostile pages (issue 15): run by tests/bench/limits.sh.

    python3 tests/bench/limits_bench.py --lspgen build-bench/lspgen [options]

Writes three one-page trees under --out and times `lspgen check TREE` on
each, --runs times in turn (one untimed run first, for a warm page cache):

  big-page      one 50 MB page: 10,000 sections, each a heading with an id and
                paragraphs of text with links to other sections ('#s123'), to
                pages that exist and, one link in eight, to pages that do not
                (about 720,000 links, 90,000 of them broken);
  million-links one page with 1,000,000 links to 1,000,000 distinct pages that
                do not exist (1,000,000 findings);
  nested        one page with 100,000 nested <div> elements after
                '<![CDATA[x]]>', which sends the page to gumbo (an error: it is
                deeper than lspgen reads).

Each run's wall time (monotonic clock around the process), its peak RSS
(GNU time's %M) and its exit status are recorded; the
table gives the median and range of the wall time and the median peak RSS,
against the targets of under 5 s and 500 MB each. A run that takes longer
than --timeout seconds is killed and shown as such (when the untimed first
run is killed, it is the only one, and the table says so). The trees are
deterministic: the same options give the same bytes.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time

TARGET_SECONDS = 5.0
TARGET_MB = 500


def mb(kib):
    return "—" if kib is None else "%.0f MB" % (kib / 1024)


def log(msg):
    print(msg, flush=True)


# ------------------------------------------------------------- the trees ---

HEAD = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>{}</title></head>\n<body>\n")
WORDS = ("the partnership board agreed to publish minutes of each meeting and to "
         "ask residents about the priorities of the community strategy").split()


def write_big_page(tree, megabytes):
    """About `megabytes` MB: sections with headings, text and links."""
    os.makedirs(tree, exist_ok=True)
    for name in ("members", "meetings", "documents"):
        with open(os.path.join(tree, name + ".html"), "w") as f:
            f.write(HEAD.format(name) + "<p>x</p>\n</body></html>\n")
    target = megabytes * 1000 * 1000
    parts = [HEAD.format("A big page")]
    size = len(parts[0])
    section = 0
    link = 0
    while size < target:
        chunk = ["<section><h2 id=\"s%d\">Section %d</h2>\n" % (section, section)]
        for paragraph in range(6):
            words = []
            for w in range(90):
                words.append(WORDS[(section + paragraph + w) % len(WORDS)])
                if w % 6 == 5:
                    link += 1
                    if link % 8 == 0:
                        href = "missing-%d.html" % link
                    elif link % 8 in (1, 2, 3):
                        href = "#s%d" % ((section * 7 + w) % (section + 1))
                    else:
                        href = ("members.html", "meetings.html", "documents.html")[link % 3]
                    words.append("<a href=\"%s\">more</a>" % href)
            chunk.append("<p>" + " ".join(words) + "</p>\n")
        chunk.append("</section>\n")
        text = "".join(chunk)
        parts.append(text)
        size += len(text)
        section += 1
    parts.append("</body></html>\n")
    with open(os.path.join(tree, "index.html"), "w") as f:
        f.write("".join(parts))
    return "%d MB, %d sections, %d links, %d broken" % (
        (size + 15) // 1000000, section, link, link // 8)


def write_million_links(tree, links):
    os.makedirs(tree, exist_ok=True)
    with open(os.path.join(tree, "index.html"), "w") as f:
        f.write(HEAD.format("Links"))
        for i in range(links):
            f.write("<a href=\"page-%d.html\">page %d</a>\n" % (i, i))
        f.write("</body></html>\n")
    return "%d links to %d distinct missing pages" % (links, links)


def write_nested(tree, levels):
    os.makedirs(tree, exist_ok=True)
    with open(os.path.join(tree, "index.html"), "w") as f:
        f.write(HEAD.format("Nested") + "<![CDATA[x]]>\n")
        f.write("<div>\n" * levels)
        f.write("<a href=\"deep.html\">deep</a>\n" + "</div>\n" * levels + "</body></html>\n")
    return "%d nested <div> after <![CDATA[x]]>" % levels


# --------------------------------------------------------------- running ---

def run_once(cmd, timeout, scratch):
    """Runs cmd under GNU time, output discarded; returns (wall s, peak RSS
    KiB, status). The peak is GNU time's %M, lspgen's own: the rusage of a
    child forked from this Python process would count the pages it shared
    with Python before exec. A killed run has no %M: its peak is None."""
    tfile = scratch + ".time"
    if os.path.exists(tfile):
        os.remove(tfile)
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tfile] + cmd, stdout=null,
                             stderr=null, start_new_session=True)
        try:
            p.wait(timeout)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            killed = True
        wall = time.perf_counter() - t0
    rss = None
    if not killed:
        with open(tfile) as f:
            lines = [l for l in f.read().splitlines() if l.strip()]
        rss = int(lines[-1])
        # GNU time says how its command ended on the line before.
        ended = lines[-2] if len(lines) > 1 else ""
    if killed:
        what = "killed after %.0f s" % timeout
    elif "signal" in ended:
        what = "signal " + signal.Signals(int(ended.split()[-1])).name
    else:
        what = "exit %d" % p.returncode
    return wall, rss, what


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lspgen", required=True)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "out", "limits"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds before a run is killed (default 600)")
    ap.add_argument("--cases", default="big-page,million-links,nested")
    ap.add_argument("--megabytes", type=int, default=50)
    ap.add_argument("--links", type=int, default=1000000)
    ap.add_argument("--levels", type=int, default=100000)
    args = ap.parse_args()

    makers = {
        "big-page": lambda t: write_big_page(t, args.megabytes),
        "million-links": lambda t: write_million_links(t, args.links),
        "nested": lambda t: write_nested(t, args.levels),
    }
    cases = [c for c in args.cases.split(",") if c]
    for c in cases:
        if c not in makers:
            sys.exit("limits_bench.py: unknown case '%s'" % c)
    lspgen = os.path.abspath(args.lspgen)
    log("lspgen: " + subprocess.run([lspgen, "--version"], capture_output=True,
                                    text=True).stdout.strip())
    rows = []
    for case in cases:
        tree = os.path.join(args.out, case)
        what = makers[case](tree)
        size = os.path.getsize(os.path.join(tree, "index.html"))
        log("%s: %s (index.html: %.1f MB)" % (case, what, size / 1e6))
        cmd = [lspgen, "check", tree]
        os.sync()
        scratch = os.path.join(args.out, case + ".run")
        warm = run_once(cmd, args.timeout, scratch)
        runs = []
        if warm[2].startswith("killed"):
            # Every run would be killed too: one is enough to say so.
            log("  warm-up run: %s" % warm[2])
            runs.append(warm)
        for r in range(0 if runs else args.runs):
            os.sync()
            wall, rss, status = run_once(cmd, args.timeout, scratch)
            log("  run %d: %.2f s, %s, %s" % (r + 1, wall, mb(rss), status))
            runs.append((wall, rss, status))
        walls = [w for w, _, _ in runs]
        peaks = [r for _, r, _ in runs if r is not None]
        rss = statistics.median(peaks) if peaks else None
        wall = statistics.median(walls)
        statuses = sorted(set(s for _, _, s in runs))
        met = wall < TARGET_SECONDS and rss is not None and rss / 1024 < TARGET_MB and not any(
            s.startswith(("signal", "killed")) for s in statuses)
        rows.append([case, "%.1f MB" % (size / 1e6), "%.2f s" % wall,
                     "%.2f–%.2f s" % (min(walls), max(walls)), mb(rss),
                     ", ".join(statuses), "yes" if met else "NO"])

    header = ["case", "page", "median wall", "range", "median peak RSS", "status",
              "under %g s and %d MB" % (TARGET_SECONDS, TARGET_MB)]
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
    log("")
    log("`lspgen check` on one page, median of %d runs (1 when killed)" % args.runs)
    log("")
    log(line(header))
    log("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        log(line(r))


if __name__ == "__main__":
    main()
