#pragma once

#include <ostream>
#include <string>

#include "cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace lspgen::cli {

/// `lspgen audit SITE [--format human|json|junit|github] [--now DATE] [--fail-under N]`:
/// the transparency audit of one site folder.
class AuditCommand : public Subcommand {
  public:
    /// Adds the subcommand and its options to `app`.
    void add_to(CLI::App& app);
    /// Prints the report to `out`. Returns 0, or 1 when the site's data has
    /// errors (printed to `err`) or the score is under --fail-under, 2 for a
    /// usage error.
    int run(std::ostream& out, std::ostream& err) const;

  private:
    std::string site_;
    std::string format_ = "human";
    std::string now_;
    int fail_under_ = -1;
};

}  // namespace lspgen::cli
