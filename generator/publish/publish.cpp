#include "publish/publish.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace lspgen {

namespace fs = std::filesystem;

namespace {

std::string dot_name(const fs::path& target, const std::string& suffix) {
    return "." + target.filename().string() + suffix;
}

/// The whole of a file, or nothing when it cannot be read or is not `size` long.
std::optional<std::string> read_if_size(const fs::path& file, uintmax_t size) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<std::string> bytes;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        static_cast<uintmax_t>(st.st_size) == size) {
        std::string buffer(size, '\0');
        size_t done = 0;
        while (done < size) {
            const ssize_t n = ::read(fd, buffer.data() + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        if (done == size) bytes = std::move(buffer);
    }
    ::close(fd);
    return bytes;
}

/// Writes a new file (O_EXCL: never through an existing one).
bool write_new(const fs::path& file, const std::string& content, std::string& error,
               const fs::path& shown) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        error = "cannot write " + shown.string() + ": " + std::strerror(errno);
        return false;
    }
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            error = "cannot write " + shown.string() + ": " + std::strerror(n < 0 ? errno : ENOSPC);
            ::close(fd);
            ::unlink(file.c_str());
            return false;
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) {
        error = "cannot write " + shown.string() + ": " + std::strerror(errno);
        ::unlink(file.c_str());
        return false;
    }
    return true;
}

// A regular file's identity and size; size -1 when there is no such file.
// (Not std::optional: GCC 12 at -O2 then warns that size may be unset.)
struct FileId {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = -1;
    explicit operator bool() const { return size >= 0; }
    bool operator==(const FileId& o) const { return device == o.device && inode == o.inode; }
};

FileId file_id(const fs::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
    return FileId{st.st_dev, st.st_ino, st.st_size};
}

int exchange_folders(const char* from, const char* to) {
    return ::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
}

}  // namespace

void failpoint(const char* name) {
    const char* wanted = std::getenv("LSPGEN_FAILPOINT");
    if (wanted && std::strcmp(wanted, name) == 0) ::kill(::getpid(), SIGKILL);
}

std::optional<Staging> Staging::create(const fs::path& out, std::string& error,
                                       const Options& options) {
    const fs::path absolute = fs::absolute(out).lexically_normal();
    fs::path target = absolute;
    if (!target.has_filename()) target = target.parent_path();  // "public/" → "public"
    const fs::path parent = target.parent_path();
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
        error = "cannot create " + parent.string() + ": " + ec.message();
        return std::nullopt;
    }
    if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
        error = out.string() + " exists and is not a directory";
        return std::nullopt;
    }
    const std::string base = dot_name(target, ".staging-" + std::to_string(::getpid()));
    const fs::path spare = parent / dot_name(target, ".spare");
    // A name no folder has: what an earlier build left is not ours to reuse.
    fs::path dir = parent / base;
    for (int n = 2; fs::exists(fs::symlink_status(dir, ec)); ++n) {
        dir = parent / (base + "-" + std::to_string(n));
    }
    const Exchange exchange = options.exchange ? options.exchange : exchange_folders;
    if (options.use_spare && ::rename(spare.c_str(), dir.c_str()) == 0) {
        return Staging(target, dir, spare, true, exchange);
    }
    if (::mkdir(dir.c_str(), 0777) != 0) {
        error = "cannot create the staging directory " + dir.string() + ": " + std::strerror(errno);
        return std::nullopt;
    }
    return Staging(target, dir, spare, false, exchange);
}

Staging::Staging(fs::path out, fs::path dir, fs::path spare, bool from_spare, Exchange exchange)
    : out_(std::move(out)),
      dir_(std::move(dir)),
      spare_(std::move(spare)),
      from_spare_(from_spare),
      exchange_(exchange) {
    std::error_code ec;
    has_previous_ = fs::is_directory(out_, ec);
}

Staging::Staging(Staging&& other) noexcept
    : out_(std::move(other.out_)),
      dir_(std::move(other.dir_)),
      spare_(std::move(other.spare_)),
      from_spare_(other.from_spare_),
      has_previous_(other.has_previous_),
      committed_(other.committed_),
      finished_(other.finished_),
      exchange_(other.exchange_),
      mutex_(std::move(other.mutex_)),
      folders_(std::move(other.folders_)),
      wanted_(std::move(other.wanted_)),
      written_(std::move(other.written_)),
      kept_(std::move(other.kept_)) {
    other.committed_ = true;  // the moved-from object owns nothing
}

