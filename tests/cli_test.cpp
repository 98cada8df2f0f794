#include <catch2/catch.hpp>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("cli: --version prints the version and exits 0") {
    const RunResult run = run_lspgen({"--version"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.rfind("lspgen ", 0) == 0);
}

TEST_CASE("cli: build --help shows the options and an example") {
    const RunResult run = run_lspgen({"build", "--help"});
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("--now"));
    CHECK_THAT(run.out, Catch::Contains("Examples:"));
}

TEST_CASE("cli: every command's --help names it once and shows examples") {
    for (const std::string command : {"build", "check", "audit", "serve", "new"}) {
        INFO(command);
        const RunResult run = run_lspgen({command, "--help"});
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.out, Catch::Contains("Usage: lspgen " + command + " [OPTIONS]"));
        CHECK_THAT(run.out, Catch::Contains("Examples:"));
    }
}

TEST_CASE("cli: build --verbose prints the time of each stage and --quiet prints nothing") {
    TempDir tmp;
    const std::string site = (tests_dir() / "golden" / "examplefield").string();
    const RunResult verbose =
        run_lspgen({"build", site, "-o", (tmp / "a").string(), "--now", "2009-03-01", "-v"});
    CHECK(verbose.exit_code == 0);
    CHECK_THAT(verbose.out, Catch::Contains("load and validate "));
    CHECK_THAT(verbose.out, Catch::Contains(" s, check links "));
    const RunResult quiet =
        run_lspgen({"build", site, "-o", (tmp / "b").string(), "--now", "2009-03-01", "-q"});
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.out.empty());
    CHECK(quiet.err.empty());
}

TEST_CASE("cli: usage errors exit 2 with a hint") {
    CHECK(run_lspgen({}).exit_code == 2);
    CHECK(run_lspgen({"build"}).exit_code == 2);
    const RunResult unknown = run_lspgen({"bulid", "x"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("lspgen --help"));
    const RunResult bad_now = run_lspgen({"build", "x", "--now", "2009-02-30"});
    CHECK(bad_now.exit_code == 2);
    CHECK(bad_now.err ==
          "lspgen: --now: '2009-02-30' is not a real date: February 2009 has 28 days\n");
}

TEST_CASE("cli: a site folder that does not exist is bad input (exit 1)") {
    TempDir tmp;
    const RunResult run =
        run_lspgen({"build", (tmp / "nowhere").string(), "-o", (tmp / "out").string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("error: no such site folder"));
    CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE("cli: an output folder that cannot be created is an environment failure (exit 3)") {
    TempDir tmp;
    write_file(tmp / "file", "x");
    const RunResult run = run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(),
                                      "-o", (tmp / "file" / "out").string(), "-q"});
    CHECK(run.exit_code == 3);
    CHECK_THAT(run.err, Catch::Contains("cannot create"));
}

TEST_CASE("cli: several sites go to OUT/<slug>/") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "north", fs::copy_options::recursive);
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "south", fs::copy_options::recursive);
    const RunResult run = run_lspgen({"build", (tmp / "north").string(), (tmp / "south").string(),
                                      "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(fs::exists(tmp / "out" / "north" / "index.html"));
    CHECK(fs::exists(tmp / "out" / "south" / "members" / "index.html"));
    CHECK_THAT(run.out, Catch::Contains("built 2 sites"));
}
