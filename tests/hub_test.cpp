// The regional hub: fetching partnerships' data.json from a real HTTP server
// on 127.0.0.1 (good, 404, timeout, malformed, wrong shape, oversized,
// unchanged and changed), the cache of last good copies, and whole hub
// builds that survive a partnership's server going away.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "hub/fetch.hpp"
#include "hub/partnership.hpp"
#include "hub_data_server.hpp"
#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
namespace hub = lspgen::hub;

namespace {

// A hub in a temporary folder: one partnership by data.json URL, one by a
// local folder (the example Tonbridge & Malling site), one by name only.
fs::path write_hub(const TempDir& tmp, const std::string& data_url) {
    const fs::path dir = tmp / "hub";
    write_file(dir / "site.yaml",
               "kind: hub\nname: Test Hub\narea: the Test Region\nsummary: Every partnership.\n"
               "contact:\n  email: hub@test.example\npartnerships:\n"
               "  - data: " +
                   data_url +
                   "\n    name: Fallback Name\n    area: Fallback Area\n"
                   "  - site: " +
                   (source_dir() / "sites" / "tonbridge-malling").string() +
                   "\n"
                   "  - name: Listed Partnership\n    area: Listedshire\n    county: Kent\n");
    return dir;
}

RunResult build_hub(const TempDir& tmp, const fs::path& hub_dir) {
    return run_lspgen({"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now",
                       "2009-03-01", "--cache-dir", (tmp / "cache").string()});
}

}  // namespace

TEST_CASE("hub: a federated partnership whose server dies is shown from its last good copy") {
    DataServer server;
    server.start();
    server.serve(kRemoteData, "\"v1\"");
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, server.url());

    const RunResult first = build_hub(tmp, hub_dir);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    const std::string page = read_file(tmp / "out" / "partnerships" / "remoteshire" / "index.html");
    CHECK(contains(page, "Cllr Ann Example"));
    CHECK_FALSE(contains(page, "last good copy"));
    const std::string directory = read_file(tmp / "out" / "partnerships" / "index.html");
    CHECK(contains(directory,
                   "<a href=\"../partnerships/remoteshire/index.html\">Remoteshire "
                   "Partnership</a>"));
    CHECK(contains(directory, "Listed Partnership"));
    CHECK(contains(directory, "Tonbridge"));
    CHECK(contains(read_file(tmp / "out" / "meetings.ics"),
                   "UID:meeting-board-april@remoteshire.lspgen"));

    server.stop();  // the partnership's site goes down
    const RunResult second = build_hub(tmp, hub_dir);
    INFO(second.err);
    REQUIRE(second.exit_code == 0);
    CHECK(contains(second.err, "warning: cannot fetch " + server.url() + ": could not fetch it"));
    CHECK(contains(second.err, "warning: using the last good copy of " + server.url()));
    const std::string stale =
        read_file(tmp / "out" / "partnerships" / "remoteshire" / "index.html");
    CHECK(contains(stale, "This is the last good copy of the partnership's data, fetched "));
    CHECK(contains(stale, "Cllr Ann Example"));
    CHECK(contains(read_file(tmp / "out" / "partnerships" / "index.html"), "Last good copy, "));
}

TEST_CASE("hub: garbage, a wrong shape or an oversized answer falls back to the last good copy") {
    DataServer server;
    server.start();
    server.serve(kRemoteData, "\"v1\"");
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, server.url());
    REQUIRE(build_hub(tmp, hub_dir).exit_code == 0);

    for (const std::string& bad :
         {std::string("<html>Service Unavailable</html>"),
          std::string("{\"partnership\": \"Remoteshire\"}"), std::string(6 * 1024 * 1024, ' ')}) {
        server.serve(bad, "\"v2\"");
        const RunResult run = build_hub(tmp, hub_dir);
        INFO(run.err);
        CHECK(run.exit_code == 0);
        CHECK(contains(run.err, "warning: using the last good copy"));
        CHECK(contains(read_file(tmp / "out" / "partnerships" / "remoteshire" / "index.html"),
                       "This is the last good copy"));
    }
}

