#include "support.hpp"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace lspgen::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("lspgen-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& file, const std::string& content) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files[entry.path().lexically_relative(dir).generic_string()] = read_file(entry.path());
        }
    }
    return files;
}

fs::path source_dir() {
    return LSPGEN_SOURCE_DIR;
}
fs::path tests_dir() {
    return LSPGEN_TESTS_DIR;
}

}  // namespace lspgen::test
