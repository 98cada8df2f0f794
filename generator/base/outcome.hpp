#pragma once

namespace lspgen {

/// How a command's work ended. Library code returns one; only the command
/// line turns it into an exit code (cli/exit_code.hpp, SPEC §2).
enum class Outcome {
    ok,           // done
    bad_input,    // the user's data, pages or output folder: nothing was written
    usage,        // the command was given wrongly
    environment,  // the machine refused (disk, network): the old output is intact
};

}  // namespace lspgen
