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
#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
namespace hub = lspgen::hub;

namespace {

// A real HTTP server on a port the system picks, serving one data.json
// whose body, ETag and behaviour the test changes as it goes.
class DataServer {
  public:
    DataServer() {
        server_.Get("/data.json", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++requests_;
            last_if_none_match_ = req.get_header_value("If-None-Match");
            if (delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
            if (status_ != 200) {
                res.status = status_;
                return;
            }
            last_if_modified_since_ = req.get_header_value("If-Modified-Since");
            if ((!etag_.empty() && last_if_none_match_ == etag_) ||
                (!last_modified_.empty() && last_if_modified_since_ == last_modified_)) {
                res.status = 304;
                return;
            }
            if (!etag_.empty()) res.set_header("ETag", etag_);
            if (!last_modified_.empty()) res.set_header("Last-Modified", last_modified_);
            if (truncate_) {
                // The server dies mid-answer: half the promised bytes, then
                // the connection closes.
                const std::string half = body_.substr(0, body_.size() / 2);
                res.set_content_provider(body_.size(), "application/json",
                                         [half](size_t offset, size_t, httplib::DataSink& sink) {
                                             if (offset == 0) sink.write(half.data(), half.size());
                                             return offset == 0;
                                         });
                return;
            }
            res.set_content(body_, "application/json");
        });
    }
    ~DataServer() { stop(); }
    void start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void stop() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/data.json"; }
    void serve(std::string body, std::string etag = "", int status = 200, int delay_ms = 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        body_ = std::move(body);
        etag_ = std::move(etag);
        status_ = status;
        delay_ms_ = delay_ms;
        last_modified_.clear();
        truncate_ = false;
    }
    void set_last_modified(std::string date) {
        std::lock_guard<std::mutex> lock(mutex_);
        last_modified_ = std::move(date);
    }
    void truncate() {
        std::lock_guard<std::mutex> lock(mutex_);
        truncate_ = true;
    }
    std::string last_if_modified_since() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_if_modified_since_;
    }
    int requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    std::string last_if_none_match() {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_if_none_match_;
    }

  private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::string body_, etag_, last_if_none_match_, last_modified_, last_if_modified_since_;
    bool truncate_ = false;
    int status_ = 200;
    int delay_ms_ = 0;
    int requests_ = 0;
};

const char* const kRemoteData = R"({
  "partnership": {"slug": "remoteshire", "name": "Remoteshire Partnership",
                  "short_name": "Remoteshire LSP", "area": "Remoteshire", "county": "Surrey",
                  "website": "https://remoteshire.example/", "independent": true,
                  "key_documents": ["scs"]},
  "organizations": [{"id": "remoteshire", "contact_details": [{"type": "email", "value": "a@b.example"}]}],
  "persons": [{"id": "person/ann", "name": "Ann Example", "honorific_prefix": "Cllr"}],
  "posts": [{"id": "remoteshire/post/chair", "label": "Chair"},
            {"id": "remoteshire/post/vice-chair", "label": "Vice-chair"}],
  "memberships": [{"person_id": "person/ann", "post_id": "remoteshire/post/chair"}],
  "events": [{"id": "remoteshire/meeting/board-april", "name": "Partnership Board",
              "start_date": "2009-04-02T10:00:00", "status": "scheduled",
              "url": "meetings/board-april/"}],
  "documents": [{"id": "scs", "type": "sustainable-community-strategy",
                 "title": "Remoteshire Community Strategy", "url": "assets/scs.pdf"}]
}
)";

lspgen::Date march_2009() {
    return {2009, 3, 1};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

struct Read {
    bool ok = false;
    hub::Partnership partnership;
    lspgen::audit::Evidence evidence;
    std::string warnings;
};

Read read(const std::string& text) {
    Read r;
    lspgen::Diagnostics warnings;
    r.ok = hub::read_open_data(text, "http://x.example/data.json", "http://x.example/",
                               march_2009(), r.partnership, r.evidence, warnings);
    std::ostringstream out;
    warnings.print(out);
    r.warnings = out.str();
    return r;
}

}  // namespace

TEST_CASE("hub: data.json is read back into chair, next meeting and key documents") {
    const Read r = read(kRemoteData);
    INFO(r.warnings);
    REQUIRE(r.ok);
    CHECK(r.partnership.name == "Remoteshire Partnership");
    CHECK(r.partnership.chair == "Cllr Ann Example");
    CHECK(r.partnership.vice_chair == "");  // known to be vacant
    REQUIRE(r.partnership.events.size() == 1);
    CHECK(r.partnership.events[0].uid == "meeting-board-april@remoteshire.lspgen");
    // Relative URLs are resolved against the partnership's website.
    CHECK(r.partnership.events[0].url == "https://remoteshire.example/meetings/board-april/");
    REQUIRE(r.partnership.scs);
    CHECK(r.partnership.scs->url == "https://remoteshire.example/assets/scs.pdf");
    CHECK_FALSE(r.partnership.laa);
    const auto report = lspgen::audit::run(r.evidence);
    CHECK(report.unknown() > 0);  // data.json does not publish the summary or governance
    CHECK(report.missing().size() > 0);
}

