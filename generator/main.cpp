// lspgen: builds websites for Local Strategic Partnerships. All the work is
// in the library; this only hands the command line to cli::run.
#include <exception>
#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
    try {
        return lspgen::cli::run({argv, argv + argc}, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "lspgen: internal error: " << e.what() << "\n";
        return 3;
    }
}
