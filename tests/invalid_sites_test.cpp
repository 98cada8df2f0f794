// The invalid-site corpus: each folder in tests/invalid holds a site/ with
// one kind of mistake and expected.txt, the exact diagnostics lspgen must
// print. Every case must also exit 1, leave a published site untouched, and
// take bounded time and memory. (Cases that cannot live in git — huge,
// unreadable, looping — are made at run time by hostile_input_test.cpp.)
#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

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

/// A site published once for all cases (Catch runs the test case again for
/// each section): the output every case must leave as it is.
struct Published {
    TempDir tmp;
    fs::path out = tmp / "public";
    std::map<std::string, std::string> files;

    Published() { publish(); }
    void publish() {
        fs::remove_all(out);
        REQUIRE(run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(), "-o",
                            out.string(), "--now", "2009-03-01", "-q"})
                    .exit_code == 0);
        files = snapshot(out);
    }
    size_t entries_beside() const {
        return static_cast<size_t>(
            std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()));
    }
};

Published& published() {
    static const auto instance = std::make_unique<Published>();
    return *instance;
}

long peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

}  // namespace

TEST_CASE(
    "invalid sites: each case prints its exact diagnostics and exits 1 and leaves OUT intact") {
    const fs::path corpus = tests_dir() / "invalid";
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.is_directory()) cases.push_back(entry.path().filename().string());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 50);

    Published& before = published();
    const fs::path& out = before.out;
    const size_t beside = before.entries_beside();

    for (const auto& name : cases) {
        DYNAMIC_SECTION(name) {
            const std::string expected = read_file(corpus / name / "expected.txt");
            REQUIRE_FALSE(expected.empty());
            RunResult run;
            const auto started = std::chrono::steady_clock::now();
            {
                WorkingDirectory cwd(corpus);
                run = run_lspgen(
                    {"build", name + "/site", "-o", out.string(), "--now", "2009-03-01"});
            }
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            // The output folder is a temporary path; the corpus calls it OUT.
            std::string err = run.err;
            for (size_t at; (at = err.find(out.string())) != std::string::npos;) {
                err.replace(at, out.string().size(), "OUT");
            }
            CHECK(run.exit_code == 1);
            CHECK(err == expected);
            // Bounded: the cases are small, so anything slow or big is a
            // runaway (generous for the sanitizer build on a busy machine).
            CHECK(seconds < 20);
            CHECK(peak_rss_mb() < 1536);
            const bool intact = snapshot(out) == before.files;
            CHECK(intact);
            CHECK(before.entries_beside() == beside);
            if (!intact) before.publish();  // so that the next cases start from a good site
        }
    }
}
