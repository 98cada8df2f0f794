// Hostile input that cannot live in git: files too big or too deep to
// commit, files the build may not read, links that loop, a pipe, a device.
// Each case is made at run time in a temporary folder and built by the real
// binary as a child process that is killed past 30 s or 1.5 GB. Each must
// exit 1 with its exact diagnostics, within those bounds, and leave the
// site published before it byte for byte as it was. (The committed corpus
// is tests/invalid/, run by invalid_sites_test.cpp.)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>

#include "child_process.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

const char* const kMemberWithPhoto =
    "- id: jo-sample\n"
    "  name: Jo Sample\n"
    "  role: Member\n"
    "  organisation: Casefield Council\n"
    "  photo: assets/jo.jpg\n"
    "  photo_alt: Jo Sample\n";

const char* const kTail = "1 error; nothing was written to OUT\n";

/// Writes `size` bytes made of `line` repeated, without holding them all.
void write_repeated(const fs::path& file, const std::string& head, const std::string& line,
                    size_t size, const std::string& end) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << head;
    std::string chunk;
    while (chunk.size() < (1 << 20)) chunk += line;
    size_t written = head.size();
    while (written + chunk.size() <= size) {
        out << chunk;
        written += chunk.size();
    }
    out << chunk.substr(0, size - written) << end;
}

/// The diagnostic of a file over 4 MB: at the line where it passes 4 MB,
/// which lspgen shows cut to 160 bytes.
std::string too_big(const std::string& path, size_t size, int line, const std::string& shown) {
    std::string digits = std::to_string(size);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
        digits.insert(static_cast<size_t>(i), ",");
    }
    std::string number = std::to_string(line);
    number.insert(0, number.size() < 5 ? 5 - number.size() : 0, ' ');
    return path + ":" + std::to_string(line) + ":1: error: the file is too big: " + digits +
           " bytes, and lspgen reads files of up to 4 MB (4,194,304 bytes); it passes that on "
           "this line. Is it the right file?\n" +
           number + " | " + shown + "\n" + std::string(number.size(), ' ') + " | ^\n" + kTail;
}

/// Every path under `dir`, `dir` itself included, given to `owner`.
void chown_tree(const fs::path& dir, uid_t owner) {
    REQUIRE(lchown(dir.c_str(), owner, owner) == 0);
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        REQUIRE(lchown(entry.path().c_str(), owner, owner) == 0);
    }
}

/// How a case is made and what it must print.
struct Case {
    std::string name;
    /// Writes the case's mistake into the site folder (a valid site already).
    std::function<void(const fs::path& site)> make;
    /// The exact stderr, with OUT for the output folder; computed from the
    /// site folder when it depends on sizes.
    std::function<std::string(const fs::path& site)> expected;
    /// When not empty, a path under the site that lspgen must not be able
    /// to read: it runs as an unprivileged user, and that user is first
    /// shown unable to read it, so that the case cannot pass vacuously.
    std::string locked = {};
};

