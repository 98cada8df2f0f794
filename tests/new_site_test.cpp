// `lspgen new`: a scaffolded site builds at once, the audit finds its
// structure, and an existing folder is never touched.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

const std::string kToday = "2026-01-10";

/// Names of the entries directly in `dir`, sorted.
std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// The audit's outcome of every item, by id.
std::map<std::string, std::string> audit_outcomes(const fs::path& site, const std::string& now) {
    const RunResult audit = run_lspgen({"audit", site.string(), "--format", "json", "--now", now});
    REQUIRE(audit.exit_code == 0);
    const auto report = nlohmann::json::parse(audit.out);
    std::map<std::string, std::string> outcomes;
    for (const auto& item : report["items"]) {
        outcomes[item["id"].get<std::string>()] = item["outcome"].get<std::string>();
    }
    return outcomes;
}

}  // namespace

TEST_CASE("new: a new site builds at once and its links check out") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    const RunResult made = run_lspgen({"new", site.string(), "--now", kToday});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    CHECK(made.out.find("Created " + site.string()) != std::string::npos);
    CHECK(made.out.find("grep -rn TODO " + site.string()) != std::string::npos);

    const RunResult built =
        run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", kToday});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(built.err.find("error") == std::string::npos);
    const RunResult checked = run_lspgen({"check", (tmp / "out").string()});
    INFO(checked.out);
    CHECK(checked.exit_code == 0);
    for (const char* page :
         {"index.html", "members/chair/index.html", "how-we-work/index.html",
          "performance/index.html", "events/index.html", "about/index.html",
          "news/2026-01-10-our-new-website/index.html", "assets/documents/handbook.pdf"}) {
        CHECK(fs::is_regular_file(tmp / "out" / page));
    }
}

TEST_CASE("new: every file of a site is there, with TODO markers and no placeholder left") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday}).exit_code == 0);
    for (const char* file :
         {"site.yaml", "members.yaml", "boards.yaml", "meetings.yaml", "documents.yaml",
          "indicators.yaml", "glossary.yaml", "events.yaml", "templates/README.md"}) {
        INFO(file);
        REQUIRE(fs::is_regular_file(site / file));
        if (fs::path(file).extension() == ".yaml") {
            CHECK(read_file(site / file).find("TODO") != std::string::npos);
        }
    }
    for (const char* folder : {"news", "pages", "assets/documents", "assets/meetings"}) {
        INFO(folder);
        REQUIRE(fs::is_directory(site / folder));
        CHECK_FALSE(fs::is_empty(site / folder));
    }
    const std::regex placeholder("@[A-Z_]+@");
    for (const auto& [path, bytes] : snapshot(site)) {
        INFO(path);
        CHECK_FALSE(std::regex_search(path, placeholder));
        CHECK_FALSE(std::regex_search(bytes, placeholder));
        if (fs::path(path).extension() == ".pdf") CHECK(bytes.rfind("%PDF-", 0) == 0);
    }
}

TEST_CASE("new: the audit finds every structure item met and leaves photos and independence") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday}).exit_code == 0);
    const auto outcomes = audit_outcomes(site, kToday);
    for (const char* item : {"summary",
                             "aim",
                             "meeting-frequency",
                             "meetings-public",
                             "public-questions",
                             "chair",
                             "vice-chair",
                             "member-bios",
                             "meeting-dates",
                             "scs",
                             "laa",
                             "annual-report",
                             "handbook",
                             "how-members-are-chosen",
                             "how-items-reach-the-agenda",
                             "how-decisions-are-made",
                             "agendas-and-minutes",
                             "performance",
                             "contact",
                             "website-address"}) {
        INFO(item);
        CHECK(outcomes.at(item) == "met");
    }
    // Real content an officer must add: photos of real people, and a
    // website of the partnership's own.
    CHECK(outcomes.at("member-photos") == "not-met");
    CHECK(outcomes.at("independent") == "not-met");
}

TEST_CASE("new: meetings are dated around today, whatever today is") {
    for (const std::string today : {"2024-02-29", "2025-12-31", "2027-01-01", "2009-03-01"}) {
        INFO(today);
        TempDir tmp;
        const fs::path site = tmp / "site";
        REQUIRE(run_lspgen({"new", site.string(), "--now", today}).exit_code == 0);
        const auto outcomes = audit_outcomes(site, today);
        CHECK(outcomes.at("meeting-dates") == "met");
        CHECK(outcomes.at("agendas-and-minutes") == "met");
        CHECK(run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", today})
                  .exit_code == 0);
    }
}

