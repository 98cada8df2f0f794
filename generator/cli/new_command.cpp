#include "cli/new_command.hpp"

#include <CLI/CLI.hpp>

#include "build/build.hpp"
#include "cli/exit_code.hpp"
#include "cli/scaffold/new_site.hpp"

namespace lspgen::cli {

namespace {

const char* const kNewExamples = R"(
The folder's name is the site's slug (its address in a multi-site build):
lower-case letters, digits and hyphens. An existing folder is never changed,
unless it is empty. Meetings, the news item and the event are dated around
today (--now), so that the new site has a meeting held and meetings to come.

Examples:
  lspgen new sites/examplefield
  lspgen new sites/examplefield --name "Examplefield Local Strategic Partnership"
  grep -rn TODO sites/examplefield
  lspgen build sites/examplefield -o public/examplefield)";

}  // namespace

void NewCommand::add_to(CLI::App& app) {
    command_ = app.add_subcommand(
        "new", "Make a new site folder with commented examples and TODO markers");
    command_->footer(kNewExamples);
    command_->add_option("SITE_DIR", dir_, "The folder to create (must not exist yet)")->required();
    command_->add_option("--name", name_,
                         "The partnership's full name, e.g. \"Examplefield Local Strategic "
                         "Partnership\"; default: from the folder's name");
    command_->add_option("--now", now_,
                         "Date the examples around this day (YYYY-MM-DD); default "
                         "SOURCE_DATE_EPOCH or the clock");
}

int NewCommand::run(std::ostream& out, std::ostream& err) const {
    std::string error;
    const auto today = resolve_today(now_, error);
    if (!today) {
        err << "lspgen: " << error << "\n";
        return kExitUsage;
    }
    scaffold::NewSiteOptions options;
    options.dir = dir_;
    if (command_->count("--name") > 0) options.name = name_;
    options.today = *today;
    return scaffold::create_site(options, out, err);
}

}  // namespace lspgen::cli