std::vector<Case> cases() {
    std::vector<Case> all;
    auto fixed = [](std::string text) { return [text](const fs::path&) { return text; }; };

    // Sizes and depths.
    all.push_back({"a value of 100 MB on one line",
                   [](const fs::path& site) {
                       write_repeated(site / "members.yaml",
                                      std::string(kMembersYaml) + "  bio: ", "a", 100 << 20, "\n");
                   },
                   [](const fs::path& site) {
                       return too_big("site/members.yaml", fs::file_size(site / "members.yaml"), 5,
                                      "  bio: " + std::string(153, 'a') + "…");
                   }});
    all.push_back(
        {"a Markdown page of 100 MB",
         [](const fs::path& site) {
             fs::create_directories(site / "pages");
             write_repeated(site / "pages" / "report.md", "---\ntitle: Annual report\n---\n",
                            std::string(99, 'x') + "\n", 100 << 20, "");
         },
         [](const fs::path& site) {
             // 29 bytes of front matter, then lines of 100 bytes; the line
             // is shown up to where lspgen stopped reading.
             const size_t body = 4194304 - 29;
             return too_big("site/pages/report.md", fs::file_size(site / "pages" / "report.md"),
                            static_cast<int>(3 + body / 100 + 1), std::string(body % 100, 'x'));
         }});
    all.push_back({"a list nested 100000 deep",
                   [](const fs::path& site) {
                       write_file(site / "documents.yaml",
                                  "- id: scs\n  type: other\n  title: " + std::string(100000, '[') +
                                      std::string(100000, ']') + "\n");
                   },
                   fixed("site/documents.yaml:3:73: error: the data is nested more than 64 "
                         "levels deep here (lists or mappings inside one another); a site's "
                         "files need only a few levels\n"
                         "    3 | …[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[…\n"
                         "      |                                                              ^\n"
                         "1 error; nothing was written to OUT\n")});
    all.push_back(
        {"mappings nested 1000 deep in front matter",
         [](const fs::path& site) {
             std::string text = "---\ntitle: Deep\nmenu:\n";
             for (int i = 1; i <= 1000; ++i) {
                 text += std::string(static_cast<size_t>(i), ' ') + "k:\n";
             }
             write_file(site / "pages" / "deep.md", text + "---\nDeep.\n");
         },
         fixed("site/pages/deep.md:68:66: error: the data is nested more than 64 "
               "levels deep here (lists or mappings inside one another); a site's "
               "files need only a few levels\n"
               "   68 |                                                                  k:\n"
               "      |                                                                  ^\n"
               "1 error; nothing was written to OUT\n")});
    all.push_back(
        {"a 1 MB text repeated by aliases",
         [](const fs::path& site) {
             std::string text =
                 "- id: open-day\n  title: Open day\n  date: 2009-03-20\n"
                 "  description: &text " +
                 std::string(1 << 20, 'a') + "\n";
             for (int i = 0; i < 20; ++i) {
                 text += "- {id: day-" + std::to_string(i) +
                         ", title: Day, date: 2009-03-21, description: *text}\n";
             }
             write_file(site / "events.yaml", text);
         },
         fixed("site/events.yaml:19:59: error: this alias (*text) brings the file past 16 MB of "
               "text, counting each alias as a copy of what its anchor (&text) names; lspgen "
               "stops here\n"
               "   19 | - {id: day-14, title: Day, date: 2009-03-21, description: *text}\n"
               "      |                                                           ^~~~~\n"
               "1 error; nothing was written to OUT\n")});

    // Files that cannot be read.
    all.push_back(
        {"a data file nobody may read",
         [](const fs::path& site) { fs::permissions(site / "members.yaml", fs::perms::none); },
         fixed("site/members.yaml: error: this cannot be read: permission denied "
               "(check who may read it, and the folders it is in)\n"
               "1 error; nothing was written to OUT\n"),
         "members.yaml"});
    all.push_back({"a photo nobody may read",
                   [](const fs::path& site) {
                       write_file(site / "members.yaml", kMemberWithPhoto);
                       write_file(site / "assets" / "jo.jpg", "JPEG");
                       fs::permissions(site / "assets" / "jo.jpg", fs::perms::none);
                   },
                   fixed("site/members.yaml:5:10: error: 'assets/jo.jpg' cannot be read: "
                         "permission denied (check who may read it, and the folders it is in)\n"
                         "    5 |   photo: assets/jo.jpg\n"
                         "      |          ^~~~~~~~~~~~~\n"
                         "1 error; nothing was written to OUT\n"),
                   "assets/jo.jpg"});
    all.push_back({"a photo in a folder nobody may enter",
                   [](const fs::path& site) {
                       write_file(site / "members.yaml",
                                  std::string(kMemberWithPhoto)
                                      .replace(std::string(kMemberWithPhoto).find("assets/jo.jpg"),
                                               13, "assets/private/jo.jpg"));
                       write_file(site / "assets" / "private" / "jo.jpg", "JPEG");
                       fs::permissions(site / "assets" / "private", fs::perms::none);
                   },
                   fixed("site/members.yaml:5:10: error: 'assets/private/jo.jpg' cannot be "
                         "read: permission denied (check who may read it, and the folders it "
                         "is in)\n"
                         "    5 |   photo: assets/private/jo.jpg\n"
                         "      |          ^~~~~~~~~~~~~~~~~~~~~\n"
                         "1 error; nothing was written to OUT\n"),
                   "assets/private/jo.jpg"});
    all.push_back({"an asset nobody may read, that no data names",
                   [](const fs::path& site) {
                       write_file(site / "assets" / "minutes-draft.pdf", "%PDF");
                       fs::permissions(site / "assets" / "minutes-draft.pdf", fs::perms::none);
                   },
                   fixed("site/assets/minutes-draft.pdf: error: 'assets/minutes-draft.pdf' "
                         "cannot be read: permission denied (check who may read it, and the "
                         "folders it is in)\n"
                         "1 error; nothing was written to OUT\n"),
                   "assets/minutes-draft.pdf"});
    all.push_back({"a folder in assets nobody may enter, that no data names",
                   [](const fs::path& site) {
                       write_file(site / "assets" / "private" / "notes.pdf", "%PDF");
                       fs::permissions(site / "assets" / "private", fs::perms::none);
                   },
                   fixed("site/assets/private: error: 'assets/private' is a folder that cannot "
                         "be read: permission denied (check who may read it, and the folders "
                         "it is in)\n"
                         "1 error; nothing was written to OUT\n"),
                   "assets/private/notes.pdf"});
    all.push_back({"a template nobody may read",
                   [](const fs::path& site) {
                       write_file(site / "templates" / "layouts" / "home.mustache",
                                  "<h1>{{site.name}}</h1>\n");
                       fs::permissions(site / "templates" / "layouts" / "home.mustache",
                                       fs::perms::none);
                   },
                   fixed("site/templates/layouts/home.mustache: error: this cannot be read: "
                         "permission denied (check who may read it, and the folders it is "
                         "in)\n"
                         "1 error; nothing was written to OUT\n"),
                   "templates/layouts/home.mustache"});

    // Links that loop, a pipe, a device.
    all.push_back(
        {"a data file that is a link to itself",
         [](const fs::path& site) { fs::create_symlink("meetings.yaml", site / "meetings.yaml"); },
         fixed("site/meetings.yaml: error: this is a symbolic link that leads back "
               "to itself (a loop of links)\n"
               "1 error; nothing was written to OUT\n")});
    all.push_back({"a photo whose links go round in a loop",
                   [](const fs::path& site) {
                       write_file(site / "members.yaml", kMemberWithPhoto);
                       fs::create_directories(site / "assets");
                       fs::create_symlink("portrait.jpg", site / "assets" / "jo.jpg");
                       fs::create_symlink("jo.jpg", site / "assets" / "portrait.jpg");
                   },
                   fixed("site/members.yaml:5:10: error: 'assets/jo.jpg' is a symbolic link "
                         "that leads back to itself (a loop of links)\n"
                         "    5 |   photo: assets/jo.jpg\n"
                         "      |          ^~~~~~~~~~~~~\n"
                         "1 error; nothing was written to OUT\n")});
    all.push_back({"a template that is a link to itself",
                   [](const fs::path& site) {
                       fs::create_directories(site / "templates" / "partials");
                       fs::create_symlink("member-card.mustache",
                                          site / "templates" / "partials" / "member-card.mustache");
                   },
                   fixed("site/templates/partials/member-card.mustache: error: "
                         "'partials/member-card.mustache' is a symbolic link that leads back to "
                         "itself (a loop of links)\n"
                         "1 error; nothing was written to OUT\n")});
    all.push_back({"a data file that is a named pipe",
                   [](const fs::path& site) {
                       fs::remove(site / "members.yaml");
                       REQUIRE(mkfifo((site / "members.yaml").c_str(), 0644) == 0);
                   },
                   fixed("site/members.yaml: error: this is a named pipe, not a file\n"
                         "1 error; nothing was written to OUT\n")});
    all.push_back({"site.yaml a link to /dev/zero",
                   [](const fs::path& site) {
                       fs::remove(site / "site.yaml");
                       fs::create_symlink("/dev/zero", site / "site.yaml");
                   },
                   fixed("site/site.yaml: error: this is a device, not a file\n"
                         "1 error; nothing was written to OUT\n")});
    return all;
}