TEST_CASE("new: --name is the partnership's name on the built homepage") {
    TempDir tmp;
    const fs::path site = tmp / "riverside";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday, "--name",
                        "Riverside Local Strategic Partnership"})
                .exit_code == 0);
    const std::string yaml = read_file(site / "site.yaml");
    CHECK(yaml.find("name: \"Riverside Local Strategic Partnership\"") != std::string::npos);
    CHECK(yaml.find("short_name: \"Riverside LSP\"") != std::string::npos);
    CHECK(yaml.find("area: \"Riverside\"") != std::string::npos);
    REQUIRE(run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", kToday})
                .exit_code == 0);
    const std::string home = read_file(tmp / "out" / "index.html");
    CHECK(home.find("Riverside Local Strategic Partnership") != std::string::npos);
    CHECK(home.find("Riverside LSP") != std::string::npos);
}

TEST_CASE("new: a --name with quotes, colons and hashes stays one YAML string") {
    TempDir tmp;
    const fs::path site = tmp / "riverside";
    const std::string name = "Riverside \"Together\": partners #1 \\ more";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday, "--name", name}).exit_code == 0);
    REQUIRE(run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", kToday})
                .exit_code == 0);
    const std::string home = read_file(tmp / "out" / "index.html");
    CHECK(home.find("Riverside &quot;Together&quot;: partners #1 \\ more") != std::string::npos);
}

TEST_CASE("new: refuses an existing folder and leaves it byte-for-byte intact") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    write_file(site / "site.yaml", "name: Mine\n");
    write_file(site / "news" / "2009-01-01-mine.md", "---\ntitle: Mine\n---\n");
    const auto before = snapshot(site);
    const auto around = entries(tmp.path());

    const RunResult refused = run_lspgen({"new", site.string(), "--now", kToday});
    CHECK(refused.exit_code == 1);
    CHECK(refused.err == "lspgen: " + site.string() +
                             " already exists; choose a new folder (lspgen new never changes an "
                             "existing one)\n");
    CHECK(refused.out.empty());
    CHECK(snapshot(site) == before);
    CHECK(entries(tmp.path()) == around);  // no staging folder left beside it

    SECTION("a file of that name is refused too") {
        write_file(tmp / "notes", "my notes\n");
        CHECK(run_lspgen({"new", (tmp / "notes").string()}).exit_code == 1);
        CHECK(read_file(tmp / "notes") == "my notes\n");
    }
}

TEST_CASE("new: an existing empty folder is filled") {
    TempDir tmp;
    fs::create_directory(tmp / "examplefield");
    REQUIRE(run_lspgen({"new", (tmp / "examplefield").string(), "--now", kToday}).exit_code == 0);
    CHECK(fs::is_regular_file(tmp / "examplefield" / "site.yaml"));
    CHECK(entries(tmp.path()) == std::vector<std::string>{"examplefield"});
}

TEST_CASE("new: missing parent folders are made") {
    TempDir tmp;
    const fs::path site = tmp / "sites" / "south" / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday}).exit_code == 0);
    CHECK(fs::is_regular_file(site / "site.yaml"));
}

TEST_CASE("new: usage errors exit 2 and make nothing") {
    TempDir tmp;
    const std::vector<std::vector<std::string>> bad = {
        {"new"},
        {"new", (tmp / "Bad Name").string()},
        {"new", (tmp / "examplefield").string(), "--now", "2009-02-30"},
        {"new", (tmp / "examplefield").string(), "--name", ""},
        {"new", (tmp / "examplefield").string(), "--name", "Two\nlines"},
        {"new", (tmp / "examplefield").string(), "--colour", "red"},
    };
    for (const auto& args : bad) {
        INFO(args.size());
        const RunResult result = run_lspgen(args);
        CHECK(result.exit_code == 2);
        CHECK_FALSE(result.err.empty());
    }
    CHECK(fs::is_empty(tmp.path()));
}

TEST_CASE("new: a folder that cannot be written is an environment failure and leaves nothing") {
    TempDir tmp;
    write_file(tmp / "a-file", "not a folder\n");
    const RunResult result = run_lspgen({"new", (tmp / "a-file" / "examplefield").string()});
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("cannot create") != std::string::npos);
    CHECK(entries(tmp.path()) == std::vector<std::string>{"a-file"});
    CHECK(read_file(tmp / "a-file") == "not a folder\n");
}

TEST_CASE("new: --help explains the command with examples") {
    const RunResult help = run_lspgen({"new", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("SITE_DIR") != std::string::npos);
    CHECK(help.out.find("--name") != std::string::npos);
    CHECK(help.out.find("lspgen new sites/examplefield") != std::string::npos);
    CHECK(run_lspgen({"--help"}).out.find("Make a new site folder") != std::string::npos);
}
