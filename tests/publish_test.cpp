#include <catch2/catch.hpp>

#include <filesystem>

#include "publish.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("publish: a committed staging tree replaces the old output whole") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    write_file(out / "old.html", "old");
    std::string error;
    auto staging = Staging::create(out, error);
    REQUIRE(staging);
    REQUIRE(staging->write("index.html", "new", error));
    REQUIRE(staging->write("members/a/index.html", "a", error));
    REQUIRE(staging->commit(error));
    const auto files = snapshot(out);
    CHECK(files ==
          std::map<std::string, std::string>{{"index.html", "new"}, {"members/a/index.html", "a"}});
    // Nothing is left beside the output.
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("publish: an abandoned staging tree leaves the old output untouched") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    write_file(out / "index.html", "published");
    {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        REQUIRE(staging->write("index.html", "half", error));
    }  // destroyed without commit, as when a build fails
    CHECK(snapshot(out) == std::map<std::string, std::string>{{"index.html", "published"}});
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("publish: a first build creates the output folder") {
    TempDir tmp;
    std::string error;
    auto staging = Staging::create(tmp / "deep" / "public", error);
    REQUIRE(staging);
    REQUIRE(staging->write("index.html", "x", error));
    REQUIRE(staging->commit(error));
    CHECK(read_file(tmp / "deep" / "public" / "index.html") == "x");
}

TEST_CASE("publish: an output path that is a file is refused") {
    TempDir tmp;
    write_file(tmp / "public", "not a folder");
    std::string error;
    CHECK_FALSE(Staging::create(tmp / "public", error));
    CHECK_THAT(error, Catch::Contains("exists and is not a directory"));
}
