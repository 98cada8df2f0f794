// model/fields: each kind of value read from YAML, with the place of each
// problem. The YAML comes from load/ (parse_yaml), in memory.
#include <catch2/catch.hpp>

#include "load/yaml_loader.hpp"
#include "model/fields.hpp"
#include "support.hpp"

using namespace lspgen;

namespace {

struct Record {
    Diagnostics diagnostics;
    load::RawNode node;
    SiteFolder folder;
    explicit Record(const std::string& yaml, std::filesystem::path dir = ".")
        : folder(std::move(dir), "site") {
        auto parsed = load::parse_yaml(yaml, "site/members.yaml", diagnostics);
        REQUIRE(parsed);
        node = std::move(*parsed);
    }
    std::vector<std::string> problems() const {
        std::vector<std::string> out;
        for (const auto& d : diagnostics.all()) {
            out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) +
                          ": " + d.message);
        }
        return out;
    }
};

}  // namespace

TEST_CASE("fields: good values of each kind read as written") {
    Record r(
        "id: jo-sample\nname: Jo Sample\npublic: false\nseats: 12\nshare: 12.5\n"
        "date: 2009-03-01\nstart: '18:30'\nend: '20:00'\nrole: Chair\n"
        "website: https://www.example.org/\nemail: jo@example.org\nboards: [exec, full]\n");
    Fields f(r.node, "member", r.folder, r.diagnostics);
    REQUIRE(f.ok());
    CHECK(f.id() == "jo-sample");
    CHECK(f.text("name", Need::required) == "Jo Sample");
    CHECK(f.boolean("public") == false);
    CHECK(f.integer("seats") == 12);
    CHECK(f.number("share") == Approx(12.5));
    CHECK(f.date("date") == Date{2009, 3, 1});
    const auto [start, end] = f.time_range("meeting");
    REQUIRE(start);
    REQUIRE(end);
    CHECK(start->text() == "18:30");
    CHECK(f.choice("role", {"Chair", "Member"}) == "Chair");
    CHECK(f.url("website") == "https://www.example.org/");
    CHECK(f.email("email") == "jo@example.org");
    CHECK(f.id_refs("boards").size() == 2);
    f.finish();
    CHECK(r.problems().empty());
}

TEST_CASE("fields: each bad value is an error at its own line and column") {
    Record r(
        "id: Jo Sample\nname: [a, list]\npublic: maybe\ndate: 2009-02-30\n"
        "role: Chiar\nwebsite: javascript:alert(1)\nemial: jo@example.org\n");
    Fields f(r.node, "member", r.folder, r.diagnostics);
    CHECK_FALSE(f.id());
    CHECK_FALSE(f.text("name"));
    CHECK_FALSE(f.boolean("public"));
    CHECK_FALSE(f.date("date"));
    CHECK_FALSE(f.choice("role", {"Chair", "Member"}));
    CHECK_FALSE(f.url("website"));
    CHECK_FALSE(f.email("email"));
    f.finish();
    const auto problems = r.problems();
    REQUIRE(problems.size() == 7);
    CHECK_THAT(problems[0], Catch::StartsWith("1:5: "));
    CHECK_THAT(problems[1], Catch::StartsWith("2:7: "));
    CHECK_THAT(problems[2], Catch::StartsWith("3:9: "));
    CHECK_THAT(problems[3], Catch::StartsWith("4:7: "));
    CHECK_THAT(problems[4], Catch::StartsWith("5:7: ") && Catch::Contains("did you mean 'Chair'"));
    CHECK_THAT(problems[5], Catch::StartsWith("6:10: ") &&
                                Catch::Contains("uses a javascript: URL, which is not allowed"));
    // The typo of a key nobody asked for is reported as the typo.
    CHECK_THAT(problems[6], Catch::StartsWith("7:1: ") && Catch::Contains("'email'"));
}

TEST_CASE("fields: a required key that is missing is reported once, at the record") {
    Record r("id: jo\n");
    Fields f(r.node, "member", r.folder, r.diagnostics);
    CHECK(f.id() == "jo");
    CHECK_FALSE(f.text("name", Need::required));
    f.finish();
    const auto problems = r.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == "1:1: member is missing the required field 'name'");
}

TEST_CASE("fields: a file path must name a file inside the site folder") {
    test::TempDir tmp;
    test::write_file(tmp / "assets" / "jo.jpg", "not really a photo");
    Record r("photo: assets/jo.jpg\nlogo: ../outside.png\nmissing: assets/none.jpg\n", tmp.path());
    Fields f(r.node, "member", r.folder, r.diagnostics);
    const auto photo = f.path("photo");
    REQUIRE(photo);
    CHECK(photo->path == "assets/jo.jpg");
    CHECK_FALSE(f.path("logo"));
    CHECK_FALSE(f.path("missing"));
    const auto problems = r.problems();
    REQUIRE(problems.size() == 2);
    CHECK_THAT(problems[0], Catch::StartsWith("2:7: "));
    CHECK_THAT(problems[1], Catch::StartsWith("3:10: ") && Catch::Contains("file not found"));
}
