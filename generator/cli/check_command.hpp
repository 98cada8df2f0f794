#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "links/external_check.hpp"

#include "cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace lspgen::cli {

/// Where the command's output goes: colour and progress lines are for
/// people at a terminal, never for a file or a pipe a CI job reads.
struct Terminal {
    bool out_is_terminal = false;
    bool err_is_terminal = false;
    bool colour_allowed = true;  // false when NO_COLOR is set
};

/// `lspgen check OUT [--external] [--format F] …`: the link checker of a
/// built tree, internal links always, external ones when asked.
class CheckCommand : public Subcommand {
  public:
    /// Adds the subcommand and its options to `app`.
    void add_to(CLI::App& app);
    /// Runs the check; returns 0 when nothing is broken, 1 when something
    /// is, 2 for a usage error, 3 when the results cache cannot be written.
    int run(std::ostream& out, std::ostream& err, const Terminal& terminal) const;

  private:
    /// The tree options from the command line; false, with `problem`
    /// saying why, when one makes no sense.
    bool check_options(links::CheckOptions& check, std::string& problem) const;

    std::string dir_;
    std::string root_dir_;
    std::string base_url_;
    std::vector<std::string> index_files_;
    std::vector<std::string> fallback_extensions_;
    std::vector<std::string> exclude_paths_;
    std::string format_ = "human";
    bool external_ = false;
    double connect_timeout_s_ = 5;
    double timeout_s_ = 15;
    double max_retry_after_s_ = 10;
    long cache_ttl_s_ = 24 * 3600;
    std::vector<int> accept_;
    std::string cache_;
    links::ExternalOptions external_options_;
};

}  // namespace lspgen::cli
