// The link check through the command line: `lspgen check` and `lspgen build`.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace lspgen;
using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("links: check exits 1 on a broken tree and 0 on a sound one") {
    TempDir tmp;
    write_file(tmp / "broken" / "index.html", "<title>x</title><a href=\"missing.html\">x</a>");
    CHECK(run_lspgen({"check", (tmp / "broken").string()}).exit_code == 1);
    write_file(tmp / "sound" / "index.html", "<title>x</title><a href=\"#\">x</a>");
    const RunResult ok = run_lspgen({"check", (tmp / "sound").string()});
    CHECK(ok.exit_code == 0);
    CHECK_THAT(ok.out, Catch::Contains("0 errors"));
    CHECK(run_lspgen({"check", (tmp / "sound").string(), "--format", "yaml"}).exit_code == 2);
    CHECK(run_lspgen({"check", (tmp / "nowhere").string()}).exit_code == 2);
}

TEST_CASE("links: a broken link in Markdown fails the build and names the Markdown line") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    REQUIRE(run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                        "2009-03-01", "-q"})
                .exit_code == 0);
    const auto published = snapshot(tmp / "out");
    write_file(tmp / "site" / "pages" / "about.md",
               "---\ntitle: About\n---\nIntro.\n\nSee [our chair](/members/alex-exampel/).\n");
    const RunResult run = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("about/index.html\n"));
    CHECK_THAT(run.err, Catch::Contains("'../members/alex-exampel/index.html': no such file: "
                                        "members/alex-exampel/index.html"));
    CHECK_THAT(run.err, Catch::Contains("the link is in " + (tmp / "site").string() +
                                        "/pages/about.md:6:5"));
    CHECK_THAT(run.err, Catch::Contains("1 broken link; nothing was written"));
    CHECK(snapshot(tmp / "out") == published);
}
