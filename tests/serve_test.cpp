#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "cli/serve/preview_server.hpp"
#include "cli/serve/watcher.hpp"
#include "support.hpp"

extern char** environ;

using namespace lspgen::serve;
using namespace lspgen::test;
namespace fs = std::filesystem;
using Kind = Resolution::Kind;
using namespace std::chrono_literals;

namespace {

// A small built site: pages, a folder without index.html, a 404 page, a
// secret next to (not inside) the site, and symlinks in and out.
struct SiteOnDisk {
    TempDir dir;
    fs::path root = dir / "site";
    SiteOnDisk() {
        write_file(root / "index.html", "<!DOCTYPE html><html><body><h1>Home</h1></body></html>");
        write_file(root / "members" / "index.html", "<!DOCTYPE html><body>Members</BODY>");
        write_file(root / "404.html", "<!DOCTYPE html><body><h1>Not here</h1></body>");
        write_file(root / "theme" / "style.css", "body{}");
        write_file(root / "meetings.ics", "BEGIN:VCALENDAR\r\n");
        write_file(root / "assets" / "photo.jpg", "jpeg");
        write_file(dir / "secret.txt", "the secret");
        fs::create_symlink(dir / "secret.txt", root / "leak.txt");
        fs::create_directory_symlink(dir.path(), root / "up");
        fs::create_symlink(root / "theme" / "style.css", root / "inside.css");
    }
};

// Runs a PreviewServer on 127.0.0.1 on a free port for the test's life.
struct RunningServer {
    PreviewServer server;
    int port = 0;
    std::thread thread;
    explicit RunningServer(const fs::path& root) : server(root, true) {
        port = server.bind("127.0.0.1", 0);
        REQUIRE(port > 0);
        thread = std::thread([this] { server.listen(); });
        REQUIRE(server.wait_until_listening(5s));
    }
    ~RunningServer() {
        server.stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        // Generous, for a loaded machine running the sanitizer build.
        c.set_connection_timeout(10);
        c.set_read_timeout(10);
        return c;
    }
};

}  // namespace

TEST_CASE("serve: request paths resolve inside the site and never outside it") {
    SiteOnDisk site;
    const fs::path root = fs::canonical(site.root);
    CHECK(resolve_request(root, "/").file == root / "index.html");
    CHECK(resolve_request(root, "/members/").file == root / "members" / "index.html");
    CHECK(resolve_request(root, "/./members/index.html").kind == Kind::file);
    const Resolution folder = resolve_request(root, "/members");
    CHECK(folder.kind == Kind::redirect);
    CHECK(folder.location == "/members/");
    // Never "//members/", which a browser reads as the host "members".
    CHECK(resolve_request(root, "//members").location == "/members/");
    CHECK(resolve_request(root, "/.").location == "/");
    CHECK(resolve_request(root, "/nowhere/").kind == Kind::not_found);
    CHECK(resolve_request(root, "/assets/").kind == Kind::not_found);  // no listings
    CHECK(resolve_request(root, "/../secret.txt").kind == Kind::forbidden);
    CHECK(resolve_request(root, "/members/../../secret.txt").kind == Kind::forbidden);
    CHECK(resolve_request(root, "/members/..").kind == Kind::forbidden);
    CHECK(resolve_request(root, "/leak.txt").kind == Kind::forbidden);
    CHECK(resolve_request(root, "/up/secret.txt").kind == Kind::forbidden);
    CHECK(resolve_request(root, "/inside.css").kind == Kind::file);
    CHECK(resolve_request(root, std::string("/index.html\0x", 13)).kind == Kind::forbidden);
    CHECK(resolve_request(root, "relative").kind == Kind::forbidden);
}

TEST_CASE("serve: files go out with their content types, 404.html with status 404") {
    SiteOnDisk site;
    RunningServer running(site.root);
    auto client = running.client();

    auto home = client.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
    // The reload script goes in just before </body>.
    CHECK_THAT(home->body, Catch::Contains("<h1>Home</h1><script>new EventSource("));
    CHECK_THAT(home->body, Catch::EndsWith("</script></body></html>"));

    auto members = client.Get("/members/");
    REQUIRE(members);
    CHECK_THAT(members->body, Catch::Contains("Members<script>"));  // </BODY> found too

    auto css = client.Get("/theme/style.css");
    REQUIRE(css);
    CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
    CHECK(css->body == "body{}");  // only HTML gets the script
    auto ics = client.Get("/meetings.ics");
    REQUIRE(ics);
    CHECK(ics->get_header_value("Content-Type") == "text/calendar; charset=utf-8");

    auto missing = client.Get("/no/such/page/");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK_THAT(missing->body, Catch::Contains("Not here"));

    auto folder = client.Get("/members");
    REQUIRE(folder);
    CHECK(folder->status == 301);
    CHECK(folder->get_header_value("Location") == "/members/");

    auto listing = client.Get("/assets/");
    REQUIRE(listing);
    CHECK(listing->status == 404);

    auto head = client.Head("/");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
}

