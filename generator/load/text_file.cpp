#include "load/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lspgen::load {

namespace fs = std::filesystem;

std::string unreadable(int error) {
    if (error == EACCES || error == EPERM) {
        return "cannot be read: permission denied (check who may read it, and the folders it "
               "is in)";
    }
    std::string reason = std::strerror(error);
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
    return "cannot be read: " + reason;
}

namespace {

// 104857614 → "104,857,614"
std::string with_commas(std::uintmax_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

struct Place {
    int line = 1;
    int column = 1;
    size_t line_start = 0;
};

Place place_of(const std::string& text, size_t offset) {
    Place p;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.line_start = i + 1;
        }
    }
    p.column = static_cast<int>(offset - p.line_start) + 1;
    return p;
}

/// The offset of the first byte that is not strict UTF-8 (no overlong
/// forms, no surrogates, nothing past U+10FFFF), or npos.
size_t find_invalid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t n = 0;
        unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0) low = 0xA0;   // overlong
            if (c == 0xED) high = 0x9F;  // UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0) low = 0x90;   // overlong
            if (c == 0xF4) high = 0x8F;  // past U+10FFFF
        } else {
            return i;
        }
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return i;
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (b < low || b > high) : (b & 0xC0) != 0x80) return i;
        }
        i += n + 1;
    }
    return std::string::npos;
}

// Reports a problem at `offset` of `text`, showing the line up to it (the
// rest may be what cannot be shown).
void report_at(const std::string& text, size_t offset, const std::string& path,
               const std::string& message, Diagnostics& diagnostics) {
    const Place p = place_of(text, offset);
    diagnostics.add_source(path, text.substr(0, offset));
    diagnostics.error({path, p.line, p.column}, message);
}

}  // namespace

// C1 (U+0080 to U+009F) is 0xC2 then 0x80 to 0x9F in UTF-8.
size_t find_control(const std::string& s) {
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
        if (c == 0xC2 && i + 1 < s.size()) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return i;
        }
    }
    return std::string::npos;
}

unsigned control_code(const std::string& s, size_t offset) {
    const auto c = static_cast<unsigned char>(s[offset]);
    return c == 0xC2 ? static_cast<unsigned char>(s[offset + 1]) : c;
}

std::string file_problem(const fs::path& file) {
    struct stat link {};
    if (lstat(file.c_str(), &link) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return {};
        return unreadable(errno);
    }
    struct stat target {};
    if (stat(file.c_str(), &target) != 0) {
        const int error = errno;
        if (error == ELOOP) return "is a symbolic link that leads back to itself (a loop of links)";
        if (error == ENOENT || error == ENOTDIR) {
            std::error_code ec;
            return "is a symbolic link to '" + fs::read_symlink(file, ec).string() +
                   "', which does not exist";
        }
        return unreadable(error);
    }
    if (S_ISDIR(target.st_mode)) return "is a folder, not a file";
    if (S_ISFIFO(target.st_mode)) return "is a named pipe, not a file";
    if (S_ISCHR(target.st_mode) || S_ISBLK(target.st_mode)) return "is a device, not a file";
    if (S_ISSOCK(target.st_mode)) return "is a socket, not a file";
    if (!S_ISREG(target.st_mode)) return "is not a regular file";
    const int fd = open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return unreadable(errno);
    close(fd);
    return {};
}

