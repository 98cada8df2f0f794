#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/outcome.hpp"
#include "model/dates.hpp"
#include "report/report.hpp"

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
    /// the hub's cache_dir, else the user's cache folder (hub::HubOptions).
    std::string cache_dir;
    bool quiet = false;
    bool verbose = false;
    /// Build every site, even those unchanged since the last build into OUT.
    bool force = false;
    /// How problems are reported: human (to `err`, with source lines and
    /// carets) or a machine format (to `out`: json, junit, github).
    report::Format format = report::Format::human;
};

/// Runs the pipeline load → validate → render → check links → publish for
/// every site. Diagnostics go to `err`; a one-line summary to `out` unless
/// quiet. Nothing is written unless every site is good.
Outcome build(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lspgen
