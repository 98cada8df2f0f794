#pragma once

#include <ostream>
#include <string>

#include "cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace lspgen::cli {

/// `lspgen new SITE_DIR [--name NAME] [--now DATE]`: a new site folder that
/// builds at once, every file of a site present with commented examples
/// and TODO markers.
class NewCommand : public Subcommand {
  public:
    /// Adds the subcommand and its options to `app`.
    void add_to(CLI::App& app);
    /// Makes the site. Returns 0, 1 when SITE_DIR exists and is not empty
    /// (it is left untouched), 2 for a usage error, 3 when the folder cannot
    /// be written (nothing is left behind).
    int run(std::ostream& out, std::ostream& err) const;

  private:
    std::string dir_;
    std::string name_;
    std::string now_;
};

}  // namespace lspgen::cli
