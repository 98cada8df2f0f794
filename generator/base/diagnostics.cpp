#include "base/diagnostics.hpp"

#include <algorithm>
#include <sstream>

namespace lspgen {

namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// A message quoting a huge value (a 4 MB "name") would flood the terminal:
// keep its start and its end, which says what to do.
std::string bounded(std::string message) {
    constexpr size_t kMost = 600, kHead = 400, kTail = 150;
    if (message.size() <= kMost) return message;
    size_t head = kHead;
    while (head > 0 && is_continuation(message[head])) --head;
    size_t tail = message.size() - kTail;
    while (tail < message.size() && is_continuation(message[tail])) ++tail;
    return message.substr(0, head) + "…" + message.substr(tail);
}

// The length of the UTF-8 character starting at text[at], or 0 when the
// bytes there are not one (a stray continuation byte, a cut sequence, an
// overlong or surrogate form).
size_t utf8_length(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    size_t n = 0;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        n = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        n = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        n = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (text.size() - at < n || byte(at + 1) < low || byte(at + 1) > high) return 0;
    for (size_t i = 2; i < n; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
    }
    return n;
}

}  // namespace

std::string printable(std::string_view text, bool keep_line_feeds) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        const auto c = static_cast<unsigned char>(text[at]);
        if (c >= 0x80) {
            const size_t n = utf8_length(text, at);
            if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0) {
                const auto code = static_cast<unsigned char>(text[at + 1]);
                out += "\\u00";
                out += kHex[code >> 4];
                out += kHex[code & 0xF];
            } else if (n > 0) {
                out.append(text, at, n);
            } else {
                out += "\\x";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
                at += 1;
                continue;
            }
            at += n;
            continue;
        }
        if ((c < 0x20 && c != '\t' && !(c == '\n' && keep_line_feeds)) || c == 0x7F) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
        ++at;
    }
    return out;
}

void Diagnostics::error(SourceLocation where, std::string message, int length) {
    add(Severity::error, std::move(where), std::move(message), length);
    ++error_count_;
}

void Diagnostics::warning(SourceLocation where, std::string message, int length) {
    add(Severity::warning, std::move(where), std::move(message), length);
}

void Diagnostics::add(Severity severity, SourceLocation where, std::string message, int length) {
    Diagnostic d;
    d.severity = severity;
    d.where = std::move(where);
    d.message = bounded(std::move(message));
    d.length = length;
    diagnostics_.push_back(std::move(d));
}

void Diagnostics::add_source(const std::string& path, std::string text) {
    sources_[path] = std::move(text);
}

std::string source_line(const std::string& text, int line) {
    if (line < 1) return {};
    size_t start = 0;
    for (int i = 1; i < line; ++i) {
        start = text.find('\n', start);
        if (start == std::string::npos) return {};
        ++start;
    }
    size_t end = text.find('\n', start);
    std::string result =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!result.empty() && result.back() == '\r') result.pop_back();
    return result;
}

int token_length(const std::string& line, int column) {
    if (column < 1 || static_cast<size_t>(column) > line.size()) return 1;
    size_t start = static_cast<size_t>(column - 1);
    size_t end = line.size();
    // A YAML comment starts at " #"; quoted text may hold one, so skip quotes.
    char quote = (line[start] == '"' || line[start] == '\'') ? line[start] : 0;
    if (quote) {
        size_t close = line.find(quote, start + 1);
        if (close != std::string::npos) end = close + 1;
    } else {
        size_t comment = line.find(" #", start);
        if (comment != std::string::npos) end = comment;
    }
    while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    return std::max(1, static_cast<int>(end - start));
}

