#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace lspgen::serve {

/// What a request path names inside the served folder.
struct Resolution {
    enum class Kind {
        file,       // serve `file`
        redirect,   // a folder asked for without its trailing slash: go to `location`
        not_found,  // nothing there (or a folder without index.html: no listings)
        forbidden   // the path tries to leave the folder ("..", a symlink outside)
    };
    Kind kind = Kind::not_found;
    std::filesystem::path file;
    std::string location;
};

/// Resolves `path` (an HTTP request path, already percent-decoded, such as
/// "/members/jo/") against `root`. Folders give their index.html; nothing
/// outside `root` is ever named, whether by "..", by an encoded form of it
/// or by a symlink that points outside.
Resolution resolve_request(const std::filesystem::path& root, const std::string& path);

/// The Content-Type to send for a file, by its extension.
std::string content_type_for(const std::filesystem::path& file);

/// The preview HTTP server of `lspgen serve` (cpp-httplib): serves a built
/// site from `root` with no directory listings and 404.html as the 404
/// page, and, with live reload, injects a small script into HTML pages that
/// reloads them when the site is rebuilt (server-sent events on
/// /__lspgen/events). After a failed build it keeps serving the last good
/// site with the diagnostics shown over every page.
class PreviewServer {
  public:
    PreviewServer(std::filesystem::path root, bool live_reload);
    ~PreviewServer();
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    /// Binds to `host`:`port` (0: any free port). Returns the port, or 0
    /// when the address cannot be bound.
    int bind(const std::string& host, int port);
    /// Serves until stop(); call from a thread of its own.
    void listen();
    /// Stops listening and ends every open event stream. Safe from any thread.
    void stop();
    /// Waits up to `timeout` for listen() to accept connections; true when it does.
    bool wait_until_listening(std::chrono::milliseconds timeout) const;

    /// The site in `root` was rebuilt: clear any diagnostics, reload pages.
    void site_rebuilt();
    /// The last build failed with `diagnostics`: show them over every page
    /// (the last good site stays served) and reload pages to show them.
    void build_failed(std::string diagnostics);

    /// Counts site_rebuilt() and build_failed() calls; pages reload when it moves.
    std::uint64_t generation() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lspgen::serve
