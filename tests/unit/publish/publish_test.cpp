#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <thread>

#include "publish/publish.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("publish: a committed staging tree replaces the old output whole") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    write_file(out / "old.html", "old");
    std::string error;
    auto staging = Staging::create(out, error);
    REQUIRE(staging);
    REQUIRE(staging->write("index.html", "new", error));
    REQUIRE(staging->write("members/a/index.html", "a", error));
    REQUIRE(staging->commit(error));
    const auto files = snapshot(out);
    CHECK(files ==
          std::map<std::string, std::string>{{"index.html", "new"}, {"members/a/index.html", "a"}});
    // Beside the output only the old one, kept as the spare for the next build.
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 2);
    CHECK(snapshot(tmp / ".public.spare") ==
          std::map<std::string, std::string>{{"old.html", "old"}});
}

TEST_CASE(
    "publish: the next build is staged in the spare, keeps unchanged files and removes "
    "stale ones") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    auto publish = [&](const std::map<std::string, std::string>& files) {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        for (const auto& [path, bytes] : files) REQUIRE(staging->write(path, bytes, error));
        REQUIRE(staging->commit(error));
        return std::make_pair(staging->written(), staging->kept());
    };
    const std::map<std::string, std::string> first{
        {"index.html", "home"}, {"a/index.html", "a"}, {"gone/index.html", "g"}, {"x", "file"}};
    CHECK(publish(first) == std::make_pair<size_t, size_t>(4, 0));
    CHECK(snapshot(out) == first);
    // "x" becomes a folder, "gone/" goes, "a" changes.
    const std::map<std::string, std::string> second{
        {"index.html", "home"}, {"a/index.html", "a2"}, {"x/index.html", "now a folder"}};
    CHECK(publish(second) == std::make_pair<size_t, size_t>(2, 1));
    CHECK(snapshot(out) == second);
    // The spare (the first build) is staged in: the same content again is
    // all kept, nothing written.
    CHECK(publish(second) == std::make_pair<size_t, size_t>(0, 3));
    CHECK(snapshot(out) == second);
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 2);
}

TEST_CASE(
    "publish: a changed file is a new file: nothing is written through a link to a "
    "published one") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    for (const char* content : {"one", "two", "three"}) {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        REQUIRE(staging->write("same.html", "same", error));
        REQUIRE(staging->write("page.html", content, error));
        if (std::string(content) == "one") {
            REQUIRE(staging->commit(error));
            // Hold the published files from outside, as a web server might.
            fs::create_hard_link(out / "page.html", tmp / "held-page");
            fs::create_hard_link(out / "same.html", tmp / "held-same");
            continue;
        }
        if (std::string(content) == "three") break;  // abandoned half way
        REQUIRE(staging->commit(error));
    }
    CHECK(read_file(tmp / "held-page") == "one");
    CHECK(read_file(tmp / "held-same") == "same");
    CHECK(snapshot(out) ==
          std::map<std::string, std::string>{{"page.html", "two"}, {"same.html", "same"}});
}

TEST_CASE("publish: an abandoned staging tree leaves the old output untouched") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    write_file(out / "index.html", "published");
    {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        REQUIRE(staging->write("index.html", "half", error));
    }  // destroyed without commit, as when a build fails
    CHECK(snapshot(out) == std::map<std::string, std::string>{{"index.html", "published"}});
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);
}

TEST_CASE(
    "publish: an abandoned build staged in the spare leaves neither the spare nor a staging "
    "folder") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    for (int i = 0; i < 2; ++i) {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        REQUIRE(staging->write("index.html", "v" + std::to_string(i), error));
        REQUIRE(staging->commit(error));
    }
    {
        std::string error;
        auto staging = Staging::create(out, error);
        REQUIRE(staging);
        REQUIRE(staging->write("index.html", "half", error));
    }
    CHECK(snapshot(out) == std::map<std::string, std::string>{{"index.html", "v1"}});
    std::vector<std::string> beside;
    for (const auto& e : fs::directory_iterator(tmp.path())) {
        beside.push_back(e.path().filename().string());
    }
    CHECK(beside == std::vector<std::string>{"public"});
}

