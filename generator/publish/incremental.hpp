#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lspgen::incremental {

/// What a file looked like: enough to tell that it changed, as make does.
struct Stamp {
    std::string path;  // relative, with forward slashes
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const Stamp& other) const {
        return path == other.path && size == other.size && mtime_ns == other.mtime_ns;
    }
};

/// Every file under `dir` (following symlinks to files), sorted by path.
/// Folders and files whose names start with '.' (.git, .lspgen-cache) are
/// skipped, and so is `skip` (an output folder inside the site folder).
std::vector<Stamp> stamp_tree(const std::filesystem::path& dir,
                              const std::filesystem::path& skip = {});

/// The stamp of one file, or nothing when it is gone.
std::optional<Stamp> stamp_file(const std::filesystem::path& file, const std::string& relative);

/// One site of the last successful build into an output folder.
/// What a build printed about a site, in the three places a build prints:
/// its diagnostics (warnings, when it built), its good-practice advice
/// (unless quiet) and its link check's report.
struct Printed {
    std::string diagnostics;
    std::string advice;
    std::string links;
};

struct SiteRecord {
    std::string folder;  // the site folder, absolute
    std::string slug;
    std::vector<Stamp> inputs;   // everything in the site folder
    std::vector<Stamp> outputs;  // everything published, relative to OUT
    size_t pages = 0;
    Printed printed;  // by its build, printed again when it is reused
};

/// What the last successful build into OUT was made from, kept beside it as
/// `.<name>.lspgen-state`, so a build of unchanged sites can reuse them.
struct State {
    /// The lspgen binary, the date taken as today, the theme files and the
    /// list of sites: if any of these changed, no site is reused.
    std::string setup;
    std::vector<SiteRecord> sites;
    /// Every file that lspgen wrote and that may still be in OUT or in its
    /// spare, relative to OUT: the only files a build may replace or remove
    /// there (see output_guard.hpp).
    std::vector<std::string> owned;
};

std::filesystem::path state_file(const std::filesystem::path& out);
/// Nothing when there is no state or it cannot be read (then all is rebuilt).
std::optional<State> read_state(const std::filesystem::path& out);
/// Writes the state whole or not at all (a temporary file, then a rename):
/// on failure the previous state stays, and `error` says why.
bool write_state(const std::filesystem::path& out, const State& state, std::string& error);
void remove_state(const std::filesystem::path& out);
/// The state file's bytes as they are, to put back with restore_state when
/// a build that wrote a new one fails (nothing: there was none).
std::optional<std::string> save_state(const std::filesystem::path& out);
void restore_state(const std::filesystem::path& out, const std::optional<std::string>& saved);

/// True when every file `record` published is still in OUT as it was left.
bool outputs_intact(const std::filesystem::path& out, const SiteRecord& record);

/// The version of the state's format; a state of another version is not read.
inline constexpr int kStateFormat = 2;

}  // namespace lspgen::incremental
