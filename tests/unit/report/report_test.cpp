// report/: any problems (data errors as well as link findings) as JSON,
// JUnit, GitHub annotations and a Markdown summary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <sstream>

#include "report/report.hpp"

using namespace lspgen;

namespace {

Diagnostic problem(Severity severity, SourceLocation where, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.where = std::move(where);
    d.message = std::move(message);
    return d;
}

report::Kind data_kind() {
    report::Kind kind;
    kind.suite = "lspgen build";
    kind.problem = "error";
    kind.title = "lspgen build";
    kind.unit = "file";
    kind.classname = "build";
    return kind;
}

std::string written(const std::vector<Diagnostic>& problems, report::Format format) {
    std::ostringstream out;
    report::write(problems, data_kind(), format, "", out);
    return out.str();
}

}  // namespace

TEST_CASE("report: formats are parsed by name") {
    report::Format f = report::Format::human;
    CHECK(report::parse_format("github", f));
    CHECK(f == report::Format::github);
    CHECK(report::parse_format("junit", f));
    CHECK(f == report::Format::junit);
    CHECK_FALSE(report::parse_format("xml", f));
}

TEST_CASE("report: a data error in JSON has its file, place and no url") {
    const auto json = nlohmann::json::parse(
        written({problem(Severity::error, {"sites/x/members.yaml", 3, 9}, "'Chiar' is not a role"),
                 problem(Severity::warning, {"sites/x/site.yaml", 0, 0}, "no handbook")},
                report::Format::json));
    CHECK(json["errors"] == 1);
    CHECK(json["warnings"] == 1);
    CHECK(json["findings"][0]["file"] == "sites/x/members.yaml");
    CHECK(json["findings"][0]["line"] == 3);
    CHECK(json["findings"][0]["column"] == 9);
    CHECK_FALSE(json["findings"][0].contains("url"));
    CHECK(json["findings"][1]["severity"] == "warning");
}

TEST_CASE("report: GitHub annotations escape what would end a property or a line") {
    const std::string out =
        written({problem(Severity::error, {"a,b:c.yaml", 2, 0}, "50% off\nsecond line")},
                report::Format::github);
    CHECK(out ==
          "::error file=a%2Cb%3Ac.yaml,line=2,title=lspgen build::50%25 off%0Asecond "
          "line\n");
}

TEST_CASE("report: JUnit has a failing case per file, and one passing case when none fail") {
    pugi::xml_document failing;
    REQUIRE(failing.load_string(
        written({problem(Severity::error, {"m.yaml", 3, 9}, "bad"),
                 problem(Severity::error, {"m.yaml", 5, 1}, "worse"),
                 problem(Severity::warning, {"s.yaml", 1, 1}, "advice is not a failure")},
                report::Format::junit)
            .c_str()));
    auto suite = failing.child("testsuites").child("testsuite");
    CHECK(suite.attribute("failures").as_int() == 1);
    CHECK(std::string(suite.child("testcase").child("failure").attribute("message").value()) ==
          "2 errors");
    CHECK(std::string(suite.child("testcase").child("failure").text().get()) ==
          "3:9 bad\n5:1 worse\n");

    pugi::xml_document passing;
    REQUIRE(passing.load_string(written({}, report::Format::junit).c_str()));
    suite = passing.child("testsuites").child("testsuite");
    CHECK(suite.attribute("failures").as_int() == 0);
    CHECK(std::string(suite.child("testcase").attribute("name").value()) == "no errors");
}

TEST_CASE("report: markdown is parsed as a format") {
    report::Format f = report::Format::human;
    CHECK(report::parse_format("markdown", f));
    CHECK(f == report::Format::markdown);
    CHECK_FALSE(report::parse_format("md", f));
}

