// The one HTTP client (net/): which addresses a redirect may reach, what is
// never sent, credentials kept out of reports, and the deadline of a batch.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "net/address_guard.hpp"
#include "net/http_client.hpp"
#include "net/url_parts.hpp"

namespace net = lspgen::net;
using Clock = std::chrono::steady_clock;

TEST_CASE("net: loopback, private, link-local and unique-local addresses are told from public") {
    CHECK(net::non_public_kind("127.0.0.2") == "a loopback address");
    CHECK(net::non_public_kind("::1") == "a loopback address");
    CHECK(net::non_public_kind("10.1.2.3") == "a private address");
    CHECK(net::non_public_kind("172.31.255.255") == "a private address");
    CHECK(net::non_public_kind("192.168.0.1") == "a private address");
    CHECK(net::non_public_kind("169.254.169.254") == "a link-local address");
    CHECK(net::non_public_kind("fe80::1") == "a link-local address");
    CHECK(net::non_public_kind("fd12:3456::1") == "a unique-local address");
    CHECK(net::non_public_kind("0.0.0.0") == "an unspecified address");
    CHECK(net::non_public_kind("::") == "an unspecified address");
    CHECK(net::non_public_kind("100.64.0.1") == "a shared (carrier-grade NAT) address");
    CHECK(net::non_public_kind("224.0.0.1") == "a multicast address");
    // IPv4 inside IPv6 is judged by the IPv4 address.
    CHECK(net::non_public_kind("::ffff:10.0.0.1") == "a private address");
    CHECK(net::non_public_kind("::ffff:127.0.0.1") == "a loopback address");
    CHECK(net::non_public_kind("64:ff9b::a9fe:a9fe") == "a link-local address");
    CHECK(net::non_public_kind("2002:c0a8:0101::1") == "a private address");
    for (const char* address : {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2001:db8::1",
                                "2606:4700::1111", "::ffff:93.184.216.34", "not an address"}) {
        INFO(address);
        CHECK(net::non_public_kind(address).empty());
    }
}

TEST_CASE("net: after a redirect, only the request's own non-public addresses may be reached") {
    net::AddressGuard guard;
    std::string refused;
    CHECK(guard.allow("127.0.0.1", 0, refused));      // the configured URL's own
    CHECK(guard.allow("127.0.0.1", 1, refused));      // the same address after a redirect
    CHECK(guard.allow("93.184.216.34", 2, refused));  // anything public
    CHECK_FALSE(guard.allow("127.0.0.2", 1, refused));
    CHECK(refused == "127.0.0.2 (a loopback address)");
    CHECK_FALSE(guard.allow("::1", 1, refused));
    CHECK_FALSE(guard.allow("10.0.0.1", 3, refused));
    CHECK(refused == "10.0.0.1 (a private address)");
}

TEST_CASE("net: a user name and password are masked in a URL, and nothing else changes") {
    CHECK(net::without_credentials("https://jo:secret@example.org/a b?x=1#y") ==
          "https://***@example.org/a b?x=1#y");
    CHECK(net::without_credentials("http://token@Example.org") == "http://***@Example.org");
    CHECK(net::without_credentials("//jo:pw@cdn.example.org/s.css") ==
          "//***@cdn.example.org/s.css");
    CHECK(net::without_credentials("https://a:b@c@example.org/") == "https://***@example.org/");
    for (const char* unchanged :
         {"https://example.org/x?next=//a@b", "mailto:jo@example.org", "https://example.org/@jo",
          "members/index.html", "https://example.org/#a@b", ""}) {
        CHECK(net::without_credentials(unchanged) == unchanged);
    }
}

TEST_CASE("net: a header holding CR or LF is never sent, the others are") {
    httplib::Server server;
    std::mutex mutex;
    httplib::Headers seen;
    server.Get("/", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard<std::mutex> lock(mutex);
        seen = req.headers;
        res.set_content("ok", "text/plain");
    });
    const int port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread thread([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    net::Request request;
    request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
    request.headers = {"X-Good: yes", "X-Bad: a\r\nX-Smuggled: 1", "X-Also-Bad: a\nb"};
    const auto responses = net::get_all({request}, {});
    server.stop();
    thread.join();
    REQUIRE(responses.size() == 1);
    CHECK(responses[0].answered());
    CHECK(responses[0].body == "ok");
    std::lock_guard<std::mutex> lock(mutex);
    CHECK(seen.count("X-Good") == 1);
    CHECK(seen.count("X-Bad") == 0);
    CHECK(seen.count("X-Smuggled") == 0);
    CHECK(seen.count("X-Also-Bad") == 0);
}

TEST_CASE("net: no request of a batch runs past its deadline") {
    // Two servers that take connections and never answer.
    std::vector<int> sockets;
    std::vector<net::Request> requests;
    for (int i = 0; i < 2; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
        REQUIRE(listen(fd, 4) == 0);
        REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        sockets.push_back(fd);
        net::Request request;
        request.url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/";
        request.timeout_ms = 10000;
        requests.push_back(request);
    }
    const auto started = Clock::now();
    const auto responses =
        net::get_all(requests, {}, Clock::now() + std::chrono::milliseconds(500));
    const auto took = Clock::now() - started;
    for (int fd : sockets) close(fd);
    CHECK(took < std::chrono::milliseconds(2000));
    REQUIRE(responses.size() == 2);
    for (const auto& r : responses) CHECK(r.failure == net::Failure::deadline);
}
