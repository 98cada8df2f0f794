#include <catch2/catch.hpp>

#include <sstream>

#include "audit/report.hpp"

using namespace lspgen;
using namespace lspgen::audit;

TEST_CASE("audit report: a name and advice holding terminal escapes print them visibly") {
    // The name comes from a partnership's own data.json when the hub audits it.
    Report report;
    report.name = "Casefield\x1b]0;owned\x07";
    report.items.push_back({"chair",
                            "Chair named\xc2\x9b",
                            Outcome::not_met,
                            "No chair \x1b[2J found.",
                            "Add one.\x1b[0m",
                            "Aylesbury Vale",
                            {}});
    std::ostringstream out;
    write_human(report, "sites/\x1b[31mx", out);
    CHECK(out.str() ==
          "Transparency audit of Casefield\\x1b]0;owned\\x07 (sites/\\x1b[31mx)\n"
          "score: 0 of 1 good-practice items met\n\n"
          "  MISSING  Chair named\\u009b [chair]\n"
          "           No chair \\x1b[2J found.\n"
          "           to meet it: Add one.\\x1b[0m\n"
          "\n1 item to add for full marks: chair\n");
}
