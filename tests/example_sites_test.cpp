// The example sites in sites/ must always build, and their homepages must
// carry what the seeds call good practice: a summary, the Chair and
// Vice-chair, the next meetings, the SCS and LAA one click away, contact
// details; and every member's and meeting's page must be linked.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> example_sites() {
    std::vector<fs::path> sites;
    for (const auto& entry : fs::directory_iterator(source_dir() / "sites")) {
        if (fs::exists(entry.path() / "site.yaml")) sites.push_back(entry.path());
    }
    std::sort(sites.begin(), sites.end());
    return sites;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("example sites: every site in sites/ builds with the homepage the seeds ask for") {
    const auto sites = example_sites();
    REQUIRE(sites.size() >= 3);
    TempDir tmp;
    std::vector<std::string> args = {"build"};
    for (const auto& s : sites) args.push_back(s.string());
    args.insert(args.end(), {"-o", (tmp / "public").string(), "--now", "2009-03-01", "-q"});
    const RunResult run = run_lspgen(args);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());

    for (const auto& site : sites) {
        // A regional hub has no members or meetings of its own: hub_test checks it.
        if (contains(read_file(site / "site.yaml"), "\nkind: hub")) continue;
        const std::string slug = site.filename().string();
        const fs::path out = tmp / "public" / slug;
        DYNAMIC_SECTION(slug) {
            const std::string home = read_file(out / "index.html");
            CHECK(contains(home, "class=\"prose\""));  // the summary
            CHECK(contains(home, "<h3 class=\"post__title\">Chair</h3>"));
            CHECK(contains(home, "<h3 class=\"post__title\">Vice-chair</h3>"));
            CHECK(contains(home, "class=\"meeting-item"));  // a next meeting
            CHECK(contains(home, "Sustainable Community Strategy</span>"));
            CHECK(contains(home, "Local Area Agreement</span>"));
            CHECK(contains(home, "Annual reports</span>"));
            CHECK(contains(home, "Handbook</span>"));
            CHECK(contains(home, "class=\"contact-list\""));

            const std::string members = read_file(out / "members" / "index.html");
            for (const auto& entry : fs::directory_iterator(out / "members")) {
                if (!entry.is_directory()) continue;
                const std::string id = entry.path().filename().string();
                INFO("member " << id);
                CHECK(contains(members, "href=\"../members/" + id + "/index.html\""));
            }
            // The feeds import cleanly into real parsers.
            const std::string ics = read_file(out / "meetings.ics");
            icalcomponent* calendar = icalparser_parse_string(ics.c_str());
            REQUIRE(calendar != nullptr);
            int vevents = 0;
            for (icalcomponent* e =
                     icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
                 e; e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
                ++vevents;
                CHECK(icalcomponent_count_properties(e, ICAL_XLICERROR_PROPERTY) == 0);
            }
            CHECK(vevents > 0);
            icalcomponent_free(calendar);
            const auto data = nlohmann::json::parse(read_file(out / "data.json"));
            CHECK(data["persons"].size() > 0);
            if (fs::exists(out / "feed.xml")) {
                pugi::xml_document feed;
                CHECK(feed.load_file((out / "feed.xml").c_str()));
                CHECK(feed.child("feed").child("entry"));
            }

            const std::string meetings = read_file(out / "meetings" / "index.html");
            for (const auto& entry : fs::directory_iterator(out / "meetings")) {
                if (!entry.is_directory()) continue;
                const std::string id = entry.path().filename().string();
                INFO("meeting " << id);
                CHECK(contains(meetings, "href=\"../meetings/" + id + "/index.html\""));
            }
        }
    }
}
