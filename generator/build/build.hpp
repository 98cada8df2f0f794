#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/dates.hpp"

namespace lspgen {

struct BuildOptions {
    /// Site folders, as the user typed them (used in diagnostics).
    std::vector<std::string> sites;
    /// Output folder. One site is published into it; several go to OUT/<slug>/.
    std::string out = "public";
    /// "Today", for upcoming meetings.
    Date today;
    std::filesystem::path themes_dir;
    /// Where a hub keeps the last good copy of each remote data.json; empty:
    /// the hub's cache_dir, else .lspgen-cache/ in the hub folder.
    std::string cache_dir;
    bool quiet = false;
    bool verbose = false;
    /// Build every site, even those unchanged since the last build into OUT.
    bool force = false;
};

/// Exit codes shared by every command (SPEC §2).
enum ExitCode { kExitOk = 0, kExitBadInput = 1, kExitUsage = 2, kExitEnvironment = 3 };

/// Runs the pipeline load → validate → render → publish for every site.
/// Diagnostics go to `err`; a one-line summary to `out` unless quiet.
/// Returns an ExitCode. Nothing is written unless every site is good.
int build(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lspgen