FileRead DiskFiles::read(const fs::path& file, std::uintmax_t limit) const {
    FileRead r;
    struct stat link {};
    if (lstat(file.c_str(), &link) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
        r.problem = "this file does not exist";
        return r;
    }
    if (const std::string problem = file_problem(file); !problem.empty()) {
        r.problem = "this " + problem;
        return r;
    }
    // O_NONBLOCK: if the file was swapped for a pipe since it was checked,
    // opening it must not wait for a writer.
    const int fd = open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        r.problem = "this " + unreadable(errno);
        return r;
    }
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        r.problem = "this is not a regular file";
        return r;
    }
    // Never more than the limit and one byte, whatever the file's size.
    r.size = static_cast<std::uintmax_t>(st.st_size);
    std::string& text = r.bytes;
    text.resize(static_cast<size_t>(std::min<std::uintmax_t>(r.size, limit) + 1));
    size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            close(fd);
            r.bytes.clear();
            r.problem = "this " + unreadable(error);
            return r;
        }
        if (n == 0) break;
        got += static_cast<size_t>(n);
    }
    close(fd);
    text.resize(got);
    r.size = std::max<std::uintmax_t>(r.size, got);
    return r;
}

void MemoryFiles::add(const fs::path& file, std::string bytes) {
    files_[file.lexically_normal().string()] = std::move(bytes);
}

FileRead MemoryFiles::read(const fs::path& file, std::uintmax_t limit) const {
    FileRead r;
    const auto it = files_.find(file.lexically_normal().string());
    if (it == files_.end()) {
        r.problem = "this file does not exist";
        return r;
    }
    r.size = it->second.size();
    r.bytes =
        it->second.substr(0, static_cast<size_t>(std::min<std::uintmax_t>(r.size, limit) + 1));
    return r;
}

std::optional<std::string> read_text_file(const fs::path& file, const std::string& path,
                                          Diagnostics& diagnostics) {
    return read_text_file(DiskFiles(), file, path, diagnostics);
}

std::optional<std::string> read_text_file(const SourceFiles& files, const fs::path& file,
                                          const std::string& path, Diagnostics& diagnostics) {
    FileRead r = files.read(file, kMaxTextFileBytes);
    if (!r.problem.empty()) {
        diagnostics.error({path, 0, 0}, r.problem);
        return std::nullopt;
    }
    std::string& text = r.bytes;
    const size_t got = text.size();
    if (got > kMaxTextFileBytes) {
        const std::uintmax_t size = std::max<std::uintmax_t>(r.size, got);
        const Place p = place_of(text, kMaxTextFileBytes);
        text.resize(kMaxTextFileBytes);
        diagnostics.add_source(path, std::move(text));
        diagnostics.error({path, p.line, 1},
                          "the file is too big: " + with_commas(size) +
                              " bytes, and lspgen reads files of up to " +
                              std::to_string(kMaxTextFileBytes / (1024 * 1024)) + " MB (" +
                              with_commas(kMaxTextFileBytes) +
                              " bytes); it passes that on this line. Is it the right file?");
        return std::nullopt;
    }
    if (text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0) {
        diagnostics.error({path, 1, 1},
                          "the file is saved as UTF-16 (it starts with a UTF-16 byte order "
                          "mark); save it as UTF-8");
        return std::nullopt;
    }
    // A UTF-8 byte order mark is harmless (editors on Windows add it); drop
    // it so that columns count from the first character.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (const size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
        report_at(text, bad, path,
                  std::string("the file is not valid UTF-8 here (byte ") + byte +
                      ": was it saved in another encoding, such as Windows-1252?); save it "
                      "as UTF-8",
                  diagnostics);
        return std::nullopt;
    }
    if (const size_t control = find_control(text); control != std::string::npos) {
        char code[8];
        const unsigned point = control_code(text, control);
        std::snprintf(code, sizeof code, "U+%04X", point);
        const std::string what =
            std::string("the file holds an invisible control character (") + code;
        report_at(text, control, path,
                  point >= 0x80
                      ? what +
                            ") here: it is what a curly quote, a dash or an ellipsis from "
                            "Windows becomes after a wrong conversion; type that "
                            "character again"
                      : what + (point == 0 ? ", a NUL byte: is it a text file?" : "") +
                            ") here; delete it (it may have come with text pasted from "
                            "another program)",
                  diagnostics);
        return std::nullopt;
    }
    diagnostics.add_source(path, text);
    return text;
}

}  // namespace lspgen::load
