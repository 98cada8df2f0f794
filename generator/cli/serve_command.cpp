#include "cli/serve_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <thread>

#include "build/build.hpp"
#include "cli/exit_code.hpp"
#include "cli/serve/preview_server.hpp"
#include "cli/serve/watcher.hpp"
#include "theme/theme.hpp"

namespace lspgen::cli {

namespace fs = std::filesystem;

namespace {

const char* const kServeExamples = R"(
Builds the site into a temporary folder and serves it. Saving a file of the
site or the theme rebuilds it and reloads the open pages; when the data has
an error the pages show it and the last good site stays served.

Examples:
  lspgen serve sites/spelthorne
  lspgen serve sites/spelthorne --port 8080 --now 2009-03-01)";

// The watcher the signal handler stops; set only while serving.
std::atomic<serve::Watcher*> g_watcher{nullptr};

extern "C" void on_stop_signal(int) {
    if (serve::Watcher* watcher = g_watcher.load()) watcher->stop();
}

// Installs on_stop_signal for SIGINT and SIGTERM, and puts the old
// handlers back when it goes.
class StopSignals {
  public:
    explicit StopSignals(serve::Watcher& watcher) {
        g_watcher = &watcher;
        struct sigaction action {};
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &old_int_);
        sigaction(SIGTERM, &action, &old_term_);
    }
    ~StopSignals() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
        g_watcher = nullptr;
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

  private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct BuildOutcome {
    bool ok = false;
    std::string diagnostics;
    double seconds = 0;
};

BuildOutcome build_once(const BuildOptions& options) {
    std::ostringstream out, err;
    const auto start = std::chrono::steady_clock::now();
    BuildOutcome outcome;
    outcome.ok = build(options, out, err) == Outcome::ok;
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.diagnostics = err.str();
    return outcome;
}

}  // namespace

void ServeCommand::add_to(CLI::App& app) {
    command_ = app.add_subcommand("serve", "Build a site, serve it locally and rebuild on change");
    command_->footer(kServeExamples);
    command_->add_option("SITE", site_, "The site folder")->required();
    command_->add_option("-p,--port", port_, "Port to listen on (default 1313; 0: any free port)")
        ->check(CLI::Range(0, 65535));
    command_->add_option("--host", host_,
                         "Address to listen on (default 127.0.0.1: this machine only)");
    command_->add_option("--now", now_, "Treat this date (YYYY-MM-DD) as today");
    command_->add_option("--themes", themes_, "Folder holding the themes");
    command_->add_flag("--no-reload", no_reload_, "Do not reload open pages after a rebuild");
}

int ServeCommand::run(std::ostream& out, std::ostream& err) const {
    std::string error;
    const auto today = resolve_today(now_, error);
    if (!today) {
        err << "lspgen: " << error << "\n";
        return kExitUsage;
    }
    std::error_code ec;
    if (!fs::is_directory(site_, ec)) {
        err << "lspgen: " << site_ << ": no such site folder\n";
        return kExitBadInput;
    }
    const fs::path work =
        fs::temp_directory_path(ec) / ("lspgen-serve-" + std::to_string(getpid()));
    fs::create_directories(work, ec);
    if (ec) {
        err << "lspgen: cannot create " << work.string() << ": " << ec.message() << "\n";
        return kExitEnvironment;
    }
    BuildOptions options;
    options.sites = {site_};
    options.out = (work / "site").string();
    options.today = *today;
    options.themes_dir = themes_.empty() ? default_themes_dir() : fs::path(themes_);
    options.quiet = true;

    serve::PreviewServer server(options.out, !no_reload_);
    const int port = server.bind(host_, port_);
    if (port == 0) {
        err << "lspgen: cannot listen on " << host_ << ":" << port_
            << " (in use? try --port 0 for any free port)\n";
        return kExitEnvironment;
    }
    if (!is_loopback(host_)) {
        err << "lspgen: warning: listening on " << host_
            << ": other machines can see this preview; it is meant for this machine only\n";
    }

    std::string watch_error;
    const std::unique_ptr<serve::Watcher> watcher = serve::Watcher::open(
        std::vector<fs::path>{site_, options.themes_dir},
        std::vector<fs::path>{work, fs::path(site_) / ".lspgen-cache"}, watch_error);
    if (!watcher) {
        err << "lspgen: " << watch_error << "\n";
        return kExitEnvironment;
    }
    const StopSignals signals(*watcher);

    auto rebuild = [&](bool first) {
        const BuildOutcome built = build_once(options);
        if (built.ok) {
            if (!first) server.site_rebuilt();
            out << (first ? "built " : "rebuilt ") << site_ << " in " << std::fixed
                << std::setprecision(2) << built.seconds << " s\n"
                << std::flush;
        } else {
            server.build_failed(built.diagnostics);
            err << built.diagnostics << "lspgen: the build failed; "
                << (first ? "fix the problem and save" : "still serving the last good site") << "\n"
                << std::flush;
        }
    };
    rebuild(true);
    std::thread listener([&server] { server.listen(); });
    server.wait_until_listening(std::chrono::seconds(5));
    const std::string shown_host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
    out << "serving " << site_ << " at http://" << shown_host << ":" << port
        << "/ (Ctrl-C to stop)\n"
        << std::flush;

    while (watcher->wait_for_change(std::chrono::milliseconds(150))) {
        if (const std::string problem = watcher->take_problem(); !problem.empty()) {
            err << "lspgen: warning: " << problem << "; changes there are not seen\n";
        }
        rebuild(false);
    }

    server.stop();
    listener.join();
    fs::remove_all(work, ec);
    out << "stopped\n";
    return kExitOk;
}

}  // namespace lspgen::cli
