// `lspgen build --format`: data errors and broken links in the formats CI
// reads, on stdout, with the summary and the human lines on stderr.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

/// The golden test site, copied, with `members.yaml` line 3 made wrong.
fs::path site_with_bad_role(const TempDir& tmp) {
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    std::string members = read_file(tmp / "site" / "members.yaml");
    const size_t role = members.find("role: Chair");
    REQUIRE(role != std::string::npos);
    members.replace(role, 11, "role: Chiar");
    write_file(tmp / "site" / "members.yaml", members);
    return tmp / "site";
}

RunResult build(const fs::path& site, const fs::path& out, const std::string& format) {
    return run_lspgen(
        {"build", site.string(), "-o", out.string(), "--now", "2009-03-01", "--format", format});
}

/// The line and column of `needle` in `text` (1-based), as an editor shows them.
std::pair<int, int> place_of(const std::string& text, const std::string& needle) {
    const size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    const size_t line_start = text.rfind('\n', at) + 1;  // npos + 1 == 0
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    return {line, static_cast<int>(at - line_start) + 1};
}

}  // namespace

TEST_CASE("build --format github annotates the YAML line of a data error") {
    TempDir tmp;
    const fs::path site = site_with_bad_role(tmp);
    const auto [line, column] = place_of(read_file(site / "members.yaml"), "Chiar");
    const RunResult run = build(site, tmp / "out", "github");
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::StartsWith("::error file=" + (site / "members.yaml").string() +
                                          ",line=" + std::to_string(line) +
                                          ",col=" + std::to_string(column) +
                                          ",title=lspgen build::'Chiar' is not a valid role"));
    // The human report is not repeated on stdout; the count stays on stderr.
    CHECK_THAT(run.out, !Catch::Contains("^~~"));
    CHECK_THAT(run.err, Catch::Contains("1 error; nothing was written"));
    CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE("build --format json and junit report a data error that parses") {
    TempDir tmp;
    const fs::path site = site_with_bad_role(tmp);
    const auto [line, column] = place_of(read_file(site / "members.yaml"), "Chiar");

    const RunResult json_run = build(site, tmp / "out", "json");
    CHECK(json_run.exit_code == 1);
    const auto json = nlohmann::json::parse(json_run.out);
    CHECK(json["errors"] == 1);
    REQUIRE(json["findings"].size() >= 1);
    const auto& first = json["findings"][0];
    CHECK(first["file"] == (site / "members.yaml").string());
    CHECK(first["line"] == line);
    CHECK(first["column"] == column);
    CHECK(first["severity"] == "error");

    const RunResult junit_run = build(site, tmp / "out", "junit");
    CHECK(junit_run.exit_code == 1);
    pugi::xml_document junit;
    REQUIRE(junit.load_string(junit_run.out.c_str()));
    const auto suite = junit.child("testsuites").child("testsuite");
    CHECK(std::string(suite.attribute("name").value()) == "lspgen build");
    CHECK(suite.attribute("failures").as_int() == 1);
    CHECK(std::string(suite.child("testcase").attribute("name").value()) ==
          (site / "members.yaml").string());
}

TEST_CASE("build --format github puts a broken Markdown link at its Markdown line") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "pages" / "about.md",
               "---\ntitle: About\n---\nIntro.\n\nSee [our chair](/members/alex-exampel/).\n");
    const RunResult run = build(tmp / "site", tmp / "out", "github");
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out,
               Catch::Contains("::error file=" + (tmp / "site").string() +
                               "/pages/about.md,line=6,col=5,title=lspgen build::"
                               "'../members/alex-exampel/index.html' on " +
                               (tmp / "out").string() + "/about/index.html: no such file"));
}

TEST_CASE("build --format json of a good site: no findings on stdout, the summary on stderr") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    const RunResult run = build(tmp / "site", tmp / "out", "json");
    CHECK(run.exit_code == 0);
    const auto json = nlohmann::json::parse(run.out);
    CHECK(json["errors"] == 0);
    CHECK_THAT(run.err, Catch::StartsWith("built 1 site, "));
    CHECK(fs::exists(tmp / "out" / "index.html"));
    // An unknown format is a usage error, before anything is read.
    CHECK(build(tmp / "site", tmp / "out2", "xml").exit_code == 2);
}

TEST_CASE("audit --format github and junit give each item not met at its data file") {
    const std::string site = (tests_dir() / "golden" / "examplefield").string();
    const RunResult github =
        run_lspgen({"audit", site, "--now", "2009-03-01", "--format", "github"});
    CHECK(github.exit_code == 0);
    CHECK_THAT(github.out, Catch::Contains("::warning file=" + site +
                                           "/members.yaml,line=16,col=3,title=good practice::"
                                           "good practice not met (member-photos)"));
    const RunResult junit = run_lspgen({"audit", site, "--now", "2009-03-01", "--format", "junit"});
    pugi::xml_document doc;
    REQUIRE(doc.load_string(junit.out.c_str()));
    const auto suite = doc.child("testsuites").child("testsuite");
    CHECK(std::string(suite.attribute("name").value()) == "lspgen audit");
    CHECK(suite.attribute("failures").as_int() >= 1);
    // Each failure names its items, without a made-up "0:0" place.
    CHECK_THAT(junit.out, !Catch::Contains(">0:0 "));
}
