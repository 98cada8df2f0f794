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

A tree another generator made, or one published below a path:
  --root-dir, --base-url, --index-file, --fallback-extension, --exclude-path;
an element with a data-lspgen-ignore attribute is not checked, and with
--external, OUT/.lspgenignore lists URL patterns (regular expressions) to skip.

Examples:
  lspgen check public
  lspgen check _site --base-url https://www.example.org/ --fallback-extension html
  lspgen check public/lsp --root-dir public --index-file index.html,index.htm
  lspgen check public --exclude-path drafts
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
    command_
        ->add_option("--root-dir", root_dir_,
                     "The folder that links from the root (/about/) mean, when OUT is "
                     "published below it (default: OUT)")
        ->check(CLI::ExistingDirectory);
    command_->add_option("--base-url", base_url_,
                         "The address OUT (or --root-dir) is published at: links to it are "
                         "checked as files, e.g. https://www.example.org/");
    command_
        ->add_option("--index-file", index_files_,
                     "The file a folder link shows, the first that exists (repeatable; "
                     "default index.html)")
        ->delimiter(',');
    command_
        ->add_option("--fallback-extension", fallback_extensions_,
                     "Try this extension for a link to no file: with html, 'about' is fine "
                     "when about.html exists (repeatable)")
        ->delimiter(',');
    command_->add_option("--exclude-path", exclude_paths_,
                         "A folder of OUT whose pages are not checked (repeatable); links into "
                         "it still are");
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

bool CheckCommand::check_options(links::CheckOptions& check, std::string& problem) const {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!root_dir_.empty()) {
        const fs::path out = fs::weakly_canonical(dir_, ec);
        const fs::path root = fs::weakly_canonical(root_dir_, ec);
        const fs::path inside = out.lexically_relative(root);
        if (ec || inside.empty() || *inside.begin() == "..") {
            problem = "--root-dir " + root_dir_ + " must be " + dir_ + " or a folder it is in";
            return false;
        }
        if (inside != ".") check.pages_under = inside.generic_string() + "/";
    }
    if (!base_url_.empty() && !links::SiteAddress::parse(base_url_, check.site)) {
        problem =
            "--base-url must be an http(s) address with a host, such as "
            "https://www.example.org/, not '" +
            base_url_ + "'";
        return false;
    }
    if (!index_files_.empty()) check.index_files = index_files_;
    for (const auto& name : check.index_files) {
        if (name.empty() || name.find('/') != std::string::npos) {
            problem = "--index-file takes a file name, such as index.htm, not '" + name + "'";
            return false;
        }
    }
    for (std::string extension : fallback_extensions_) {
        if (!extension.empty() && extension[0] == '.') extension.erase(0, 1);
        if (extension.empty() || extension.find('/') != std::string::npos) {
            problem = "--fallback-extension takes an extension, such as html";
            return false;
        }
        check.fallback_extensions.push_back(extension);
    }
    for (const auto& path : exclude_paths_) {
        const fs::path folder = fs::path(path).lexically_normal();
        std::string text = folder.generic_string();
        while (!text.empty() && text.back() == '/') text.pop_back();
        if (text.empty() || text == "." || folder.is_absolute() || *folder.begin() == "..") {
            problem = "--exclude-path takes a folder inside " + dir_ + ", such as drafts, not '" +
                      path + "'";
            return false;
        }
        check.excluded_folders.push_back(check.pages_under + text + "/");
    }
    return true;
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
    links::CheckOptions check;
    std::string problem;
    if (!check_options(check, problem)) {
        err << "lspgen: " << problem << "\n";
        return kExitUsage;
    }
    const std::string root = root_dir_.empty() ? dir_ : root_dir_;
    std::string name = root;
    if (!name.empty() && name.back() != '/') name += '/';

    const links::DiskTree tree(root);
    auto result = links::check_internal(tree, {}, check);
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
        const std::filesystem::path ignore_file = std::filesystem::path(dir_) / ".lspgenignore";
        if (std::filesystem::is_regular_file(ignore_file, ec)) {
            std::string error;
            if (!links::read_ignore_file(ignore_file, options.ignore, error)) {
                err << error << "\n";
                return kExitBadInput;
            }
        }
        const auto external = links::collect_external_links(tree, options, check);
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