namespace {

// Counts display columns the way a terminal shows them: one per UTF-8
// character, tabs kept as tabs so the caret lines up under the source.
std::string caret_padding(const std::string& line, int column) {
    std::string pad;
    for (size_t i = 0; i + 1 < static_cast<size_t>(column) && i < line.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte of a UTF-8 character
        pad += (c == '\t') ? '\t' : ' ';
    }
    return pad;
}

int display_width(const std::string& line, int column, int length) {
    int width = 0;
    size_t start = column > 0 ? static_cast<size_t>(column - 1) : 0;
    for (size_t i = start; i < start + static_cast<size_t>(length) && i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++width;
    }
    return std::max(1, width);
}

// The quoted source line with its control characters escaped; the caret's
// column and length (in bytes) move with the escapes before and under it.
void escape_shown_line(std::string& line, int& column, int& length) {
    if (column < 1 || static_cast<size_t>(column - 1) > line.size()) {
        line = printable(line);
        return;
    }
    const size_t start = static_cast<size_t>(column - 1);
    size_t end = std::min(line.size(), start + static_cast<size_t>(std::max(length, 0)));
    while (end < line.size() && is_continuation(line[end])) ++end;
    const std::string before = printable(std::string_view(line).substr(0, start));
    const std::string under = printable(std::string_view(line).substr(start, end - start));
    line = before + under + printable(std::string_view(line).substr(end));
    column = static_cast<int>(before.size()) + 1;
    length = std::max(1, static_cast<int>(under.size()));
}

}  // namespace

std::string Diagnostics::format(const Diagnostic& d) const {
    std::ostringstream out;
    // Paths, messages and source lines may quote what a user or a server
    // wrote: printed escaped, so none of it talks to the terminal.
    out << printable(d.where.path);
    if (d.where.line > 0) {
        out << ':' << d.where.line;
        if (d.where.column > 0) out << ':' << d.where.column;
    }
    out << ": " << (d.severity == Severity::error ? "error" : "warning") << ": "
        << printable(d.message, true);
    auto source = sources_.find(d.where.path);
    if (d.where.line > 0 && source != sources_.end()) {
        std::string line = source_line(source->second, d.where.line);
        int column = d.where.column;
        // A very long line (a 4 MB value on one line) is shown around the
        // column only, with '…' where it is cut.
        constexpr size_t kMostShown = 160, kBefore = 60;
        if (line.size() > kMostShown) {
            size_t start = column > 1 ? std::min(static_cast<size_t>(column - 1), line.size()) : 0;
            start = start > kBefore ? start - kBefore : 0;
            while (start > 0 && is_continuation(line[start])) --start;
            size_t end = std::min(line.size(), start + kMostShown);
            while (end < line.size() && is_continuation(line[end])) ++end;
            std::string shown = line.substr(start, end - start);
            if (start > 0) {
                shown.insert(0, "…");
                column -= static_cast<int>(start) - 3;  // "…" is three bytes, one character
            }
            if (end < line.size()) shown += "…";
            line = std::move(shown);
        }
        int length = d.length;
        escape_shown_line(line, column, length);
        // Right-aligned line numbers in a five-wide gutter, as clang prints them.
        std::string number = std::to_string(d.where.line);
        if (number.size() < 5) number.insert(0, 5 - number.size(), ' ');
        std::string gutter(number.size(), ' ');
        out << '\n' << number << " | " << line;
        if (d.where.column > 0) {
            int width = display_width(line, column, length);
            out << '\n'
                << gutter << " | " << caret_padding(line, column) << '^'
                << std::string(static_cast<size_t>(width - 1), '~');
        }
    }
    return out.str();
}

void Diagnostics::print(std::ostream& out) const {
    // Stages report in the order they check things; people read a file top
    // to bottom. Keep files in the order first reported, lines in order.
    std::map<std::string, size_t> file_rank;
    for (const auto& d : diagnostics_) file_rank.emplace(d.where.path, file_rank.size());
    std::vector<const Diagnostic*> sorted;
    for (const auto& d : diagnostics_) sorted.push_back(&d);
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Diagnostic* a, const Diagnostic* b) {
        const size_t ra = file_rank[a->where.path];
        const size_t rb = file_rank[b->where.path];
        if (ra != rb) return ra < rb;
        if (a->where.line != b->where.line) return a->where.line < b->where.line;
        return a->where.column < b->where.column;
    });
    // Thousands of errors (a generated file gone wrong) would only bury the
    // first ones, which are usually the cause of the rest.
    constexpr size_t kMostPrinted = 100;
    for (size_t i = 0; i < sorted.size() && i < kMostPrinted; ++i) {
        out << format(*sorted[i]) << '\n';
    }
    if (sorted.size() > kMostPrinted) {
        out << "… and " << sorted.size() - kMostPrinted
            << " more problems, not shown: fix these first\n";
    }
}

}  // namespace lspgen
