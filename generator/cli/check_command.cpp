#include "cli/check_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <stdexcept>

#include "build/build.hpp"
#include "cli/exit_code.hpp"
#include "links/internal_check.hpp"
#include "links/report.hpp"

namespace lspgen::cli {

namespace {

const char* const kCheckExamples = R"(
Internal links are always checked; --external also checks http(s), mailto:
and tel: links. Exit 0 when nothing is broken, 1 when something is.

Examples:
  lspgen check public
  lspgen check public --format junit > links.xml
  lspgen check public --format github
  lspgen check public --format markdown >> "$GITHUB_STEP_SUMMARY"
  lspgen check public --external --cache .lspgen-links.json
  lspgen check public --external --exclude twitter.com --accept 200,403)";

long to_ms(double seconds) {
    return static_cast<long>(seconds * 1000.0 + 0.5);
}

// "\r" + text, padded over what the previous line left, on one line of a
// terminal; the caller ends it with a newline.
class ProgressLine {
  public:
    explicit ProgressLine(std::ostream& err) : err_(err) {}
    void show(size_t done, size_t total) {
        const std::string text =
            "checking external links: " + std::to_string(done) + "/" + std::to_string(total);
        err_ << '\r' << text << std::string(width_ > text.size() ? width_ - text.size() : 0, ' ')
             << std::flush;
        width_ = text.size();
    }
    void finish() {
        if (width_ > 0) err_ << '\r' << std::string(width_, ' ') << '\r' << std::flush;
    }

  private:
    std::ostream& err_;
    size_t width_ = 0;
};

}  // namespace

void CheckCommand::add_to(CLI::App& app) {
    auto& o = external_options_;
    command_ = app.add_subcommand("check",
                                  "Check every link, fragment and image alt text of a built site");
    command_->footer(kCheckExamples);
    command_->add_option("OUT", dir_, "A built site (any static HTML tree)")->required();
    command_->add_option(
        "--format", format_,
        "human (default), json, junit, github or markdown (a summary for a CI job's page)");
    command_->add_flag("--external", external_,
                       "Also check http(s) links over the network, and mailto:/tel: syntax");
    command_
        ->add_option("--max-in-flight", o.max_in_flight,
                     "External: requests at once over all hosts (default 32)")
        ->check(CLI::PositiveNumber);
    command_
        ->add_option("--per-host", o.per_host, "External: requests at once to one host (default 4)")
        ->check(CLI::PositiveNumber);
    command_
        ->add_option("--connect-timeout", connect_timeout_s_,
                     "External: seconds to connect (default 5)")
        ->check(CLI::PositiveNumber);
    command_
        ->add_option("--timeout", timeout_s_,
                     "External: seconds for one attempt, start to last byte (default 15)")
        ->check(CLI::PositiveNumber);
    command_
        ->add_option("--retries", o.max_retries,
                     "External: retries after timeouts, resets, 5xx, 408 and 429 (default 3)")
        ->check(CLI::Range(0, 10));
    command_
        ->add_option("--max-retry-after", max_retry_after_s_,
                     "External: longest wait before a retry, Retry-After included "
                     "(default 10 s)")
        ->check(CLI::NonNegativeNumber);
    command_->add_option("--include", o.include,
                         "External: check only URLs containing this (repeatable)");
    command_->add_option("--exclude", o.exclude,
                         "External: skip URLs containing this (repeatable)");
    command_
        ->add_option("--accept", accept_,
                     "External: the statuses that mean a link works, e.g. 200,403 "
                     "(default any 2xx)")
        ->delimiter(',')
        ->check(CLI::Range(100, 599));
    command_->add_option("--user-agent", o.user_agent, "External: the User-Agent header");
    command_->add_option("--cache", cache_,
                         "External: results cache file; fresh successes are not checked again, "
                         "failures always are");
    command_
        ->add_option("--cache-ttl", cache_ttl_s_,
                     "External: seconds a cached success stays fresh (default 86400)")
        ->check(CLI::NonNegativeNumber);
}

int CheckCommand::run(std::ostream& out, std::ostream& err, const Terminal& terminal) const {
    report::Format format;
    if (!report::parse_format(format_, format)) {
        err << "lspgen: --format must be human, json, junit, github or markdown, not '" << format_
            << "'\n";
        return kExitUsage;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(dir_, ec)) {
        err << "lspgen: " << dir_ << ": no such folder\n";
        return kExitUsage;
    }
    std::string name = dir_;
    if (!name.empty() && name.back() != '/') name += '/';

    const links::DiskTree tree(dir_);
    auto result = links::check_internal(tree);
    if (external_) {
        links::ExternalOptions options = external_options_;
        options.connect_timeout_ms = to_ms(connect_timeout_s_);
        options.total_timeout_ms = to_ms(timeout_s_);
        options.max_retry_after_ms = to_ms(max_retry_after_s_);
        options.accepted_status = accept_;
        options.cache_file = cache_;
        options.cache_ttl_seconds = cache_ttl_s_;
        ProgressLine progress(err);
        if (terminal.err_is_terminal && format == report::Format::human) {
            options.progress = [&progress](size_t done, size_t total) {
                progress.show(done, total);
            };
        }
        const auto external = links::collect_external_links(tree, options);
        std::string error;
        if (!links::check_external(external, options, result, error)) {
            progress.finish();
            links::write_report(result, format, name, out);
            err << "lspgen: " << error << "\n";
            return kExitEnvironment;
        }
        progress.finish();
    }
    // Machine formats go to stdout for redirection; the human one too,
    // so that `lspgen check public | less` works.
    const bool colour = terminal.out_is_terminal && terminal.colour_allowed;
    links::write_report(result, format, name, out, colour);
    return result.has_errors() ? kExitBadInput : kExitOk;
}

}  // namespace lspgen::cli
