#!/usr/bin/env python3
"""The link-checker benchmark (issue 4): run by tests/bench/links.sh.

    python3 tests/bench/links_bench.py --lspgen build-bench/lspgen [options]

Part 1, internal: generates the synthetic site of make_site.py (2,000 pages,
~42,000 links, 40 planted breaks) and checks it with `lspgen check`, Debian's
linkchecker and Debian's html-proofer, one warm-up run each and then --runs
rounds, the order of the tools rotated every round, so all three see the same
machine in the same minutes.  Prints the median wall time, the ratio to
lspgen, the median peak RSS (GNU time %M) and how many planted breaks each
tool reported (matched by page and link against the manifest; anything else
it reported is counted as "other").

Part 2, external: starts nginx on 127.0.0.1 at a free high port (its own
prefix and config in a temporary folder, the echo module's `echo_sleep` adds
latency to every answer, HEAD and GET alike), checks with curl that the
latency is there, generates pages linking to --ext-urls distinct URLs on it
and times `lspgen check TREE --external` for each --per-host value.  The
bound is per-host ÷ latency URLs/s (one host, one request per URL when HEAD
works, which it does here).  nginx is stopped at the end, whatever happens.

Nothing here sends a packet anywhere but 127.0.0.1: linkchecker is told to
only check the syntax of http(s) URLs, html-proofer runs with
--disable-external and lspgen's internal check never looks at them.
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------- running ---

def timed(cmd, stdout_path, env=None):
    """Runs cmd under GNU time, stdout to stdout_path and stderr next to it
    (.err); returns (wall seconds, peak RSS KiB, CPU seconds (user + system),
    exit code).
    The wall time is taken here with a monotonic clock (finer than %e)."""
    tfile = stdout_path + ".time"
    full = ["/usr/bin/time", "-f", "%M %U %S", "-o", tfile] + cmd
    with open(stdout_path, "wb") as out, open(stdout_path + ".err", "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.run(full, stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - t0
    with open(tfile) as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    # GNU time prints "Command exited with non-zero status N" before the format
    rss, user, system = lines[-1].split()
    return wall, int(rss), float(user) + float(system), p.returncode


def fmt_s(x):
    return "%.2f s" % x if x < 100 else "%.0f s" % x


def median(xs):
    return statistics.median(xs)


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


# ------------------------------------------------------- finding the breaks ---

def page_key(path):
    """'news/x/index.html' from '/abs/tree/news/x/index.html' etc."""
    return path.lstrip("/")


def parse_lspgen(path, tree):
    with open(path) as f:
        text = f.read()
    rep = json.loads(text[text.index("{"):])
    found = []
    for f_ in rep["findings"]:
        page = f_.get("file", f_.get("page", ""))
        if page.startswith(tree):
            page = page[len(tree):]
        found.append((page_key(page), f_.get("url", ""), f_["severity"] + ": " + f_["message"]))
    return found


def parse_linkchecker(path, tree):
    found = []
    with open(path, newline="") as f:
        rows = [l for l in f if not l.startswith("#")]
    for row in csv.DictReader(rows, delimiter=";"):
        parent = row.get("parentname") or ""
        if not parent.startswith("file://"):
            continue
        # the parent is named by the URL it was first reached by, #fragment and all
        page = urllib.parse.unquote(parent[len("file://"):].split("#")[0])
        if page.startswith(tree):
            page = page[len(tree):]
        msg = row["result"] if row["valid"] == "False" else row["warningstring"]
        found.append((page_key(page), row["urlname"], msg))
    return found


HP_LINK = re.compile(r'''\b(?:href|src)\s*=\s*"([^"]*)"''')


def parse_htmlproofer(path, tree):
    """html-proofer 3 prints '- FILE', then '  *  message (line N)' and the
    element on the next line.  It repeats some fragment errors once per
    earlier use of the same target: those are counted once."""
    found = []
    page, msg = None, None
    with open(path, errors="replace") as f, open(path + ".err", errors="replace") as e:
        for line in f.readlines() + e.readlines():
            line = line.rstrip("\n")
            if line.startswith("- "):
                page = line[2:].strip()
                if page.startswith(tree):
                    page = page[len(tree):]
                msg = None
            elif line.startswith("  *  ") and page is not None:
                msg = line[5:].strip()
                m = re.search(r"(?:linking to|image) (\S+?),? (?:which does not exist|does not have)", msg)
                url = m.group(1) if m else ""
                found.append([page_key(page), url, msg])
            elif msg is not None and line.startswith("     <") and found:
                m = HP_LINK.search(line)   # the element: its href or src as written
                if m:
                    found[-1][1] = m.group(1)
                msg = None
    uniq, seen = [], set()
    for p, u, m in found:
        if (p, u, m) not in seen:
            seen.add((p, u, m))
            uniq.append((p, u, m))
    return uniq


def match_breaks(found, manifest):
    """Counts per planted kind found, and the findings that match none."""
    want = {}
    for b in manifest["breaks"]:
        want[(page_key(b["page"]), b.get("href") or b.get("src"))] = b["kind"]
    got = {k: 0 for k in ("missing-page", "missing-fragment", "image-without-alt")}
    matched, other = set(), []
    for page, url, msg in found:
        kind = want.get((page, url))
        if kind and (page, url) not in matched:
            matched.add((page, url))
            got[kind] += 1
        elif not kind:
            other.append((page, url, msg))
    return got, other


# --------------------------------------------------------------- internal ---

LINKCHECKER_RC = """\
# linkchecker configuration for the benchmark (written by links_bench.py)
[checking]
# default: 10 threads
[filtering]
# http(s) links: syntax check only, never fetched or resolved
ignore=
  ^https?:
