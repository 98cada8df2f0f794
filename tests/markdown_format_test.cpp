// `--format markdown` through the command line: the summary that CI jobs put
// on their page (GitHub's $GITHUB_STEP_SUMMARY), rendered here with lspgen's
// own GitHub-flavoured Markdown renderer (cmark-gfm) to see that hostile
// links and page names can neither break its tables nor reach it as HTML.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "markdown/markdown.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

size_t occurrences(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Every row of every table in `html` has as many cells as its header.
bool tables_are_whole(const std::string& html) {
    size_t at = 0;
    while ((at = html.find("<table>", at)) != std::string::npos) {
        const size_t end = html.find("</table>", at);
        if (end == std::string::npos) return false;
        const std::string table = html.substr(at, end - at);
        const size_t rows = occurrences(table, "<tr>");
        const size_t headers = occurrences(table, "<th>") + occurrences(table, "<th ");
        const size_t cells = occurrences(table, "<td>") + occurrences(table, "<td ");
        if (rows < 2 || cells != headers * (rows - 1)) return false;
        at = end;
    }
    return true;
}

}  // namespace

TEST_CASE("markdown format: check's summary of a hostile tree renders as whole tables") {
    TempDir tmp;
    const fs::path tree = tmp / "public";
    // A page name, a link and (from the link) a message full of Markdown and
    // HTML: a table cell's '|', emphasis, a link, a script, an entity.
    write_file(tree / "index.html",
               "<title>x</title>\n<p><a href=\"a|b*c*_d_<script>alert(1)</script>&amp;.html\">x</a>"
               "\n<a href=\"fine|page.html\">y</a>\n");
    write_file(tree / "fine|page.html",
               "<title>y</title><a href=\"[x](javascript:alert(1)).html\">z</a>\n");
    const RunResult run = run_lspgen({"check", tree.string(), "--format", "markdown"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.empty());
    CHECK_THAT(run.out, Catch::StartsWith("## lspgen links\n\n| Checked | Count |\n"));
    CHECK_THAT(run.out, Catch::Contains("| pages | 2 |\n| links | 3 |\n| errors | 2 |\n"
                                        "| warnings | 0 |\n"));

    const std::string html = markdown::to_html(run.out, {});
    INFO(html);
    // No raw HTML: the safe renderer would have left a comment in its place.
    CHECK(html.find("raw HTML omitted") == std::string::npos);
    CHECK(markdown::active_html(run.out).empty());
    CHECK(markdown::links(run.out).empty());
    CHECK(html.find("<em>") == std::string::npos);
    CHECK(html.find("<strong>") == std::string::npos);
    CHECK(tables_are_whole(html));
    CHECK(occurrences(html, "<table>") == 3);  // the totals, then one per page
    // The texts arrive as they were, every character shown.
    CHECK_THAT(html, Catch::Contains("<td>a|b*c*_d_&lt;script&gt;alert(1)&lt;/script&gt;&amp;.html"
                                     "</td>"));
    CHECK_THAT(html, Catch::Contains("<h4>" + tree.string() + "/fine|page.html</h4>"));
    CHECK_THAT(html, Catch::Contains("<td>[x](javascript:alert(1)).html</td>"));
}

TEST_CASE("markdown format: a sound tree's summary counts and says nothing is broken") {
    TempDir tmp;
    REQUIRE(run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(), "-o",
                        (tmp / "out").string(), "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    const RunResult run = run_lspgen({"check", (tmp / "out").string(), "--format", "markdown"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::EndsWith("| errors | 0 |\n| warnings | 0 |\n\nNo broken links.\n"));
}

TEST_CASE("markdown format: build and audit write it too, with the data file and line") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "pages" / "about.md",
               "---\ntitle: About\n---\nIntro.\n\nSee [our chair](/members/alex-exampel/).\n");
    const RunResult build =
        run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                    "2009-03-01", "--format", "markdown"});
    CHECK(build.exit_code == 1);
    CHECK_THAT(build.out, Catch::StartsWith("## lspgen build\n"));
    CHECK_THAT(build.out, Catch::Contains("| errors | 1 |"));
    CHECK_THAT(build.out, Catch::Contains("| Line | Severity | Link | Message | In the data |"));
    CHECK_THAT(build.out, Catch::Contains("/pages/about.md\\:6\\:5 |"));
    CHECK(tables_are_whole(markdown::to_html(build.out, {})));

    const RunResult audit = run_lspgen(
        {"audit", (tmp / "site").string(), "--now", "2009-03-01", "--format", "markdown"});
    CHECK(audit.exit_code == 0);
    CHECK_THAT(audit.out, Catch::StartsWith("## lspgen audit\n"));
    CHECK_THAT(audit.out, Catch::Contains("| items | "));
    CHECK_THAT(audit.out, Catch::Contains("| met | "));
    CHECK(tables_are_whole(markdown::to_html(audit.out, {})));
}