TEST_CASE("serve: no request reaches a file outside the site") {
    SiteOnDisk site;
    RunningServer running(site.root);
    // Raw requests, so that no client tidies the path first.
    for (const std::string target :
         {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
          "/members/%2e%2e/%2e%2e/secret.txt", "/leak.txt", "/up/secret.txt",
          "/members/..%2f..%2fsecret.txt"}) {
        INFO(target);
        httplib::Client client("127.0.0.1", running.port);
        httplib::Request req;
        req.method = "GET";
        req.path = target;
        auto res = client.send(req);
        if (!res) continue;  // refused outright is fine too
        CHECK(res->status != 200);
        CHECK(res->body.find("the secret") == std::string::npos);
    }
}

TEST_CASE("serve: many requests at once are all answered") {
    SiteOnDisk site;
    RunningServer running(site.root);
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 40; ++i) {
        threads.emplace_back([&, i] {
            auto client = running.client();
            auto res = client.Get(i % 2 ? "/" : "/theme/style.css");
            if (res && res->status == 200) ++ok;
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == 40);
}

TEST_CASE("serve: a rebuild reloads open pages, and a failed one shows its diagnostics") {
    SiteOnDisk site;
    RunningServer running(site.root);

    // An open page's event stream hears "reload" when the site is rebuilt.
    std::atomic<bool> heard{false};
    std::thread listener([&] {
        auto client = running.client();
        client.Get("/__lspgen/events?since=0", [&](const char* data, size_t n) {
            if (std::string(data, n).find("data: reload") != std::string::npos) heard = true;
            return !heard;  // stop reading once heard
        });
    });
    std::this_thread::sleep_for(200ms);
    running.server.site_rebuilt();
    listener.join();
    CHECK(heard);
    CHECK(running.server.generation() == 1);

    running.server.build_failed(
        "sites/x/members.yaml:3:9: error: unknown key 'nmae' <script>\n    3 |   nmae: Jo\n");
    auto client = running.client();
    auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK_THAT(page->body, Catch::Contains("<h1>Home</h1>"));  // the last good site
    CHECK_THAT(page->body, Catch::Contains("role=\"alert\""));
    CHECK_THAT(page->body,
               Catch::Contains("sites/x/members.yaml:3:9: error: unknown key &apos;nmae&apos; "
                               "&lt;script&gt;"));
    CHECK_THAT(page->body, Catch::Contains("?since=2"));

    running.server.site_rebuilt();
    auto fixed = client.Get("/");
    REQUIRE(fixed);
    CHECK(fixed->body.find("role=\"alert\"") == std::string::npos);
}

TEST_CASE("serve: the watcher sees changes in new folders and ignores the output") {
    TempDir dir;
    fs::create_directories(dir / "site" / "out");
    std::string error;
    const auto opened = Watcher::open({dir / "site"}, {dir / "site" / "out"}, error);
    REQUIRE(opened);
    Watcher& watcher = *opened;

    std::atomic<int> changes{0};
    std::thread waiter([&] {
        while (watcher.wait_for_change(50ms)) ++changes;
    });
    // Writes in the ignored folder are not changes.
    write_file(dir / "site" / "out" / "index.html", "x");
    std::this_thread::sleep_for(300ms);
    CHECK(changes == 0);
    // A folder made after the watch began is watched too.
    fs::create_directories(dir / "site" / "news");
    std::this_thread::sleep_for(300ms);
    const int after_folder = changes;
    CHECK(after_folder >= 1);
    write_file(dir / "site" / "news" / "item.md", "---\ntitle: x\n---\n");
    for (int i = 0; i < 100 && changes == after_folder; ++i) std::this_thread::sleep_for(20ms);
    CHECK(changes > after_folder);
    watcher.stop();
    waiter.join();  // returns: stop() ends the wait
}

namespace {

// `lspgen serve` as a child process, its stdout on a pipe.
struct ServeProcess {
    pid_t pid = -1;
    int out = -1;
    std::string seen;

    explicit ServeProcess(const std::vector<std::string>& args) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::vector<std::string> all = {LSPGEN_BINARY};
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : all) argv.push_back(a.data());
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid, LSPGEN_BINARY, &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        out = fds[0];
    }
    ~ServeProcess() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        close(out);
    }
    // Reads stdout until it holds `text`; false if the child ends first or
    // 30 s pass (a serve that hangs fails the test, not the whole run).
    bool wait_for_output(const std::string& text) {
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        char buffer[4096];
        while (seen.find(text) == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd ready{out, POLLIN, 0};
            const int polled = poll(&ready, 1, static_cast<int>(left.count()));
            if (polled < 0 && errno == EINTR) continue;
            if (polled <= 0) return false;
            const ssize_t n = read(out, buffer, sizeof buffer);
            if (n <= 0) return false;
            seen.append(buffer, static_cast<size_t>(n));
        }
        return true;
    }
};

}  // namespace

