#include "load/placeholders.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace lspgen::load {

namespace {

// A placeholder found in a string: its byte offset and length there.
struct Found {
    size_t offset = 0;
    size_t length = 0;
    const char* what = "";
};

bool is_word(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A letter, digit or hyphen: what a domain name's labels are made of.
bool is_label(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
}

const char* const kTodo = "is a TODO marker left by `lspgen new`";
const char* const kDrama = "is a telephone number Ofcom reserves for TV and radio drama";
const char* const kDomain = "is a domain reserved for examples (RFC 2606)";

void find_todo(const std::string& s, std::vector<Found>& out) {
    for (size_t at = s.find("TODO"); at != std::string::npos; at = s.find("TODO", at + 4)) {
        const bool starts = at == 0 || !is_word(s[at - 1]);
        const bool ends = at + 4 >= s.size() || !is_word(s[at + 4]);
        if (starts && ends) out.push_back({at, 4, kTodo});
    }
}

// Ofcom's numbers for drama, as dialled within the UK: each range is these
// first digits followed by any digits up to eleven in all.
constexpr std::array<const char*, 20> kDramaPrefixes = {
    "01134960", "01144960", "01154960", "01164960", "01174960", "01184960", "01214960",
    "01314960", "01414960", "01514960", "01614960", "01914980", "02079460", "02896496",
    "02920180", "01632960", "07700900", "08081570", "09098790", "03069990"};

void find_drama_numbers(const std::string& s, std::vector<Found>& out) {
    size_t i = 0;
    while (i < s.size()) {
        const bool begins = (is_digit(s[i]) || s[i] == '+') && (i == 0 || !is_word(s[i - 1]));
        if (!begins) {
            ++i;
            continue;
        }
        // Digits with the spaces, dashes, dots and brackets people write
        // between them, up to the eleven of a UK number (+44 and its (0)
        // counted away).
        std::string digits;
        size_t k = i + (s[i] == '+' ? 1 : 0);
        size_t end = k;
        const size_t wanted = s[i] == '+' ? 13 : 11;
        for (; k < s.size() && digits.size() < wanted; ++k) {
            const char c = s[k];
            if (is_digit(c)) {
                digits += c;
                end = k + 1;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                break;
            }
        }
        if (s[i] == '+') {
            if (digits.rfind("440", 0) == 0) {
                digits = digits.substr(2);
            } else if (digits.rfind("44", 0) == 0) {
                digits = "0" + digits.substr(2);
            } else {
                digits.clear();
            }
        }
        const bool whole = end >= s.size() || !is_digit(s[end]);
        if (whole && digits.size() == 11) {
            for (const char* prefix : kDramaPrefixes) {
                if (digits.rfind(prefix, 0) == 0) {
                    out.push_back({i, end - i, kDrama});
                    break;
                }
            }
        }
        i = std::max(end, i + 1);
    }
}

void find_example_domains(const std::string& s, std::vector<Found>& out) {
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (size_t at = lower.find("example."); at != std::string::npos;
         at = lower.find("example.", at + 8)) {
        // "lsp.example.org" counts, "myexample.org" does not.
        if (at > 0 && is_label(lower[at - 1])) continue;
        for (const char* tld : {"org", "com", "net"}) {
            const size_t end = at + 8 + 3;
            if (lower.compare(at + 8, 3, tld) != 0) continue;
            if (end < lower.size() && is_label(lower[end])) continue;
            out.push_back({at, 11, kDomain});
        }
    }
}

std::vector<Found> find_in(const std::string& s) {
    std::vector<Found> found;
    find_todo(s, found);
    find_drama_numbers(s, found);
    find_example_domains(s, found);
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.offset < b.offset; });
    return found;
}

// Where each line of `text` starts.
std::vector<size_t> line_starts(const std::string& text) {
    std::vector<size_t> starts = {0};
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') starts.push_back(i + 1);
    }
    return starts;
}

struct Scan {
    const std::string& source;
    std::vector<size_t> lines;
    /// Where every node (keys too) starts in the source, in order: a value
    /// ends before the next node starts.
    std::vector<size_t> node_starts;
    std::vector<Placeholder> found;

    size_t offset_of(const SourceLocation& where) const {
        if (where.line < 1 || static_cast<size_t>(where.line) > lines.size()) return source.size();
        return std::min(source.size(),
                        lines[where.line - 1] + static_cast<size_t>(std::max(1, where.column) - 1));
    }
    SourceLocation location_of(const std::string& path, size_t offset) const {
        const auto line = std::upper_bound(lines.begin(), lines.end(), offset) - lines.begin();
        return {path, static_cast<int>(line), static_cast<int>(offset - lines[line - 1] + 1)};
    }

    void collect_starts(const RawNode& node) {
        node_starts.push_back(offset_of(node.where));
        for (const auto& item : node.items) collect_starts(item);
        for (const auto& [key, value] : node.entries) {
            collect_starts(key);
            collect_starts(value);
        }
    }

    void visit(const RawNode& node) {
        if (node.is_scalar()) return scalar(node);
        for (const auto& item : node.items) visit(item);
        for (const auto& entry : node.entries) visit(entry.second);
    }

    // A value holds the text of each placeholder found in it, in order,
    // between its start and the next node's; where escapes or folded lines
    // hide it, the value's own place is the best there is.
    void scalar(const RawNode& node) {
        const std::vector<Found> in_value = find_in(node.scalar);
        if (in_value.empty()) return;
        const size_t start = offset_of(node.where);
        const auto next = std::upper_bound(node_starts.begin(), node_starts.end(), start);
        const size_t limit = next == node_starts.end() ? source.size() : *next;
        size_t from = start;
        for (const Found& f : in_value) {
            const std::string text = node.scalar.substr(f.offset, f.length);
            const size_t at = source.find(text, from);
            Placeholder p;
            p.text = text;
            p.what = f.what;
            if (at != std::string::npos && at + text.size() <= limit) {
                p.where = location_of(node.where.path, at);
                p.length = static_cast<int>(text.size());
                from = at + text.size();
            } else {
                p.where = node.where;
            }
            found.push_back(std::move(p));
        }
    }
};

}  // namespace

std::vector<Placeholder> find_placeholders(const std::string& text, const SourceLocation& where,
                                           int next_column) {
    std::vector<Placeholder> out;
    const std::vector<size_t> lines = line_starts(text);
    for (const Found& f : find_in(text)) {
        const auto line = std::upper_bound(lines.begin(), lines.end(), f.offset) - lines.begin();
        const int column = static_cast<int>(f.offset - lines[line - 1]);
        Placeholder p;
        p.where.path = where.path;
        p.where.line = where.line + static_cast<int>(line) - 1;
        p.where.column = (line == 1 ? std::max(1, where.column) : next_column) + column;
        p.length = static_cast<int>(f.length);
        p.text = text.substr(f.offset, f.length);
        p.what = f.what;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Placeholder> find_placeholders(const RawNode& root, const std::string& source) {
    Scan scan{source, line_starts(source), {}, {}};
    scan.collect_starts(root);
    std::sort(scan.node_starts.begin(), scan.node_starts.end());
    scan.visit(root);
    return std::move(scan.found);
}

}  // namespace lspgen::load
