#pragma once

#include <ostream>
#include <string>

#include "cli/subcommand.hpp"

namespace CLI {
class App;
}

namespace lspgen::cli {

/// `lspgen serve SITE [--port N] [--host ADDR]`: builds the site into a
/// temporary folder, serves it with PreviewServer, rebuilds when a file of
/// the site or the theme changes and reloads the open pages. Ctrl-C stops it.
class ServeCommand : public Subcommand {
  public:
    /// Adds the subcommand and its options to `app`.
    void add_to(CLI::App& app);
    /// Serves until SIGINT or SIGTERM. Returns 0 after a clean stop, 2 for
    /// a usage error, 3 when the address cannot be bound or the folder
    /// cannot be watched.
    int run(std::ostream& out, std::ostream& err) const;

  private:
    std::string site_;
    std::string host_ = "127.0.0.1";
    int port_ = 1313;
    std::string now_;
    std::string themes_;
    bool no_reload_ = false;
};

}  // namespace lspgen::cli