TEST_CASE("serve: 'lspgen serve' rebuilds on save, shows errors, and stops on Ctrl-C") {
    TempDir dir;
    const fs::path site = dir / "examplefield";
    fs::copy(tests_dir() / "golden" / "examplefield", site, fs::copy_options::recursive);
    ServeProcess serve({"serve", site.string(), "--port", "0", "--now", "2009-03-01"});
    REQUIRE(serve.wait_for_output("/ (Ctrl-C to stop)\n"));
    const size_t at = serve.seen.find("http://127.0.0.1:");
    REQUIRE(at != std::string::npos);
    const int port = std::stoi(serve.seen.substr(at + 17));
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);

    auto home = client.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK_THAT(home->body, Catch::Contains("Examplefield"));
    auto gone = client.Get("/no-such-page/");
    REQUIRE(gone);
    CHECK(gone->status == 404);

    // An edit is rebuilt and served.
    std::string yaml = read_file(site / "site.yaml");
    const std::string aim = "To improve the wellbeing of everyone";
    const size_t aim_at = yaml.find(aim);
    REQUIRE(aim_at != std::string::npos);
    yaml.replace(aim_at, aim.size(), "To make Examplefield a kinder place for everyone");
    write_file(site / "site.yaml", yaml);
    REQUIRE(serve.wait_for_output("rebuilt "));
    home = client.Get("/");
    REQUIRE(home);
    CHECK_THAT(home->body, Catch::Contains("a kinder place"));

    // A mistake shows on the page, over the last good site.
    write_file(site / "site.yaml", yaml + "colour_of_door: blue\n");
    for (int i = 0; i < 200; ++i) {
        home = client.Get("/");
        if (home && home->body.find("role=\"alert\"") != std::string::npos) break;
        std::this_thread::sleep_for(50ms);
    }
    REQUIRE(home);
    CHECK_THAT(home->body, Catch::Contains("site.yaml:"));
    CHECK_THAT(home->body, Catch::Contains("unknown field &apos;colour_of_door&apos;"));
    CHECK_THAT(home->body, Catch::Contains("a kinder place"));

    kill(serve.pid, SIGINT);
    int status = 0;
    for (int i = 0; i < 100 && waitpid(serve.pid, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(50ms);
    }
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    serve.pid = -1;
    CHECK(serve.wait_for_output("stopped\n"));
}

TEST_CASE("serve: usage errors and a busy port are reported") {
    CHECK(run_lspgen({"serve"}).exit_code == 2);
    CHECK(run_lspgen({"serve", "x", "--port", "70000"}).exit_code == 2);
    const RunResult missing = run_lspgen({"serve", "/no/such/site", "--port", "0"});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Catch::Contains("no such site folder"));

    SiteOnDisk site;
    RunningServer running(site.root);
    const RunResult busy = run_lspgen({"serve", (tests_dir() / "golden" / "examplefield").string(),
                                       "--port", std::to_string(running.port)});
    CHECK(busy.exit_code == 3);
    CHECK_THAT(busy.err, Catch::Contains("cannot listen on 127.0.0.1:"));
}

