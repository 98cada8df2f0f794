// lspgen: builds websites for Local Strategic Partnerships. All the work is
// in the library; this only hands the command line to cli::run.
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    try {
        lspgen::cli::Terminal terminal;
        terminal.out_is_terminal = isatty(STDOUT_FILENO) == 1;
        terminal.err_is_terminal = isatty(STDERR_FILENO) == 1;
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        const char* no_colour = std::getenv("NO_COLOR");
        terminal.colour_allowed = !(no_colour && *no_colour);
        return lspgen::cli::run({argv, argv + argc}, std::cout, std::cerr, terminal);
    } catch (const std::exception& e) {
        std::cerr << "lspgen: internal error: " << e.what() << "\n";
        return 3;
    }
}
