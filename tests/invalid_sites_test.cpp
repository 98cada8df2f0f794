// The invalid-site corpus: each folder in tests/invalid holds a site/ with
// one kind of mistake and expected.txt, the exact diagnostics lspgen must
// print. Every case must also exit 1 and leave a published site untouched.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

/// Runs with the working directory set to `dir`, so diagnostics name short
/// relative paths, then restores it.
class WorkingDirectory {
  public:
    explicit WorkingDirectory(const fs::path& dir) : previous_(fs::current_path()) {
        fs::current_path(dir);
    }
    ~WorkingDirectory() { fs::current_path(previous_); }

  private:
    fs::path previous_;
};

}  // namespace

TEST_CASE(
    "invalid sites: each case prints its exact diagnostics and exits 1 and leaves OUT intact") {
    const fs::path corpus = tests_dir() / "invalid";
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.is_directory()) cases.push_back(entry.path().filename().string());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 20);

    TempDir tmp;
    const fs::path out = tmp / "public";
    REQUIRE(run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(), "-o", out.string(),
                        "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    const auto published = snapshot(out);
    const auto parent_before =
        std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator());

    for (const auto& name : cases) {
        DYNAMIC_SECTION(name) {
            const std::string expected = read_file(corpus / name / "expected.txt");
            REQUIRE_FALSE(expected.empty());
            RunResult run;
            {
                WorkingDirectory cwd(corpus);
                run = run_lspgen(
                    {"build", name + "/site", "-o", out.string(), "--now", "2009-03-01"});
            }
            // The output folder is a temporary path; the corpus calls it OUT.
            std::string err = run.err;
            for (size_t at; (at = err.find(out.string())) != std::string::npos;) {
                err.replace(at, out.string().size(), "OUT");
            }
            CHECK(run.exit_code == 1);
            CHECK(err == expected);
            CHECK(snapshot(out) == published);
            CHECK(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()) ==
                  parent_before);
        }
    }
}