namespace {

// `lspgen serve` of a copy of the golden site, on a free port.
struct ServedSite {
    TempDir dir;
    std::unique_ptr<ServeProcess> serve;
    int port = 0;
    ServedSite() {
        fs::copy(tests_dir() / "golden" / "examplefield", dir / "site",
                 fs::copy_options::recursive);
        serve = std::make_unique<ServeProcess>(std::vector<std::string>{
            "serve", (dir / "site").string(), "--port", "0", "--now", "2009-03-01"});
        REQUIRE(serve->wait_for_output("/ (Ctrl-C to stop)\n"));
        const size_t at = serve->seen.find("http://127.0.0.1:");
        REQUIRE(at != std::string::npos);
        port = std::stoi(serve->seen.substr(at + 17));
    }
};

// A TCP connection to 127.0.0.1:`port` begun without waiting for it.
int start_connect(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    REQUIRE((rc == 0 || errno == EINPROGRESS));
    return fd;
}

// Sends all of `text` on a connected non-blocking socket.
bool send_all(int fd, const std::string& text) {
    size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t n = send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<size_t>(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            pollfd ready{fd, POLLOUT, 0};
            if (poll(&ready, 1, 1000) <= 0) return false;
        } else {
            return false;
        }
    }
    return true;
}

// What arrives on `fd` until `text` is seen, the peer closes or `wait` passes.
std::string receive_until(int fd, const std::string& text, std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    std::string got;
    char buffer[4096];
    while (got.find(text) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd ready{fd, POLLIN, 0};
        if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) break;
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got.append(buffer, static_cast<size_t>(n));
    }
    return got;
}

}  // namespace

TEST_CASE("serve: with 80 live-reload streams open a page request is still answered") {
    ServedSite site;
    // Each open page holds a stream; 80 tabs (or a script) must not take
    // every thread the server has.
    std::vector<int> streams;
    for (int i = 0; i < 80; ++i) {
        // One after another, each let in before the next: only the streams
        // are tested here, not the listen backlog.
        const int fd = start_connect(site.port);
        streams.push_back(fd);
        pollfd ready{fd, POLLOUT, 0};
        REQUIRE(poll(&ready, 1, 5000) == 1);
        REQUIRE(send_all(fd, "GET /__lspgen/events?since=0 HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
    std::this_thread::sleep_for(500ms);

    httplib::Client client("127.0.0.1", site.port);
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    const auto started = std::chrono::steady_clock::now();
    auto home = client.Get("/");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(seconds < 3);

    // The streams past the limit were told at once to try again later.
    int told_to_retry = 0;
    for (const int fd : streams) {
        if (receive_until(fd, "retry:", 50ms).find("retry:") != std::string::npos) {
            ++told_to_retry;
        }
        close(fd);
    }
    CHECK(told_to_retry >= 16);  // at least those the thread pool had no room for
}

TEST_CASE("serve: 200 clients connecting at once are all let in and answered") {
    ServedSite site;
    // All connections begin within a moment, before the server accepts any.
    std::vector<int> fds;
    for (int i = 0; i < 200; ++i) fds.push_back(start_connect(site.port));
    // A SYN the kernel dropped for want of backlog is sent again only after
    // a second: every connection made in less than that was let in.
    const auto deadline = std::chrono::steady_clock::now() + 900ms;
    int connected = 0;
    for (const int fd : fds) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd ready{fd, POLLOUT, 0};
        if (left.count() > 0 && poll(&ready, 1, static_cast<int>(left.count())) == 1) {
            int error = 0;
            socklen_t size = sizeof error;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
            if (error == 0) ++connected;
        }
    }
    CHECK(connected == 200);
    int answered = 0;
    for (const int fd : fds) {
        if (send_all(fd, "GET /theme/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") &&
            receive_until(fd, "\r\n", 20s).rfind("HTTP/1.1 200", 0) == 0) {
            ++answered;
        }
        close(fd);
    }
    CHECK(answered == 200);
}

TEST_CASE("serve: GET //members redirects to /members/ on this server and not to host members") {
    ServedSite site;
    for (const std::string target : {"//members", "///members", "//./members", "/.//members"}) {
        INFO(target);
        httplib::Client client("127.0.0.1", site.port);
        client.set_read_timeout(10);
        httplib::Request req;
        req.method = "GET";
        req.path = target;
        auto res = client.send(req);
        REQUIRE(res);
        CHECK(res->status == 301);
        CHECK(res->get_header_value("Location") == "/members/");
    }
}
