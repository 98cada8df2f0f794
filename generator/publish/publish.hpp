#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace lspgen {

/// Builds the new output in a staging tree beside OUT and swaps it in only
/// when everything was written, so readers of OUT see the old site or the
/// new one, never half of either. If the build fails or the process stops
/// early, OUT is untouched (and the staging tree, spare or not, is removed).
///
/// Writing only what changed: the tree that OUT replaces is not deleted but
/// kept beside it as `.<name>.spare`, and the next build is staged in it.
/// A file whose bytes are already there, or already published, is kept (as a
/// hard link to the published file): it costs no write, and it keeps its
/// modification time, so rsync and other deploy tools skip it. A file that
/// changed is written as a new file (what the spare had there is unlinked
/// first), never through a link, so the published site is never touched. Deleting a whole tree
/// costs more than writing it on many file systems; this way a build deletes only the files that
/// are no longer part of the site.
///
/// Staging trusts its caller (plan_output in output_guard.hpp) to have
/// checked that OUT and the spare hold only files lspgen wrote: it replaces
/// and removes files there without asking again.
///
/// write(), copy() and link_previous() may be called from several threads.
class Staging {
  public:
    /// Swaps two folders in one step: renameat2(RENAME_EXCHANGE). A test
    /// may put a failing one in its place.
    using Exchange = int (*)(const char* from, const char* to);

    struct Options {
        /// Stage in the spare beside OUT when there is one.
        bool use_spare = true;
        Exchange exchange = nullptr;  // nullptr: renameat2
    };

    /// Takes `.<name>.spare` beside `out` (or makes a new folder) as
    /// `.<name>.staging-<pid>`. Gives nullopt and sets `error` when the parent
    /// folder cannot be written. A folder left by an earlier build is never
    /// taken or removed: a new name is chosen.
    static std::optional<Staging> create(const std::filesystem::path& out, std::string& error,
                                         const Options& options);
    static std::optional<Staging> create(const std::filesystem::path& out, std::string& error) {
        return create(out, error, Options{});
    }

    Staging(Staging&& other) noexcept;
    Staging& operator=(Staging&&) = delete;
    ~Staging();

    /// Puts `content` at `relative` (a path with forward slashes).
    bool write(const std::string& relative, const std::string& content, std::string& error);
    /// Puts a copy of the file `source` at `relative`.
    bool copy(const std::filesystem::path& source, const std::string& relative, std::string& error);
    /// Puts the published OUT/`relative` at `relative`, unchanged.
    bool link_previous(const std::string& relative, std::string& error);
    /// Removes what the staging tree holds beyond what was put there (what
    /// a spare had that the new site has not). commit() does it if not done.
    void finish();
    /// Swaps the staging tree in as `out` and keeps the old output as the
    /// spare. Where the file system cannot swap two folders, each file is
    /// renamed over its old version instead (OUT never goes missing, and
    /// each file is whole, old or new), then the old files are removed.
    bool commit(std::string& error);
    /// Every file of the new site, relative, with forward slashes.
    const std::set<std::string>& files() const { return wanted_; }

    const std::filesystem::path& dir() const { return dir_; }
    /// Files written anew, and files kept as they were.
    size_t written() const { return *written_; }
    size_t kept() const { return *kept_; }

  private:
    Staging(std::filesystem::path out, std::filesystem::path dir, std::filesystem::path spare,
            bool from_spare, Exchange exchange);
    bool make_parent(const std::filesystem::path& file, std::string& error);
    /// Where a file goes, recorded as part of the new site.
    std::filesystem::path place(const std::string& relative);
    /// Puts a file with the bytes `same` accepts at `relative`, if the
    /// staging tree or OUT has one; false when neither does.
    template <typename Same>
    bool keep_if(const std::string& relative, Same&& same);
    /// Removes whatever the staging tree has at `file`.
    void clear(const std::filesystem::path& file);
    bool replace_files(std::string& error);

    std::filesystem::path out_;
    std::filesystem::path dir_;
    std::filesystem::path spare_;
    bool from_spare_ = false;  // dir_ was the spare: put it back on failure
    bool has_previous_ = false;
    bool committed_ = false;
    bool finished_ = false;
    Exchange exchange_ = nullptr;
    // Behind pointers so that Staging can move.
    std::unique_ptr<std::mutex> mutex_ = std::make_unique<std::mutex>();
    std::set<std::string> folders_;  // made already
    std::set<std::string> wanted_;   // every file of the new site
    std::unique_ptr<std::atomic<size_t>> written_ = std::make_unique<std::atomic<size_t>>(0);
    std::unique_ptr<std::atomic<size_t>> kept_ = std::make_unique<std::atomic<size_t>>(0);
};

/// For tests of interrupted builds: when the environment variable
/// LSPGEN_FAILPOINT is `name`, the process kills itself here with SIGKILL,
/// as kill -9 or a power cut would stop it.
void failpoint(const char* name);

}  // namespace lspgen
