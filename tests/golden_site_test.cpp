// The golden site: a small fictional partnership whose complete expected
// output is checked in under tests/golden/expected. The expected files were
// reviewed by eye; after a deliberate change, regenerate them with
// LSPGEN_UPDATE_GOLDEN=1 and review the diff before committing.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

// The theme's CSS belongs to the theme, not to the generator's output rules.
std::map<std::string, std::string> without_theme(std::map<std::string, std::string> files) {
    for (auto it = files.begin(); it != files.end();) {
        it = it->first.rfind("theme/", 0) == 0 ? files.erase(it) : std::next(it);
    }
    return files;
}

}  // namespace

TEST_CASE("golden site: the output matches the reviewed expected tree byte for byte") {
    TempDir tmp;
    const fs::path site = tests_dir() / "golden" / "examplefield";
    const fs::path expected_dir = tests_dir() / "golden" / "expected";
    const RunResult run = run_lspgen(
        {"build", site.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto actual = without_theme(snapshot(tmp / "out"));

    if (std::getenv("LSPGEN_UPDATE_GOLDEN")) {
        fs::remove_all(expected_dir);
        for (const auto& [path, content] : actual) write_file(expected_dir / path, content);
        WARN("golden files rewritten: review them with git diff");
    }
    const auto expected = snapshot(expected_dir);
    for (const auto& [path, content] : expected) {
        INFO("file " << path);
        REQUIRE(actual.count(path) == 1);
        CHECK(actual.at(path) == content);
    }
    for (const auto& [path, content] : actual) {
        INFO("unexpected file " << path);
        CHECK(expected.count(path) == 1);
    }
}

TEST_CASE("golden site: two builds of the same input are byte-identical") {
    TempDir tmp;
    const std::string site = (tests_dir() / "golden" / "examplefield").string();
    REQUIRE(run_lspgen({"build", site, "-o", (tmp / "a").string(), "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    REQUIRE(run_lspgen({"build", site, "-o", (tmp / "b").string(), "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    CHECK(snapshot(tmp / "a") == snapshot(tmp / "b"));
}

TEST_CASE("golden site: a rebuild removes the pages lspgen published that the site no longer has") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    const auto build = [&] {
        return run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                           "2009-03-01", "-q"});
    };
    REQUIRE(build().exit_code == 0);
    const fs::path page = tmp / "out" / "about" / "index.html";
    REQUIRE(fs::exists(page));
    fs::remove(tmp / "site" / "pages" / "about.md");
    REQUIRE(build().exit_code == 0);
    CHECK_FALSE(fs::exists(page));
    CHECK_FALSE(fs::exists(page.parent_path()));
    CHECK(fs::exists(tmp / "out" / "index.html"));
}

TEST_CASE("golden site: a file in OUT that lspgen did not write is refused, never removed") {
    TempDir tmp;
    const std::string site = (tests_dir() / "golden" / "examplefield").string();
    write_file(tmp / "out" / "stale.html", "left from an old build");
    const auto run =
        run_lspgen({"build", site, "-o", (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("already holds 1 file") &&
                            Catch::Contains((tmp / "out" / "stale.html").string()));
    CHECK(snapshot(tmp / "out") ==
          std::map<std::string, std::string>{{"stale.html", "left from an old build"}});
}
