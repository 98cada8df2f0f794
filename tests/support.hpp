#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lspgen::test {

/// The result of running the lspgen command line in-process.
struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs `lspgen ARGS…` through cli::run, capturing its output.
RunResult run_lspgen(const std::vector<std::string>& args);

/// A fresh directory under the system temp folder, removed afterwards.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

/// Every regular file under `dir`, by relative path, with its bytes.
std::map<std::string, std::string> snapshot(const std::filesystem::path& dir);

std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& content);

/// The smallest valid site: its site.yaml and members.yaml, for tests that
/// make sites at run time. Its email is a reserved example, so it says
/// `status: example`.
inline const char* const kSiteYaml =
    "name: Casefield Partnership\n"
    "status: example\n"
    "area: Casefield\n"
    "summary: A fictional partnership for testing.\n"
    "contact:\n"
    "  email: lsp@example.org\n";
inline const char* const kMembersYaml =
    "- id: jo-sample\n"
    "  name: Jo Sample\n"
    "  role: Member\n"
    "  organisation: Casefield Council\n";

/// The repository's source and tests folders.
std::filesystem::path source_dir();
std::filesystem::path tests_dir();

}  // namespace lspgen::test
