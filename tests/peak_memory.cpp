// lspgen_peak_memory FD COMMAND ARGS…: runs COMMAND, writes its peak
// resident memory in kB (wait4's ru_maxrss) as one line to the open file
// descriptor FD, and ends as COMMAND ended (its exit status, or its signal).
//
// Why a separate program: Linux counts in a child's ru_maxrss the memory of
// the process it was forked from, as it was before the exec. A child forked
// from the test process (hundreds of MB) would always look that big; forked
// from this small program, its ru_maxrss is its own peak. And unlike reading
// /proc while it runs, wait4 never misses a child that ends within
// milliseconds. (tests/child_process.cpp runs every child through this.)
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: lspgen_peak_memory FD COMMAND ARGS...\n");
        return 127;
    }
    const int report = std::atoi(argv[1]);
    // The command must not inherit the report's descriptor.
    if (fcntl(report, F_SETFD, FD_CLOEXEC) != 0) return 127;
    const pid_t pid = fork();
    if (pid < 0) return 127;
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) return 127;
    }
    const std::string line = std::to_string(usage.ru_maxrss) + "\n";
    if (write(report, line.data(), line.size()) < 0) return 127;
    close(report);
    if (WIFSIGNALED(status)) {
        // End by the same signal, so that the caller sees what the command did.
        const int signal_number = WTERMSIG(status);
        ::signal(signal_number, SIG_DFL);
        const rlimit no_core{0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        raise(signal_number);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}
