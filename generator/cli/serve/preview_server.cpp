#include "cli/serve/preview_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "theme/escape.hpp"

namespace lspgen::serve {

namespace fs = std::filesystem;

namespace {

// The live-reload script's event stream, and the prefix no site file may use.
const char* const kEventsPath = "/__lspgen/events";

// cpp-httplib answers each connection on a thread of a fixed pool, and an
// event stream keeps its thread for as long as its page is open. So streams
// may take only part of the pool: past kMaxEventStreams a page is told to
// try again later (EventSource does, after `retry`), and the rest of the
// pool stays free for pages and files, however many tabs are open.
constexpr int kServerThreads = 64;
constexpr int kMaxEventStreams = 32;
const char* const kRetryLater = "retry: 5000\n\n";

// How many connections may wait to be accepted. cpp-httplib 0.11 listens
// with a backlog of 5, and the kernel drops what does not fit: a browser
// (or a test) that opens many connections at once waits a second or more
// for its SYN to be sent again.
constexpr int kListenBacklog = SOMAXCONN;

std::string read_file(const fs::path& file, bool& ok) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ok = static_cast<bool>(in) || in.eof();
    return bytes.str();
}

// `text` with the ASCII letters in lower case, for finding tags.
std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Puts `html_to_add` just before the page's last </body>, or at its end.
void insert_before_body_end(std::string& page, const std::string& html_to_add) {
    const size_t at = lower(page).rfind("</body>");
    page.insert(at == std::string::npos ? page.size() : at, html_to_add);
}

}  // namespace

Resolution resolve_request(const fs::path& root, const std::string& path) {
    Resolution r;
    if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos) {
        r.kind = Resolution::Kind::forbidden;
        return r;
    }
    // Segment by segment: "." is skipped, ".." is refused outright rather
    // than resolved, so no spelling of it can climb out.
    fs::path relative;
    std::stringstream segments(path.substr(1));
    for (std::string segment; std::getline(segments, segment, '/');) {
        if (segment.empty() || segment == ".") continue;
        if (segment == ".." || segment.find('\\') != std::string::npos) {
            r.kind = Resolution::Kind::forbidden;
            return r;
        }
        relative /= segment;
    }
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return r;
    fs::path candidate = base / relative;
    if (fs::is_directory(candidate, ec)) {
        if (path.back() != '/') {
            // Built from the tidied segments, not the path as sent: "//x/"
            // would be a link to the host x, an open redirect.
            r.kind = Resolution::Kind::redirect;
            r.location = relative.empty() ? "/" : "/" + relative.generic_string() + "/";
            return r;
        }
        candidate /= "index.html";
    }
    const fs::path real = fs::canonical(candidate, ec);
    if (ec) return r;  // missing, or a dangling or looping symlink
    // A symlink inside the site may point anywhere: only what ends up
    // inside the served folder is served.
    const auto [end, _] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
    if (end != base.end()) {
        r.kind = Resolution::Kind::forbidden;
        return r;
    }
    if (!fs::is_regular_file(real, ec)) return r;
    r.kind = Resolution::Kind::file;
    r.file = real;
    return r;
}

std::string content_type_for(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".xml", "application/xml"},
        {".ics", "text/calendar; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".md", "text/plain; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".pdf", "application/pdf"},
        {".doc", "application/msword"},
        {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {".xls", "application/vnd.ms-excel"},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {".csv", "text/csv; charset=utf-8"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
    };
    const auto it = types.find(lower(file.extension().string()));
    return it == types.end() ? "application/octet-stream" : it->second;
}

struct PreviewServer::Impl {
    fs::path root;
    bool live_reload = true;
    httplib::Server server;

    mutable std::mutex mutex;
    std::condition_variable changed;
    std::uint64_t generation = 0;
    std::string diagnostics;  // of the last build, when it failed
    bool stopping = false;
    // listen() may start after stop() (a Ctrl-C at once): cpp-httplib's
    // stop() does nothing to a server not yet running, so both sides look.
    std::atomic<bool> listen_started{false};
    std::atomic<bool> listen_finished{false};
    // The listening socket, as cpp-httplib's socket options hook saw it.
    std::atomic<int> listen_socket{-1};
    std::atomic<int> event_streams{0};

    // Held by an event stream for its life, so that the count of open
    // streams falls however the stream ends.
    struct StreamSlot {
        explicit StreamSlot(std::atomic<int>& open) : count(open) {}
        StreamSlot(const StreamSlot&) = delete;
        StreamSlot& operator=(const StreamSlot&) = delete;
        ~StreamSlot() { --count; }
        std::atomic<int>& count;
    };
    std::shared_ptr<StreamSlot> take_stream_slot() {
        if (++event_streams > kMaxEventStreams) {
            --event_streams;
            return nullptr;
        }
        return std::make_shared<StreamSlot>(event_streams);
    }

    // What goes before </body> of every HTML page: the reload script and,
    // after a failed build, the diagnostics.
    std::string page_additions() {
        std::lock_guard<std::mutex> lock(mutex);
        std::string html;
        if (!diagnostics.empty()) {
            html +=
                "<div role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:70vh;"
                "overflow:auto;z-index:2147483647;margin:0;padding:1em;background:#fff;"
                "color:#0b0c0c;border-top:6px solid #d4351c;font:16px/1.4 sans-serif\">"
                "<h2 style=\"margin:0 0 .5em;color:#d4351c\">The site could not be rebuilt</h2>"
                "<p style=\"margin:0 0 .5em\">This is the last good version. Fix the problem "
                "below and save: the page reloads by itself.</p><pre style=\"white-space:"
                "pre-wrap;margin:0;font:14px/1.4 monospace\">" +
                html_escape(diagnostics) + "</pre></div>";
        }
        if (live_reload) {
            // The generation the page was served at: a rebuild between
            // this response and the script connecting still reloads it.
            html += "<script>new EventSource(\"" + std::string(kEventsPath) +
                    "?since=" + std::to_string(generation) +
                    "\").onmessage=function(){location.reload()};</script>";
        }
        return html;
    }

