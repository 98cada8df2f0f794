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
    CHECK_THAT(cut.problem, Catch::StartsWith("the answer was cut off ("));
    CHECK(cut.body.empty());
}