TEST_CASE("hub: a partnership that cannot be reached and was never cached is listed as known") {
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, "http://127.0.0.1:9/data.json");
    const RunResult run = build_hub(tmp, hub_dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err, "warning: no earlier copy of http://127.0.0.1:9/data.json is cached"));
    const std::string page =
        read_file(tmp / "out" / "partnerships" / "fallback-name" / "index.html");
    CHECK(contains(page, "The hub could not read this partnership's data"));
    CHECK(contains(page, "Fallback Area"));
}

TEST_CASE("hub: the example South East hub builds with the others and scores each example site") {
    TempDir tmp;
    std::vector<std::string> args = {"build"};
    for (const auto& entry : fs::directory_iterator(source_dir() / "sites")) {
        if (fs::exists(entry.path() / "site.yaml")) args.push_back(entry.path().string());
    }
    args.insert(args.end(), {"-o", (tmp / "public").string(), "--now", "2009-03-01", "-q"});
    const RunResult run = run_lspgen(args);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const fs::path out = tmp / "public" / "south-east-ptp";
    const std::string scorecard = read_file(out / "scorecard" / "index.html");
    for (const char* slug : {"spelthorne", "tonbridge-malling", "luton-forum"}) {
        lspgen::Diagnostics d;
        const auto site = lspgen::load_site(source_dir() / "sites" / slug, slug, d);
        REQUIRE(site);
        const auto report =
            lspgen::audit::run(lspgen::audit::evidence_from_site(*site, march_2009()));
        INFO(slug << ": " << lspgen::audit::score_text(report));
        std::string name = site->settings.name;  // as HTML writes it
        if (const size_t amp = name.find('&'); amp != std::string::npos) {
            name.replace(amp, 1, "&amp;");
        }
        CHECK(contains(scorecard, "<a href=\"../partnerships/" + std::string(slug) +
                                      "/index.html\">" + name + "</a>"));
        CHECK(contains(scorecard, "<td>" + lspgen::audit::score_text(report) + "</td>"));
    }
    const std::string directory = read_file(out / "partnerships" / "index.html");
    for (const char* name : {"Milton Keynes Local Strategic Partnership", "Slough Focus",
                             "Bracknell Forest Partnership", "Reading 2020"}) {
        CHECK(contains(directory, name));
    }
    CHECK(contains(read_file(out / "partnerships" / "by-county" / "index.html"),
                   "<h2 id=\"county-surrey\">Surrey</h2>"));
    // The regional calendar holds the meetings of every local partnership.
    const std::string ics = read_file(out / "meetings.ics");
    icalcomponent* calendar = icalparser_parse_string(ics.c_str());
    REQUIRE(calendar != nullptr);
    int vevents = 0;
    for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        ++vevents;
    }
    icalcomponent_free(calendar);
    CHECK(vevents > 10);
    CHECK(contains(ics, "UID:event-visioning-roundtable-recession@south-east-ptp.lspgen"));
    CHECK(contains(ics, "@spelthorne.lspgen"));
    CHECK(contains(ics, "@tonbridge-malling.lspgen"));
    // The hub's own open data lists every partnership with its audit.
    const auto data = nlohmann::json::parse(read_file(out / "data.json"));
    CHECK(data["partnerships"].size() == 22);
    for (const auto& p : data["partnerships"]) {
        if (p["slug"] == "spelthorne") {
            CHECK(p["audit"]["missing"] ==
                  nlohmann::json::array(
                      {"vice-chair", "agendas-and-minutes", "decisions-published", "independent"}));
        }
        if (p["source"] == "listed") CHECK(p["website"] == "");  // no invented addresses
    }
    CHECK(fs::exists(out / "jargon" / "index.html"));
    CHECK(fs::exists(out / "faq" / "index.html"));
    CHECK(fs::exists(out / "news" / "index.html"));
}