TEST_CASE("report: Markdown text escapes what GFM, GitHub and HTML give a meaning") {
    CHECK(report::markdown_text("public/about/index.html") == "public/about/index.html");
    CHECK(report::markdown_text("a|b") == "a\\|b");
    CHECK(report::markdown_text("*bold* _em_ ~~gone~~") == "\\*bold\\* \\_em\\_ \\~\\~gone\\~\\~");
    CHECK(report::markdown_text("<script>alert(1)</script>") ==
          "&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
    CHECK(report::markdown_text("&amp; [x](javascript:y) `c` \\") ==
          "&amp;amp; \\[x\\]\\(javascript\\:y\\) \\`c\\` \\\\");
    CHECK(report::markdown_text("$x$ :tada: @someone #1 !") ==
          "\\$x\\$ \\:tada\\: \\@someone \\#1 \\!");
    // A line feed would end the table row; a control character is shown.
    CHECK(report::markdown_text("one\ntwo\tthree\x1b[31m") == "one two three\\\\x1b\\[31m");
}

TEST_CASE("report: a Markdown summary gives the totals, then each page's problems") {
    report::Kind kind;
    kind.suite = "lspgen links";
    kind.problem = "broken link";
    kind.unit = "page";
    kind.totals = {{"pages", 19}, {"links", 427}};
    Diagnostic broken = problem(Severity::error, {"about/index.html", 48, 16}, "no such file");
    broken.subject = "../members/a|b/index.html";
    broken.origin = {"sites/x/pages/about.md", 6, 5};
    Diagnostic folder = problem(Severity::warning, {"index.html", 3, 0}, "a folder link");
    folder.subject = "members";
    std::ostringstream out;
    // The warning comes first, but errors are listed first.
    report::write({folder, broken}, kind, report::Format::markdown, "public/", out);
    CHECK(out.str() ==
          "## lspgen links\n"
          "\n"
          "| Checked | Count |\n"
          "|---|---:|\n"
          "| pages | 19 |\n"
          "| links | 427 |\n"
          "| errors | 1 |\n"
          "| warnings | 1 |\n"
          "\n"
          "### Broken links and warnings by page\n"
          "\n"
          "#### public/about/index.html\n"
          "\n"
          "| Line | Severity | Link | Message | In the data |\n"
          "|---:|---|---|---|---|\n"
          "| 48:16 | error | ../members/a\\|b/index.html | no such file | "
          "sites/x/pages/about.md\\:6\\:5 |\n"
          "\n"
          "#### public/index.html\n"
          "\n"
          "| Line | Severity | Link | Message | In the data |\n"
          "|---:|---|---|---|---|\n"
          "| 3 | warning | members | a folder link | |\n");
}

TEST_CASE("report: a Markdown summary without problems says so, without subject columns") {
    std::ostringstream none;
    report::write({}, data_kind(), report::Format::markdown, "", none);
    CHECK(none.str() ==
          "## lspgen build\n\n| Checked | Count |\n|---|---:|\n| errors | 0 |\n"
          "| warnings | 0 |\n\nNo errors.\n");

    const std::string data =
        written({problem(Severity::error, {"sites/x/members.yaml", 3, 9}, "'Chiar' is not a role")},
                report::Format::markdown);
    CHECK(data.find("### Errors by file\n\n#### sites/x/members.yaml\n\n"
                    "| Line | Severity | Message |\n|---:|---|---|\n"
                    "| 3:9 | error | 'Chiar' is not a role |\n") != std::string::npos);
}

TEST_CASE("report: a Markdown summary lists at most its limit, errors first, and counts the rest") {
    std::vector<Diagnostic> many;
    for (size_t i = 0; i < 10; ++i)
        many.push_back(problem(Severity::warning, {"w.html", 2, 2}, "advice"));
    for (size_t i = 0; i < report::kMarkdownMaxProblems - 5; ++i)
        many.push_back(
            problem(Severity::error, {"p" + std::to_string(i % 7) + ".html", 1, 1}, "x"));
    const std::string out = written(many, report::Format::markdown);
    CHECK(out.find("| errors | " + std::to_string(report::kMarkdownMaxProblems - 5) + " |") !=
          std::string::npos);
    CHECK(out.find("### Errors and warnings by file\n\n#### p0.html\n") != std::string::npos);
    const auto rows = [&](const std::string& row) {
        size_t n = 0;
        for (size_t at = out.find(row); at != std::string::npos; at = out.find(row, at + 1)) ++n;
        return n;
    };
    CHECK(rows("| 1:1 | error |") == report::kMarkdownMaxProblems - 5);
    CHECK(rows("| 2:2 | warning |") == 5);
    CHECK(out.find("And 5 more, not listed here") != std::string::npos);
    CHECK(
        written({problem(Severity::warning, {"w.html", 2, 2}, "advice")}, report::Format::markdown)
            .find("### Warnings by file\n") != std::string::npos);
}

TEST_CASE("report: a Markdown summary stops at its byte budget after a whole row") {
    std::vector<Diagnostic> long_links;
    for (size_t i = 0; i < 20; ++i) {
        // A 100 KB message, 20 times.
        long_links.push_back(problem(Severity::error, {"p" + std::to_string(i) + ".html", 1, 1},
                                     std::string(100 * 1024, 'a')));
    }
    const std::string out = written(long_links, report::Format::markdown);
    CHECK(out.size() < report::kMarkdownMaxBytes + 4096);
    const size_t listed = report::kMarkdownMaxBytes / (100 * 1024 + 100);
    CHECK(out.find("#### p" + std::to_string(listed - 1) + ".html") != std::string::npos);
    CHECK(out.find("#### p" + std::to_string(listed) + ".html") == std::string::npos);
    CHECK(out.find("And " + std::to_string(20 - listed) + " more, not listed here") !=
          std::string::npos);
    // Every listed row is whole.
    CHECK(out.find("| 1:1 | error | " + std::string(100 * 1024, 'a') + " |\n\nAnd ") !=
          std::string::npos);
}

TEST_CASE("report: a long link is shortened in the Markdown summary and kept whole in JSON") {
    Diagnostic d = problem(Severity::error, {"p.html", 1, 9}, "unsafe link scheme data:");
    d.subject = "data:text/html;base64," + std::string(278, 'Q');  // 300 bytes
    const std::string markdown = written({d}, report::Format::markdown);
    // Markdown escapes ':' and '(' with a backslash.
    CHECK(markdown.find("data\\:text/html;base64,QQQQ") != std::string::npos);
    CHECK(markdown.find("\u2026 \\(300 characters\\)") != std::string::npos);
    CHECK(markdown.find(std::string(100, 'Q')) == std::string::npos);
    const std::string json = written({d}, report::Format::json);
    CHECK(json.find(d.subject) != std::string::npos);
}