[AnchorCheck]
# enables the #fragment check (reported as warnings)
"""


def run_internal(args, out):
    tree = os.path.join(out, "internal-site")
    manifest_path = os.path.join(out, "internal-site.breaks.json")
    log("== internal check: generating %d pages" % args.pages)
    subprocess.run([sys.executable, os.path.join(HERE, "make_site.py"), tree,
                    "--pages", str(args.pages), "--manifest", manifest_path], check=True)
    with open(manifest_path) as f:
        manifest = json.load(f)
    rc = os.path.join(out, "linkcheckerrc")
    with open(rc, "w") as f:
        f.write(LINKCHECKER_RC)
    # linkchecker drops root privileges to "nobody": it must be able to read
    for dp, dns, fns in os.walk(out):
        for n in dns + fns:
            os.chmod(os.path.join(dp, n), 0o755 if n in dns else 0o644)

    tree_slash = tree + "/"
    tools = [
        ("lspgen", [args.lspgen, "check", tree, "--format", "json"], parse_lspgen),
        ("linkchecker", ["linkchecker", "-f", rc, "--no-status", "-o", "csv",
                         "file://" + urllib.parse.quote(tree) + "/index.html"], parse_linkchecker),
        ("html-proofer", ["htmlproofer", tree, "--disable-external", "--log-level", ":error"],
         parse_htmlproofer),
    ]
    tools = [t for t in tools if t[0] in args.tools]
    for name, cmd, _ in tools:
        log("   %-12s %s" % (name, " ".join(cmd)))
    res = {name: {"wall": [], "rss": [], "cpu": [], "rc": []} for name, _, _ in tools}
    outputs = {}
    for rnd in range(args.runs + 1):
        order = tools[rnd % len(tools):] + tools[:rnd % len(tools)]
        for name, cmd, _ in order:
            opath = os.path.join(out, "internal-%s.out" % name)
            wall, rss, cpu, code = timed(cmd, opath)
            outputs[name] = opath
            tag = "warm-up" if rnd == 0 else "run %d" % rnd
            log("   %-8s %-12s %7.2f s wall %7.2f s CPU %8.1f MB  exit %d"
                % (tag, name, wall, cpu, rss / 1024, code))
            if rnd > 0:
                res[name]["wall"].append(wall)
                res[name]["rss"].append(rss)
                res[name]["cpu"].append(cpu)
                res[name]["rc"].append(code)

    counts = manifest["counts"]
    planted = manifest["planted"]
    rows, break_rows = [], []
    base = median(res["lspgen"]["wall"]) if "lspgen" in res else None
    base_cpu = median(res["lspgen"]["cpu"]) if "lspgen" in res else None
    for name, _, parse in tools:
        w = res[name]["wall"]
        m = median(w)
        c = median(res[name]["cpu"])
        rows.append([name, fmt_s(m), "%.2f–%.2f" % (min(w), max(w)),
                     "%.1f×" % (m / base) if base else "",
                     fmt_s(c), "%.1f×" % (c / base_cpu) if base_cpu else "",
                     "%.0f MB" % (median(res[name]["rss"]) / 1024),
                     "%.0f" % (counts["links"] / m)])
        got, other = match_breaks(parse(outputs[name], tree_slash), manifest)
        break_rows.append([name,
                           "%d/%d" % (got["missing-page"], planted["missing-page"]),
                           "%d/%d" % (got["missing-fragment"], planted["missing-fragment"]),
                           "%d/%d" % (got["image-without-alt"], planted["image-without-alt"]),
                           str(len(other)), ",".join(str(c) for c in sorted(set(res[name]["rc"])))])
        if other:
            log("   %s reported %d other findings, e.g.:" % (name, len(other)))
            for o in other[:5]:
                log("      %s  %s  %s" % o)
    summary = ("%d pages, %d links (%d internal, %d external not fetched, %d with #fragment), "
               "%.1f MB of HTML; median of %d runs"
               % (counts["pages"], counts["links"], counts["internal"], counts["external"],
                  counts["with_fragment"], counts["html_bytes"] / 1e6, args.runs))
    return summary, rows, break_rows


# --------------------------------------------------------------- external ---

NGINX_CONF = """\
load_module {module};
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format methods $request_method;
    access_log {tmp}/access.log methods;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        location /p/ {{
            default_type text/html;
            echo_sleep {latency};
            echo "<!DOCTYPE html><title>ok</title><p>ok</p>";
        }}
        location / {{ return 404; }}
    }}
}}
"""

ECHO_MODULE = "/usr/lib/nginx/modules/ngx_http_echo_module.so"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def curl_latency(url, head, n=7):
    ts = []
    for _ in range(n):
        cmd = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}", url]
        if head:
            cmd.insert(1, "-I")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
        if out[0] != "200":
            raise SystemExit("links_bench.py: curl %s gave %s" % (url, out[0]))
        ts.append(float(out[1]))
    return median(ts)


def make_external_site(tree, port, n_urls, per_page=10):
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    n_pages = (n_urls + per_page - 1) // per_page
    pages = ["p%04d.html" % i for i in range(n_pages)]
    u = 0
    for i, name in enumerate(pages):
        links = []
        for _ in range(per_page):
            if u < n_urls:
                links.append('<li><a href="http://127.0.0.1:%d/p/%05d">URL %d</a></li>' % (port, u, u))
                u += 1
        nxt = pages[(i + 1) % n_pages]
        with open(os.path.join(tree, name), "w") as f:
            f.write('<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
                    '<title>External links %d</title></head><body><main>\n'
                    '<p><a href="%s">next page</a></p>\n<ul>\n%s\n</ul>\n</main></body></html>\n'
                    % (i, nxt, "\n".join(links)))
    return n_pages


def lspgen_help(lspgen):
    p = subprocess.run([lspgen, "check", "--help"], capture_output=True, text=True)
    return p.stdout + p.stderr


def run_external(args, out):
    help_text = lspgen_help(args.lspgen)
    for flag in ("--external", "--per-host", "--max-in-flight"):
        if flag not in help_text:
            log("== external check: skipped, `lspgen check --help` has no %s" % flag)
            return None
    extra = []
    if "--cache" in help_text and "--no-cache" in help_text:
        extra.append("--no-cache")
    latency = args.latency_ms / 1000.0
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="nginx-", dir=out)
    os.chmod(tmp, 0o755)
    for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(tmp, d))
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(module=ECHO_MODULE, tmp=tmp, port=port, latency="%.3f" % latency))
    log("== external check: nginx on 127.0.0.1:%d (prefix %s), echo_sleep %.3f s"
        % (port, tmp, latency))
    nginx = subprocess.Popen(["nginx", "-p", tmp, "-c", conf, "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if nginx.poll() is not None or time.time() > deadline:
                    with open(os.path.join(tmp, "error.log")) as f:
                        sys.stderr.write(f.read())
                    raise SystemExit("links_bench.py: nginx did not start")
                time.sleep(0.05)
        url = "http://127.0.0.1:%d/p/00000" % port
        get_t = curl_latency(url, head=False)
        head_t = curl_latency(url, head=True)
        log("   curl: median GET %.1f ms, HEAD %.1f ms (echo_sleep %.0f ms)"
            % (get_t * 1000, head_t * 1000, args.latency_ms))
        if head_t < latency * 0.9 or get_t < latency * 0.9:
            raise SystemExit("links_bench.py: the added latency is not there")

        tree = os.path.join(out, "external-site")
        n_pages = make_external_site(tree, port, args.ext_urls)
        log("   %d pages linking to %d distinct URLs on 127.0.0.1:%d"
            % (n_pages, args.ext_urls, port))
        rows = []
        for ph in args.per_host:
            mif = max(args.max_in_flight, ph)
            cmd = [args.lspgen, "check", tree, "--external", "--per-host", str(ph),
                   "--max-in-flight", str(mif), "--format", "json"] + extra
            log("   " + " ".join(cmd))
            walls, rsss = [], []
            access_log = os.path.join(tmp, "access.log")
            for r in range(args.ext_runs):
                opath = os.path.join(out, "external-%d.out" % ph)
                open(access_log, "w").close()
                nginx.send_signal(signal.SIGUSR1)   # reopen the (emptied) log
                time.sleep(0.2)
                wall, rss, cpu, code = timed(cmd, opath)
                time.sleep(0.2)
                methods = {}
                with open(access_log) as f:
                    for line in f:
                        methods[line.strip()] = methods.get(line.strip(), 0) + 1
                with open(opath) as f:
                    text = f.read()
                try:
                    rep = json.loads(text[text.index("{"):])
                except ValueError:
                    rep = {}
                errors = rep.get("errors", "?")
                log("   per-host %-3d run %d  %7.2f s  %7.0f URLs/s  %5.2f s CPU  %6.1f MB  exit %d, "
                    "%s errors; nginx saw %s"
                    % (ph, r + 1, wall, args.ext_urls / wall, cpu, rss / 1024, code, errors,
                       ", ".join("%d %s" % (n, m) for m, n in sorted(methods.items()))))
                if code != 0 or errors != 0:
                    log("   (output in %s)" % opath)
                walls.append(wall)
                rsss.append(rss)
            m = median(walls)
            nominal = ph / latency
            rows.append([str(ph), str(mif), fmt_s(m), "%.0f" % (args.ext_urls / m),
                         "%.0f" % nominal, "%.0f %%" % (100 * args.ext_urls / m / nominal),
                         "%.0f MB" % (median(rsss) / 1024)])
        summary = ("%d URLs on one host (127.0.0.1:%d), %.0f ms added to every answer "
                   "(curl: HEAD %.1f ms, GET %.1f ms); median of %d runs"
                   % (args.ext_urls, port, args.latency_ms, head_t * 1000, get_t * 1000,
                      args.ext_runs))
        return summary, rows
    finally:
        nginx.send_signal(signal.SIGQUIT)   # graceful stop
        try:
            nginx.wait(timeout=10)
        except subprocess.TimeoutExpired:
            nginx.kill()
            nginx.wait()
        shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------- main ---

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lspgen", required=True)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5, help="timed rounds of the internal check")
    ap.add_argument("--tools", default="lspgen,linkchecker,html-proofer")
    ap.add_argument("--ext-urls", type=int, default=2000)
    ap.add_argument("--ext-runs", type=int, default=5)
    ap.add_argument("--latency-ms", type=float, default=50)
    ap.add_argument("--per-host", default="4,8,16,32", help="per-host limits to try")
    ap.add_argument("--max-in-flight", type=int, default=32)
    ap.add_argument("--skip-internal", action="store_true")
    ap.add_argument("--skip-external", action="store_true")
    args = ap.parse_args()
    args.tools = args.tools.split(",")
    args.per_host = [int(x) for x in args.per_host.split(",")]
    args.lspgen = os.path.abspath(args.lspgen)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)

    internal = None if args.skip_internal else run_internal(args, out)
    external = None if args.skip_external else run_external(args, out)

    log("")
    log("load average at the end: %s (%d cores)"
        % (" ".join(open("/proc/loadavg").read().split()[:3]), os.cpu_count()))
    if internal:
        summary, rows, break_rows = internal
        log("\nInternal check: " + summary)
        log(table(rows, ["tool", "median wall", "min–max", "÷ lspgen", "median CPU",
                         "CPU ÷ lspgen", "peak RSS", "links/s (wall)"]))
        log("\nPlanted breaks found (tool output matched against the manifest by page and link):")
        log(table(break_rows, ["tool", "missing pages", "missing #fragments",
                               "img without alt", "other reports", "exit"]))
    if external:
        summary, rows = external
        log("\nExternal check (lspgen check --external): " + summary)
        log(table(rows, ["per-host", "max-in-flight", "median wall", "URLs/s",
                         "bound (per-host ÷ latency)", "of bound", "peak RSS"]))


if __name__ == "__main__":
    main()
