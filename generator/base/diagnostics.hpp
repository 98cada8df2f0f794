#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace lspgen {

/// A place in a source file. Line and column are 1-based; 0 means "unknown"
/// (the diagnostic then names the file only).
struct SourceLocation {
    std::string path;
    int line = 0;
    int column = 0;
};

enum class Severity { error, warning };

/// One problem, lspgen's one record of them: in the user's data, printed
/// compiler-style (`path:line:col: error: message`, then the source line and
/// a caret), or in a page the link checker read.
struct Diagnostic {
    Severity severity = Severity::error;
    SourceLocation where;
    std::string message;
    /// How many characters the caret underline covers (at least 1).
    int length = 1;
    /// What the problem is about, quoted before the message: a link's URL.
    std::string subject;
    /// A note: where in the site's data the problem came from, when `where`
    /// is in the output (a broken link written in a YAML or Markdown file).
    SourceLocation origin;
};

/// Collects diagnostics from every stage and prints them with source context.
/// Loaders register the text of each file they read so that the printer can
/// show the offending line; nothing here touches the file system.
class Diagnostics {
  public:
    void error(SourceLocation where, std::string message, int length = 1);
    void warning(SourceLocation where, std::string message, int length = 1);

    /// Remembers a file's text so that diagnostics in it can quote the line.
    void add_source(const std::string& path, std::string text);

    bool has_errors() const { return error_count_ > 0; }
    int error_count() const { return error_count_; }
    const std::vector<Diagnostic>& all() const { return diagnostics_; }

    /// Prints the diagnostics file by file in line order, each with its
    /// source line and caret when the line is known; after the first 100,
    /// only how many more there are.
    void print(std::ostream& out) const;

    /// Formats one diagnostic (without a trailing newline after the caret line).
    std::string format(const Diagnostic& d) const;

  private:
    void add(Severity severity, SourceLocation where, std::string message, int length);
    std::vector<Diagnostic> diagnostics_;
    std::map<std::string, std::string> sources_;
    int error_count_ = 0;
};

/// `text` made safe to print on a terminal: every control character (C0,
/// DEL, and C1 written as UTF-8, U+0080 to U+009F) becomes a visible escape
/// (`\x1b`, `\x7f`, `\u009b`), and so does each byte that is not UTF-8, so
/// that text from a page, a data file or a server cannot move the cursor,
/// recolour or retitle the terminal. Tabs are kept, and line feeds when
/// `keep_line_feeds` (a message of several lines); a line feed in one-line
/// text (a URL) is escaped, so it cannot start a line of its own.
std::string printable(std::string_view text, bool keep_line_feeds = false);

/// The text of line `line` (1-based) of `text`, without its line ending;
/// empty when out of range.
std::string source_line(const std::string& text, int line);

/// Length in bytes of the token that starts at byte `column` (1-based) of
/// `line`: up to a comment or the end of the line, trailing blanks removed.
int token_length(const std::string& line, int column);

}  // namespace lspgen
