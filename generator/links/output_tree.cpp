#include "links/output_tree.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>

#include "base/parallel.hpp"

namespace lspgen::links {

namespace fs = std::filesystem;

namespace {

bool is_html(const std::string& path) {
    return path.size() > 5 && (path.compare(path.size() - 5, 5, ".html") == 0 ||
                               (path.size() > 4 && path.compare(path.size() - 4, 4, ".htm") == 0));
}

}  // namespace

namespace {

/// What one thread of the walk found.
struct Found {
    std::vector<std::string> files;
    std::vector<std::string> folders;
};

/// Lists `folder` (relative to `root_fd`; "" is the top): its files and
/// folders go into `found`, and its folders also into `subfolders`, to be
/// listed in turn. Links are followed the way a browser would (a link to a
/// file is a file) but never walked into, and a folder that cannot be read
/// is left out.
void list_folder(int root_fd, const std::string& folder, Found& found,
                 std::vector<std::string>& subfolders) {
    const int fd = folder.empty() ? ::dup(root_fd)
                                  : ::openat(root_fd, folder.c_str(),
                                             O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return;
    DIR* const dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        return;
    }
    const std::string prefix = folder.empty() ? folder : folder + "/";
    while (const dirent* entry = ::readdir(dir)) {
        const char* const name = entry->d_name;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        unsigned type = entry->d_type;
        struct stat st {};
        if (type == DT_UNKNOWN) {
            if (::fstatat(::dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            type = IFTODT(st.st_mode);
        }
        if (type == DT_LNK) {
            if (::fstatat(::dirfd(dir), name, &st, 0) != 0) continue;  // a broken link
            if (S_ISDIR(st.st_mode)) found.folders.push_back(prefix + name);
            if (S_ISREG(st.st_mode)) found.files.push_back(prefix + name);
        } else if (type == DT_DIR) {
            found.folders.push_back(prefix + name);
            subfolders.push_back(found.folders.back());
        } else if (type == DT_REG) {
            found.files.push_back(prefix + name);
        }
    }
    ::closedir(dir);
}

}  // namespace

// Listing a built region means opening some 20,000 folders, and the system
// calls are most of the cost: every core lists folders, taking the next one
// waiting. readdir's entries carry their type, so a file costs no stat().
DiskTree::DiskTree(fs::path root) : root_(std::move(root)) {
    root_fd_ = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root_fd_ < 0) return;
    std::vector<std::string> waiting{""};
    std::mutex mutex;
    std::condition_variable changed;
    size_t busy = 0;  // threads listing a folder, which may add more
    std::vector<Found> found(worker_count());
    parallel_for_workers(found.size(), [&](size_t worker, size_t) {
        std::vector<std::string> subfolders;
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return !waiting.empty() || busy == 0; });
            if (waiting.empty()) break;  // and nobody is listing: done
            const std::string folder = std::move(waiting.back());
            waiting.pop_back();
            ++busy;
            lock.unlock();
            list_folder(root_fd_, folder, found[worker], subfolders);
            lock.lock();
            --busy;
            for (auto& subfolder : subfolders) waiting.push_back(std::move(subfolder));
            subfolders.clear();
            changed.notify_all();
        }
    });
    for (auto& part : found) {
        for (auto& file : part.files) files_.insert(std::move(file));
        for (auto& folder : part.folders) folders_.insert(std::move(folder));
    }
}

DiskTree::~DiskTree() {
    if (root_fd_ >= 0) ::close(root_fd_);
}

// Paths come from resolve(), which has removed "." and ".." already.
bool DiskTree::is_file(const std::string& path) const {
    return files_.count(path) > 0;
}

bool DiskTree::is_directory(const std::string& path) const {
    std::string folder = path;
    while (!folder.empty() && folder.back() == '/') folder.pop_back();
    return folder.empty() || folders_.count(folder) > 0;
}

std::vector<std::string> DiskTree::html_pages() const {
    std::vector<std::string> pages;
    for (const auto& path : files_) {
        if (is_html(path)) pages.push_back(path);
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

std::string_view DiskTree::read(const std::string& path, std::string& bytes,
                                std::string* error) const {
    // One read of the known size: a stream copy costs a sixth of the check.
    // Only a listed file is read: never a path from outside the tree.
    bytes.clear();
    auto fail = [&](int code) {
        if (error) *error = std::strerror(code);
        bytes.clear();
        return std::string_view(bytes);
    };
    if (root_fd_ < 0 || !files_.count(path)) return fail(ENOENT);
    const int fd = ::openat(root_fd_, path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int code = errno;
        ::close(fd);
        return fail(code);
    }
    if (st.st_size > 0) {
        bytes.resize(static_cast<size_t>(st.st_size));
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const int code = errno;
                ::close(fd);
                return fail(code);
            }
            if (n == 0) break;  // the file shrank since: what is there is the page
            done += static_cast<size_t>(n);
        }
        bytes.resize(done);
    }
    ::close(fd);
    return bytes;
}

void MemoryTree::add_file(const std::string& path, const std::string* content) {
    files_[path] = content;
}

bool MemoryTree::is_file(const std::string& path) const {
    return files_.count(path) > 0;
}

bool MemoryTree::is_directory(const std::string& path) const {
    std::string prefix = path;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    auto it = files_.lower_bound(prefix);
    return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> MemoryTree::html_pages() const {
    std::vector<std::string> pages;
    for (const auto& [path, content] : files_) {
        if (content && is_html(path)) pages.push_back(path);
    }
    return pages;
}

std::string_view MemoryTree::read(const std::string& path, std::string&, std::string* error) const {
    auto it = files_.find(path);
    if (it == files_.end() || !it->second) {
        // A copied file's bytes are not held here.
        if (error) *error = std::strerror(it == files_.end() ? ENOENT : EOPNOTSUPP);
        return {};
    }
    return *it->second;
}

}  // namespace lspgen::links