TEST_CASE("publish: a first build creates the output folder") {
    TempDir tmp;
    std::string error;
    auto staging = Staging::create(tmp / "deep" / "public", error);
    REQUIRE(staging);
    REQUIRE(staging->write("index.html", "x", error));
    REQUIRE(staging->commit(error));
    CHECK(read_file(tmp / "deep" / "public" / "index.html") == "x");
}

TEST_CASE("publish: an output path that is a file is refused") {
    TempDir tmp;
    write_file(tmp / "public", "not a folder");
    std::string error;
    CHECK_FALSE(Staging::create(tmp / "public", error));
    CHECK_THAT(error, Catch::Contains("exists and is not a directory"));
}

namespace {

/// A file system without RENAME_EXCHANGE, as renameat2 reports it.
int no_exchange(const char*, const char*) {
    errno = EINVAL;
    return -1;
}

/// Watches `out` from another thread until stopped: counts the moments at
/// which it was missing, or its index.html was.
class Watcher {
  public:
    explicit Watcher(fs::path out)
        : out_(std::move(out)), thread_([this] {
              const std::string dir = out_.string(), page = (out_ / "index.html").string();
              struct stat st {};
              while (!stop_) {
                  ++looks_;
                  if (::stat(dir.c_str(), &st) != 0 || ::stat(page.c_str(), &st) != 0) ++missing_;
              }
          }) {}
    ~Watcher() { stop(); }
    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    long looks() const { return looks_; }
    long missing() const { return missing_; }

  private:
    fs::path out_;
    std::atomic<bool> stop_{false};
    std::atomic<long> looks_{0}, missing_{0};
    std::thread thread_;
};

std::map<std::string, std::string> site_version(int version, int pages) {
    std::map<std::string, std::string> files{{"index.html", "home " + std::to_string(version)}};
    for (int i = 0; i < pages; ++i) {
        // Each version drops one page and adds another; a file becomes a folder.
        files["p" + std::to_string(i + version) + "/index.html"] = "v" + std::to_string(version);
    }
    files[version % 2 ? "x" : "x/index.html"] = "x";
    return files;
}

void publish_version(const fs::path& out, int version, Staging::Exchange exchange) {
    std::string error;
    auto staging = Staging::create(out, error, {true, exchange});
    REQUIRE(staging);
    for (const auto& [path, bytes] : site_version(version, 300)) {
        REQUIRE(staging->write(path, bytes, error));
    }
    REQUIRE(staging->commit(error));
}

}  // namespace

TEST_CASE("publish: OUT and its home page exist at every instant of a rebuild") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    publish_version(out, 0, nullptr);
    Watcher watcher(out);
    for (int version = 1; version <= 30; ++version) publish_version(out, version, nullptr);
    watcher.stop();
    CHECK(watcher.looks() > 1000);
    CHECK(watcher.missing() == 0);
    CHECK(snapshot(out) == site_version(30, 300));
}

TEST_CASE(
    "publish: without RENAME_EXCHANGE, files are replaced one by one and OUT never goes "
    "missing") {
    TempDir tmp;
    const fs::path out = tmp / "public";
    publish_version(out, 0, no_exchange);
    Watcher watcher(out);
    for (int version = 1; version <= 30; ++version) publish_version(out, version, no_exchange);
    watcher.stop();
    CHECK(watcher.looks() > 1000);
    CHECK(watcher.missing() == 0);
    // The new site exactly: old pages gone, the file that became a folder.
    CHECK(snapshot(out) == site_version(30, 300));
    // Nothing is left beside OUT: no staging tree, no spare.
    CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) == 1);
}
