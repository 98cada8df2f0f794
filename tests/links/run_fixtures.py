#!/usr/bin/env python3
"""The link checker's fixture corpus (tests/links/fixtures/*.cases).

Each case is a small tree of files and exactly what `lspgen check` must
report on it. A .cases file holds many cases:

    === a name for the case
    # comments, anywhere
    options: --base-url https://www.example.org/    (arguments after OUT)
    check: out                                     (the folder to check; default .)
    exit: 2                                        (default: 1 with errors, else 0)
    --- index.html                                 (a file of the tree, line by line,
    <a href="x.html">x</a>                          up to the next ---, >>>, !!! or ===)
    >>> index.html:1:10: error: 'x.html': no such file: x.html
    >>> clean                                      (nothing at all is reported)
    !!! a line that standard error must hold

The runner writes each tree into a fresh folder, runs `lspgen check` there
with --format json, and compares every finding as
`PAGE:LINE:COLUMN: SEVERITY: 'URL': MESSAGE` (the URL only when there is
one), in order, with the exit status. A file line may use \\t for a tab
and \\xNN for a byte; `--- name` with `(no newline)` after it ends without one.

    python3 tests/links/run_fixtures.py --lspgen build/lspgen [--only NAME] [--summary]

Exits 0 when every case passes, 1 when any fails, 2 for a usage error.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Case:
    def __init__(self, group, name, where):
        self.group = group
        self.name = name
        self.where = where
        self.options = []
        self.target = "."
        self.exit = None
        self.files = {}
        self.expected = []
        self.clean = False
        self.stderr = []


def unescape(line):
    """A file line's bytes: \\t is a tab and \\xNN a byte; the rest is UTF-8."""
    out = bytearray()
    i = 0
    while i < len(line):
        if line.startswith("\\t", i):
            out += b"\t"
            i += 2
        elif re.fullmatch(r"\\x[0-9a-fA-F]{2}", line[i:i + 4]):
            out.append(int(line[i + 2:i + 4], 16))
            i += 4
        else:
            out += line[i].encode()
            i += 1
    return bytes(out)


def parse(path):
    cases = []
    case = None
    file_name = None
    no_newline = False
    lines_of_file = []

    def end_file():
        nonlocal file_name, lines_of_file
        if file_name is not None:
            body = b"\n".join(lines_of_file)
            if not no_newline:
                body += b"\n"
            case.files[file_name] = body
        file_name = None
        lines_of_file = []

    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        where = f"{path.name}:{number}"
        if raw.startswith("=== "):
            if case:
                end_file()
            case = Case(path.stem, raw[4:].strip(), where)
            cases.append(case)
            continue
        if case is None:
            if raw.strip() and not raw.startswith("#"):
                sys.exit(f"{where}: text before the first '=== case'")
            continue
        if raw.startswith("--- "):
            end_file()
            spec = raw[4:].strip()
            no_newline = spec.endswith("(no newline)")
            file_name = spec.replace("(no newline)", "").strip()
            continue
        if raw.startswith(">>> "):
            end_file()
            if raw[4:].strip() == "clean":
                case.clean = True
            else:
                case.expected.append(raw[4:])
            continue
        if raw.startswith("!!! "):
            end_file()
            case.stderr.append(raw[4:])
            continue
        if file_name is not None:
            # Inside a file, every line is the file's, but the runner's own
            # markers above; a trailing blank line of the .cases file is not.
            lines_of_file.append(unescape(raw))
            continue
        if raw.startswith("#") or not raw.strip():
            continue
        key, _, value = raw.partition(":")
        if key == "options":
            case.options = shlex.split(value)
        elif key == "check":
            case.target = value.strip()
        elif key == "exit":
            case.exit = int(value)
        else:
            sys.exit(f"{where}: unknown line '{raw}'")
    if case:
        end_file()
    for c in cases:
        # Blank lines before the next marker belong to no file.
        for name, body in c.files.items():
            while body.endswith(b"\n\n"):
                body = body[:-1]
            c.files[name] = body
        if not c.expected and not c.clean and not c.stderr:
            sys.exit(f"{c.where}: case '{c.name}' says nothing of what to expect (>>> clean?)")
    return cases


def describe(finding, root):
    page = os.path.relpath(os.path.join(root, finding["file"]), root) if finding.get("file") else "?"
    line = f"{page}:{finding.get('line', 0)}:{finding.get('column', 0)}: {finding['severity']}: "
    if finding.get("url") is not None:
        line += f"'{finding['url']}': "
    return line + finding["message"]


def run(case, lspgen):
    with tempfile.TemporaryDirectory(prefix="lspgen-fixture-") as folder:
        for name, body in case.files.items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        Path(folder, case.target).mkdir(parents=True, exist_ok=True)
        command = [lspgen, "check", case.target, *case.options, "--format", "json"]
        done = subprocess.run(command, cwd=folder, capture_output=True, timeout=60)
        problems = []
        actual = []
        if done.stdout.strip():
            try:
                report = json.loads(done.stdout)
                actual = [describe(f, folder) for f in report["findings"]]
            except (ValueError, KeyError) as e:
                problems.append(f"not a JSON report ({e}): {done.stdout[:200]!r}")
        expected_exit = case.exit
        if expected_exit is None:
            expected_exit = 1 if any(": error: " in e for e in case.expected) else 0
        if done.returncode != expected_exit:
            problems.append(f"exit {done.returncode}, expected {expected_exit}")
        if actual != case.expected:
            problems.append(
                "findings differ\n      expected:\n"
                + "".join(f"        {e}\n" for e in case.expected or ["(none)"])
                + "      got:\n"
                + "".join(f"        {a}\n" for a in actual or ["(none)"])
            )
        stderr = [l for l in done.stderr.decode(errors="replace").split("\n") if l.strip()]
        for want in case.stderr:
            if want not in stderr:
                problems.append(f"standard error lacks the line {want!r}; it was:\n        "
                                + "\n        ".join(stderr))
        return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lspgen", required=True)
    parser.add_argument("--only", help="run the cases whose group or name contains this")
    parser.add_argument("--summary", action="store_true", help="one line per group")
    args = parser.parse_args()
    lspgen = os.path.abspath(args.lspgen)
    if not os.access(lspgen, os.X_OK):
        print(f"run_fixtures: no program at {lspgen}", file=sys.stderr)
        return 2
    cases = []
    for path in sorted((HERE / "fixtures").glob("*.cases")):
        cases += parse(path)
    names = {}
    for c in cases:
        if (c.group, c.name) in names:
            sys.exit(f"{c.where}: a second case named '{c.name}' (first at {names[(c.group, c.name)]})")
        names[(c.group, c.name)] = c.where
    if args.only:
        cases = [c for c in cases if args.only in c.group or args.only in c.name]
    groups = {}
    failed = 0
    for case in cases:
        problems = run(case, lspgen)
        passed, total = groups.get(case.group, (0, 0))
        groups[case.group] = (passed + (0 if problems else 1), total + 1)
        if problems:
            failed += 1
            if not args.summary:
                print(f"FAIL {case.where} {case.name}")
                for p in problems:
                    print(f"    {p}")
    for group, (passed, total) in sorted(groups.items()):
        print(f"{group:<14} {passed:>3} of {total:>3} pass")
    print(f"{len(cases) - failed} of {len(cases)} cases pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
