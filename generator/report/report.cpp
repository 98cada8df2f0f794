#include "report/report.hpp"

#include "base/text.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace lspgen::report {

namespace {

const char* severity_name(Severity s) {
    return s == Severity::error ? "error" : "warning";
}

size_t count(const std::vector<Diagnostic>& problems, Severity severity) {
    return static_cast<size_t>(
        std::count_if(problems.begin(), problems.end(),
                      [&](const Diagnostic& d) { return d.severity == severity; }));
}

std::string plural(size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

void write_json(const std::vector<Diagnostic>& problems, const Kind& kind,
                const std::string& prefix, std::ostream& out) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& d : problems) {
        nlohmann::json j = {{"file", prefix + d.where.path},
                            {"line", d.where.line},
                            {"column", d.where.column},
                            {"severity", severity_name(d.severity)},
                            {"message", d.message}};
        if (!d.subject.empty()) j["url"] = d.subject;
        if (!d.origin.path.empty()) {
            j["source"] = {
                {"path", d.origin.path}, {"line", d.origin.line}, {"column", d.origin.column}};
        }
        findings.push_back(j);
    }
    nlohmann::json report = nlohmann::json::object();
    for (const auto& [name, n] : kind.totals) report[name] = n;
    report["errors"] = count(problems, Severity::error);
    report["warnings"] = count(problems, Severity::warning);
    report["findings"] = findings;
    // A file name that is not UTF-8 cannot be a JSON string: shown with
    // U+FFFD where its odd bytes were, rather than no report at all.
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// One test case per file with errors; the files without pass as one more.
// XML 1.0 cannot hold most control characters at all, so they are written
// as the human report writes them.
void write_junit(const std::vector<Diagnostic>& problems, const Kind& kind,
                 const std::string& prefix, std::ostream& out) {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    auto suite = doc.append_child("testsuites").append_child("testsuite");
    suite.append_attribute("name") = kind.suite.c_str();
    std::vector<std::pair<std::string, std::vector<const Diagnostic*>>> failing;
    std::unordered_map<std::string, size_t> failing_index;
    for (const auto& d : problems) {
        if (d.severity != Severity::error) continue;
        auto [it, fresh] = failing_index.emplace(d.where.path, failing.size());
        if (fresh) failing.push_back({d.where.path, {}});
        failing[it->second].second.push_back(&d);
    }
    size_t passing = failing.empty() ? 1 : 0;  // "no errors", when the units are not counted
    size_t tests = failing.size() + passing;
    if (kind.units > 0) {
        passing = kind.units > failing.size() ? kind.units - failing.size() : 0;
        tests = std::max(kind.units, failing.size());
    }
    suite.append_attribute("tests") = static_cast<unsigned long long>(tests);
    suite.append_attribute("failures") = static_cast<unsigned long long>(failing.size());
    suite.append_attribute("errors") = 0;
    const std::string& classname = kind.classname;
    for (const auto& [file, errors] : failing) {
        auto testcase = suite.append_child("testcase");
        testcase.append_attribute("classname") = classname.c_str();
        testcase.append_attribute("name") = printable(prefix + file).c_str();
        std::string details;
        for (const Diagnostic* d : errors) {
            std::string line;  // "4:9 ", "4 ", or nothing when the line is not known
            if (d->where.line > 0)
                line = location({"", d->where.line, d->where.column}).substr(1) + " ";
            if (!d->subject.empty()) line += "'" + text::shorten(d->subject) + "': ";
            line += d->message;
            if (!d->origin.path.empty()) line += " (in " + location(d->origin) + ")";
            details += printable(line) + "\n";
        }
        auto failure = testcase.append_child("failure");
        failure.append_attribute("message") = plural(errors.size(), kind.problem).c_str();
        failure.text() = details.c_str();
    }
    if (passing > 0) {
        auto testcase = suite.append_child("testcase");
        testcase.append_attribute("classname") = classname.c_str();
        const std::string name = kind.units > 0
                                     ? plural(passing, kind.unit) + " with no " + kind.problem + "s"
                                     : "no " + kind.problem + "s";
        testcase.append_attribute("name") = name.c_str();
    }
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
}

// GitHub workflow commands: data escapes %, CR and LF; properties also ':'
// and ','. Other control characters would reach the log viewer, which reads
// ANSI sequences: escaped as in the human report.
std::string github_escape(const std::string& text, bool property) {
    std::string out;
    for (char c : printable(text, true)) {
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

void write_github(const std::vector<Diagnostic>& problems, const Kind& kind,
                  const std::string& prefix, std::ostream& out) {
    for (const auto& d : problems) {
        // Point at the data file when we know it: that is what to edit.
        const bool from_data = !d.origin.path.empty();
        const SourceLocation at =
            from_data ? d.origin
                      : SourceLocation{prefix + d.where.path, d.where.line, d.where.column};
        out << "::" << severity_name(d.severity) << " file=" << github_escape(at.path, true);
        if (at.line > 0) out << ",line=" << at.line;
        if (at.column > 0) out << ",col=" << at.column;
        std::string message = d.message;
        if (!d.subject.empty())
            message =
                "'" + text::shorten(d.subject) + "' on " + prefix + d.where.path + ": " + message;
        out << ",title=" << github_escape(kind.title, true) << "::" << github_escape(message, false)
            << "\n";
    }
}

// A Markdown summary for a CI job's page, as lychee writes one: the totals,
// then each file's problems in a table. Every text in it goes through
// markdown_text.
std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

void write_markdown(const std::vector<Diagnostic>& problems, const Kind& kind,
                    const std::string& prefix, std::ostream& out) {
    const size_t errors = count(problems, Severity::error);
    const size_t warnings = count(problems, Severity::warning);
    out << "## " << markdown_text(kind.suite) << "\n\n";
    out << "| Checked | Count |\n|---|---:|\n";
    for (const auto& [name, n] : kind.totals)
        out << "| " << markdown_text(name) << " | " << n << " |\n";
    out << "| errors | " << errors << " |\n";
    out << "| warnings | " << warnings << " |\n\n";
    if (problems.empty()) {
        out << "No " << markdown_text(kind.problem) << "s.\n";
        return;
    }
    // Errors before warnings, so that a summary cut at its limit drops
    // warnings first; files in the order of their first problem so ordered
    // (those with errors first), each file's problems in their own order.
    std::vector<const Diagnostic*> ordered;
    for (const auto& d : problems) ordered.push_back(&d);
    std::stable_partition(ordered.begin(), ordered.end(),
                          [](const Diagnostic* d) { return d->severity == Severity::error; });
    ordered.resize(std::min(ordered.size(), kMarkdownMaxProblems));
    std::vector<std::pair<std::string, std::vector<const Diagnostic*>>> files;
    std::unordered_map<std::string, size_t> file_index;
    bool subjects = false, origins = false;
    for (const Diagnostic* d : ordered) {
        auto [it, fresh] = file_index.emplace(d->where.path, files.size());
        if (fresh) files.push_back({d->where.path, {}});
        files[it->second].second.push_back(d);
        subjects = subjects || !d->subject.empty();
        origins = origins || !d->origin.path.empty();
    }
    for (auto& file : files) std::sort(file.second.begin(), file.second.end());  // their order
    const std::string problems_heading = capitalised(kind.problem) + "s";
    const std::string heading = errors == 0     ? "Warnings"
                                : warnings == 0 ? problems_heading
                                                : problems_heading + " and warnings";
    out << "### " << markdown_text(heading) << " by " << markdown_text(kind.unit) << "\n";
    // Each file's heading and table head go out with its first row, so a
    // summary cut short at its byte budget ends after a whole row.
    const std::string table_head =
        std::string("| Line | Severity |") + (subjects ? " Link |" : "") + " Message |" +
        (origins ? " In the data |" : "") + "\n|---:|---|" + (subjects ? "---|" : "") + "---|" +
        (origins ? "---|" : "") + "\n";
    size_t bytes = 0, listed = 0;
    bool full = false;
    for (const auto& [file, list] : files) {
        if (full) break;
        std::string head = "\n#### " + markdown_text(prefix + file) + "\n\n" + table_head;
        for (const Diagnostic* d : list) {
            // "48:16", "4", or nothing when the line is not known.
            std::string row = "| ";
            if (d->where.line > 0) row += location({"", d->where.line, d->where.column}).substr(1);
            row += std::string(" | ") + severity_name(d->severity) + " |";
            if (subjects) row += " " + markdown_text(text::shorten(d->subject)) + " |";
            row += " " + markdown_text(d->message) + " |";
            if (origins)
                row +=
                    d->origin.path.empty() ? " |" : " " + markdown_text(location(d->origin)) + " |";
            row += "\n";
            if (bytes + head.size() + row.size() > kMarkdownMaxBytes) {
                full = true;
                break;
            }
            out << head << row;
            bytes += head.size() + row.size();
            head.clear();
            ++listed;
        }
    }
    if (problems.size() > listed) {
        out << "\nAnd " << problems.size() - listed
            << " more, not listed here: `--format json` gives them all.\n";
    }
}

}  // namespace

std::string markdown_text(const std::string& text) {
    // Every ASCII character with a meaning in CommonMark, GFM (tables,
    // strikethrough, autolinks) or on GitHub (math, emoji, mentions) is
    // escaped; any ASCII punctuation may take a backslash in CommonMark.
    static constexpr std::string_view kSpecial = "\\`*_{}[]()#+!|~:@$^";
    std::string out;
    for (char c : printable(text, true)) {
        if (c == '\n' || c == '\t')
            out += ' ';
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (kSpecial.find(c) != std::string_view::npos)
            out += std::string{'\\', c};
        else
            out += c;
    }
    return out;
}

bool parse_format(const std::string& name, Format& format) {
    if (name == "human")
        format = Format::human;
    else if (name == "json")
        format = Format::json;
    else if (name == "junit")
        format = Format::junit;
    else if (name == "github")
        format = Format::github;
    else if (name == "markdown")
        format = Format::markdown;
    else
        return false;
    return true;
}

std::string location(const SourceLocation& where) {
    std::string s = where.path;
    if (where.line > 0) s += ":" + std::to_string(where.line);
    if (where.line > 0 && where.column > 0) s += ":" + std::to_string(where.column);
    return s;
}

void write(const std::vector<Diagnostic>& problems, const Kind& kind, Format format,
           const std::string& prefix, std::ostream& out) {
    switch (format) {
        case Format::human:
            break;  // Diagnostics::print, or the link checker's own page-by-page report
        case Format::json:
            write_json(problems, kind, prefix, out);
            break;
        case Format::junit:
            write_junit(problems, kind, prefix, out);
            break;
        case Format::github:
            write_github(problems, kind, prefix, out);
            break;
        case Format::markdown:
            write_markdown(problems, kind, prefix, out);
            break;
    }
}

}  // namespace lspgen::report
