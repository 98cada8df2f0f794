#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/check_command.hpp"

namespace lspgen::cli {

/// Runs lspgen with command-line arguments (args[0] is the program name)
/// and returns the process exit code: 0 success, 1 bad input, 2 usage error,
/// 3 environment failure. Output goes to `out` and `err`, so tests can run
/// every command in-process. `terminal` says which streams are a terminal
/// (colour and progress lines are only for those); by default neither is.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Terminal& terminal = {});

}  // namespace lspgen::cli
