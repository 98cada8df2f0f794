// What lspgen will and will not touch: it publishes only into a folder that
// is new, empty or its own earlier output, replaces or removes only files it
// recorded writing, and refuses every other output folder before writing
// anything. The real binary runs on real folders; the property test at the
// end plays random sequences of builds, edits, forced and killed builds
// among a user's files and checks after every step that each one is intact.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <random>
#include <set>

#include "child_process.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

void write_site(const fs::path& dir) {
    write_file(dir / "site.yaml", kSiteYaml);
    write_file(dir / "members.yaml", kMembersYaml);
    write_file(dir / "pages" / "about.md", "---\ntitle: About us\n---\nWe plan together.\n");
}

/// lspgen build SITE -o OUT, run as a child process with `env` set.
ChildRun build(const fs::path& site, const std::string& out, const fs::path& cwd = {},
               const std::vector<std::string>& env = {},
               const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv{"env"};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.insert(argv.end(),
                {LSPGEN_BINARY, "build", site.string(), "-o", out, "--now", "2009-03-01", "-q"});
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_child(argv, cwd);
}

/// Every entry directly in `dir`, by name.
std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

}  // namespace

TEST_CASE("output safety: an output folder holding the user's files is refused, and they stay") {
    TempDir tmp;
    write_site(tmp / "site");
    write_file(tmp / "docs" / "thesis.txt", "x");
    write_file(tmp / "docs" / "chapters" / "one.md", "one");
    for (const char* force : {"", "--force"}) {
        std::vector<std::string> extra;
        if (*force) extra.push_back(force);
        const ChildRun run = build(tmp / "site", (tmp / "docs").string(), {}, {}, extra);
        INFO(run.err);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Catch::Contains("already holds 2 files") &&
                                Catch::Contains((tmp / "docs" / "thesis.txt").string()) &&
                                Catch::Contains((tmp / "docs" / "chapters" / "one.md").string()) &&
                                Catch::Contains("Choose an empty or new folder with -o"));
    }
    CHECK(snapshot(tmp / "docs") ==
          std::map<std::string, std::string>{{"thesis.txt", "x"}, {"chapters/one.md", "one"}});
    // Nothing was written beside it either: no spare, no staging, no record.
    CHECK(names_in(tmp.path()) == std::set<std::string>{"docs", "site"});
}

TEST_CASE("output safety: a user's file put into lspgen's own output stops the next build") {
    TempDir tmp;
    write_site(tmp / "site");
    const std::string out = (tmp / "public").string();
    REQUIRE(build(tmp / "site", out).exit_code == 0);
    write_file(tmp / "public" / "notes.txt", "mine");
    write_file(tmp / "site" / "pages" / "about.md", "---\ntitle: About\n---\nChanged.\n");
    const ChildRun run = build(tmp / "site", out);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("that lspgen did not write") &&
                            Catch::Contains((tmp / "public" / "notes.txt").string()));
    CHECK(read_file(tmp / "public" / "notes.txt") == "mine");
    // Moved away, the next build goes ahead.
    fs::remove(tmp / "public" / "notes.txt");
    CHECK(build(tmp / "site", out).exit_code == 0);
    CHECK_THAT(read_file(tmp / "public" / "about" / "index.html"), Catch::Contains("Changed."));
}

TEST_CASE("output safety: a symbolic link as the output folder is refused, its target untouched") {
    TempDir tmp;
    write_site(tmp / "site");
    write_file(tmp / "www" / "index.html", "the live site");
    fs::create_directory_symlink(tmp / "www", tmp / "public");
    // An empty target too: the link is the user's, whatever it points at.
    fs::create_directory(tmp / "empty");
    fs::create_directory_symlink(tmp / "empty", tmp / "public2");
    for (const char* link : {"public", "public2"}) {
        for (const char* force : {"", "--force"}) {
            std::vector<std::string> extra;
            if (*force) extra.push_back(force);
            const ChildRun run = build(tmp / "site", (tmp / link).string(), {}, {}, extra);
            INFO(run.err);
            CHECK(run.exit_code == 1);
            CHECK_THAT(run.err, Catch::Contains("it is a symbolic link"));
            CHECK(fs::is_symlink(tmp / link));
        }
    }
    CHECK(snapshot(tmp / "www") ==
          std::map<std::string, std::string>{{"index.html", "the live site"}});
    CHECK(fs::is_empty(tmp / "empty"));
    CHECK(names_in(tmp.path()) ==
          std::set<std::string>{"empty", "public", "public2", "site", "www"});
}

