#pragma once

#include <ostream>
#include <string>

#include "cli/subcommand.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace lspgen::cli {

/// `lspgen completion bash|zsh|fish`: prints the shell's completion script,
/// generated from CLI11's tree of commands and options, so that it names
/// exactly the commands and options that the parser accepts.
class CompletionCommand : public Subcommand {
  public:
    /// Adds the subcommand to `app`, whose whole tree the script describes
    /// (the tree as it is when run() is called).
    void add_to(CLI::App& app);
    /// Prints the script to `out`; returns 0.
    int run(std::ostream& out) const;

  private:
    CLI::App* app_ = nullptr;
    const CLI::Option* shell_option_ = nullptr;
    std::string shell_;
};

/// `lspgen man` (hidden): prints the man page lspgen(1) in roff, made from
/// the same CLI11 tree and help formatter as `--help`, so that the two say
/// the same. The build runs it to make lspgen.1 (cmake/packaging.cmake).
class ManCommand : public Subcommand {
  public:
    void add_to(CLI::App& app);
    int run(std::ostream& out) const;

  private:
    CLI::App* app_ = nullptr;
};

}  // namespace lspgen::cli
