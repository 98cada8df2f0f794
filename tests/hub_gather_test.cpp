// The hub against partners' servers that misbehave: redirects into the
// hub's own network, header smuggling through the cache, silent servers,
// bad addresses and slugs that clash with the hub's own pages. Every
// server is a real one on a loopback address.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "hub/fetch.hpp"
#include "hub/hub.hpp"
#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
namespace hub = lspgen::hub;
using Clock = std::chrono::steady_clock;

namespace {

// A real HTTP server on `address`, on a port the system picks. Routes are
// added before start().
class Server {
  public:
    explicit Server(std::string address = "127.0.0.1") : address_(std::move(address)) {
        server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++requests_;
            last_headers_ = req.headers;
            return httplib::Server::HandlerResponse::Unhandled;
        });
    }
    ~Server() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    httplib::Server& routes() { return server_; }
    /// False when the address cannot be bound here.
    bool start() {
        port_ = server_.bind_to_any_port(address_);
        if (port_ <= 0) return false;
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return true;
    }
    std::string url(const std::string& path) const {
        const bool v6 = address_.find(':') != std::string::npos;
        return "http://" + (v6 ? "[" + address_ + "]" : address_) + ":" + std::to_string(port_) +
               path;
    }
    int requests() {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    bool last_request_had(const std::string& header) {
        std::lock_guard<std::mutex> lock(mutex_);
        return last_headers_.count(header) > 0;
    }

  private:
    std::string address_;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    int requests_ = 0;
    httplib::Headers last_headers_;
};

// A server that takes connections (the kernel completes them) and never
// answers a byte.
class SilentServer {
  public:
    SilentServer() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(listen(fd_, 16) == 0);
        REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
    }
    ~SilentServer() { close(fd_); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/data.json"; }

  private:
    int fd_ = -1;
    int port_ = 0;
};

std::string data_json(const std::string& name, const std::string& slug,
                      const std::string& website = "https://remoteshire.example/") {
    return R"({"partnership": {"slug": ")" + slug + R"(", "name": ")" + name +
           R"(", "area": "Remoteshire", "website": ")" + website + R"("},
  "persons": [{"id": "person/ann", "name": "Ann Example"}],
  "posts": [{"id": "p/chair", "label": "Chair"}],
  "memberships": [{"person_id": "person/ann", "post_id": "p/chair"}],
  "events": [{"id": "r/meeting/board", "name": "Board", "start_date": "2009-04-02",
              "url": "https://remoteshire.example/meetings/a b/"}]}
)";
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// A hub listing each of `entries` (YAML list items, already indented).
fs::path write_hub(const TempDir& tmp, const std::string& entries) {
    const fs::path dir = tmp / "hub";
    write_file(dir / "site.yaml",
               "kind: hub\nname: Test Hub\narea: the Test Region\nsummary: Every partnership.\n"
               "contact:\n  email: hub@test.example\npartnerships:\n" +
                   entries);
    return dir;
}

RunResult build_hub(const TempDir& tmp, const fs::path& hub_dir) {
    return run_lspgen({"build", hub_dir.string(), "-o", (tmp / "out").string(), "--now",
                       "2009-03-01", "--cache-dir", (tmp / "cache").string()});
}

std::string every_output_file(const fs::path& out) {
    std::string all;
    for (const auto& [path, bytes] : snapshot(out)) all += path + "\n" + bytes;
    return all;
}

}  // namespace

TEST_CASE("hub: a 302 to 127.0.0.2 from a partner's server on 127.0.0.1 is not followed") {
    Server inside("127.0.0.2");  // a service on the hub's own machine
    inside.routes().Get("/secret.json", [](const auto&, auto& res) {
        res.set_content(data_json("Internal Secret Service", "internal-secret"),
                        "application/json");
    });
    REQUIRE(inside.start());  // Linux routes all of 127.0.0.0/8 to the loopback
    Server partner;
    partner.routes().Get("/data.json", [&](const auto&, auto& res) {
        res.set_redirect(inside.url("/secret.json"), 302);
    });
    REQUIRE(partner.start());
    TempDir tmp;
    const fs::path hub_dir = write_hub(tmp, "  - data: " + partner.url("/data.json") +
                                                "\n    name: Partner\n    area: Partnershire\n");
    const RunResult run = build_hub(tmp, hub_dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err,
                   "it redirected to 127.0.0.2 (a loopback address), which the hub does "
                   "not follow a partnership's server to"));
    CHECK(inside.requests() == 0);  // refused before connecting
    CHECK_FALSE(contains(every_output_file(tmp / "out"), "Internal Secret"));
    CHECK(fs::exists(tmp / "out" / "partnerships" / "partner" / "index.html"));
}

