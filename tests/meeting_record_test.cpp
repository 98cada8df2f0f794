// Issue 19 §4: meetings record who attended, who sent apologies and what
// they decided; the list links each meeting's agenda, minutes and papers.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct SpelthorneBuild {
    TempDir tmp;
    fs::path out;
    SpelthorneBuild() : out(tmp / "out") {
        const RunResult run = run_lspgen({"build", (source_dir() / "sites" / "spelthorne").string(),
                                          "-o", out.string(), "--now", "2009-03-01", "-q"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
    }
};

/// A copy of the golden site whose first meeting gets `extra` YAML lines.
fs::path site_with(const TempDir& tmp, const std::string& extra) {
    const fs::path site = tmp / "site";
    fs::copy(tests_dir() / "golden" / "examplefield", site, fs::copy_options::recursive);
    std::string yaml = read_file(site / "meetings.yaml");
    const size_t second = yaml.find("\n- ", yaml.find("- id:") + 1);
    yaml.insert(second == std::string::npos ? yaml.size() : second + 1, extra);
    write_file(site / "meetings.yaml", yaml);
    return site;
}

}  // namespace

TEST_CASE("meeting record: the meetings list links each meeting's agenda, minutes and papers") {
    SpelthorneBuild build;
    const std::string list = read_file(build.out / "meetings" / "index.html");
    CHECK_THAT(list,
               Catch::Contains("<a href=\"../assets/meetings/2007-07-16-agenda.pdf\">Agenda"));
    CHECK_THAT(list,
               Catch::Contains("<a href=\"../assets/meetings/2007-07-16-minutes.pdf\">Minutes"));
    CHECK_THAT(list,
               Catch::Contains(
                   "<a href=\"../meetings/lsp-executive-2008-11-17/index.html#papers-heading\">2 "
                   "papers"));
    CHECK_THAT(list,
               Catch::Contains(
                   "<a href=\"../meetings/lsp-executive-2007-07-16/index.html#papers-heading\">1 "
                   "paper<"));
}

TEST_CASE(
    "meeting record: a meeting's page, data.json and calendar show attendance and "
    "decisions") {
    SpelthorneBuild build;
    const std::string page =
        read_file(build.out / "meetings" / "lsp-executive-2008-11-17" / "index.html");
    CHECK_THAT(page, Catch::Contains("<h2 id=\"decisions-heading\">Decisions</h2>"));
    CHECK_THAT(page, Catch::Contains("Fictional example decision: publish the Annual Report "
                                     "2007/08."));
    CHECK_THAT(page, Catch::Contains("<h3>Apologies</h3>"));
    CHECK_THAT(page,
               Catch::Contains(
                   "<a href=\"../../members/sam-placeholder/index.html\">Sam Placeholder</a>"));
    CHECK_THAT(page, Catch::Contains("(on item 4, <a href=\"../../assets/meetings/"
                                     "2008-11-17-item-04-ni39.pdf\">"));

    const json data = json::parse(read_file(build.out / "data.json"));
    const json* meeting = nullptr;
    for (const auto& e : data["events"]) {
        if (e["id"] == "spelthorne/meeting/lsp-executive-2008-11-17") meeting = &e;
    }
    REQUIRE(meeting != nullptr);
    REQUIRE((*meeting)["attendees"].size() == 5);
    CHECK((*meeting)["attendees"][0]["id"] == "spelthorne/person/alex-example");
    CHECK((*meeting)["apologies"] == json::array({"spelthorne/person/sam-placeholder"}));
    REQUIRE((*meeting)["decisions"].size() == 2);
    CHECK((*meeting)["decisions"][1]["paper"]["title"] == "Annual Report 2007/08");

    const std::string ics = read_file(build.out / "meetings.ics");
    icalcomponent* cal = icalparser_parse_string(ics.c_str());
    REQUIRE(cal != nullptr);
    bool found = false;
    for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (std::string(icalcomponent_get_uid(e)) !=
            "meeting-lsp-executive-2008-11-17@spelthorne.lspgen")
            continue;
        found = true;
        const std::string description = icalcomponent_get_description(e);
        CHECK_THAT(description, Catch::Contains("Apologies: Sam Placeholder."));
        CHECK_THAT(description,
                   Catch::Contains("- Fictional example decision: publish the Annual Report "
                                   "2007/08. (item 6, Annual Report 2007/08)"));
    }
    icalcomponent_free(cal);
    CHECK(found);
}

TEST_CASE("meeting record: an unknown member in attended or apologies is an error at its place") {
    TempDir tmp;
    const fs::path site =
        site_with(tmp, "  attended: [alex-example, nobody-here]\n  apologies: [ghost]\n");
    const RunResult run =
        run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("meetings.yaml:9:28: error: unknown member id "
                                        "'nobody-here': no member in members.yaml has this id\n"
                                        "    9 |   attended: [alex-example, nobody-here]\n"
                                        "      |                            ^~~~~~~~~~~\n"));
    CHECK_THAT(run.err, Catch::Contains("error: unknown member id 'ghost'"));
}

TEST_CASE("meeting record: a decision about a paper the meeting does not have is an error") {
    TempDir tmp;
    const fs::path site =
        site_with(tmp, "  decisions:\n    - text: Agreed the plan.\n      paper: \"99\"\n");
    const RunResult run =
        run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("no paper of this meeting is agenda item '99'"));
}

TEST_CASE("meeting record: the audit asks that held meetings record their decisions") {
    const RunResult run = run_lspgen({"audit", (source_dir() / "sites" / "spelthorne").string(),
                                      "--format", "json", "--now", "2009-03-01"});
    const json report = json::parse(run.out);
    const json* item = nullptr;
    for (const auto& i : report["items"]) {
        if (i["id"] == "decisions-published") item = &i;
    }
    REQUIRE(item != nullptr);
    CHECK((*item)["outcome"] == "not-met");
    CHECK((*item)["why"] == "2 of 4 meetings held record no decisions.");
    CHECK((*item)["title"] == "Decisions of meetings held");
}
