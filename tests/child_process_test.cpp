// run_child, which the hostile-input and publish-fault tests use to run the
// real binary under time and memory limits.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>

#include "child_process.hpp"

using namespace lspgen::test;

TEST_CASE(
    "child process: a command that ends at once has its own peak memory measured, not the "
    "test process's") {
    // 256 MB touched here: a child forked from this process starts as a copy
    // of it, and must not be counted that big.
    constexpr size_t kBig = 256u << 20;
    const auto ballast = std::make_unique<char[]>(kBig);
    std::memset(ballast.get(), 1, kBig);
    for (int i = 0; i < 20; ++i) {
        const ChildRun run = run_child({"true"});
        INFO(run.summary());
        REQUIRE(run.exit_code == 0);
        CHECK(run.peak_rss_kb > 0);
        CHECK(run.peak_rss_kb < 64 * 1024);
    }
    CHECK(ballast[kBig - 1] == 1);
}

TEST_CASE("child process: the exit status and the signal that ended the command are kept") {
    CHECK(run_child({"sh", "-c", "exit 3"}).exit_code == 3);
    const ChildRun killed = run_child({"sh", "-c", "kill -TERM $$"});
    CHECK(killed.exit_code == -1);
    CHECK(killed.signal == 15);
    const ChildRun missing = run_child({"lspgen-no-such-command"});
    CHECK(missing.exit_code == 127);
    const ChildRun output = run_child({"sh", "-c", "echo out; echo err >&2"});
    CHECK(output.out == "out\n");
    CHECK(output.err == "err\n");
}

TEST_CASE("child process: a command past its time limit is killed with its whole group") {
    ChildLimits limits;
    limits.seconds = 0.5;
    const ChildRun run = run_child({"sh", "-c", "sleep 30 & sleep 30"}, {}, limits);
    CHECK(run.timed_out);
    CHECK(run.signal == 9);
    CHECK(run.seconds < 10);
}
