// Rebuilds: an unchanged site is not built again, a changed one writes only
// the files whose bytes changed, and the result is always what a full build
// of the same sources gives.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

ino_t inode_of(const fs::path& file) {
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    return st.st_ino;
}

RunResult build(const std::vector<fs::path>& sites, const fs::path& out,
                std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"build"};
    for (const auto& s : sites) args.push_back(s.string());
    args.insert(args.end(), {"-o", out.string(), "--now", "2009-03-01", "-v"});
    for (auto& a : extra) args.push_back(std::move(a));
    return run_lspgen(args);
}

}  // namespace

TEST_CASE("incremental: a build with nothing changed writes nothing and says so") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    const fs::path out = tmp / "public";
    REQUIRE(build({tmp / "site"}, out).exit_code == 0);
    const auto published = snapshot(out);
    const ino_t folder = inode_of(out);
    const ino_t page = inode_of(out / "index.html");

    const RunResult again = build({tmp / "site"}, out);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::StartsWith("unchanged: 1 site, "));
    CHECK_THAT(again.out, Catch::Contains("(1 of 1 sites unchanged)"));
    CHECK(snapshot(out) == published);
    CHECK(inode_of(out) == folder);  // not even swapped
    CHECK(inode_of(out / "index.html") == page);

    SECTION("--force builds it again, to the same bytes") {
        const RunResult forced = build({tmp / "site"}, out, {"--force"});
        CHECK(forced.exit_code == 0);
        CHECK_THAT(forced.out, Catch::StartsWith("built 1 site, "));
        CHECK(snapshot(out) == published);
    }
    SECTION("another date builds it again") {
        const RunResult later = run_lspgen(
            {"build", (tmp / "site").string(), "-o", out.string(), "--now", "2030-01-01", "-q"});
        CHECK(later.exit_code == 0);
        CHECK(snapshot(out) != published);  // no meeting is upcoming in 2030
    }
    SECTION("a published file changed by hand is put right") {
        write_file(out / "index.html", "defaced");
        const RunResult repaired = build({tmp / "site"}, out);
        CHECK_THAT(repaired.out, Catch::StartsWith("built 1 site, "));
        CHECK(snapshot(out) == published);
    }
    SECTION("a deleted published file is put back") {
        fs::remove(out / "members" / "index.html");
        CHECK_THAT(build({tmp / "site"}, out).out, Catch::StartsWith("built 1 site, "));
        CHECK(snapshot(out) == published);
    }
}

TEST_CASE(
    "incremental: editing one member's bio rebuilds that site only, writes only what "
    "changed, and never touches the published files") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "north", fs::copy_options::recursive);
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "south", fs::copy_options::recursive);
    const fs::path out = tmp / "public";
    REQUIRE(build({tmp / "north", tmp / "south"}, out).exit_code == 0);
    // A link to a published page from outside OUT: had a rebuild written
    // through it, this would change.
    const auto before = snapshot(out);
    fs::create_hard_link(out / "north" / "index.html", tmp / "held.html");
    const std::string held = read_file(tmp / "held.html");
    const ino_t untouched_page = inode_of(out / "north" / "documents" / "index.html");

    std::string members = read_file(tmp / "north" / "members.yaml");
    const auto at = members.find("bio:");
    REQUIRE(at != std::string::npos);
    const auto line_end = members.find('\n', at);
    members.insert(line_end + 1, "    A sentence added to the first bio.\n");
    write_file(tmp / "north" / "members.yaml", members);

    const RunResult rebuilt = build({tmp / "north", tmp / "south"}, out);
    INFO(rebuilt.err);
    REQUIRE(rebuilt.exit_code == 0);
    CHECK_THAT(rebuilt.out, Catch::Contains("(1 of 2 sites unchanged)"));
    CHECK_THAT(rebuilt.out, Catch::Contains("unchanged kept)"));
    // Only a few files change, most are kept as they were (same inode).
    CHECK(inode_of(out / "north" / "documents" / "index.html") == untouched_page);
    CHECK(read_file(tmp / "held.html") == held);
    const auto after = snapshot(out);
    CHECK(after != before);
    size_t changed = 0;
    for (const auto& [path, bytes] : after)
        changed += before.count(path) && before.at(path) != bytes;
    CHECK(changed >= 1);
    CHECK(changed < after.size() / 4);

    // The same as a full build of the same sources.
    REQUIRE(build({tmp / "north", tmp / "south"}, tmp / "fresh", {"--force"}).exit_code == 0);
    CHECK(after == snapshot(tmp / "fresh"));

    SECTION("a page that is no longer part of the site goes") {
        fs::remove_all(tmp / "south" / "news");
        fs::remove_all(tmp / "fresh");
        // The hub-free example has news on its homepage; without news the
        // news pages and the feed go.
        const RunResult without = build({tmp / "north", tmp / "south"}, out);
        INFO(without.err);
        REQUIRE(without.exit_code == 0);
        REQUIRE(build({tmp / "north", tmp / "south"}, tmp / "fresh", {"--force"}).exit_code == 0);
        CHECK(snapshot(out) == snapshot(tmp / "fresh"));
        CHECK_FALSE(fs::exists(out / "south" / "feed.xml"));
    }
}