TEST_CASE("output safety: the site folder, a folder holding it or one inside it is refused") {
    TempDir tmp;
    write_site(tmp / "sites" / "x");
    const auto before = snapshot(tmp.path());
    const std::pair<std::string, const char*> cases[] = {
        {(tmp / "sites" / "x").string(), "it is the site folder"},
        {(tmp / "sites" / "x").string() + "/", "it is the site folder"},
        {(tmp / "sites").string(), "it holds the site folder"},
        {tmp.path().string(), "it holds the site folder"},
        {(tmp / "sites" / "x" / "public").string(), "it lies inside the site folder"},
        {(tmp / "sites" / "x" / "pages").string(), "it lies inside the site folder"},
    };
    for (const auto& [out, why] : cases) {
        const ChildRun run = build(tmp / "sites" / "x", out);
        INFO(out << "\n" << run.err);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Catch::Contains("refusing to publish into") && Catch::Contains(why));
    }
    CHECK(snapshot(tmp.path()) == before);
    CHECK(names_in(tmp / "sites") == std::set<std::string>{"x"});
    // `-o .` from inside the site folder, as typed.
    const ChildRun dot = build(".", ".", tmp / "sites" / "x");
    CHECK(dot.exit_code == 1);
    CHECK_THAT(dot.err, Catch::Contains("refusing to publish into .: it is the site folder ."));
    CHECK(snapshot(tmp.path()) == before);
}

TEST_CASE(
    "output safety: a git work tree's sites/, themes/ and generator/ are refused, so is -o .") {
    TempDir tmp;
    const fs::path repo = tmp / "repo";
    fs::create_directories(repo / ".git");
    write_file(repo / "themes" / "mine.css", "body{}");
    write_file(repo / "generator" / "main.cpp", "int main() {}");
    write_site(repo / "sites" / "x");
    const auto before = snapshot(repo);
    for (const char* out : {".", "sites", "sites/y", "themes", "themes/out", "generator"}) {
        const ChildRun run = build("sites/x", out, repo);
        INFO(out << "\n" << run.err);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Catch::Contains("refusing to publish into"));
    }
    CHECK(snapshot(repo) == before);
    // Beside them is fine.
    CHECK(build("sites/x", "public", repo).exit_code == 0);
    CHECK(fs::exists(repo / "public" / "index.html"));
}

TEST_CASE("output safety: / and $HOME are refused before anything is written") {
    TempDir tmp;
    write_site(tmp / "site");
    fs::create_directories(tmp / "home" / "me");
    write_file(tmp / "home" / "me" / ".profile", "# mine");
    const auto root_before = names_in("/");
    const std::string home = "HOME=" + (tmp / "home" / "me").string();
    const std::pair<std::string, const char*> cases[] = {
        {"/", "it is the root of the file system"},
        {"//", "it is the root of the file system"},
        {(tmp / "home" / "me").string(), "it is your home folder"},
        {(tmp / "home").string(), "it holds your home folder"},
    };
    for (const auto& [out, why] : cases) {
        const ChildRun run = build(tmp / "site", out, {}, {home});
        INFO(out << "\n" << run.err);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.err, Catch::Contains(why));
    }
    CHECK(names_in("/") == root_before);
    CHECK(snapshot(tmp / "home") == std::map<std::string, std::string>{{"me/.profile", "# mine"}});
}

TEST_CASE("output safety: a spare holding the user's files is left alone, with a warning") {
    TempDir tmp;
    write_site(tmp / "site");
    const std::string out = (tmp / "public").string();
    REQUIRE(build(tmp / "site", out).exit_code == 0);
    REQUIRE(build(tmp / "site", out, {}, {}, {"--force"}).exit_code == 0);
    REQUIRE(fs::is_directory(tmp / ".public.spare"));
    write_file(tmp / ".public.spare" / "keep.txt", "mine");
    for (int i = 0; i < 2; ++i) {
        write_file(tmp / "site" / "pages" / "about.md",
                   "---\ntitle: About\n---\nEdit " + std::to_string(i) + "\n");
        std::vector<std::string> argv{
            LSPGEN_BINARY, "build", (tmp / "site").string(), "-o", out, "--now", "2009-03-01"};
        const ChildRun run = run_child(argv);
        INFO(run.err);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.err,
                   Catch::Contains(".public.spare holds files that lspgen did not record"));
    }
    CHECK(read_file(tmp / ".public.spare" / "keep.txt") == "mine");
    CHECK_THAT(read_file(tmp / "public" / "about" / "index.html"), Catch::Contains("Edit 1"));
}

