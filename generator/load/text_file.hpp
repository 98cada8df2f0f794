#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
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

/// A file's bytes as load/ reads them: at most a limit and one byte.
struct FileRead {
    std::string bytes;
    /// The whole file's size, which may be more than `bytes` holds.
    std::uintmax_t size = 0;
    /// Why it could not be read, as a sentence about it ("this file does not
    /// exist", "this is a folder, not a file"); empty when it was read.
    std::string problem;
};

/// Where load/ reads its files: the disk, or, in tests, memory. As
/// links::OutputTree is for the link checker, this is load/'s one seam to
/// the file system.
class SourceFiles {
  public:
    virtual ~SourceFiles() = default;
    /// The file's first `limit` + 1 bytes at most (one more than the limit
    /// shows that it is too big), never blocking on a pipe or a device.
    virtual FileRead read(const std::filesystem::path& file, std::uintmax_t limit) const = 0;
};

/// The files on disk.
class DiskFiles : public SourceFiles {
  public:
    FileRead read(const std::filesystem::path& file, std::uintmax_t limit) const override;
};

/// Files held in memory, by path.
class MemoryFiles : public SourceFiles {
  public:
    void add(const std::filesystem::path& file, std::string bytes);
    FileRead read(const std::filesystem::path& file, std::uintmax_t limit) const override;

  private:
    std::map<std::string, std::string> files_;
};

/// Reads a text file whole, never blocking on a pipe or reading more than
/// kMaxTextFileBytes (and one byte). Reports, naming the file, and gives
/// nullopt for: anything file_problem() names, a file that is too big (at
/// the line where it passes the limit), UTF-16, invalid UTF-8 and control
/// characters (at their line and column). A UTF-8 byte order mark is
/// dropped. The text is registered with `diagnostics` for caret printing.
std::optional<std::string> read_text_file(const std::filesystem::path& file,
                                          const std::string& path, Diagnostics& diagnostics);
/// The same, from `files`.
std::optional<std::string> read_text_file(const SourceFiles& files,
                                          const std::filesystem::path& file,
                                          const std::string& path, Diagnostics& diagnostics);

}  // namespace lspgen::load
