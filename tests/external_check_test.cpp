#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>

#include "links/external_check.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::links;
using namespace lspgen::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Writes each page with one link a line: the k-th href (from 0) is on line 3 + k.
void write_pages(const fs::path& root,
                 const std::map<std::string, std::vector<std::string>>& pages) {
    for (const auto& [page, hrefs] : pages) {
        std::string html = "<!DOCTYPE html>\n<title>t</title>\n";
        for (const auto& href : hrefs) html += "<a href=\"" + href + "\">link</a>\n";
        write_file(root / page, html);
    }
}

// "page:line E|W href: message", one a finding.
std::vector<std::string> described(const CheckResult& result) {
    std::vector<std::string> lines;
    for (const auto& f : result.findings) {
        lines.push_back(f.where.path + ":" + std::to_string(f.where.line) + " " +
                        (f.severity == Severity::error ? "E " : "W ") + f.subject + ": " +
                        f.message);
    }
    return lines;
}

struct Run {
    CheckResult result;
    double seconds = 0;
    long long bound_ms = 0;
};

// Builds a small site on disk, collects its links and checks them.
Run check_site(const std::map<std::string, std::vector<std::string>>& pages,
               const ExternalOptions& options) {
    TempDir dir;
    write_pages(dir.path(), pages);
    const auto links = collect_external_links(DiskTree(dir.path()), options);
    Run run;
    run.bound_ms = worst_case_duration_ms(links, options);
    const auto start = Clock::now();
    std::string error;
    REQUIRE(check_external(links, options, run.result, error));
    run.seconds = seconds_since(start);
    return run;
}

// Small timeouts and waits, so that every failure shows quickly.
ExternalOptions quick() {
    ExternalOptions o;
    o.connect_timeout_ms = 1000;
    o.total_timeout_ms = 2000;
    o.max_retries = 0;
    o.initial_backoff_ms = 20;
    o.max_retry_after_ms = 2000;
    return o;
}

}  // namespace

TEST_CASE("external: links are collected from every page and grouped by URL") {
    TempDir dir;
    write_pages(
        dir.path(),
        {{"a.html",
          {"https://www.example.org/x#one", "https://www.example.org/x#two",
           "mailto:chair@example.org", "members/index.html", "//cdn.example.org/s.css",
           "tel:+44 1632 960001"}},
         {"b/index.html",
          {"https://www.example.org/x", "../a.html#one", "HTTPS://www.example.org/x#top"}}});
    const auto links = collect_external_links(DiskTree(dir.path()), ExternalOptions{});
    REQUIRE(links.size() == 4);
    CHECK(links[0].url == "https://www.example.org/x");
    CHECK(links[0].fragments == std::set<std::string>{"one", "two"});
    REQUIRE(links[0].uses.size() == 4);
    CHECK(links[0].uses[0].where.path == "a.html");
    CHECK(links[0].uses[0].where.line == 3);
    CHECK(links[0].uses[0].where.column > 1);
    CHECK(links[0].uses[0].subject == "https://www.example.org/x#one");
    CHECK(links[0].uses[1].where.line == 4);
    CHECK(links[0].uses[2].where.path == "b/index.html");
    CHECK(links[0].uses[2].where.line == 3);
    CHECK(links[0].uses[3].subject == "HTTPS://www.example.org/x#top");
    CHECK(links[1].url == "mailto:chair@example.org");
    CHECK(links[2].url == "http://cdn.example.org/s.css");
    CHECK(links[3].url == "tel:+44 1632 960001");
}

TEST_CASE("external: include and exclude patterns choose which links are checked") {
    TempDir dir;
    write_pages(dir.path(), {{"index.html",
                              {"https://council.example.gov.uk/a", "https://www.example.org/b",
                               "https://www.example.org/private/c", "mailto:x@example.org"}}});
    ExternalOptions options;
    options.include = {"example.org"};
    options.exclude = {"/private/"};
    std::vector<std::string> urls;
    for (const auto& link : collect_external_links(DiskTree(dir.path()), options)) {
        urls.push_back(link.url);
    }
    CHECK(urls == std::vector<std::string>{"https://www.example.org/b", "mailto:x@example.org"});
}

