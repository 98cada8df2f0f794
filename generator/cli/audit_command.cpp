#include "cli/audit_command.hpp"

#include <CLI/CLI.hpp>

#include "audit/audit.hpp"
#include "audit/report.hpp"
#include "build/build.hpp"
#include "cli/exit_code.hpp"
#include "model/load_site.hpp"
#include "report/report.hpp"

namespace lspgen::cli {

namespace {

const char* const kAuditExamples = R"(
Examples:
  lspgen audit sites/spelthorne --now 2009-03-01
  lspgen audit sites/spelthorne --format json
  lspgen audit sites/spelthorne --format github
  lspgen audit sites/spelthorne --format markdown >> "$GITHUB_STEP_SUMMARY"
  lspgen audit sites/spelthorne --fail-under 18)";

}  // namespace

void AuditCommand::add_to(CLI::App& app) {
    command_ = app.add_subcommand(
        "audit", "Score a site against the good-practice checklist for LSP websites");
    command_->footer(kAuditExamples);
    command_->add_option("SITE", site_, "A site folder")->required();
    command_->add_option("--format", format_,
                         "human (default), json (the scorecard), or junit, github or markdown "
                         "(each item not met, at the place in the data where its fix belongs)");
    command_->add_option("--now", now_,
                         "Treat this date (YYYY-MM-DD) as today, for upcoming and past "
                         "meetings; default SOURCE_DATE_EPOCH or the clock");
    command_->add_option("--fail-under", fail_under_,
                         "Exit 1 when fewer than this many items are met (for CI)");
}

int AuditCommand::run(std::ostream& out, std::ostream& err) const {
    report::Format format;
    if (!report::parse_format(format_, format)) {
        err << "lspgen: --format must be human, json, junit, github or markdown, not '" << format_
            << "'\n";
        return kExitUsage;
    }
    std::string error;
    const auto today = resolve_today(now_, error);
    if (!today) {
        err << "lspgen: " << error << "\n";
        return kExitUsage;
    }
    std::string display = site_;
    while (display.size() > 1 && display.back() == '/') display.pop_back();
    Diagnostics diagnostics;
    const auto site = load_site(site_, display, diagnostics);
    diagnostics.print(err);
    if (!site) {
        const int n = diagnostics.error_count();
        err << n << (n == 1 ? " error" : " errors") << "; fix the data before auditing it\n";
        return kExitBadInput;
    }
    if (site->kind != SiteKind::lsp) {
        err << "lspgen: " << display
            << " is a hub: the audit is for a partnership's own site; the hub's scorecard "
               "shows every partnership's audit\n";
        return kExitUsage;
    }
    const audit::Report report = audit::run(audit::evidence_from_site(*site, *today));
    switch (format) {
        case report::Format::human:
            audit::write_human(report, display, out);
            break;
        case report::Format::json:
            audit::write_json(report, display, out);
            break;
        case report::Format::junit:
        case report::Format::github:
        case report::Format::markdown: {
            // Each item not met is a warning, as `lspgen build` gives it; in
            // JUnit, a failure of the data file where its fix belongs. The
            // Markdown summary counts the items first.
            Diagnostics advice;
            audit::add_warnings(report, advice);
            std::vector<Diagnostic> unmet = advice.all();
            if (format == report::Format::junit) {
                for (auto& item : unmet) item.severity = Severity::error;
            }
            const report::Kind kind{.suite = "lspgen audit",
                                    .problem = "unmet item",
                                    .title = "good practice",
                                    .unit = "file",
                                    .classname = "audit",
                                    .units = 0,
                                    .totals = {{"items", static_cast<size_t>(report.total())},
                                               {"met", static_cast<size_t>(report.met())}}};
            report::write(unmet, kind, format, "", out);
            break;
        }
    }
    return fail_under_ >= 0 && report.met() < fail_under_ ? kExitBadInput : kExitOk;
}

}  // namespace lspgen::cli
