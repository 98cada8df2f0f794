// The machine-readable outputs, read back with real parsers: pugixml for
// Atom and the sitemap, nlohmann::json for data.json and JSON-LD, libical
// for the calendar.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Builds the golden site once per test into a temporary folder.
struct GoldenBuild {
    TempDir tmp;
    fs::path out;
    GoldenBuild() : out(tmp / "out") {
        const RunResult run =
            run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(), "-o",
                        out.string(), "--now", "2009-03-01", "-q"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
    }
};

}  // namespace

TEST_CASE("open data: feed.xml is a well-formed Atom feed with absolute links, newest first") {
    GoldenBuild build;
    pugi::xml_document doc;
    REQUIRE(doc.load_file((build.out / "feed.xml").c_str()));
    const auto feed = doc.child("feed");
    REQUIRE(feed);
    CHECK(std::string(feed.attribute("xmlns").value()) == "http://www.w3.org/2005/Atom");
    CHECK(std::string(feed.child_value("id")) == "https://lsp.example.org/examplefield/news/");
    CHECK(std::string(feed.child_value("updated")) == "2009-02-02T00:00:00Z");
    std::vector<std::string> titles;
    for (auto entry : feed.children("entry")) {
        titles.push_back(entry.child_value("title"));
        const std::string id = entry.child_value("id");
        CHECK(id.rfind("https://lsp.example.org/examplefield/news/", 0) == 0);
        CHECK(std::string(entry.child("link").attribute("href").value()) == id);
        CHECK_FALSE(std::string(entry.child_value("updated")).empty());
    }
    CHECK(titles == std::vector<std::string>{"New strategy agreed", "First meeting held"});
    const auto first = feed.child("entry");
    CHECK(std::string(first.child_value("summary")) ==
          "The partnership agreed its SCS & LAA priorities <for 2009>.");
    CHECK_THAT(first.child_value("content"), Catch::Contains("<strong>SCS</strong>"));
}

TEST_CASE("open data: a site with news but no base_url is told to add one") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    std::string yaml = read_file(tmp / "site" / "site.yaml");
    yaml.replace(yaml.find("base_url:"), 9, "# base_url:");
    write_file(tmp / "site" / "site.yaml", yaml);
    const RunResult run =
        run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("news/2009-02-02-strategy-agreed.md:1:1: error: the site "
                                        "has news, which lspgen publishes as an Atom feed"));
    CHECK_THAT(run.err, Catch::Contains("add 'base_url'"));
}

TEST_CASE("open data: sitemap.xml lists every page with absolute locations") {
    GoldenBuild build;
    pugi::xml_document doc;
    REQUIRE(doc.load_file((build.out / "sitemap.xml").c_str()));
    std::vector<std::string> locs;
    for (auto url : doc.child("urlset").children("url")) locs.push_back(url.child_value("loc"));
    size_t pages = 0;
    for (const auto& entry : fs::recursive_directory_iterator(build.out)) {
        if (entry.path().filename() == "index.html") ++pages;
    }
    CHECK(locs.size() == pages);
    for (const auto& loc : locs) CHECK(loc.rfind("https://lsp.example.org/examplefield/", 0) == 0);
    CHECK(std::find(locs.begin(), locs.end(), "https://lsp.example.org/examplefield/jargon/") !=
          locs.end());
}

TEST_CASE(
    "open data: data.json holds the people and posts and memberships and events in Popolo terms") {
    GoldenBuild build;
    const json data = json::parse(read_file(build.out / "data.json"));
    CHECK(data["partnership"]["name"] == "Examplefield Local Strategic Partnership");
    REQUIRE(data["persons"].size() == 2);
    CHECK(data["persons"][0]["name"] == "Alex Example");
    CHECK(data["persons"][0]["honorific_prefix"] == "Cllr");
    CHECK(data["posts"][0]["label"] == "Chair");
    CHECK(data["posts"][0]["vacant"] == false);
    CHECK(data["posts"][1]["vacant"] == true);
    // Two partnership memberships and one board membership.
    CHECK(data["memberships"].size() == 3);
    CHECK(data["memberships"][0]["post_id"] == "examplefield/post/chair");
    CHECK(data["organizations"][1]["parent_id"] == "examplefield");
    // Three meetings and two events, with the cancelled one marked.
    REQUIRE(data["events"].size() == 5);
    CHECK(data["events"][2]["status"] == "cancelled");
    // 14:00 in London on 16 April 2009 is British Summer Time: 13:00 UTC.
    CHECK(data["events"][1]["start_date"] == "2009-04-16T13:00:00Z");
    CHECK(data["documents"][0]["size_bytes"] == 50);
    CHECK(data["indicators"][0]["status"] == "improving");
    CHECK(data["indicators"][1]["status"] == "target-met");
    CHECK(data["indicators"][2]["status"] == "no-data");
}

TEST_CASE("open data: pages carry schema.org JSON-LD that parses") {
    GoldenBuild build;
    auto json_ld = [&](const std::string& page) {
        const std::string html = read_file(build.out / page);
        const std::string open = "<script type=\"application/ld+json\">";
        const size_t start = html.find(open);
        REQUIRE(start != std::string::npos);
        const size_t end = html.find("</script>", start);
        return json::parse(html.substr(start + open.size(), end - start - open.size()));
    };
    CHECK(json_ld("index.html")["@type"] == "Organization");
    const json person = json_ld("members/alex-example/index.html");
    CHECK(person["@type"] == "Person");
    CHECK(person["jobTitle"] == "Chair");
    const json cancelled = json_ld("meetings/2009-05-20-health/index.html");
    CHECK(cancelled["@type"] == "Event");
    CHECK(cancelled["eventStatus"] == "https://schema.org/EventCancelled");
    const json terms = json_ld("jargon/index.html");
    CHECK(terms["@type"] == "DefinedTermSet");
    CHECK(terms["hasDefinedTerm"].size() >= 2);
}

TEST_CASE("open data: meetings.ics parses in libical with every meeting and event") {
    GoldenBuild build;
    const std::string text = read_file(build.out / "meetings.ics");
    icalcomponent* calendar = icalparser_parse_string(text.c_str());
    REQUIRE(calendar != nullptr);
    int events = 0;
    int cancelled = 0;
    std::vector<std::string> summaries;
    for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        ++events;
        if (icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED) ++cancelled;
        summaries.emplace_back(icalcomponent_get_summary(e));
        CHECK(icalcomponent_count_properties(e, ICAL_XLICERROR_PROPERTY) == 0);
    }
    CHECK(icalcomponent_count_properties(calendar, ICAL_XLICERROR_PROPERTY) == 0);
    CHECK(events == 5);
    CHECK(cancelled == 1);
    CHECK(std::find(summaries.begin(), summaries.end(),
                    "Partnership open day, with questions; all welcome") != summaries.end());
    icalcomponent_free(calendar);
}