TEST_CASE(
    "output safety: random builds, edits, forced and killed builds never touch a file lspgen "
    "did not write") {
    // Where a user's files may be: beside OUT, inside it (every build must
    // then refuse), in the spare and in what looks like a staging folder
    // (left alone), and further up.
    const char* const places[] = {"work",
                                  "work/public",
                                  "work/public/members",
                                  "work/.public.spare",
                                  "work/.public.staging-1",
                                  "."};
    const char* const failpoints[] = {"staged", "recorded", "swapped", "committed"};
    int all_killed = 0, all_refused = 0;
    for (unsigned seed = 1; seed <= 4; ++seed) {
        INFO("seed " << seed);
        std::mt19937 random(seed);
        const auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
        TempDir tmp;
        write_site(tmp / "site");
        const std::string out = (tmp / "work" / "public").string();
        std::map<fs::path, std::string> user_files;
        int built = 0, refused = 0, killed = 0, edits = 0;
        const auto user_files_in_out = [&] {
            return std::any_of(user_files.begin(), user_files.end(), [&](const auto& f) {
                return f.first.string().rfind(out + "/", 0) == 0;
            });
        };
        const auto edit_site = [&] {
            ++edits;
            const std::string page = "p" + std::to_string(pick(4)) + ".md";
            if (pick(3) == 0) {
                fs::remove(tmp / "site" / "pages" / page);
            } else {
                write_file(
                    tmp / "site" / "pages" / page,
                    "---\ntitle: Page " + page + "\n---\nEdit " + std::to_string(edits) + "\n");
            }
        };
        for (int step = 0; step < 18; ++step) {
            // Puts a file twice as often as anything else.
            const size_t action = std::max<size_t>(pick(8), 1) - 1;
            std::string what;
            if (action == 0) {
                const fs::path file = tmp / places[pick(std::size(places))] /
                                      ("mine-" + std::to_string(step) + ".txt");
                user_files[file] = "user's bytes " + std::to_string(random());
                write_file(file, user_files[file]);
                what = "put " + file.string();
            } else if (action == 1) {
                // The user moves their files out of OUT, as the message asks.
                std::map<fs::path, std::string> moved;
                for (auto it = user_files.begin(); it != user_files.end();) {
                    if (it->first.string().rfind(out + "/", 0) == 0) {
                        const fs::path to = tmp / ("moved-" + it->first.filename().string());
                        fs::rename(it->first, to);
                        moved[to] = it->second;
                        it = user_files.erase(it);
                    } else {
                        ++it;
                    }
                }
                user_files.insert(moved.begin(), moved.end());
                what = "moved the user's files out of OUT";
            } else {
                std::vector<std::string> env, extra;
                if (action == 3 || action == 5) edit_site();
                if (action == 4) extra.push_back("--force");
                if (action == 5) {
                    env.push_back(std::string("LSPGEN_FAILPOINT=") +
                                  failpoints[pick(std::size(failpoints))]);
                }
                const bool in_the_way = user_files_in_out();
                const ChildRun run = build(tmp / "site", out, {}, env, extra);
                what = "build " + (env.empty() ? "" : env[0]) + (extra.empty() ? "" : " --force") +
                       ": " + run.summary() + "\n" + run.err;
                INFO("step " << step << ": " << what);
                if (in_the_way) {
                    CHECK(run.exit_code == 1);
                    ++refused;
                } else if (action == 5 && run.signal == SIGKILL) {
                    ++killed;  // (an edit that changed nothing publishes nothing: no failpoint)
                } else {
                    CHECK(run.exit_code == 0);
                    CHECK(fs::exists(fs::path(out) / "index.html"));
                    ++built;
                }
            }
            INFO("step " << step << ": " << what);
            for (const auto& [file, bytes] : user_files) {
                INFO(file);
                REQUIRE(fs::is_regular_file(file));
                CHECK(read_file(file) == bytes);
            }
        }
        INFO("built " << built << ", refused " << refused << ", killed " << killed);
        CHECK(built >= 2);
        CHECK(built + refused + killed >= 6);
        all_killed += killed;
        all_refused += refused;
    }
    // Each kind of step happened somewhere in the runs.
    CHECK(all_killed >= 2);
    CHECK(all_refused >= 2);
}
