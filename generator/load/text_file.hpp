#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostics.hpp"

namespace lspgen::load {

/// The largest text file (YAML, Markdown, template) lspgen reads: far more
/// than any partnership writes, small enough that a file is parsed in
/// moments and in little memory, whatever it holds.
constexpr std::uintmax_t kMaxTextFileBytes = 4 * 1024 * 1024;

/// What stops `file` from being opened as an ordinary file, as words that
/// follow "this" or a quoted name: "is a folder, not a file", "is a symbolic
/// link that leads back to itself (a loop of links)", "cannot be read:
/// permission denied (…)". Empty when it is a regular file lspgen may read,
/// or when it does not exist at all (callers say that in their own words).
std::string file_problem(const std::filesystem::path& file);

/// "cannot be read: permission denied (…)" and the like, for errno `error`.
std::string unreadable(int error);

/// The offset of the first control character other than tab, line feed and
/// carriage return, or npos: C0 and DEL, and C1 (U+0080 to U+009F), which is
/// what Windows-1252 curly quotes and dashes become when text goes through a
/// Latin-1 conversion. YAML forbids them, HTML forbids them in a page, XML
/// (feed.xml) forbids C0, and in Markdown they are invisible. `s` is valid
/// UTF-8.
size_t find_control(const std::string& s);

/// The code point of the control character at `offset` (see find_control).
unsigned control_code(const std::string& s, size_t offset);

/// Reads a text file whole, never blocking on a pipe or reading more than
/// kMaxTextFileBytes (and one byte). Reports, naming the file, and gives
/// nullopt for: anything file_problem() names, a file that is too big (at
/// the line where it passes the limit), UTF-16, invalid UTF-8 and control
/// characters (at their line and column). A UTF-8 byte order mark is
/// dropped. The text is registered with `diagnostics` for caret printing.
std::optional<std::string> read_text_file(const std::filesystem::path& file,
                                          const std::string& path, Diagnostics& diagnostics);

}  // namespace lspgen::load