TEST_CASE("external: mailto and tel links are checked for syntax without the network") {
    CHECK(mailto_problem("mailto:chair@example.org") == "");
    CHECK(mailto_problem("mailto:a@example.org,b.c@mail.example.org?subject=Board%20papers") == "");
    CHECK(mailto_problem("mailto:a@example.org, b@example.org") == "");
    CHECK(mailto_problem("mailto:jo%40example.org") == "");
    CHECK(mailto_problem("mailto:") == "mailto: link without an address");
    CHECK(mailto_problem("mailto:?subject=Hi") == "mailto: link without an address");
    CHECK(mailto_problem("mailto:chair.example.org") ==
          "'chair.example.org' is not a valid email address");
    CHECK(mailto_problem("mailto:chair@localhost") ==
          "'chair@localhost' is not a valid email address");
    CHECK(mailto_problem("mailto:a@example.org,,b@example.org") ==
          "'' is not a valid email address");
    CHECK(mailto_problem("mailto:a..b@example.org") ==
          "'a..b@example.org' is not a valid email address");
    CHECK(mailto_problem("mailto:a@-example.org") ==
          "'a@-example.org' is not a valid email address");
    CHECK(mailto_problem("mailto:a@10.0.0.1") == "'a@10.0.0.1' is not a valid email address");
    CHECK(tel_problem("tel:+441632960001") == "");
    CHECK(tel_problem("tel:+44 (0)1632 960-001") == "");
    CHECK(tel_problem("tel:01632.960.001") == "");
    CHECK(tel_problem("tel:+44%201632%20960001") == "");
    CHECK(tel_problem("tel:999") == "");
    CHECK(tel_problem("tel:12") ==
          "'12' is not a valid phone number (digits, optionally after a +, then any ;name=value "
          "parameters)");
    CHECK(tel_problem("tel:0800 CALL US") ==
          "'0800 CALL US' is not a valid phone number (digits, optionally after a +, then any "
          ";name=value parameters)");
    CHECK(tel_problem("tel:44+1632") ==
          "'44+1632' is not a valid phone number (digits, optionally after a +, then any "
          ";name=value parameters)");

    // Through the checker: one finding a use, and no request anywhere.
    ExternalOptions options = quick();
    options.connect_timeout_ms = 1;  // would fail any request
    const Run run = check_site({{"index.html",
                                 {"mailto:chair@example.org", "mailto:chair", "tel:+441632960001",
                                  "tel:call-us", "mailto:chair"}}},
                               options);
    CHECK(described(run.result) ==
          std::vector<std::string>{
              "index.html:4 E mailto:chair: 'chair' is not a valid email address",
              "index.html:6 E tel:call-us: 'call-us' is not a valid phone number "
              "(digits, optionally after a +, then any ;name=value parameters)",
              "index.html:7 E mailto:chair: 'chair' is not a valid email address"});
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: the time bound counts attempts per host and in all") {
    std::vector<ExternalLink> links = {{"https://a.example/1", {}, {}},
                                       {"https://a.example/2", {}, {}},
                                       {"https://a.example/3", {}, {}},
                                       {"https://b.example/", {}, {}},
                                       {"mailto:x@example.org", {}, {}}};
    ExternalOptions o;
    o.max_retries = 1;  // 3 attempts: first, GET after HEAD, one retry
    o.total_timeout_ms = 100;
    o.per_host = 1;       // 2 more URLs of a.example ahead
    o.max_in_flight = 2;  // 3 more URLs ahead over 2 slots
    o.max_retry_after_ms = 50;
    // 3·100·(1 + 2/1 + 3/2) + 1·50 + 1000
    CHECK(worst_case_duration_ms(links, o) == 2400);
    CHECK(worst_case_duration_ms({}, o) == 1000);
}

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)
// Debian builds cpp-httplib as a library; its pkg-config flags (which define
// CPPHTTPLIB_OPENSSL_SUPPORT) must match the header for the types to agree.
#include <httplib.h>