TEST_CASE("hub: a redirect to [::1], 10.0.0.1 or 169.254.169.254 is refused before connecting") {
    Server partner;
    partner.routes().Get(R"(/to/(.*))", [](const httplib::Request& req, auto& res) {
        res.set_redirect("http://" + req.matches[1].str() + "/data.json", 302);
    });
    REQUIRE(partner.start());
    hub::FetchOptions options;
    options.timeout_ms = 3000;
    for (const auto& [target, kind] : std::vector<std::pair<std::string, std::string>>{
             {"[::1]:9", "::1 (a loopback address)"},
             {"10.0.0.1", "10.0.0.1 (a private address)"},
             {"169.254.169.254", "169.254.169.254 (a link-local address)"},
             {"[fd00::1]", "fd00::1 (a unique-local address)"}}) {
        const auto started = Clock::now();
        const auto result = hub::fetch(partner.url("/to/" + target), nullptr, options);
        INFO(target << ": " << result.problem);
        CHECK(result.status == hub::FetchResult::Status::failed);
        CHECK(contains(result.problem, "it redirected to " + kind));
        CHECK(Clock::now() - started < std::chrono::milliseconds(1500));
    }
}

TEST_CASE("hub: a partner's server may redirect to another port of its own address") {
    Server mirror;
    mirror.routes().Get("/data.json", [](const auto&, auto& res) {
        res.set_content(data_json("Mirrored Partnership", "mirrored"), "application/json");
    });
    REQUIRE(mirror.start());
    Server partner;
    partner.routes().Get("/data.json", [&](const auto&, auto& res) {
        res.set_redirect(mirror.url("/data.json"), 302);
    });
    REQUIRE(partner.start());
    const auto result = hub::fetch(partner.url("/data.json"), nullptr, {});
    INFO(result.problem);
    CHECK(result.status == hub::FetchResult::Status::ok);
    CHECK(contains(result.body, "Mirrored Partnership"));
}

TEST_CASE("hub: a cached ETag or Last-Modified holding CR or LF is never sent back") {
    Server partner;
    partner.routes().Get("/data.json", [](const auto&, auto& res) {
        res.set_content(data_json("Remoteshire Partnership", "remoteshire"), "application/json");
    });
    REQUIRE(partner.start());
    const std::string url = partner.url("/data.json");
    const hub::CachedCopy smuggler{url, "{}", "\"v1\"\r\nX-Injected: etag",
                                   "Sun, 01 Mar 2009 10:00:00 GMT\nX-Injected: date", 1000};
    const auto result = hub::fetch(url, &smuggler, {});
    CHECK(result.status == hub::FetchResult::Status::ok);
    CHECK(partner.requests() == 1);
    CHECK_FALSE(partner.last_request_had("X-Injected"));
    CHECK_FALSE(partner.last_request_had("If-None-Match"));
    CHECK_FALSE(partner.last_request_had("If-Modified-Since"));

    // The cache drops them when it reads them back.
    TempDir tmp;
    const hub::DataCache cache(tmp / "cache");
    std::string error;
    REQUIRE(cache.store(smuggler, error));
    const auto loaded = cache.load(url);
    REQUIRE(loaded);
    CHECK(loaded->etag.empty());
    CHECK(loaded->last_modified.empty());
}

