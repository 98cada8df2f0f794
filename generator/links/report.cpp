#include "links/report.hpp"

#include "base/text.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lspgen::links {

namespace {

const char* severity_name(Severity s) {
    return s == Severity::error ? "error" : "warning";
}

size_t count(const CheckResult& result, Severity severity) {
    size_t n = 0;
    for (const auto& f : result.findings) n += f.severity == severity ? 1 : 0;
    return n;
}

// ANSI SGR sequences, or nothing when colour is off.
struct Palette {
    explicit Palette(bool on)
        : bold(on ? "\033[1m" : ""),
          red(on ? "\033[1;31m" : ""),
          yellow(on ? "\033[1;33m" : ""),
          reset(on ? "\033[0m" : "") {}
    const char* bold;
    const char* red;
    const char* yellow;
    const char* reset;
};

void write_human(const CheckResult& result, const std::string& tree, std::ostream& out,
                 bool colour) {
    const Palette p(colour);
    std::string page;
    for (const auto& f : result.findings) {
        // Page names, links and messages come from the pages and from
        // servers: escaped, so none of them can talk to the terminal.
        if (f.where.path != page) {
            page = f.where.path;
            out << p.bold << printable(tree + page) << p.reset << "\n";
        }
        out << "  ";
        if (f.where.line > 0) out << f.where.line << ":";
        if (f.where.line > 0 && f.where.column > 0) out << f.where.column << ":";
        if (f.where.line > 0) out << " ";
        out << (f.severity == Severity::error ? p.red : p.yellow) << severity_name(f.severity)
            << p.reset << ": ";
        if (!f.subject.empty()) out << "'" << printable(text::shorten(f.subject)) << "': ";
        out << printable(f.message) << "\n";
        if (!f.origin.path.empty()) {
            out << "    the link is in " << printable(report::location(f.origin)) << "\n";
        }
    }
    const size_t errors = count(result, Severity::error);
    const size_t warnings = count(result, Severity::warning);
    out << "checked " << result.links << (result.links == 1 ? " link" : " links") << " on "
        << result.pages << (result.pages == 1 ? " page" : " pages");
    if (result.external_urls_checked > 0) {
        out << " and " << result.external_urls_checked << " external URLs";
    }
    out << ": " << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
        << (warnings == 1 ? " warning" : " warnings") << "\n";
}

}  // namespace

void write_report(const CheckResult& result, report::Format format, const std::string& tree_name,
                  std::ostream& out, bool colour) {
    if (format == report::Format::human) {
        write_human(result, tree_name, out, colour);
        return;
    }
    const report::Kind kind{.suite = "lspgen links",
                            .problem = "broken link",
                            .title = "broken link",
                            .unit = "page",
                            .classname = "links",
                            .units = result.pages,
                            .totals = {{"pages", result.pages}, {"links", result.links}}};
    report::write(result.findings, kind, format, tree_name, out);
}

}  // namespace lspgen::links