namespace {

// A real HTTP server on 127.0.0.1, on a port the system picks, that counts
// the requests it gets by method and path.
class LoopbackServer {
  public:
    LoopbackServer() {
        // Enough threads that a keep-alive connection never starves a request.
        server_.new_task_queue = [] { return new httplib::ThreadPool(48); };
        server_.set_keep_alive_timeout(1);
        server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++requests_[req.method + " " + req.path];
            ++total_;
            return httplib::Server::HandlerResponse::Unhandled;
        });
    }
    ~LoopbackServer() {
        stopping = true;
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    httplib::Server& routes() { return server_; }
    void start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    int requests(const std::string& method_and_path) {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_[method_and_path];
    }
    int total() {
        std::lock_guard<std::mutex> lock(mutex_);
        return total_;
    }
    std::atomic<bool> stopping{false};

  private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::map<std::string, int> requests_;
    int total_ = 0;
};

// Sleeps up to `ms`, cut short when the server stops.
void nap(const LoopbackServer& server, int ms) {
    const auto until = Clock::now() + std::chrono::milliseconds(ms);
    while (!server.stopping && Clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string http_date(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return text;
}

void add_plain_routes(LoopbackServer& s) {
    auto& r = s.routes();
    r.Get("/ok", [](const auto&, auto& res) { res.set_content("ok", "text/plain"); });
    r.Get("/not-found", [](const auto&, auto& res) { res.status = 404; });
    r.Get("/gone", [](const auto&, auto& res) { res.status = 410; });
    r.Get("/error", [](const auto&, auto& res) { res.status = 500; });
    r.Get("/accepted", [](const auto&, auto& res) { res.status = 202; });
}

}  // namespace

TEST_CASE("external: statuses are named and each use of a broken URL is reported") {
    LoopbackServer server;
    add_plain_routes(server);
    server.start();
    ExternalOptions options = quick();
    options.max_retries = 2;
    std::vector<std::pair<size_t, size_t>> progress;
    options.progress = [&](size_t done, size_t total) { progress.emplace_back(done, total); };
    const auto u = [&](const std::string& path) { return server.url(path); };
    const Run run = check_site({{"a.html", {u("/ok"), u("/not-found"), u("/gone"), u("/error")}},
                                {"b.html", {u("/accepted"), u("/not-found")}}},
                               options);
    CHECK(described(run.result) ==
          std::vector<std::string>{
              "a.html:4 E " + u("/not-found") + ": 404 Not Found",
              "a.html:5 E " + u("/gone") + ": 410 Gone",
              "a.html:6 E " + u("/error") + ": 500 Internal Server Error after 2 retries",
              "b.html:4 E " + u("/not-found") + ": 404 Not Found"});
    CHECK(server.requests("HEAD /error") == 3);
    CHECK(server.requests("HEAD /not-found") == 1);  // 4xx is final: no retry
    CHECK(server.requests("GET /ok") == 0);          // HEAD was enough
    REQUIRE(progress.size() == 5);
    CHECK(progress.back() == std::make_pair(size_t{5}, size_t{5}));
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: accepted status codes replace the default of any 2xx") {
    LoopbackServer server;
    add_plain_routes(server);
    server.start();
    ExternalOptions options = quick();
    options.accepted_status = {200, 404};
    const Run run = check_site(
        {{"index.html", {server.url("/ok"), server.url("/not-found"), server.url("/accepted")}}},
        options);
    CHECK(described(run.result) ==
          std::vector<std::string>{"index.html:5 E " + server.url("/accepted") + ": 202 Accepted"});
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: redirects are followed and permanent ones are warnings") {
    LoopbackServer server;
    auto& r = server.routes();
    r.Get("/ok", [](const auto&, auto& res) { res.set_content("ok", "text/plain"); });
    r.Get("/moved", [](const auto&, auto& res) { res.set_redirect("/ok", 301); });
    r.Get("/found", [](const auto&, auto& res) { res.set_redirect("/ok", 302); });
    r.Get("/chain", [](const auto&, auto& res) { res.set_redirect("/permanent", 302); });
    r.Get("/permanent", [](const auto&, auto& res) { res.set_redirect("/found", 308); });
    r.Get("/loop-a", [](const auto&, auto& res) { res.set_redirect("/loop-b", 302); });
    r.Get("/loop-b", [](const auto&, auto& res) { res.set_redirect("/loop-a", 302); });
    r.Get(R"(/step/(\d+))", [](const auto& req, auto& res) {
        const int n = std::stoi(req.matches[1]);
        if (n == 0)
            res.set_content("ok", "text/plain");
        else
            res.set_redirect("/step/" + std::to_string(n - 1), 307);
    });
    server.start();
    ExternalOptions options = quick();
    options.max_redirects = 3;
    const auto u = [&](const std::string& path) { return server.url(path); };
    const Run run = check_site(
        {{"index.html",
          {u("/moved"), u("/found"), u("/chain"), u("/loop-a"), u("/step/3"), u("/step/4")}}},
        options);
    CHECK(described(run.result) ==
          std::vector<std::string>{"index.html:3 W " + u("/moved") + ": moved permanently to " +
                                       u("/ok") + "; update the link",
                                   "index.html:5 W " + u("/chain") + ": moved permanently to " +
                                       u("/ok") + "; update the link",
                                   "index.html:6 E " + u("/loop-a") + ": redirect loop",
                                   "index.html:8 E " + u("/step/4") + ": more than 3 redirects"});
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: 429 and 503 are retried after Retry-After or a backoff") {
    LoopbackServer server;
    std::mutex mutex;
    std::map<std::string, std::vector<Clock::time_point>> arrivals;
    auto first_then_ok = [&](int status, std::function<std::string()> retry_after) {
        return [&, status, retry_after](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard<std::mutex> lock(mutex);
            auto& times = arrivals[req.path];
            times.push_back(Clock::now());
            if (times.size() > 1) return res.set_content("ok", "text/plain");
            res.status = status;
            if (retry_after) res.set_header("Retry-After", retry_after());
        };
    };
    auto& r = server.routes();
    r.Get("/busy", first_then_ok(429, [] { return std::string("1"); }));
    // A date far ahead: the wait is cut to max_retry_after_ms.
    r.Get("/busy-until", first_then_ok(429, [] { return http_date(std::time(nullptr) + 100); }));
    r.Get("/unavailable", first_then_ok(503, nullptr));
    r.Get("/always-busy", [](const auto&, auto& res) {
        res.status = 429;
        res.set_header("Retry-After", "0");
    });
    server.start();
    ExternalOptions options = quick();
    options.max_retries = 2;
    options.initial_backoff_ms = 50;
    options.max_retry_after_ms = 1500;
    const Run run = check_site({{"index.html",
                                 {server.url("/busy"), server.url("/busy-until"),
                                  server.url("/unavailable"), server.url("/always-busy")}}},
                               options);
    CHECK(described(run.result) ==
          std::vector<std::string>{"index.html:6 W " + server.url("/always-busy") +
                                   ": 429 Too Many Requests after 2 retries"});
    std::lock_guard<std::mutex> lock(mutex);
    auto gap = [&](const std::string& path) {
        REQUIRE(arrivals[path].size() == 2);
        return std::chrono::duration<double>(arrivals[path][1] - arrivals[path][0]).count();
    };
    CHECK(gap("/busy") >= 0.95);                // Retry-After: 1
    CHECK(gap("/busy") < 1.45);                 // not the 1500 ms cap
    CHECK(gap("/busy-until") >= 1.45);          // capped at 1500 ms
    CHECK(gap("/busy-until") < 10);             // not the 100 s the date asks for
    CHECK(gap("/unavailable") >= 0.045);        // the first backoff
    CHECK(gap("/unavailable") < gap("/busy"));  // a backoff, not a Retry-After
    CHECK(server.requests("HEAD /always-busy") == 3);
    // The waits overlap: the run takes the longest wait, not their sum.
    CHECK(run.seconds < gap("/busy") + gap("/busy-until"));
}

TEST_CASE("external: a response slower than the timeout fails after every attempt") {
    LoopbackServer server;
    server.routes().Get("/slow", [&](const auto&, auto& res) {
        nap(server, 1500);
        res.set_content("late", "text/plain");
    });
    server.start();
    ExternalOptions options = quick();
    options.total_timeout_ms = 300;
    options.max_retries = 1;
    const Run run = check_site({{"index.html", {server.url("/slow")}}}, options);
    CHECK(described(run.result) ==
          std::vector<std::string>{"index.html:3 E " + server.url("/slow") +
                                   ": timed out after 2 attempts"});
    CHECK(server.requests("HEAD /slow") == 2);
    CHECK(run.seconds >= 0.6);
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: a connection closed early or refused is an error") {
    LoopbackServer server;
    // Promises 10000 bytes of HTML and hangs up after 100.
    server.routes().Get("/cut", [](const auto&, auto& res) {
        res.set_content_provider(
            10000, "text/html", [](size_t offset, size_t, httplib::DataSink& sink) {
                if (offset > 0) return false;
                const std::string part = "<!DOCTYPE html><p id=\"start\">" + std::string(70, 'x');
                sink.write(part.data(), part.size());
                return true;
            });
    });
    server.start();
    // A port nobody listens on: one that was just free.
    std::string refused;
    {
        LoopbackServer gone;
        gone.start();
        refused = gone.url("/ok");
    }
    ExternalOptions options = quick();
    options.max_retries = 1;
    const Run run = check_site({{"index.html", {server.url("/cut#start"), refused}}}, options);
    CHECK(described(run.result) ==
          std::vector<std::string>{
              "index.html:3 E " + server.url("/cut#start") +
                  ": connection closed before the response was complete (2 attempts)",
              "index.html:4 E " + refused + ": could not connect to the server (2 attempts)"});
    CHECK(server.requests("GET /cut") == 2);
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: HEAD refused with 405 is tried again with GET") {
    LoopbackServer server;
    server.routes().Get("/no-head", [](const httplib::Request& req, httplib::Response& res) {
        if (req.method == "HEAD")
            res.status = 405;
        else
            res.set_content("ok", "text/plain");
    });
    server.routes().Get("/never", [](const auto&, auto& res) { res.status = 405; });
    server.start();
    const Run run =
        check_site({{"index.html", {server.url("/no-head"), server.url("/never")}}}, quick());
    CHECK(described(run.result) ==
          std::vector<std::string>{"index.html:4 E " + server.url("/never") +
                                   ": 405 Method Not Allowed"});
    CHECK(server.requests("HEAD /no-head") == 1);
    CHECK(server.requests("GET /no-head") == 1);
    CHECK(server.requests("GET /never") == 1);
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: a huge body is never downloaded in full") {
    LoopbackServer server;
    std::atomic<size_t> sent{0};
    constexpr size_t kDeclared = 50u * 1024 * 1024;
    server.routes().Get("/huge", [&](const auto&, auto& res) {
        res.set_chunked_content_provider("text/html", [&](size_t offset, httplib::DataSink& sink) {
            if (offset >= kDeclared) {
                sink.done();
                return true;
            }
            // Fresh random letters: compression cannot shrink them away.
            static thread_local std::uint64_t state = 88172645463325252ULL;
            std::string chunk = offset == 0 ? "<!DOCTYPE html><p id=\"early\">" : "";
            while (chunk.size() < 64 * 1024) {
                state ^= state << 13, state ^= state >> 7, state ^= state << 17;
                chunk += static_cast<char>('a' + state % 26);
            }
            if (!sink.write(chunk.data(), chunk.size())) return false;
            sent += chunk.size();
            return true;
        });
    });
    server.routes().Get("/huge-no-head", [&](const httplib::Request& req, httplib::Response& res) {
        if (req.method == "HEAD") return void(res.status = 405);
        res.set_chunked_content_provider("application/pdf", [&](size_t, httplib::DataSink& sink) {
            const std::string chunk(64 * 1024, '%');
            if (!sink.write(chunk.data(), chunk.size())) return false;
            sent += chunk.size();
            return true;
        });
    });
    server.start();
    ExternalOptions options = quick();
    options.max_body_bytes = 256 * 1024;
    SECTION("HEAD downloads nothing") {
        const Run run = check_site({{"index.html", {server.url("/huge")}}}, options);
        CHECK(described(run.result).empty());
        CHECK(sent == 0);
        CHECK(run.seconds * 1000 < run.bound_ms);
    }
    SECTION("GET for a fragment stops at max_body_bytes") {
        // Time enough that the cap, not the clock, ends the transfer even
        // on a loaded machine.
        options.total_timeout_ms = 20000;
        const Run run = check_site(
            {{"index.html", {server.url("/huge#early"), server.url("/huge#late")}}}, options);
        CHECK(described(run.result) ==
              std::vector<std::string>{"index.html:4 W " + server.url("/huge#late") +
                                       ": could not look for 'late': only the first 262144 bytes "
                                       "of the page were read"});
        CHECK(server.requests("GET /huge") == 1);
        CHECK(sent < 16u * 1024 * 1024);
        CHECK(run.seconds * 1000 < run.bound_ms);
    }
    SECTION("GET after a refused HEAD stops at the first byte") {
        const Run run = check_site({{"index.html", {server.url("/huge-no-head")}}}, options);
        CHECK(described(run.result).empty());
        CHECK(server.requests("GET /huge-no-head") == 1);
        CHECK(sent < 16u * 1024 * 1024);
        CHECK(run.seconds * 1000 < run.bound_ms);
    }
}

TEST_CASE("external: fragments are checked against ids and names on HTML pages only") {
    LoopbackServer server;
    server.routes().Get("/page", [](const auto&, auto& res) {
        res.set_content("<!DOCTYPE html><h2 id=\"minutes\">Minutes</h2><a name=\"papers\"></a>",
                        "text/html; charset=utf-8");
    });
    server.routes().Get("/data.csv",
                        [](const auto&, auto& res) { res.set_content("a,b\n", "text/csv"); });
    server.start();
    const auto u = [&](const std::string& path) { return server.url(path); };
    const Run run = check_site({{"a.html",
                                 {u("/page#minutes"), u("/page#papers"), u("/page#agenda"),
                                  u("/page"), u("/data.csv#row=2"), u("/page#top")}},
                                {"b.html", {u("/page#agenda")}}},
                               quick());
    CHECK(described(run.result) ==
          std::vector<std::string>{
              "a.html:5 E " + u("/page#agenda") + ": no element with id 'agenda'",
              "b.html:3 E " + u("/page#agenda") + ": no element with id 'agenda'"});
    CHECK(server.requests("GET /page") == 1);  // once for all its fragments
    CHECK(server.requests("HEAD /page") == 0);
    CHECK(run.seconds * 1000 < run.bound_ms);
}

TEST_CASE("external: no host has more than per_host transfers at once") {
    LoopbackServer server;
    std::atomic<int> in_flight{0};
    std::atomic<int> most{0};
    server.routes().Get(R"(/slow/(\d+))", [&](const auto&, auto& res) {
        const int now = ++in_flight;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        nap(server, 100);
        --in_flight;
        res.set_content("ok", "text/plain");
    });
    server.start();
    std::vector<std::string> hrefs;
    for (int i = 0; i < 12; ++i) hrefs.push_back(server.url("/slow/" + std::to_string(i)));
    ExternalOptions options = quick();

    SECTION("the per-host limit") {
        options.per_host = 3;
        const Run run = check_site({{"index.html", hrefs}}, options);
        CHECK(described(run.result).empty());
        CHECK(most == 3);
        CHECK(run.seconds >= 0.4);  // 12 requests, 3 at a time, 100 ms each
        CHECK(run.seconds * 1000 < run.bound_ms);
    }
    SECTION("the global limit") {
        options.per_host = 8;
        options.max_in_flight = 2;
        const Run run = check_site({{"index.html", hrefs}}, options);
        CHECK(described(run.result).empty());
        CHECK(most == 2);
        CHECK(run.seconds * 1000 < run.bound_ms);
    }
}

TEST_CASE("external: the cache skips fresh successes and rechecks failures") {
    LoopbackServer server;
    add_plain_routes(server);
    server.routes().Get("/moved", [](const auto&, auto& res) { res.set_redirect("/ok", 301); });
    server.routes().Get("/page", [](const auto&, auto& res) {
        res.set_content("<p id=\"a\">a</p><p id=\"b\">b</p>", "text/html");
    });
    server.start();
    TempDir dir;
    ExternalOptions options = quick();
    options.cache_file = dir / "cache" / "links.json";
    const auto u = [&](const std::string& path) { return server.url(path); };
    const std::vector<std::string> good = {u("/ok"), u("/moved"), u("/page#a")};
    const std::string moved = "index.html:4 W " + u("/moved") + ": moved permanently to " +
                              u("/ok") + "; update the link";

    const Run first = check_site({{"index.html", good}}, options);
    CHECK(described(first.result) == std::vector<std::string>{moved});
    const int after_first = server.total();
    CHECK(after_first == 4);  // HEAD /ok, HEAD /moved and /ok, GET /page

    const nlohmann::json cache = nlohmann::json::parse(read_file(options.cache_file));
    CHECK(cache[u("/ok")]["ok"] == true);
    CHECK(cache[u("/ok")]["status"] == 200);
    CHECK(cache[u("/moved")]["final_url"] == u("/ok"));
    CHECK(cache[u("/ok")]["checked_at"].get<std::int64_t>() <= std::time(nullptr));
    CHECK(fs::directory_iterator(dir / "cache")->path().filename() == "links.json");

    // Every success is fresh: no request at all, and the same report.
    const Run second = check_site({{"index.html", good}}, options);
    CHECK(described(second.result) == std::vector<std::string>{moved});
    CHECK(server.total() == after_first);

    // A fragment not yet seen needs the page; a failure is always rechecked.
    const Run third =
        check_site({{"index.html", {u("/ok"), u("/page#b"), u("/not-found")}}}, options);
    CHECK(described(third.result) ==
          std::vector<std::string>{"index.html:5 E " + u("/not-found") + ": 404 Not Found"});
    const Run fourth = check_site({{"index.html", {u("/ok"), u("/not-found")}}}, options);
    CHECK(described(fourth.result).size() == 1);
    CHECK(server.requests("HEAD /not-found") == 2);
    CHECK(server.requests("HEAD /ok") == 2);  // the first run, and the 301 of the first run
    CHECK(server.requests("GET /page") == 2);

    // Past the time-to-live a success is checked again.
    options.cache_ttl_seconds = 0;
    check_site({{"index.html", {u("/ok")}}}, options);
    CHECK(server.requests("HEAD /ok") == 3);
}

TEST_CASE("external: the user agent option is sent with every request") {
    LoopbackServer server;
    std::mutex mutex;
    std::vector<std::string> agents;
    server.routes().Get("/agent", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard<std::mutex> lock(mutex);
        agents.push_back(req.get_header_value("User-Agent"));
        res.set_content("ok", "text/plain");
    });
    server.start();
    check_site({{"index.html", {server.url("/agent")}}}, quick());
    ExternalOptions options = quick();
    options.user_agent = "Example Partnership link audit";
    check_site({{"index.html", {server.url("/agent")}}}, options);
    std::lock_guard<std::mutex> lock(mutex);
    CHECK(agents ==
          std::vector<std::string>{"lspgen link checker", "Example Partnership link audit"});
}

