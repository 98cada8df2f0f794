// The regional hub: fetching partnerships' data.json from a real HTTP server
// on 127.0.0.1 (good, 404, timeout, malformed, wrong shape, oversized,
// unchanged and changed), the cache of last good copies, and whole hub
// builds that survive a partnership's server going away.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
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

RunResult build_hub(const TempDir& tmp, const fs::path& hub_dir,
                    const std::string& now = "2009-03-01") {
    return run_lspgen({"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now", now,
                       "--cache-dir", (tmp / "cache").string()});
}

// Sets an environment variable for the life of the object.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

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
    const std::string page =
        read_file(tmp / "out" / "partnerships" / "fallback-name" / "index.html");
    CHECK(contains(page, "Cllr Ann Example"));
    CHECK_FALSE(contains(page, "last good copy"));
    const std::string directory = read_file(tmp / "out" / "partnerships" / "index.html");
    CHECK(contains(directory,
                   "<a href=\"../partnerships/fallback-name/index.html\">Remoteshire "
                   "Partnership</a>"));
    CHECK(contains(directory, "Listed Partnership"));
    CHECK(contains(directory, "Tonbridge"));
    CHECK(contains(read_file(tmp / "out" / "meetings.ics"),
                   "UID:meeting-board-april@remoteshire.lspgen"));

    server.stop();  // the partnership's site goes down
    const RunResult second = build_hub(tmp, hub_dir);
    INFO(second.err);
    REQUIRE(second.exit_code == 0);
    CHECK(contains(second.err, "warning: cannot fetch " + server.url() +
                                   ": the server refused the connection"));
    CHECK(contains(second.err, "warning: using the last good copy of " + server.url()));
    const std::string stale =
        read_file(tmp / "out" / "partnerships" / "fallback-name" / "index.html");
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
        CHECK(contains(read_file(tmp / "out" / "partnerships" / "fallback-name" / "index.html"),
                       "This is the last good copy"));
    }
}

TEST_CASE("hub: a partnership's page address comes from the hub's configuration, fetched or not") {
    DataServer server;
    server.start();
    server.serve(kRemoteData, "\"v1\"");  // its data says slug "remoteshire"
    TempDir tmp;
    const fs::path hub_dir = tmp / "hub";
    write_file(hub_dir / "site.yaml",
               "kind: hub\nname: Test Hub\narea: the Test Region\nsummary: Every partnership.\n"
               "contact:\n  email: hub@test.example\npartnerships:\n"
               "  - data: " +
                   server.url() + "\n    name: Milton Keynes Partnership\n    area: MK\n");
    const fs::path page = tmp / "out" / "partnerships" / "milton-keynes-partnership" / "index.html";
    const RunResult fetched = build_hub(tmp, hub_dir);
    INFO(fetched.err);
    REQUIRE(fetched.exit_code == 0);
    CHECK(contains(read_file(page), "Cllr Ann Example"));
    CHECK_FALSE(fs::exists(tmp / "out" / "partnerships" / "remoteshire"));

    server.stop();  // the next build cannot fetch it: the address stays
    const RunResult stale = build_hub(tmp, hub_dir);
    INFO(stale.err);
    REQUIRE(stale.exit_code == 0);
    CHECK(contains(read_file(page), "This is the last good copy"));
    TempDir empty_cache;  // and with no copy at all
    const RunResult unavailable =
        run_lspgen({"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01",
                    "--cache-dir", (empty_cache / "cache").string()});
    INFO(unavailable.err);
    REQUIRE(unavailable.exit_code == 0);
    CHECK(contains(read_file(page), "The hub could not read this partnership's data"));
}

TEST_CASE("hub: a data entry without a name is at an address made from its URL, never its data") {
    DataServer server;
    server.start();
    server.serve(kRemoteData);
    TempDir tmp;
    const fs::path hub_dir = tmp / "hub";
    write_file(hub_dir / "site.yaml",
               "kind: hub\nname: Test Hub\narea: the Test Region\nsummary: Every partnership.\n"
               "contact:\n  email: hub@test.example\npartnerships:\n  - data: " +
                   server.url() + "\n");
    std::string slug = server.url().substr(std::string("http://").size());  // 127.0.0.1:N/data.json
    slug = slug.substr(0, slug.find('/'));
    std::replace(slug.begin(), slug.end(), '.', '-');
    std::replace(slug.begin(), slug.end(), ':', '-');
    for (int build = 0; build < 2; ++build) {
        const RunResult run = build_hub(tmp, hub_dir);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        CHECK(fs::exists(tmp / "out" / "partnerships" / slug / "index.html"));
        CHECK_FALSE(fs::exists(tmp / "out" / "partnerships" / "remoteshire"));
        server.stop();
    }
}

