#include <catch2/catch.hpp>

#include "base/diagnostics.hpp"

using namespace lspgen;

TEST_CASE(
    "diagnostics: an error prints file:line:col then the source line and a caret under the token") {
    Diagnostics d;
    d.add_source("site/meetings.yaml", "- id: a\n  titel: LSP Executive\n");
    d.error({"site/meetings.yaml", 2, 3}, "unknown field 'titel'", 5);
    CHECK(d.format(d.all().front()) ==
          "site/meetings.yaml:2:3: error: unknown field 'titel'\n"
          "    2 |   titel: LSP Executive\n"
          "      |   ^~~~~");
    CHECK(d.has_errors());
}

TEST_CASE("diagnostics: the caret lines up after non-ASCII text (one column per character)") {
    Diagnostics d;
    d.add_source("f.yaml", "title: Café Board: x\n");
    // Columns count bytes: 'B' is byte 14, but the 13th character, since
    // "é" takes two bytes. The caret must sit under 'B'.
    d.error({"f.yaml", 1, 14}, "m", 5);
    CHECK(d.format(d.all().front()) ==
          "f.yaml:1:14: error: m\n"
          "    1 | title: Café Board: x\n"
          "      |             ^~~~~");
}

TEST_CASE("diagnostics: without a known line only the file is named") {
    Diagnostics d;
    d.error({"site/site.yaml", 0, 0}, "site.yaml not found");
    CHECK(d.format(d.all().front()) == "site/site.yaml: error: site.yaml not found");
}

TEST_CASE("diagnostics: warnings do not count as errors") {
    Diagnostics d;
    d.warning({"x", 1, 1}, "careful");
    CHECK_FALSE(d.has_errors());
    CHECK(d.format(d.all().front()) == "x:1:1: warning: careful");
}

TEST_CASE("diagnostics: token_length stops at a comment and covers a quoted value whole") {
    CHECK(token_length("  date: 2009-02-30  # typo", 9) == 10);
    CHECK(token_length("  start: \"25:00\"", 10) == 7);
    CHECK(token_length("", 1) == 1);
}

TEST_CASE(
    "diagnostics: ESC, BEL and a C1 CSI in a message or a quoted line print as visible "
    "escapes, the caret still under its column") {
    Diagnostics d;
    d.add_source("a.yaml", "name: \"\x1b[2J\"  x: \xc2\x9b\n");
    d.error({"a.yaml", 1, 18}, "bad \x1b]0;title\x07 value\nsecond line\r", 2);
    CHECK(d.format(d.all().front()) ==
          "a.yaml:1:18: error: bad \\x1b]0;title\\x07 value\nsecond line\\x0d\n"
          "    1 | name: \"\\x1b[2J\"  x: \\u009b\n"
          "      |                     ^~~~~~");
    // Text that is not UTF-8 cannot reach the terminal as it is either.
    CHECK(printable("caf\xe9 \x7f\t\xc3\xa9\n") == "caf\\xe9 \\x7f\t\xc3\xa9\\x0a");
    CHECK(printable("a\nb", true) == "a\nb");
}