TEST_CASE("hub: malformed data.json is a warning at its line and column, with a caret") {
    const Read r = read("{\n  \"partnership\": {\"name\": \"X\",}\n}\n");
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.warnings, Catch::StartsWith("http://x.example/data.json:2:31: warning: "
                                             "data.json is not valid JSON: "));
    CHECK_THAT(r.warnings, Catch::Contains("    2 |   \"partnership\": {\"name\": \"X\",}\n"
                                           "      |                               ^"));
}

TEST_CASE("hub: data.json of the wrong shape names the member at fault") {
    CHECK_THAT(read("[1, 2, 3]").warnings,
               Catch::Contains("warning: data.json: (top level): expected an object with a "
                               "'partnership' object, found a list"));
    const Read r = read(R"({"partnership": {"name": 12, "area": "A"},
                            "events": [{"id": "e", "name": "E", "start_date": "soon"}]})");
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.warnings,
               Catch::Contains("data.json: partnership.name: expected text, found a number (12)"));
    CHECK_THAT(r.warnings, Catch::Contains("data.json: events[0].start_date: expected a date"));
}

TEST_CASE("hub: fetching data.json from a real server: good, 404, timeout, oversized") {
    DataServer server;
    server.start();
    hub::FetchOptions options;
    options.timeout_ms = 3000;

    server.serve(kRemoteData, "\"v1\"");
    auto good = hub::fetch(server.url(), nullptr, options);
    CHECK(good.status == hub::FetchResult::Status::ok);
    CHECK(good.body == kRemoteData);
    CHECK(good.etag == "\"v1\"");

    server.serve("", "", 404);
    auto missing = hub::fetch(server.url(), nullptr, options);
    CHECK(missing.status == hub::FetchResult::Status::failed);
    CHECK(missing.problem == "the server answered HTTP 404");

    server.serve(kRemoteData, "", 200, 1500);
    options.timeout_ms = 300;
    const auto started = std::chrono::steady_clock::now();
    auto slow = hub::fetch(server.url(), nullptr, options);
    CHECK(slow.status == hub::FetchResult::Status::failed);
    CHECK(slow.problem == "no complete answer within 0.3 s");
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1400));

    options.timeout_ms = 3000;
    options.max_bytes = 1000;
    server.serve(std::string(5000, ' ') + "{}");
    auto huge = hub::fetch(server.url(), nullptr, options);
    CHECK(huge.status == hub::FetchResult::Status::failed);
    CHECK_THAT(huge.problem, Catch::StartsWith("the answer is larger than the"));
}

TEST_CASE("hub: an unchanged data.json is confirmed with ETag (304) and a changed one is fetched") {
    DataServer server;
    server.start();
    TempDir tmp;
    const hub::DataCache cache(tmp / "cache");
    server.serve(kRemoteData, "\"v1\"");
    auto first = hub::fetch(server.url(), nullptr, {});
    REQUIRE(first.status == hub::FetchResult::Status::ok);
    std::string error;
    REQUIRE(cache.store({server.url(), first.body, first.etag, first.last_modified, 1000}, error));

    auto cached = cache.load(server.url());
    REQUIRE(cached);
    CHECK(cached->etag == "\"v1\"");
    CHECK(cached->fetched_at == 1000);
    auto second = hub::fetch(server.url(), &*cached, {});
    CHECK(server.last_if_none_match() == "\"v1\"");
    CHECK(second.status == hub::FetchResult::Status::not_modified);
    CHECK(second.body == kRemoteData);

    std::string changed = kRemoteData;
    changed.replace(changed.find("Remoteshire Partnership"), 23, "Remoteshire Together");
    server.serve(changed, "\"v2\"");
    auto third = hub::fetch(server.url(), &*cached, {});
    CHECK(third.status == hub::FetchResult::Status::ok);
    CHECK(third.etag == "\"v2\"");
    CHECK(contains(third.body, "Remoteshire Together"));

    // Without an ETag, Last-Modified does the same job.
    const char* const kDate = "Sun, 01 Mar 2009 10:00:00 GMT";
    server.serve(kRemoteData);
    server.set_last_modified(kDate);
    auto dated = hub::fetch(server.url(), nullptr, {});
    REQUIRE(dated.status == hub::FetchResult::Status::ok);
    CHECK(dated.last_modified == kDate);
    const hub::CachedCopy copy{server.url(), dated.body, "", dated.last_modified, 2000};
    auto again = hub::fetch(server.url(), &copy, {});
    CHECK(server.last_if_modified_since() == kDate);
    CHECK(again.status == hub::FetchResult::Status::not_modified);
}

TEST_CASE("hub: a server that dies mid-answer is a failed fetch, not half a file") {
    DataServer server;
    server.start();
    server.serve(kRemoteData);
    server.truncate();
    auto cut = hub::fetch(server.url(), nullptr, {});
    CHECK(cut.status == hub::FetchResult::Status::failed);
    CHECK_THAT(cut.problem, Catch::StartsWith("could not fetch it: "));
    CHECK(cut.body.empty());
}

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
                  nlohmann::json::array({"vice-chair", "agendas-and-minutes", "independent"}));
        }
        if (p["source"] == "listed") CHECK(p["website"] == "");  // no invented addresses
    }
    CHECK(fs::exists(out / "jargon" / "index.html"));
    CHECK(fs::exists(out / "faq" / "index.html"));
    CHECK(fs::exists(out / "news" / "index.html"));
}