TEST_CASE("external: findings join the internal ones grouped by page") {
    LoopbackServer server;
    add_plain_routes(server);
    server.start();
    TempDir dir;
    write_pages(dir.path(), {{"a.html", {"missing.html", server.url("/gone")}},
                             {"b.html", {"gone.html", server.url("/not-found")}}});
    const DiskTree tree(dir.path());
    CheckResult result = check_internal(tree);
    std::string error;
    CHECK(check_external(collect_external_links(tree, quick()), quick(), result, error));
    CHECK(described(result) ==
          std::vector<std::string>{"a.html:3 E missing.html: no such file: missing.html",
                                   "a.html:4 E " + server.url("/gone") + ": 410 Gone",
                                   "b.html:3 E gone.html: no such file: gone.html",
                                   "b.html:4 E " + server.url("/not-found") + ": 404 Not Found"});
}

TEST_CASE("external: 'lspgen check --external' reports, sets the exit code and honours its flags") {
    LoopbackServer server;
    add_plain_routes(server);
    server.start();
    TempDir dir;
    write_pages(dir.path(), {{"index.html",
                              {server.url("/ok"), server.url("/gone"), "mailto:clerk@example.org",
                               "tel:not-a-number"}}});
    const std::string tree = dir.path().string();
    const std::vector<std::string> quick_flags = {"--timeout", "2", "--retries", "0"};
    auto check = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"check", tree, "--external"};
        args.insert(args.end(), quick_flags.begin(), quick_flags.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return run_lspgen(args);
    };

    // Internal links alone are fine: the network is not asked.
    CHECK(run_lspgen({"check", tree}).exit_code == 0);
    CHECK(server.total() == 0);

    const RunResult broken = check({});
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.out, Catch::Contains("4:9: error: '" + server.url("/gone") + "': 410 Gone"));
    CHECK_THAT(broken.out, Catch::Contains("'tel:not-a-number'"));
    CHECK_THAT(broken.out, Catch::Contains("and 4 external URLs: 2 errors"));
    CHECK(broken.out.find("\033[") == std::string::npos);  // not a terminal: no colour

    // --accept and --exclude make the same tree pass.
    const RunResult accepted = check({"--accept", "200,410", "--exclude", "tel:"});
    INFO(accepted.out);
    CHECK(accepted.exit_code == 0);

    // --include narrows the check; --format json is parseable.
    const RunResult json = check({"--include", "/gone", "--format", "json"});
    CHECK(json.exit_code == 1);
    const auto report = nlohmann::json::parse(json.out);
    REQUIRE(report["findings"].size() == 1);
    CHECK(report["findings"][0]["url"] == server.url("/gone"));

    // A cache makes the second run ask only for the failure again.
    const std::string cache = (dir.path() / "links-cache.json").string();
    const int heads_before = server.requests("HEAD /ok");
    CHECK(check({"--cache", cache}).exit_code == 1);
    CHECK(check({"--cache", cache}).exit_code == 1);
    CHECK(server.requests("HEAD /ok") == heads_before + 1);

    CHECK(run_lspgen({"check", tree, "--external", "--per-host", "0"}).exit_code == 2);
    CHECK(run_lspgen({"check", tree, "--external", "--accept", "abc"}).exit_code == 2);
}

