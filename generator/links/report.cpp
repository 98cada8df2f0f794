#include "links/report.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lspgen::links {

namespace {

const char* severity_name(Finding::Severity s) {
    return s == Finding::Severity::error ? "error" : "warning";
}

std::string location(const SourceLocation& where) {
    std::string s = where.path;
    if (where.line > 0) s += ":" + std::to_string(where.line);
    if (where.line > 0 && where.column > 0) s += ":" + std::to_string(where.column);
    return s;
}

size_t count(const CheckResult& result, Finding::Severity severity) {
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
        if (f.page != page) {
            page = f.page;
            out << p.bold << printable(tree + page) << p.reset << "\n";
        }
        out << "  ";
        if (f.line > 0) out << f.line << ":";
        if (f.line > 0 && f.column > 0) out << f.column << ":";
        if (f.line > 0) out << " ";
        out << (f.severity == Finding::Severity::error ? p.red : p.yellow)
            << severity_name(f.severity) << p.reset << ": ";
        if (!f.url.empty()) out << "'" << printable(f.url) << "': ";
        out << printable(f.message) << "\n";
        if (!f.origin.path.empty()) {
            out << "    the link is in " << printable(location(f.origin)) << "\n";
        }
    }
    const size_t errors = count(result, Finding::Severity::error);
    const size_t warnings = count(result, Finding::Severity::warning);
    out << "checked " << result.links << (result.links == 1 ? " link" : " links") << " on "
        << result.pages << (result.pages == 1 ? " page" : " pages");
    if (result.external_urls_checked > 0) {
        out << " and " << result.external_urls_checked << " external URLs";
    }
    out << ": " << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
        << (warnings == 1 ? " warning" : " warnings") << "\n";
}

void write_json(const CheckResult& result, const std::string& tree, std::ostream& out) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : result.findings) {
        nlohmann::json j = {{"page", tree + f.page},
                            {"line", f.line},
                            {"column", f.column},
                            {"url", f.url},
                            {"severity", severity_name(f.severity)},
                            {"message", f.message}};
        if (!f.origin.path.empty()) {
            j["source"] = {
                {"path", f.origin.path}, {"line", f.origin.line}, {"column", f.origin.column}};
        }
        findings.push_back(j);
    }
    nlohmann::json report = {{"pages", result.pages},
                             {"links", result.links},
                             {"errors", count(result, Finding::Severity::error)},
                             {"warnings", count(result, Finding::Severity::warning)},
                             {"findings", findings}};
    // A file name that is not UTF-8 cannot be a JSON string: shown with
    // U+FFFD where its odd bytes were, rather than no report at all.
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_junit(const CheckResult& result, const std::string& tree, std::ostream& out) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto suites = doc.append_child("testsuites");
    auto suite = suites.append_child("testsuite");
    suite.append_attribute("name") = "lspgen links";
    // One test case per page: a page passes when none of its links is broken.
    // XML 1.0 cannot hold most control
    // characters at all, so they are written as the human report writes them.
    std::vector<std::pair<std::string, std::vector<const Finding*>>> failing;
    std::unordered_map<std::string, size_t> failing_index;
    for (const auto& f : result.findings) {
        if (f.severity != Finding::Severity::error) continue;
        auto [it, fresh] = failing_index.emplace(f.page, failing.size());
        if (fresh) failing.push_back({f.page, {}});
        failing[it->second].second.push_back(&f);
    }
    suite.append_attribute("tests") =
        static_cast<unsigned long long>(std::max(result.pages, failing.size()));
    suite.append_attribute("failures") = static_cast<unsigned long long>(failing.size());
    suite.append_attribute("errors") = 0;
    for (const auto& [page, errors] : failing) {
        auto testcase = suite.append_child("testcase");
        testcase.append_attribute("classname") = "links";
        testcase.append_attribute("name") = printable(tree + page).c_str();
        std::string details;
        for (const Finding* f : errors) {
            std::string line = std::to_string(f->line) + ":" + std::to_string(f->column) + " '" +
                               f->url + "': " + f->message;
            if (!f->origin.path.empty()) line += " (in " + location(f->origin) + ")";
            details += printable(line) + "\n";
        }
        const size_t n = errors.size();
        auto failure = testcase.append_child("failure");
        failure.append_attribute("message") =
            (std::to_string(n) + (n == 1 ? " broken link" : " broken links")).c_str();
        failure.text() = details.c_str();
    }
    if (result.pages > failing.size()) {
        auto testcase = suite.append_child("testcase");
        testcase.append_attribute("classname") = "links";
        testcase.append_attribute("name") =
            (std::to_string(result.pages - failing.size()) + " pages with no broken links").c_str();
    }
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
}

// GitHub workflow commands: data escapes %, CR and LF; properties also ':' and ','.
// Other control characters would reach the log viewer, which reads ANSI
// sequences: escaped as in the human report.
std::string github_escape(const std::string& text, bool property) {
    std::string out;
    const std::string s = printable(text, true);
    for (char c : s) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else if (property && c == ':')
            out += "%3A";
        else if (property && c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

void write_github(const CheckResult& result, const std::string& tree, std::ostream& out) {
    for (const auto& f : result.findings) {
        // Point at the data file when we know it: that is what to edit.
        const bool from_data = !f.origin.path.empty();
        const std::string file = from_data ? f.origin.path : tree + f.page;
        const int line = from_data ? f.origin.line : f.line;
        const int column = from_data ? f.origin.column : f.column;
        out << "::" << severity_name(f.severity) << " file=" << github_escape(file, true);
        if (line > 0) out << ",line=" << line;
        if (column > 0) out << ",col=" << column;
        out << ",title=" << github_escape("broken link", true) << "::"
            << github_escape("'" + f.url + "' on " + tree + f.page + ": " + f.message, false)
            << "\n";
    }
}

}  // namespace

bool parse_report_format(const std::string& name, ReportFormat& format) {
    if (name == "human")
        format = ReportFormat::human;
    else if (name == "json")
        format = ReportFormat::json;
    else if (name == "junit")
        format = ReportFormat::junit;
    else if (name == "github")
        format = ReportFormat::github;
    else
        return false;
    return true;
}

void write_report(const CheckResult& result, ReportFormat format, const std::string& tree_name,
                  std::ostream& out, bool colour) {
    switch (format) {
        case ReportFormat::human:
            write_human(result, tree_name, out, colour);
            break;
        case ReportFormat::json:
            write_json(result, tree_name, out);
            break;
        case ReportFormat::junit:
            write_junit(result, tree_name, out);
            break;
        case ReportFormat::github:
            write_github(result, tree_name, out);
            break;
    }
}

}  // namespace lspgen::links
