#include "cli/serve/watcher.hpp"

#include <utility>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace lspgen::serve {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kChangeMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                 IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF;

// Waits up to `timeout_ms` (-1: for ever) for `fd` or `stop_fd` to be
// readable. Returns 1 for fd, 0 for a timeout, -1 for stop.
int wait_readable(int fd, int stop_fd, int timeout_ms) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    for (;;) {
        const int n = poll(fds, 2, timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return 0;
        if (fds[1].revents) return -1;
        return 1;
    }
}

}  // namespace

Watcher::Watcher(std::vector<fs::path> ignored) : ignored_(std::move(ignored)) {
    inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    stop_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

std::unique_ptr<Watcher> Watcher::open(const std::vector<fs::path>& folders,
                                       std::vector<fs::path> ignored, std::string& error) {
    std::unique_ptr<Watcher> watcher(new Watcher(std::move(ignored)));
    if (watcher->inotify_ < 0 || watcher->stop_ < 0) {
        error = std::string("cannot watch for changes: ") + std::strerror(errno);
        return nullptr;
    }
    for (auto& ignored_path : watcher->ignored_) {
        std::error_code ec;
        const fs::path absolute = fs::weakly_canonical(ignored_path, ec);
        if (!ec) ignored_path = absolute;
    }
    for (const auto& folder : folders) {
        if (!watcher->watch_tree(folder)) {
            error = watcher->take_problem();
            return nullptr;
        }
    }
    return watcher;
}

Watcher::~Watcher() {
    if (inotify_ >= 0) close(inotify_);
    if (stop_ >= 0) close(stop_);
}

std::string Watcher::take_problem() {
    return std::exchange(problem_, {});
}

bool Watcher::is_ignored(const fs::path& path) const {
    return std::any_of(ignored_.begin(), ignored_.end(), [&](const fs::path& ignored) {
        const auto [end, _] =
            std::mismatch(ignored.begin(), ignored.end(), path.begin(), path.end());
        return end == ignored.end();
    });
}

bool Watcher::watch_tree(const fs::path& folder) {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(folder, ec);
    if (ec || !fs::is_directory(absolute, ec) || is_ignored(absolute)) return true;
    const int wd = inotify_add_watch(inotify_, absolute.c_str(), kChangeMask);
    if (wd < 0) {
        if (errno == ENOSPC) {
            problem_ = "cannot watch " + absolute.string() +
                       ": too many folders for inotify (raise fs.inotify.max_user_watches)";
            return false;
        }
        return true;  // gone already, or unreadable: nothing to watch there
    }
    folders_[wd] = absolute;
    // Symlinked folders are not followed: a loop must not watch for ever.
    for (fs::directory_iterator it(absolute, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec) && !watch_tree(it->path())) return false;
    }
    return true;
}

bool Watcher::drain() {
    bool wanted = false;
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = read(inotify_, buffer, sizeof buffer);
        if (n <= 0) break;  // EAGAIN: nothing more for now
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                wanted = true;  // events were lost: rebuild to be safe
                continue;
            }
            const auto folder = folders_.find(event->wd);
            if (folder == folders_.end()) continue;
            const fs::path path = event->len > 0 ? folder->second / event->name : folder->second;
            if (event->mask & IN_IGNORED) {
                folders_.erase(folder);
                continue;
            }
            if (is_ignored(path)) continue;
            if ((event->mask & (IN_CREATE | IN_MOVED_TO)) && (event->mask & IN_ISDIR)) {
                watch_tree(path);
            }
            wanted = true;
        }
    }
    return wanted;
}

bool Watcher::wait_for_change(std::chrono::milliseconds quiet) {
    for (;;) {
        const int ready = wait_readable(inotify_, stop_, -1);
        if (ready < 0) return false;
        if (ready == 0 || !drain()) continue;
        // Let the burst of events of one save settle.
        for (;;) {
            const int more = wait_readable(inotify_, stop_, static_cast<int>(quiet.count()));
            if (more < 0) return false;
            if (more == 0) return true;
            drain();
        }
    }
}

void Watcher::stop() {
    const uint64_t one = 1;
    // write() is async-signal-safe; a full counter already means "stop".
    [[maybe_unused]] const ssize_t written = write(stop_, &one, sizeof one);
}

}  // namespace lspgen::serve