TEST_CASE("external: 'user:password@' in a URL is redacted in every report format") {
    LoopbackServer server;
    add_plain_routes(server);
    server.routes().Get("/moved", [&](const auto&, auto& res) {
        res.set_redirect("http://jo:hunter2@127.0.0.1" + server.url("/gone").substr(16), 301);
    });
    server.start();
    TempDir dir;
    const std::string with_password = "http://jo:hunter2@" + server.url("/gone").substr(7);
    const std::string moved = "http://token@" + server.url("/moved").substr(7);
    write_pages(dir.path(), {{"index.html", {with_password, moved}}});
    for (const char* format : {"human", "json", "junit", "github"}) {
        const RunResult run = run_lspgen({"check", dir.path().string(), "--external", "--format",
                                          format, "--timeout", "2", "--retries", "0"});
        INFO(format << ":\n" << run.out);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.out, !Catch::Contains("hunter2") && !Catch::Contains("jo:") &&
                                !Catch::Contains("token@"));
        CHECK_THAT(run.out, Catch::Contains("http://***@127.0.0.1:"));
    }
}

#else

TEST_CASE("external: the loopback server tests need cpp-httplib") {
    FAIL(
        "tests/CMakeLists.txt must link cpp-httplib with its pkg-config flags: "
        "pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib) and "
        "PkgConfig::CPP_HTTPLIB in target_link_libraries(lspgen_tests ...)");
}

#endif
