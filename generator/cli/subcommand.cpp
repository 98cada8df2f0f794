#include "cli/subcommand.hpp"

#include <CLI/CLI.hpp>

namespace lspgen::cli {

bool Subcommand::parsed() const {
    return command_ && command_->parsed();
}

}  // namespace lspgen::cli