TEST_CASE("hub: three silent partners' servers cost one timeout, not three") {
    SilentServer a, b, c;
    TempDir tmp;
    const fs::path hub_dir = write_hub(
        tmp, "  - data: " + a.url() + "\n    name: Alpha\n    area: A\n  - data: " + b.url() +
                 "\n    name: Beta\n    area: B\n  - data: " + c.url() +
                 "\n    name: Gamma\n    area: C\n");
    lspgen::Diagnostics diagnostics;
    const auto site = lspgen::load_site(hub_dir, "hub", diagnostics);
    REQUIRE(site);
    REQUIRE_FALSE(diagnostics.has_errors());
    hub::HubOptions options;
    options.today = {2009, 3, 1};
    options.cache_dir = tmp / "cache";
    options.fetch.timeout_ms = 1000;
    lspgen::Diagnostics warnings;
    const auto started = Clock::now();
    const auto all = hub::gather(*site, options, warnings);
    const auto took = Clock::now() - started;
    REQUIRE(all.size() == 3);
    for (const auto& p : all) CHECK(p.freshness == hub::Freshness::unavailable);
    CHECK(took < std::chrono::milliseconds(2000));
}

TEST_CASE("hub: the fetches of one build stop together at the deadline for all of them") {
    SilentServer a, b;
    hub::FetchOptions options;
    options.timeout_ms = 10000;
    options.deadline_ms = 500;
    const auto started = Clock::now();
    const auto results = hub::fetch_all({{a.url(), nullptr}, {b.url(), nullptr}}, options);
    CHECK(Clock::now() - started < std::chrono::milliseconds(2000));
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        CHECK(r.status == hub::FetchResult::Status::failed);
        CHECK(r.problem ==
              "no complete answer before the deadline of 0.5 s for all the hub's "
              "fetches");
    }
}

TEST_CASE("hub: a partnership website 'https://example.org/a b/' is left out and the hub builds") {
    Server partner;
    partner.routes().Get("/data.json", [](const auto&, auto& res) {
        res.set_content(
            data_json("Remoteshire Partnership", "remoteshire", "https://example.org/a b/"),
            "application/json");
    });
    REQUIRE(partner.start());
    TempDir tmp;
    const fs::path hub_dir = write_hub(
        tmp, "  - data: " + partner.url("/data.json") + "\n    name: Remoteshire Partnership\n");
    const RunResult run = build_hub(tmp, hub_dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err,
                   "warning: Remoteshire Partnership: data.json: partnership.website: "
                   "'https://example.org/a b/' is not a valid http(s) address; the hub "
                   "leaves it out"));
    CHECK(contains(run.err,
                   "Remoteshire Partnership: data.json: events[0].url: "
                   "'https://remoteshire.example/meetings/a b/' is not a valid"));
    const std::string page =
        read_file(tmp / "out" / "partnerships" / "remoteshire-partnership" / "index.html");
    CHECK(contains(page, "Ann Example"));  // the rest of its data is kept
    CHECK_FALSE(contains(page, "a b/"));
}

TEST_CASE("hub: a partnership named 'By County' is at partnerships/by-county-2/, with a warning") {
    Server partner;
    partner.routes().Get("/data.json", [](const auto&, auto& res) {
        res.set_content(data_json("Remoteshire Partnership", "remoteshire"), "application/json");
    });
    REQUIRE(partner.start());
    TempDir tmp;
    const fs::path hub_dir =
        write_hub(tmp, "  - data: " + partner.url("/data.json") +
                           "\n    name: By County\n  - name: By County\n    area: Listedshire\n");
    const RunResult run = build_hub(tmp, hub_dir);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err,
                   "warning: the page partnerships/by-county/ is the hub's page of "
                   "partnerships by county, so Remoteshire Partnership is at "
                   "partnerships/by-county-2/"));
    CHECK(contains(run.err,
                   "warning: the page partnerships/by-county/ is the hub's page of "
                   "partnerships by county, so By County is at partnerships/by-county-3/"));
    const fs::path out = tmp / "out" / "partnerships";
    CHECK(contains(read_file(out / "by-county" / "index.html"), "Partnerships by county"));
    CHECK(contains(read_file(out / "by-county-2" / "index.html"), "Remoteshire Partnership"));
    CHECK(contains(read_file(out / "by-county-3" / "index.html"), "Listedshire"));
}