    void serve_file(const fs::path& file, int status, httplib::Response& res) {
        bool ok = false;
        std::string body = read_file(file, ok);
        if (!ok) {
            res.status = 500;
            res.set_content("cannot read " + file.filename().string() + "\n", "text/plain");
            return;
        }
        const std::string type = content_type_for(file);
        if (type.rfind("text/html", 0) == 0) insert_before_body_end(body, page_additions());
        res.status = status;
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::move(body), type);
    }

    void not_found(httplib::Response& res) {
        const Resolution page = resolve_request(root, "/404.html");
        if (page.kind == Resolution::Kind::file) return serve_file(page.file, 404, res);
        std::string body =
            "<!DOCTYPE html><html lang=\"en\"><title>Not found</title><body>"
            "<h1>Page not found</h1></body></html>";
        insert_before_body_end(body, page_additions());
        res.status = 404;
        res.set_content(body, "text/html; charset=utf-8");
    }

    void handle(const httplib::Request& req, httplib::Response& res) {
        const Resolution r = resolve_request(root, req.path);
        switch (r.kind) {
            case Resolution::Kind::file:
                return serve_file(r.file, 200, res);
            case Resolution::Kind::redirect:
                return res.set_redirect(r.location, 301);
            case Resolution::Kind::forbidden:
                res.status = 403;
                return res.set_content("403 Forbidden: outside the site\n", "text/plain");
            case Resolution::Kind::not_found:
                return not_found(res);
        }
    }

    // One event stream per open page: "reload" when the generation moves
    // past `since`, a comment every few seconds so a closed page is noticed.
    void events(const httplib::Request& req, httplib::Response& res) {
        std::uint64_t since = 0;
        try {
            since = std::stoull(req.get_param_value("since"));
        } catch (const std::exception&) {
            since = generation_now();
        }
        res.set_header("Cache-Control", "no-store");
        auto slot = take_stream_slot();
        if (!slot) {
            // Answered at once, so the thread is free again: the page asks
            // again in a few seconds, and reloads now if it is out of date.
            std::string body = kRetryLater;
            if (since != generation_now()) body += "data: reload\n\n";
            res.set_header("Connection", "close");
            return res.set_content(body, "text/event-stream");
        }
        res.set_chunked_content_provider(
            "text/event-stream", [this, since, slot](size_t, httplib::DataSink& sink) mutable {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait_for(lock, std::chrono::seconds(5),
                                 [&] { return stopping || generation != since; });
                if (stopping) return false;
                const bool reload = generation != since;
                since = generation;
                lock.unlock();
                const std::string message = reload ? "data: reload\n\n" : ": still here\n\n";
                return sink.write(message.data(), message.size());
            });
    }

    std::uint64_t generation_now() const {
        std::lock_guard<std::mutex> lock(mutex);
        return generation;
    }
};

PreviewServer::PreviewServer(fs::path root, bool live_reload) : impl_(std::make_unique<Impl>()) {
    impl_->root = std::move(root);
    impl_->live_reload = live_reload;
    auto& s = impl_->server;
    // Each open page holds one event stream: room for many pages and
    // requests at once.
    s.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
    s.set_keep_alive_timeout(2);
    // cpp-httplib's default sets SO_REUSEPORT, which lets a second server
    // share a port already in use; a preview must fail loudly instead.
    Impl* impl = impl_.get();
    s.set_socket_options([impl](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        impl->listen_socket = sock;
    });
    s.Get(kEventsPath,
          [impl](const httplib::Request& req, httplib::Response& res) { impl->events(req, res); });
    s.Get(".*",
          [impl](const httplib::Request& req, httplib::Response& res) { impl->handle(req, res); });
}

PreviewServer::~PreviewServer() {
    stop();
}

int PreviewServer::bind(const std::string& host, int port) {
    const int bound = port == 0 ? std::max(0, impl_->server.bind_to_any_port(host))
                                : (impl_->server.bind_to_port(host, port) ? port : 0);
    // Listening again on a listening socket only sets its backlog (Linux).
    if (bound > 0 && impl_->listen_socket >= 0) ::listen(impl_->listen_socket, kListenBacklog);
    return bound;
}

void PreviewServer::listen() {
    impl_->server.listen_after_bind();
}

void PreviewServer::stop() {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->changed.notify_all();
    if (impl_->listen_started) {
        while (!impl_->server.is_running() && !impl_->listen_finished) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    impl_->server.stop();
}

bool PreviewServer::wait_until_listening(std::chrono::milliseconds timeout) const {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!impl_->server.is_running()) {
        if (impl_->listen_finished || std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void PreviewServer::site_rebuilt() {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->diagnostics.clear();
        ++impl_->generation;
    }
    impl_->changed.notify_all();
}

void PreviewServer::build_failed(std::string diagnostics) {
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->diagnostics = diagnostics.empty() ? "the build failed" : std::move(diagnostics);
        ++impl_->generation;
    }
    impl_->changed.notify_all();
}

std::uint64_t PreviewServer::generation() const {
    return impl_->generation_now();
}

}  // namespace lspgen::serve
