#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "build/build.hpp"
#include "cli/audit_command.hpp"
#include "cli/check_command.hpp"
#include "cli/completion_command.hpp"
#include "cli/exit_code.hpp"
#include "cli/new_command.hpp"
#include "cli/schema_command.hpp"
#include "cli/serve_command.hpp"
#include "theme/theme.hpp"
#include "version.hpp"

namespace lspgen::cli {

namespace {

const char* const kBuildExamples = R"(
Examples:
  lspgen build sites/spelthorne -o public/spelthorne
  lspgen build sites/* -o public --now 2009-03-01)";

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const Terminal& terminal) {
    CLI::App app{"lspgen: websites for Local Strategic Partnerships", "lspgen"};
    app.set_version_flag("--version", std::string("lspgen ") + kVersion);
    app.require_subcommand(1);

    BuildOptions build_options;
    std::string now;
    std::string themes;
    auto* build_cmd = app.add_subcommand(
        "build", "Validate the sites' data, render every page and publish atomically");
    build_cmd->footer(kBuildExamples);
    build_cmd->add_option("SITE", build_options.sites, "Site folders to build")->required();
    build_cmd->add_option("-o,--out", build_options.out,
                          "Output folder (default: public); with several sites each goes to "
                          "OUT/<slug>/");
    build_cmd->add_option("--now", now,
                          "Treat this date (YYYY-MM-DD) as today; default SOURCE_DATE_EPOCH or "
                          "the clock");
    build_cmd->add_option("--themes", themes, "Folder holding the themes");
    build_cmd->add_option("--cache-dir", build_options.cache_dir,
                          "Where a hub keeps the last good copy of each partnership's "
                          "data.json (default: the hub's cache_dir, else "
                          "$XDG_CACHE_HOME/lspgen/hub-data or ~/.cache/lspgen/hub-data)");
    build_cmd->add_flag("-q,--quiet", build_options.quiet, "Print only errors");
    build_cmd->add_flag("-v,--verbose", build_options.verbose,
                        "Also print how long each stage took");
    std::string format = "human";
    build_cmd->add_option("--format", format,
                          "How problems are reported: human (default, to stderr), or json, junit, "
                          "github or markdown (to stdout, for CI)");
    build_cmd->add_flag("--force", build_options.force,
                        "Build every site again, even those unchanged since the last build "
                        "into OUT");

    CheckCommand check;
    check.add_to(app);
    AuditCommand audit;
    audit.add_to(app);
    NewCommand new_site;
    new_site.add_to(app);
    ServeCommand serve;
    serve.add_to(app);
    SchemaCommand schema;
    schema.add_to(app);
    CompletionCommand completion;
    completion.add_to(app);
    ManCommand man;
    man.add_to(app);

    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::CallForHelp&) {
        // A subcommand's own help: its options and examples.
        const auto used = app.get_subcommands();
        out << (used.empty() ? app.help() : used.front()->help("lspgen"));
        return 0;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        err << "lspgen: " << e.what() << "\nRun 'lspgen --help' for usage.\n";
        return kExitUsage;
    }

    if (build_cmd->parsed()) {
        std::string error;
        auto today = resolve_today(now, error);
        if (!today) {
            err << "lspgen: " << error << "\n";
            return kExitUsage;
        }
        build_options.today = *today;
        if (!report::parse_format(format, build_options.format)) {
            err << "lspgen: --format must be human, json, junit, github or markdown, not '"
                << format << "'\n";
            return kExitUsage;
        }
        build_options.themes_dir =
            themes.empty() ? default_themes_dir() : std::filesystem::path(themes);
        return exit_code(build(build_options, out, err));
    }
    if (check.parsed()) return check.run(out, err, terminal);
    if (serve.parsed()) return serve.run(out, err);
    if (audit.parsed()) return audit.run(out, err);
    if (new_site.parsed()) return new_site.run(out, err);
    if (schema.parsed()) return schema.run(out, err);
    if (completion.parsed()) return completion.run(out);
    if (man.parsed()) return man.run(out);
    return kExitUsage;
}

}  // namespace lspgen::cli