/// Every entry of `dir` except the output and the site, with the bytes of
/// those that are files.
std::map<std::string, std::string> beside_out(const fs::path& dir) {
    std::map<std::string, std::string> entries;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name == "public" || name == "site") continue;
        entries[name] = entry.is_regular_file() ? read_file(entry.path()) : "(folder)";
    }
    return entries;
}

std::string with_out(std::string text, const std::string& out) {
    for (size_t at; (at = text.find(out)) != std::string::npos;)
        text.replace(at, out.size(), "OUT");
    return text;
}

}  // namespace

TEST_CASE(
    "hostile input: each generated case exits 1 with its exact diagnostics in bounded "
    "time and memory and leaves OUT intact") {
    const auto all = cases();
    REQUIRE(all.size() >= 14);
    for (const Case& c : all) {
        DYNAMIC_SECTION(c.name) {
            TempDir tmp;
            const fs::path site = tmp / "site";
            const fs::path out = tmp / "public";
            write_file(site / "site.yaml", kSiteYaml);
            write_file(site / "members.yaml", kMembersYaml);
            // The previously published site: the same folder, still valid.
            REQUIRE(run_lspgen(
                        {"build", site.string(), "-o", out.string(), "--now", "2009-03-01", "-q"})
                        .exit_code == 0);
            const auto published = snapshot(out);
            REQUIRE_FALSE(published.empty());
            const auto published_beside = beside_out(tmp.path());

            c.make(site);
            std::vector<std::string> command = {LSPGEN_BINARY};
            if (!c.locked.empty()) {
                // Everything belongs to the unprivileged user, who could
                // overwrite OUT if lspgen went wrong, except what the case
                // locked: mode 000 keeps out even the owner.
                if (geteuid() == 0) chown_tree(tmp.path(), unprivileged_uid());
                command = joined(unprivileged(), {binary_for_unprivileged()});
                const ChildRun probe =
                    run_child(joined(unprivileged(), {"cat", (site / c.locked).string()}));
                INFO("lspgen must run as a user who cannot read "
                     << c.locked << "; cat as that user: " << probe.summary() << " " << probe.err);
                REQUIRE(probe.exit_code != 0);
                REQUIRE(probe.err.find("Permission denied") != std::string::npos);
            }
            command.insert(command.end(),
                           {"build", "site", "-o", out.string(), "--now", "2009-03-01"});
            const ChildRun run = run_child(command, tmp.path());
            INFO(run.summary());
            CHECK_FALSE(run.timed_out);
            CHECK_FALSE(run.over_memory);
            CHECK(run.seconds < 30);
            CHECK(run.peak_rss_kb > 0);  // measured
            CHECK(run.peak_rss_kb < 1536 * 1024);
            CHECK(run.exit_code == 1);
            CHECK(with_out(run.err, out.string()) == c.expected(site));
            CHECK(snapshot(out) == published);
            // Beside OUT, what the published build left there (its state),
            // unchanged, and nothing new: no staging folder left behind.
            CHECK(beside_out(tmp.path()) == published_beside);
            // So that TempDir can remove everything when not root.
            std::error_code ec;
            fs::permissions(site / "assets" / "private", fs::perms::owner_all,
                            fs::perm_options::add, ec);
            for (const auto& entry : fs::recursive_directory_iterator(tmp.path(), ec)) {
                if (!entry.is_symlink(ec)) {
                    fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
                }
            }
        }
    }
}

TEST_CASE(
    "hostile input: a UTF-8 byte order mark at the start of a YAML file or a page is "
    "accepted") {
    // Windows editors write one; YAML allows it. It is dropped, not shown.
    TempDir tmp;
    const std::string bom = "\xEF\xBB\xBF";
    write_file(tmp / "site" / "site.yaml", bom + kSiteYaml);
    write_file(tmp / "site" / "members.yaml", bom + kMembersYaml);
    write_file(tmp / "site" / "pages" / "about.md",
               bom + "---\ntitle: About us\n---\nWho we are.\n");
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string about = read_file(tmp / "out" / "about" / "index.html");
    CHECK_THAT(about, Catch::Contains(">About us</h1>"));
    CHECK_THAT(read_file(tmp / "out" / "index.html"), Catch::Contains("Casefield Partnership"));
    CHECK(about.find(bom) == std::string::npos);
}
