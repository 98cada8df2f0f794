#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lspgen::test {

/// What a child process is allowed before it is killed.
struct ChildLimits {
    /// Wall-clock seconds.
    double seconds = 30;
    /// Resident memory of the child's whole process group, in kB.
    long rss_kb = 1536L * 1024;
    /// Bytes of stdout and of stderr kept (the rest is read and dropped).
    size_t output_bytes = 1 << 20;
};

/// How a child process ended.
struct ChildRun {
    /// The exit status, or -1 when a signal ended it.
    int exit_code = -1;
    /// The signal that ended it, or 0.
    int signal = 0;
    /// Killed for running longer than ChildLimits::seconds.
    bool timed_out = false;
    /// Killed for using more than ChildLimits::rss_kb.
    bool over_memory = false;
    double seconds = 0;
    /// Peak resident memory in kB of the command (and of the processes it
    /// waited for): wait4's ru_maxrss, taken by lspgen_peak_memory, so that
    /// a command that ends within milliseconds is measured too. For a child
    /// killed at a limit, the largest VmHWM of its process group sampled
    /// from /proc every 200 ms (a lower bound).
    long peak_rss_kb = 0;
    std::string out;
    std::string err;
    /// One line for a test's INFO: exit, time, memory.
    std::string summary() const;
};

/// Runs `argv` (argv[0] is looked up in PATH) in its own process group,
/// with stdin from /dev/null and the working directory `cwd` (unless empty),
/// and kills the whole group when it passes `limits`. A child that cannot
/// be started exits 127. The command runs under lspgen_peak_memory, a small
/// program that waits for it and reports its peak memory.
ChildRun run_child(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {},
                   const ChildLimits& limits = {});

/// `a` followed by `b`.
std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b);

/// The command prefix that runs a program as a user who is refused what
/// file modes refuse: root reads and writes anything whatever the modes, so
/// when the tests run as root (as CI does) this is setpriv to nobody
/// (65534); otherwise nothing, as chmod is enough for the user. A test
/// using it must first show that the user is refused, so that it cannot
/// pass without checking anything (setpriv needs CAP_SETUID).
std::vector<std::string> unprivileged();

/// The uid unprivileged() runs as.
unsigned unprivileged_uid();

/// The lspgen binary as unprivileged() can run it: LSPGEN_BINARY, or, when
/// that user cannot reach it or cannot read the themes (a clone under
/// /root, mode 700), a copy in a temporary folder with the themes beside it.
std::string binary_for_unprivileged();

}  // namespace lspgen::test
