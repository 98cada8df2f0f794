#pragma once

namespace CLI {
class App;
}

namespace lspgen::cli {

/// What every subcommand (build aside) shares: its node in CLI11's tree,
/// set by its add_to(app), and whether the user chose it.
class Subcommand {
  public:
    bool parsed() const;

  protected:
    CLI::App* command_ = nullptr;
};

}  // namespace lspgen::cli
