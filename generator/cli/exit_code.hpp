#pragma once

#include "base/outcome.hpp"

namespace lspgen {

/// Exit codes shared by every command (SPEC §2).
enum ExitCode { kExitOk = 0, kExitBadInput = 1, kExitUsage = 2, kExitEnvironment = 3 };

/// The exit code of an outcome.
constexpr int exit_code(Outcome outcome) {
    switch (outcome) {
        case Outcome::ok:
            return kExitOk;
        case Outcome::bad_input:
            return kExitBadInput;
        case Outcome::usage:
            return kExitUsage;
        case Outcome::environment:
            return kExitEnvironment;
    }
    return kExitEnvironment;
}

}  // namespace lspgen