TEST_CASE(
    "incremental: editing one news file rebuilds that site only, and its news page shows the "
    "edit") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "north", fs::copy_options::recursive);
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "south", fs::copy_options::recursive);
    const fs::path out = tmp / "public";
    REQUIRE(build({tmp / "north", tmp / "south"}, out).exit_code == 0);
    const auto before = snapshot(out);
    const fs::path page = fs::path("north") / "news" / "2009-02-02-strategy-agreed" / "index.html";
    REQUIRE(before.count(page.generic_string()));
    CHECK_THAT(before.at(page.generic_string()), !Catch::Contains("edited by hand"));

    // Only the body changes: no other data file, and the same front matter.
    const fs::path news = tmp / "north" / "news" / "2009-02-02-strategy-agreed.md";
    write_file(news, read_file(news) + "\nThis sentence was edited by hand.\n");

    const RunResult rebuilt = build({tmp / "north", tmp / "south"}, out);
    INFO(rebuilt.err);
    REQUIRE(rebuilt.exit_code == 0);
    CHECK_THAT(rebuilt.out, Catch::Contains("(1 of 2 sites unchanged)"));
    const auto after = snapshot(out);
    CHECK_THAT(after.at(page.generic_string()),
               Catch::Contains("This sentence was edited by hand."));
    // Nothing of the other site changed, and the rebuilt one is what a full
    // build of the same sources gives.
    for (const auto& [path, bytes] : before) {
        if (path.rfind("south/", 0) == 0) CHECK(after.at(path) == bytes);
    }
    REQUIRE(build({tmp / "north", tmp / "south"}, tmp / "fresh", {"--force"}).exit_code == 0);
    CHECK(after == snapshot(tmp / "fresh"));
}

TEST_CASE("incremental: errors in several sites are reported in the order the sites were given") {
    TempDir tmp;
    for (const char* name : {"a", "b", "c"}) {
        fs::copy(tests_dir() / "golden" / "examplefield", tmp / name, fs::copy_options::recursive);
    }
    write_file(tmp / "a" / "boards.yaml", "- id: x\n  name: [\n");
    write_file(tmp / "c" / "boards.yaml", "- id: y\n  name: [\n");
    for (int i = 0; i < 3; ++i) {
        const RunResult run = run_lspgen({"build", (tmp / "a").string(), (tmp / "b").string(),
                                          (tmp / "c").string(), "-o", (tmp / "out").string()});
        CHECK(run.exit_code == 1);
        const auto first = run.err.find((tmp / "a" / "boards.yaml").string());
        const auto second = run.err.find((tmp / "c" / "boards.yaml").string());
        REQUIRE(first != std::string::npos);
        REQUIRE(second != std::string::npos);
        CHECK(first < second);
        CHECK_FALSE(fs::exists(tmp / "out"));
    }
}

TEST_CASE("incremental: an unchanged site's warnings are printed again, its link check's too") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    write_file(tmp / "site" / "pages" / "folder-link.md",
               "---\ntitle: Folder link\n---\nSee [the members](../members).\n");
    // In 2030 no meeting is upcoming: the audit warns about that.
    const std::vector<std::string> args{
        "build", (tmp / "site").string(), "-o", (tmp / "public").string(), "--now", "2030-01-01"};
    const RunResult first = run_lspgen(args);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.out, Catch::StartsWith("built 1 site, "));
    CHECK_THAT(first.err, Catch::Contains("warning: good practice not met (meeting-dates)"));
    CHECK_THAT(first.err,
               Catch::Contains("'../members': links to a folder without a trailing slash"));

    const RunResult again = run_lspgen(args);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::StartsWith("unchanged: 1 site, "));
    CHECK(again.err == first.err);
}
