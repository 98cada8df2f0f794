// The transparency audit: `lspgen audit SITE` and the warnings of `lspgen build`.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

const char* const kBareSite = R"(name: Testfield Partnership
area: Testfield
summary: The partnership of Testfield.
contact:
  email: lsp@testfield.example
)";

// Everything the checklist asks for.
const char* const kFullSite = R"(name: Testfield Partnership
area: Testfield
base_url: https://testfield.example/
summary: The partnership of Testfield. We meet quarterly in public.
aim: A better Testfield.
meeting_frequency: quarterly
meetings_public: true
public_questions: Email us before the meeting.
independent: true
contact:
  email: lsp@testfield.example
  phone: 01234 567890
governance:
  membership: Partners nominate members.
  agenda: Any member may add an item.
  decisions: By consensus.
key_documents: [scs, laa, handbook]
)";

const char* const kFullMembers = R"(- id: ann-chair
  name: Ann Chair
  role: Chair
  organisation: Testfield Council
  photo: assets/ann.jpg
  photo_alt: Ann Chair
  bio: Ann chairs.
- id: bob-vice
  name: Bob Vice
  role: Vice-chair
  organisation: Testfield Police
  photo: assets/bob.jpg
  photo_alt: Bob Vice
  bio: Bob deputises.
)";

const char* const kFullMeetings = R"(- id: past
  title: Board
  date: 2009-01-10
  status: held
  agenda: {url: "https://testfield.example/agenda.pdf"}
  minutes: {url: "https://testfield.example/minutes.pdf"}
  decisions:
    - text: Agreed the plan.
- id: next
  title: Board
  date: 2009-04-10
)";

const char* const kFullDocuments =
    R"(- {id: scs, type: sustainable-community-strategy, title: SCS, url: "https://testfield.example/scs.pdf"}
- {id: laa, type: local-area-agreement, title: LAA, url: "https://testfield.example/laa.pdf"}
- {id: ar, type: annual-report, title: Annual report, url: "https://testfield.example/ar.pdf"}
- {id: handbook, type: handbook, title: Handbook, url: "https://testfield.example/hb.pdf"}
)";

const char* const kIndicators = R"(- code: NI 1
  title: Cohesion
  direction: higher-is-better
)";

fs::path write_full_site(const TempDir& tmp) {
    const fs::path site = tmp / "testfield";
    write_file(site / "site.yaml", kFullSite);
    write_file(site / "members.yaml", kFullMembers);
    write_file(site / "meetings.yaml", kFullMeetings);
    write_file(site / "documents.yaml", kFullDocuments);
    write_file(site / "indicators.yaml", kIndicators);
    write_file(site / "assets" / "ann.jpg", "jpeg");
    write_file(site / "assets" / "bob.jpg", "jpeg");
    return site;
}