Staging::~Staging() {
    if (committed_) return;
    // Everything in it is lspgen's: the spare's files (plan_output checked
    // them) and what this build wrote. Put back as the spare, it would hold
    // files that the restored record does not name.
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

bool Staging::make_parent(const fs::path& file, std::string& error) {
    const fs::path parent = file.parent_path();
    const std::lock_guard<std::mutex> lock(*mutex_);
    if (folders_.count(parent.native())) return true;
    std::error_code ec;
    if (!fs::create_directories(parent, ec) && ec) {
        // The spare may hold a file where the new site has a folder.
        for (fs::path p = parent; p != dir_ && p.has_parent_path(); p = p.parent_path()) {
            if (fs::is_regular_file(fs::symlink_status(p, ec))) fs::remove(p, ec);
        }
        ec.clear();
        fs::create_directories(parent, ec);
        if (ec) {
            error = "cannot create " + parent.string() + ": " + ec.message();
            return false;
        }
    }
    folders_.insert(parent.native());
    return true;
}

fs::path Staging::place(const std::string& relative) {
    {
        const std::lock_guard<std::mutex> lock(*mutex_);
        wanted_.insert(relative);
    }
    return dir_ / relative;
}

void Staging::clear(const fs::path& file) {
    if (::unlink(file.c_str()) == 0 || errno == ENOENT) return;
    std::error_code ec;
    fs::remove_all(file, ec);  // a folder where the new site has a file
}

template <typename Same>
bool Staging::keep_if(const std::string& relative, Same&& same) {
    const fs::path file = dir_ / relative;
    if (!from_spare_ && !has_previous_) return false;  // nothing to keep
    const FileId staged = from_spare_ ? file_id(file) : FileId{};
    const FileId published = has_previous_ ? file_id(out_ / relative) : FileId{};
    if (staged && published && staged == published) {
        // The same file in both: nothing to do if it is the one wanted.
        if (same(out_ / relative, published.size)) return true;
        return false;
    }
    if (staged && same(file, staged.size)) return true;
    if (published && same(out_ / relative, published.size)) {
        // A link to the published file, in place of whatever the spare had.
        if (from_spare_) clear(file);
        return ::link((out_ / relative).c_str(), file.c_str()) == 0;
    }
    return false;
}

bool Staging::write(const std::string& relative, const std::string& content, std::string& error) {
    const fs::path file = place(relative);
    if (!make_parent(file, error)) return false;
    if (keep_if(relative, [&](const fs::path& candidate, off_t size) {
            if (static_cast<size_t>(size) != content.size()) return false;
            const auto bytes = read_if_size(candidate, content.size());
            return bytes && *bytes == content;
        })) {
        ++*kept_;
        return true;
    }
    // A new file at its place: what the spare had there goes first (it may be
    // a link to a published file, which must not be written through). In a
    // new staging folder there is nothing to remove, and no rename to pay.
    if (from_spare_) clear(file);
    if (!write_new(file, content, error, out_ / relative)) return false;
    ++*written_;
    return true;
}

bool Staging::copy(const fs::path& source, const std::string& relative, std::string& error) {
    const fs::path file = place(relative);
    if (!make_parent(file, error)) return false;
    std::error_code ec;
    const uintmax_t size = fs::file_size(source, ec);
    if (!ec) {
        std::optional<std::string> source_bytes;
        if (keep_if(relative, [&](const fs::path& candidate, off_t candidate_size) {
                if (static_cast<uintmax_t>(candidate_size) != size) return false;
                if (!source_bytes) source_bytes = read_if_size(source, size);
                const auto bytes = read_if_size(candidate, size);
                return source_bytes && bytes && *bytes == *source_bytes;
            })) {
            ++*kept_;
            return true;
        }
    }
    // read() and write() rather than std::filesystem::copy_file, which
    // reports a full disk as "Input/output error".
    const auto bytes = ec ? std::nullopt : read_if_size(source, size);
    if (!bytes) {
        error = "cannot read " + source.string() + ": " + std::strerror(errno ? errno : EIO);
        return false;
    }
    if (from_spare_) clear(file);
    if (!write_new(file, *bytes, error, out_ / relative)) return false;
    ++*written_;
    return true;
}

bool Staging::link_previous(const std::string& relative, std::string& error) {
    const fs::path file = place(relative);
    if (!make_parent(file, error)) return false;
    const fs::path published = out_ / relative;
    const FileId staged = file_id(file);
    const FileId live = file_id(published);
    if (staged && live && staged == live) {
        ++*kept_;
        return true;
    }
    if (from_spare_) clear(file);
    if (::link(published.c_str(), file.c_str()) != 0) {
        // No links here (another file system, say): a copy.
        std::error_code ec;
        fs::copy_file(published, file, ec);
        if (ec) {
            error =
                "cannot copy " + published.string() + " to " + file.string() + ": " + ec.message();
            return false;
        }
    }
    ++*kept_;
    return true;
}

void Staging::finish() {
    if (finished_) return;
    finished_ = true;
    if (!from_spare_) return;  // a new folder holds only what was put there
    // Files the spare had that the new site has not, and folders left empty.
    std::vector<fs::path> unwanted;
    std::set<fs::path> folders;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) continue;
        const std::string rel = it->path().lexically_relative(dir_).generic_string();
        if (!wanted_.count(rel)) unwanted.push_back(it->path());
    }
    for (const auto& file : unwanted) {
        fs::remove(file, ec);
        for (fs::path p = file.parent_path(); p != dir_ && p.has_parent_path();
             p = p.parent_path()) {
            folders.insert(p);
        }
    }
    // Deepest first; a folder that still holds something stays.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) ::rmdir(it->c_str());
}

