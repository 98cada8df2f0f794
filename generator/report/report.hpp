#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"

namespace lspgen::report {

/// How problems are written: for people, or for CI (JSON, JUnit XML,
/// GitHub workflow annotations, a Markdown summary for a CI job's page).
enum class Format { human, json, junit, github, markdown };

/// Parses "human", "json", "junit", "github" or "markdown".
bool parse_format(const std::string& name, Format& format);

/// What a report is about, for its wording and totals.
struct Kind {
    std::string suite;      // JUnit's test suite: "lspgen links", "lspgen build"
    std::string problem;    // "broken link", "error": what JUnit's failures count
    std::string title;      // GitHub's annotation title: "broken link", "lspgen build"
    std::string unit;       // what a JUnit test case is: "page", "file"
    std::string classname;  // JUnit's classname: "links", "data"
    /// How many units were checked: those without a problem pass as one
    /// JUnit test case. 0: unknown.
    size_t units = 0;
    /// JSON's totals before the problems: {"pages", 12}, {"links", 340}.
    std::vector<std::pair<std::string, size_t>> totals;
};

/// Writes `problems` as JSON, JUnit XML, GitHub workflow commands or a
/// Markdown summary (not human: see Diagnostics::print). `prefix` goes
/// before each problem's path ("public/" for a page of the tree). A problem
/// with an origin is annotated on GitHub at its origin, the file to edit.
/// The Markdown summary, for a CI job's summary page as lychee writes one,
/// gives the totals first, then the problems grouped by file, each with its
/// line:column, subject (the link), message and origin; it is escaped for
/// GitHub-flavoured Markdown, so that no text from a page can break its
/// tables, format itself or reach the page as HTML. Text from pages, data
/// and servers is escaped for each format; control characters are written
/// as the human report writes them.
void write(const std::vector<Diagnostic>& problems, const Kind& kind, Format format,
           const std::string& prefix, std::ostream& out);

/// Most problems a Markdown summary lists, and most bytes of their tables;
/// the rest are counted. (A GitHub job summary may hold at most 1 MiB.)
inline constexpr size_t kMarkdownMaxProblems = 1000;
inline constexpr size_t kMarkdownMaxBytes = 768 * 1024;

/// `text` as literal text of GitHub-flavoured Markdown, fit for a table
/// cell or a heading: control characters escaped as `printable` does, line
/// feeds as spaces, `<`, `>` and `&` as HTML entities, and each ASCII
/// character that Markdown, GFM or GitHub give a meaning (`|` `*` `_` `[`
/// `` ` `` `~` `$` `:` `@`…) after a backslash.
std::string markdown_text(const std::string& text);

/// "public/index.html:3:7", "site.yaml:4", "members.yaml".
std::string location(const SourceLocation& where);

}  // namespace lspgen::report
