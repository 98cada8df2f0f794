#include "child_process.hpp"

#include "support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lspgen::test {

namespace fs = std::filesystem;

namespace {

// A "Vm…:" figure of /proc/<pid>/status in kB, or 0.
long status_kb(const fs::path& proc, const char* field) {
    std::ifstream status(proc / "status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(status, line)) {
        if (line.rfind(prefix, 0) == 0) return std::atol(line.c_str() + prefix.size());
    }
    return 0;
}

// Every process in group `group` (the child may be a wrapper such as
// setpriv, unshare or sh around lspgen): their resident memory now, in kB,
// and the largest high-water mark among them.
struct GroupMemory {
    long rss_kb = 0;
    long peak_kb = 0;
};

GroupMemory group_memory(pid_t group) {
    GroupMemory memory;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        const size_t close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(line.substr(close + 1));
        std::string state;
        long parent = 0, pgrp = 0;
        if (!(fields >> state >> parent >> pgrp) || pgrp != group) continue;
        memory.rss_kb += status_kb(entry.path(), "VmRSS");
        memory.peak_kb = std::max(memory.peak_kb, status_kb(entry.path(), "VmHWM"));
    }
    return memory;
}

}  // namespace

std::string ChildRun::summary() const {
    std::ostringstream s;
    if (timed_out) s << "killed after the time limit; ";
    if (over_memory) s << "killed for using too much memory; ";
    if (signal) s << "ended by signal " << signal << "; ";
    s << "exit " << exit_code << ", " << seconds << " s, peak " << peak_rss_kb / 1024 << " MB";
    return s.str();
}

ChildRun run_child(const std::vector<std::string>& argv, const fs::path& cwd,
                   const ChildLimits& limits) {
    ChildRun run;
    int out_pipe[2], err_pipe[2];
    int exec_pipe[2];    // closed by exec: its end of file says the child has exec'd
    int report_pipe[2];  // lspgen_peak_memory writes the command's peak memory here
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
        pipe2(exec_pipe, O_CLOEXEC) != 0 || pipe2(report_pipe, O_CLOEXEC) != 0) {
        run.err = "pipe failed";
        return run;
    }
    // Everything the child needs is prepared before fork: after it, the
    // child only calls async-signal-safe functions. The command runs under
    // lspgen_peak_memory (tests/peak_memory.cpp), which reports its peak.
    const std::vector<std::string> wrapped =
        joined({LSPGEN_PEAK_MEMORY, std::to_string(report_pipe[1])}, argv);
    std::vector<char*> args;
    for (const auto& a : wrapped) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::string dir = cwd.string();
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        const int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        if (!dir.empty() && chdir(dir.c_str()) != 0) _exit(127);
        if (fcntl(report_pipe[1], F_SETFD, 0) != 0) _exit(127);  // kept across exec
        execv(args[0], args.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    close(exec_pipe[1]);
    close(report_pipe[1]);
    if (pid < 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        close(exec_pipe[0]);
        close(report_pipe[0]);
        run.err = "fork failed";
        return run;
    }
    setpgid(pid, pid);  // also here, so that the group exists before any kill
    // Until it execs, the child is a copy of this (large) test process:
    // measure memory only from then on.
    char ignored;
    while (read(exec_pipe[0], &ignored, 1) < 0 && errno == EINTR) {
    }
    close(exec_pipe[0]);

    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&run.out, &run.err};
    int open_pipes = 2;
    int polls = 0;
    long sampled_peak_kb = 0;  // from /proc, for a child killed before it could report
    while (open_pipes > 0) {
        const int ready = poll(fds, 2, 50);
        if (ready < 0 && errno != EINTR) break;
        for (int i = 0; i < 2 && ready > 0; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buffer[65536];
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                std::string& sink = *sinks[i];
                const size_t keep =
                    std::min(static_cast<size_t>(n),
                             limits.output_bytes - std::min(limits.output_bytes, sink.size()));
                sink.append(buffer, keep);
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
        if (!run.timed_out && !run.over_memory) {
            if (elapsed() > limits.seconds) {
                run.timed_out = true;
                kill(-pid, SIGKILL);
            } else if (++polls % 4 == 0) {
                const GroupMemory memory = group_memory(pid);
                sampled_peak_kb = std::max(sampled_peak_kb, memory.peak_kb);
                if (memory.rss_kb > limits.rss_kb) {
                    run.over_memory = true;
                    kill(-pid, SIGKILL);
                }
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) close(fd.fd);
    }
    // Wait for the child without reaping it: while it is a zombie its group
    // id cannot be reused, so killing what it left behind in its group
    // cannot reach anyone else's process.
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
    kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.seconds = elapsed();
    // The report is written before lspgen_peak_memory exits, and nothing
    // else holds the pipe, so this read does not wait.
    std::string report;
    char buffer[64];
    for (ssize_t n; (n = read(report_pipe[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        report.append(buffer, static_cast<size_t>(n));
    }
    close(report_pipe[0]);
    run.peak_rss_kb = report.empty() ? sampled_peak_kb : std::atol(report.c_str());
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    return run;
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<std::string> unprivileged() {
    if (geteuid() != 0) return {};
    return {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
}

unsigned unprivileged_uid() {
    return geteuid() == 0 ? 65534 : geteuid();
}

std::string binary_for_unprivileged() {
    static const std::string path = [] {
        // Whether the user may reach the binary and read the themes, asked
        // of a shell running as that user: `setpriv … LSPGEN_BINARY
        // --version` starts the binary even under a /root of mode 700 (seen
        // in a Debian 12 chroot), and lspgen then cannot read its themes.
        const fs::path themes = source_dir() / "themes" / "default";
        const ChildRun probe = run_child(
            joined(unprivileged(), {"sh", "-c", R"(test -x "$1" && test -r "$2" && test -x "$2")",
                                    "sh", LSPGEN_BINARY, themes.string()}));
        if (probe.exit_code == 0) return std::string(LSPGEN_BINARY);
        static TempDir copy;
        fs::permissions(copy.path(), fs::perms::owner_all | fs::perms::group_read |
                                         fs::perms::group_exec | fs::perms::others_read |
                                         fs::perms::others_exec);
        fs::copy_file(LSPGEN_BINARY, copy / "lspgen");
        fs::copy(source_dir() / "themes", copy / "themes", fs::copy_options::recursive);
        return (copy / "lspgen").string();
    }();
    return path;
}

}  // namespace lspgen::test