nlohmann::json audit_json(const fs::path& site) {
    const RunResult run =
        run_lspgen({"audit", site.string(), "--format", "json", "--now", "2009-03-01"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(run.out);
}

const nlohmann::json& item(const nlohmann::json& report, const std::string& id) {
    for (const auto& i : report["items"]) {
        if (i["id"] == id) return i;
    }
    FAIL("no item " << id);
    throw;
}

}  // namespace

TEST_CASE("audit: a site with everything the seeds ask for meets every item") {
    TempDir tmp;
    const auto report = audit_json(write_full_site(tmp));
    INFO(report.dump(2));
    const int total = static_cast<int>(lspgen::audit::checklist().size());
    CHECK(report["score"]["total"] == total);
    CHECK(report["score"]["met"] == total);
    CHECK(report["score"]["unknown"] == 0);
    for (const auto& i : report["items"]) {
        CHECK(i["outcome"] == "met");
        CHECK_FALSE(i.contains("fix"));
    }
}

TEST_CASE("audit: a bare site is told what to add, item by item") {
    TempDir tmp;
    write_file(tmp / "bare" / "site.yaml", kBareSite);
    const auto report = audit_json(tmp / "bare");
    CHECK(report["name"] == "Testfield Partnership");
    CHECK(item(report, "summary")["outcome"] == "met");
    CHECK(item(report, "chair")["outcome"] == "not-met");
    CHECK(item(report, "chair")["why"] == "Nobody holds the post of Chair.");
    CHECK(item(report, "chair")["fix"] ==
          "Give one member 'role: Chair' in members.yaml (the homepage then names them).");
    CHECK(item(report, "scs")["fix"] ==
          "Add it to documents.yaml with 'type: sustainable-community-strategy' and list its id "
          "in key_documents.");
    CHECK(item(report, "contact")["why"] == "The contact details have no phone number.");
    CHECK(item(report, "independent")["outcome"] == "not-met");
    CHECK(item(report, "meeting-dates")["outcome"] == "not-met");
    // Only the summary is there, and no placeholder text.
    CHECK(item(report, "placeholders")["outcome"] == "met");
    CHECK(report["score"]["met"] == 2);
}

TEST_CASE("audit: a document that exists but is not on the homepage is not one click away") {
    TempDir tmp;
    const fs::path site = write_full_site(tmp);
    std::string yaml = read_file(site / "site.yaml");
    yaml.replace(yaml.find("[scs, laa, handbook]"), 20, "[scs, handbook]");
    write_file(site / "site.yaml", yaml);
    const auto report = audit_json(site);
    CHECK(item(report, "laa")["outcome"] == "not-met");
    CHECK(item(report, "laa")["why"] ==
          "The Local Area Agreement is published but is not on the homepage.");
    CHECK(item(report, "laa")["fix"] == "List its id in key_documents in site.yaml.");
}

TEST_CASE("audit: meetings held without minutes, and members without photos, are counted") {
    TempDir tmp;
    const fs::path site = write_full_site(tmp);
    std::string meetings = read_file(site / "meetings.yaml");
    const size_t minutes = meetings.find("  minutes:");
    meetings.erase(minutes, meetings.find('\n', minutes) + 1 - minutes);
    write_file(site / "meetings.yaml",
               meetings + "- {id: older, title: Board, date: 2008-10-01}\n");
    std::string members = read_file(site / "members.yaml");
    members += "- {id: cy, name: Cy, role: Member, organisation: PCT}\n";
    write_file(site / "members.yaml", members);
    const auto report = audit_json(site);
    CHECK(item(report, "agendas-and-minutes")["why"] ==
          "2 of 2 meetings held lack an agenda or minutes.");
    CHECK(item(report, "member-photos")["why"] == "1 member has no photo (of 3).");
    CHECK(item(report, "member-bios")["why"] == "1 member has no biography (of 3).");
}

TEST_CASE("audit: the human report gives the score and what to add") {
    TempDir tmp;
    write_file(tmp / "bare" / "site.yaml", kBareSite);
    const RunResult run = run_lspgen({"audit", (tmp / "bare").string(), "--now", "2009-03-01"});
    REQUIRE(run.exit_code == 0);
    const int total = static_cast<int>(lspgen::audit::checklist().size());
    CHECK_THAT(run.out, Catch::Contains("score: 2 of " + std::to_string(total) +
                                        " good-practice items met"));
    CHECK_THAT(run.out, Catch::Contains("MISSING  Vice-chair named on the homepage [vice-chair]\n"
                                        "           Nobody holds the post of Vice-chair.\n"
                                        "           to meet it: Give one member 'role: "
                                        "Vice-chair' in members.yaml"));
    // --fail-under makes it a CI gate.
    const RunResult gate =
        run_lspgen({"audit", (tmp / "bare").string(), "--now", "2009-03-01", "--fail-under", "3"});
    CHECK(gate.exit_code == 1);
    const RunResult bad = run_lspgen({"audit", (tmp / "bare").string(), "--format", "xml"});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("audit: bad data is reported as errors and not audited") {
    TempDir tmp;
    write_file(tmp / "bad" / "site.yaml", "name: X\narea: Y\n");
    const RunResult run = run_lspgen({"audit", (tmp / "bad").string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("site.yaml"));
    CHECK_THAT(run.err, Catch::Contains("error:"));
    CHECK(run.out.empty());
}

TEST_CASE("audit: build prints unmet items as warnings, never errors, and -q hides them") {
    TempDir tmp;
    write_file(tmp / "bare" / "site.yaml", kBareSite);
    const RunResult run = run_lspgen(
        {"build", (tmp / "bare").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::Contains((tmp / "bare" / "members.yaml").string() +
                                        ": warning: good practice not met (vice-chair): "
                                        "Nobody holds the post of Vice-chair."));
    CHECK(run.err.find("error") == std::string::npos);
    CHECK(fs::exists(tmp / "out" / "index.html"));
    const RunResult quiet = run_lspgen({"build", (tmp / "bare").string(), "-o",
                                        (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.err.empty());
}

TEST_CASE("audit: facts that open data does not publish are not known, not failed") {
    lspgen::audit::Evidence evidence;
    evidence.name = "Remote LSP";
    evidence.chair = "Cllr A";
    evidence.vice_chair = "";
    const auto report = lspgen::audit::run(evidence);
    CHECK(report.met() == 1);
    CHECK(report.missing().size() == 1);
    CHECK(report.missing().front()->id == "vice-chair");
    CHECK(report.unknown() == report.total() - 2);
}

TEST_CASE(
    "audit: a chair without a vice-chair leaves the vice-chair item not met, and a vice-chair "
    "meets it by name") {
    TempDir tmp;
    const fs::path site = write_full_site(tmp);
    SECTION("no vice-chair: not met, though a chair and members are there") {
        std::string members = read_file(site / "members.yaml");
        members.replace(members.find("role: Vice-chair"), 16, "role: Member");
        write_file(site / "members.yaml", members);
        const auto report = audit_json(site);
        CHECK(item(report, "chair")["outcome"] == "met");
        CHECK(item(report, "vice-chair")["outcome"] == "not-met");
        CHECK(item(report, "vice-chair")["why"] == "Nobody holds the post of Vice-chair.");
        CHECK(item(report, "vice-chair")["fix"] ==
              "Give one member 'role: Vice-chair' in members.yaml (the homepage then names "
              "them).");
    }
    SECTION("a vice-chair: met, naming the vice-chair, not the chair") {
        const auto report = audit_json(site);
        CHECK(item(report, "vice-chair")["outcome"] == "met");
        CHECK(item(report, "vice-chair")["why"] == "Bob Vice is named as Vice-chair.");
        CHECK(item(report, "chair")["why"] == "Ann Chair is named as Chair.");
    }
}

TEST_CASE("audit: a summary of more than 250 words is not succinct, and 250 words are") {
    TempDir tmp;
    const fs::path site = write_full_site(tmp);
    const std::string yaml = read_file(site / "site.yaml");
    const std::string summary =
        "summary: The partnership of Testfield. We meet quarterly in public.";
    auto with_words = [&](int words) {
        std::string text = "summary:";
        for (int i = 0; i < words; ++i) text += " word";
        std::string edited = yaml;
        edited.replace(edited.find(summary), summary.size(), text);
        write_file(site / "site.yaml", edited);
        return audit_json(site);
    };
    const auto long_one = with_words(251);
    CHECK(item(long_one, "summary")["outcome"] == "not-met");
    CHECK(item(long_one, "summary")["why"] ==
          "The summary has 251 words: too long to be succinct.");
    CHECK(item(long_one, "summary")["fix"] ==
          "Shorten 'summary' in site.yaml to 250 words or fewer; move detail to a page of its "
          "own.");
    const auto just_right = with_words(250);
    CHECK(item(just_right, "summary")["outcome"] == "met");
    CHECK(item(just_right, "summary")["why"] == "The homepage summary has 250 words.");
}