bool Staging::commit(std::string& error) {
    finish();
    std::error_code ec;
    if (!fs::exists(out_, ec)) {
        if (::rename(dir_.c_str(), out_.c_str()) != 0) {
            error = "cannot move the new site into " + out_.string() + ": " + std::strerror(errno);
            return false;
        }
        committed_ = true;
        failpoint("swapped");
        return true;
    }
    // Exchange the two directories in one step: there is no moment at which
    // OUT is missing or half-written.
    if (exchange_(dir_.c_str(), out_.c_str()) != 0) {
        if (errno != EINVAL && errno != ENOSYS) {
            error = "cannot replace " + out_.string() + ": " + std::strerror(errno);
            return false;
        }
        return replace_files(error);
    }
    failpoint("swapped");
    // dir_ now holds the previous output: the spare for the next build. It
    // holds only lspgen's files, so where a spare cannot go it can go.
    committed_ = true;
    if (::rename(dir_.c_str(), spare_.c_str()) != 0) fs::remove_all(dir_, ec);
    return true;
}

bool Staging::replace_files(std::string& error) {
    // File systems without RENAME_EXCHANGE (some network and FUSE ones).
    // Moving OUT aside and the new tree in would leave a moment with no OUT
    // at all; renaming file by file keeps OUT, and every file in it whole.
    std::error_code ec;
    for (const auto& relative : wanted_) {
        const fs::path target = out_ / relative;
        // OUT holds only lspgen's files (plan_output checked), so a file
        // where the new site has a folder, or a folder where it has a file,
        // is an old page of lspgen's.
        for (fs::path p = target.parent_path(); p != out_; p = p.parent_path()) {
            if (fs::is_regular_file(fs::symlink_status(p, ec))) fs::remove(p, ec);
        }
        fs::create_directories(target.parent_path(), ec);
        if (fs::is_directory(fs::symlink_status(target, ec))) fs::remove_all(target, ec);
        if (::rename((dir_ / relative).c_str(), target.c_str()) != 0) {
            error = "cannot replace " + target.string() + ": " + std::strerror(errno);
            return false;
        }
    }
    committed_ = true;
    std::vector<fs::path> old_files;
    std::vector<fs::path> folders;
    for (auto it = fs::recursive_directory_iterator(out_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code type_ec;
        const std::string relative = it->path().lexically_relative(out_).generic_string();
        if (it->symlink_status(type_ec).type() == fs::file_type::directory) {
            folders.push_back(it->path());
        } else if (!wanted_.count(relative)) {
            old_files.push_back(it->path());
        }
    }
    for (const auto& file : old_files) fs::remove(file, ec);
    // Deepest first; a folder that still holds something stays.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) ::rmdir(it->c_str());
    fs::remove_all(dir_, ec);  // links to the files now published, and empty folders
    return true;
}

}  // namespace lspgen
