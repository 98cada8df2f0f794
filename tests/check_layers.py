#!/usr/bin/env python3
"""Checks every #include in generator/ against the stage table.

    python3 tests/check_layers.py [ROOT]     # ROOT: the repository (default: ..)
    python3 tests/check_layers.py --self-test

generator/stages.txt lists the stages, lowest first. For each stage it names
the stages it uses and the libraries it links. This script fails (exit 1) and
names file and line when:
  - a source file is not in a stage's folder (only main.cpp may sit at the
    top of generator/);
  - a file includes a header of a stage that its own stage does not use,
    directly or through the stages it uses;
  - a file includes a library's header when that library is not on its
    stage's line;
  - the table names a stage it has not yet listed, or a folder that does not
    exist, or gives a library to two stages (nlohmann-json and pugixml aside);
  - main.cpp includes anything but cli/.
CMake builds its libraries from the same table, so a call across the layers
fails to link as well.

--self-test runs the checks on small made-up trees, one violation each, and
fails unless each is reported. A check that cannot fail proves nothing.
"""

import os
import re
import sys
import tempfile

# The header of each library, as the code includes it.
LIBRARY_HEADERS = {
    "yaml-cpp": re.compile(r"^yaml-cpp/"),
    "mustache": re.compile(r"^kainjow/"),
    "cmark-gfm": re.compile(r"^cmark-gfm"),
    "curl": re.compile(r"^curl/"),
    "libxml2": re.compile(r"^libxml/"),
    "gumbo": re.compile(r"^gumbo\.h$"),
    "pugixml": re.compile(r"^pugixml\.hpp$"),
    "nlohmann": re.compile(r"^nlohmann/"),
    "cli11": re.compile(r"^CLI/"),
    "httplib": re.compile(r"^httplib\.h$"),
}
# Libraries that more than one stage may use: the JSON and XML readers and
# writers. Every other library belongs to one stage.
SHARED_LIBRARIES = {"nlohmann", "pugixml"}
# Made by CMake into the build folder; any stage may include them.
GENERATED = {"version.hpp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
SOURCE = re.compile(r"\.(c|h)pp$")


def read_table(path, problems):
    """The stages in order, each with the set of stages it may include
    (itself and every stage it uses, however indirectly) and its libraries."""
    stages = {}
    order = []
    owners = {}
    with open(path, encoding="utf-8") as table:
        for number, line in enumerate(table, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            stage, rest = fields[0], [f for f in fields[1:] if f != "-"]
            uses, libraries = set(), set()
            for field in rest:
                if field in stages:
                    uses |= stages[field]["reach"]
                elif field in LIBRARY_HEADERS:
                    libraries.add(field)
                    owner = owners.setdefault(field, stage)
                    if owner != stage and field not in SHARED_LIBRARIES:
                        problems.append(
                            "%s:%d: '%s' links %s, which belongs to stage '%s': one stage "
                            "wraps each library" % (path, number, stage, field, owner))
                else:
                    problems.append(
                        "%s:%d: '%s' names '%s', which is neither a stage above it nor a "
                        "library this check knows" % (path, number, stage, field))
            stages[stage] = {"reach": uses | {stage}, "libraries": libraries}
            order.append(stage)
    return order, stages


def check(root):
    """Every problem found, as "file:line: message" lines."""
    problems = []
    generator = os.path.join(root, "generator")
    order, stages = read_table(os.path.join(generator, "stages.txt"), problems)
    for stage in order:
        if not os.path.isdir(os.path.join(generator, stage)):
            problems.append("generator/stages.txt: stage '%s' has no folder generator/%s/" %
                            (stage, stage))
    for folder, dirs, files in os.walk(generator):
        dirs.sort()
        for name in sorted(files):
            if not SOURCE.search(name):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, generator).replace(os.sep, "/")
            shown = "generator/" + rel
            top = rel.split("/", 1)[0]
            if rel == "main.cpp":
                reach, libraries = {"cli"}, set()
            elif "/" not in rel:
                problems.append("%s: a source file at the top of generator/; only main.cpp "
                                "belongs there: move it into its stage's folder" % shown)
                continue
            elif top not in stages:
                problems.append("%s: generator/%s/ is not a stage in generator/stages.txt" %
                                (shown, top))
                continue
            else:
                reach, libraries = stages[top]["reach"], stages[top]["libraries"]
            with open(path, encoding="utf-8", errors="replace") as source:
                for number, line in enumerate(source, 1):
                    match = INCLUDE.match(line)
                    if not match:
                        continue
                    quote, header = match.groups()
                    if quote == '"':
                        if header in GENERATED:
                            continue
                        stage = header.split("/", 1)[0]
                        if "/" not in header or stage not in stages:
                            problems.append("%s:%d: includes \"%s\", which is in no stage" %
                                            (shown, number, header))
                        elif stage not in reach:
                            problems.append(
                                "%s:%d: includes \"%s\", but stage '%s' does not use stage "
                                "'%s' (generator/stages.txt)" %
                                (shown, number, header, top if rel != "main.cpp" else "main",
                                 stage))
                        continue
                    for library, pattern in LIBRARY_HEADERS.items():
                        if pattern.search(header) and library not in libraries:
                            problems.append(
                                "%s:%d: includes <%s> of %s, which stage '%s' does not link "
                                "(generator/stages.txt)" %
                                (shown, number, header, library,
                                 top if rel != "main.cpp" else "main"))
    return problems


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def self_test():
    """Each made-up violation must be reported, and a sound tree must pass."""
    table = ("base - -\nload base yaml-cpp\nmodel base load -\n"
             "cli base load model cli11\n")
    sound = {
        "generator/stages.txt": table,
        "generator/main.cpp": '#include "cli/cli.hpp"\n',
        "generator/base/a.hpp": "#include <string>\n",
        "generator/load/y.cpp": '#include <yaml-cpp/yaml.h>\n#include "base/a.hpp"\n',
        "generator/model/m.cpp": '#include "load/y.hpp"\n#include "version.hpp"\n',
        "generator/cli/cli.hpp": '#include <CLI/CLI.hpp>\n#include "model/m.hpp"\n',
    }
    cases = [
        ("a sound tree", {}, None),
        ("an include of a stage above", {"generator/base/b.cpp": '#include "model/m.hpp"\n'},
         'generator/base/b.cpp:1: includes "model/m.hpp", but stage \'base\' does not use'),
        ("a library in the wrong stage", {"generator/model/n.cpp": "\n#include <yaml-cpp/x.h>\n"},
         "generator/model/n.cpp:2: includes <yaml-cpp/x.h> of yaml-cpp, which stage 'model'"),
        ("a file at the top", {"generator/util.cpp": ""},
         "generator/util.cpp: a source file at the top of generator/"),
        ("a folder that is no stage", {"generator/misc/x.cpp": ""},
         "generator/misc/x.cpp: generator/misc/ is not a stage"),
        ("a header in no stage", {"generator/model/o.cpp": '#include "loose.hpp"\n'},
         'generator/model/o.cpp:1: includes "loose.hpp", which is in no stage'),
        ("main.cpp reaching past cli", {"generator/main.cpp": '#include "load/y.hpp"\n'},
         "generator/main.cpp:1: includes \"load/y.hpp\", but stage 'main'"),
        ("a table that uses a stage below it",
         {"generator/stages.txt": "base model -\nmodel base -\n"},
         "names 'model', which is neither a stage above it"),
        ("a library in two stages",
         {"generator/stages.txt": table.replace("model base load -", "model base load yaml-cpp")},
         "'model' links yaml-cpp, which belongs to stage 'load'"),
        ("a stage with no folder", {"generator/stages.txt": table + "hub base -\n"},
         "stage 'hub' has no folder"),
    ]
    failed = 0
    for name, extra, expected in cases:
        with tempfile.TemporaryDirectory() as root:
            for rel, text in {**sound, **extra}.items():
                write(root, rel, text)
            problems = check(root)
            ok = (not problems) if expected is None else any(expected in p for p in problems)
            print("%s: %s" % ("ok" if ok else "FAILED", name))
            if not ok:
                failed += 1
                print("  expected: %s\n  found: %s" % (expected or "nothing", problems))
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print("check_layers: %d problem(s); the stage table is generator/stages.txt" %
              len(problems))
        return 1
    print("check_layers: every #include in generator/ keeps to generator/stages.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