TEST_CASE("hub: a failed fetch is told once, and a copy's age is on the build's clock") {
    DataServer server;
    server.start();
    server.serve(kRemoteData, "\"v1\"");
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, server.url());
    REQUIRE(build_hub(tmp, hub_dir, "2009-03-01").exit_code == 0);
    server.stop();
    const RunResult run = build_hub(tmp, hub_dir, "2009-03-04");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_FALSE(contains(run.err, "could not fetch it"));
    CHECK(contains(run.err,
                   "fetched on 1 March 2009 (3 days before this build; the hub's clock "
                   "is the build's date)"));
    const std::string page =
        read_file(tmp / "out" / "partnerships" / "fallback-name" / "index.html");
    CHECK(contains(page, "fetched 1 March 2009 (3 days before this build)"));
    CHECK(
        contains(page, "The hub could not fetch it this time: the server refused the connection"));
    CHECK_FALSE(contains(page, "could not fetch it: could not fetch it"));
    CHECK_FALSE(contains(page, "this time: could not fetch it"));
    CHECK(contains(read_file(tmp / "out" / "partnerships" / "index.html"),
                   "Last good copy, 3 days before this build"));
}

TEST_CASE("hub: the cache is in the user's cache folder by default, never in the hub's source") {
    DataServer server;
    server.start();
    server.serve(kRemoteData);
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, server.url());
    const ScopedEnv xdg("XDG_CACHE_HOME", (tmp / "xdg").string());
    const RunResult run = run_lspgen(
        {"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_FALSE(fs::exists(hub_dir / ".lspgen-cache"));
    const fs::path cache = tmp / "xdg" / "lspgen" / "hub-data";
    REQUIRE(fs::is_directory(cache));
    CHECK(std::distance(fs::directory_iterator(cache), fs::directory_iterator()) == 2);

    const ScopedEnv no_xdg("XDG_CACHE_HOME", "");
    const ScopedEnv home("HOME", (tmp / "home").string());
    REQUIRE(
        run_lspgen({"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"})
            .exit_code == 0);
    CHECK(fs::is_directory(tmp / "home" / ".cache" / "lspgen" / "hub-data"));
    CHECK_FALSE(fs::exists(hub_dir / ".lspgen-cache"));
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
        CHECK(contains(scorecard, "aria-hidden=\"true\">Score</span>" +
                                      lspgen::audit::score_text(report) + "</td>"));
    }
    const std::string directory = read_file(out / "partnerships" / "index.html");
    for (const char* name : {"Milton Keynes Local Strategic Partnership", "Slough Focus",
                             "Bracknell Forest Partnership", "Reading 2020"}) {
        CHECK(contains(directory, name));
    }
    const std::string counties = read_file(out / "partnerships" / "by-county" / "index.html");
    CHECK(contains(counties, "<h2 id=\"county-surrey\">Surrey</h2>"));
    CHECK(contains(counties, "Partnerships in Bedfordshire (1)</caption>"));
    for (const std::string& page : {directory, counties, scorecard}) {
        // No scrolling box to tab to: the tables fit (stacked on phones).
        CHECK_FALSE(contains(page, "tabindex=\"0\""));
        // A row header is the partnership's name, and nothing else.
        size_t at = 0;
        int row_headers = 0;
        while ((at = page.find("<th scope=\"row\">", at)) != std::string::npos) {
            const size_t end = page.find("</th>", at);
            const std::string header = page.substr(at, end - at);
            INFO(header);
            CHECK(header.find("<a ") == header.rfind("<a "));  // one link at most
            CHECK_FALSE(contains(header, "Website"));
            CHECK_FALSE(contains(header, "status-tag"));
            ++row_headers;
            at = end;
        }
        CHECK(row_headers >= 22);
    }
    // The hub is not a partnership: its footer does not say it is one.
    CHECK_FALSE(contains(read_file(out / "index.html"), "partnership's own website"));
    CHECK_FALSE(contains(directory, "partnership's own website"));
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
                  nlohmann::json::array({"vice-chair", "agendas-and-minutes", "decisions-published",
                                         "independent", "placeholders"}));
        }
        if (p["source"] == "listed") CHECK(p["website"] == "");  // no invented addresses
    }
    CHECK(fs::exists(out / "jargon" / "index.html"));
    CHECK(fs::exists(out / "faq" / "index.html"));
    CHECK(fs::exists(out / "news" / "index.html"));
}
