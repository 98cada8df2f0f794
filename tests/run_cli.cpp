// run_lspgen (support.hpp): the command line in-process. Only the tests of
// the whole program link it; a stage's unit tests cannot reach the CLI.
#include <sstream>

#include "cli/cli.hpp"
#include "support.hpp"

namespace lspgen::test {

RunResult run_lspgen(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"lspgen"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::ostringstream out;
    std::ostringstream err;
    RunResult result;
    result.exit_code = cli::run(argv, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

}  // namespace lspgen::test
