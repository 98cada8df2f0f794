#include "model/fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>
#include <unordered_map>

namespace lspgen {

namespace fs = std::filesystem;

std::string SiteFolder::display_path(const std::string& file) const {
    return lspgen::display_path(display, file);
}

std::string describe(const load::RawNode& node) {
    switch (node.kind) {
        case load::RawNode::Kind::null:
            return "nothing";
        case load::RawNode::Kind::scalar:
            return "text";
        case load::RawNode::Kind::sequence:
            return "a list";
        case load::RawNode::Kind::mapping:
            return "a mapping";
    }
    return "?";
}

size_t edit_distance(const std::string& a, const std::string& b) {
    // Optimal string alignment: two swapped letters ('titel') count as one
    // edit, so 'title' is a closer suggestion than 'item'. Three rows, not a
    // matrix, as a value checked against choices may be long.
    std::vector<size_t> before(b.size() + 1), above(b.size() + 1), row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) above[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min(
                {above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        std::swap(before, above);
        std::swap(above, row);
    }
    return above[b.size()];
}

std::optional<std::string> closest(const std::string& word,
                                   const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

Fields::Fields(const load::RawNode& node, std::string what, const SiteFolder& folder,
               Diagnostics& diagnostics)
    : node_(node), what_(std::move(what)), folder_(folder), diagnostics_(diagnostics) {
    if (folder.describing) describing_ = &folder.describing->record_for(node, what_);
    if (!node.is_mapping()) {
        ok_ = false;
        diagnostics_.error(node.where, "expected the fields of " + what_ +
                                           " as 'key: value' lines, but found " + describe(node));
    }
}

SourceLocation Fields::where(const char* key) const {
    const load::RawNode* value = node_.find(key);
    if (value && value->where.line > 0) return value->where;
    return node_.where;
}

int Fields::length(const char* key) const {
    const load::RawNode* value = node_.find(key);
    if (!value || !value->is_scalar() || value->block) return 1;
    // The caret covers the value as written, quotes included.
    int len = static_cast<int>(value->scalar.size()) + (value->quoted ? 2 : 0);
    return std::max(1, std::min(len, 200));
}

void Fields::error(const char* key, const std::string& message) {
    diagnostics_.error(where(key), message, length(key));
}

void Fields::note(const char* key, FieldType type, Need need,
                  const std::vector<std::string>& allowed) {
    if (describing_) describing_->add(key, type, need == Need::required, allowed);
}

const load::RawNode* Fields::lookup(const char* key, Need need) {
    known_.emplace_back(key);
    if (!ok_) return nullptr;
    const load::RawNode* value = node_.find(key);
    if (!value || value->is_null()) {
        if (need == Need::required) missing_.emplace_back(key);
        return nullptr;
    }
    return value;
}

const load::RawNode* Fields::scalar(const char* key, Need need, const char* expected) {
    const load::RawNode* value = lookup(key, need);
    if (!value) return nullptr;
    if (!value->is_scalar()) {
        diagnostics_.error(value->where, "'" + std::string(key) + "' must be " + expected +
                                             ", not " + describe(*value));
        return nullptr;
    }
    return value;
}

std::optional<std::string> Fields::text(const char* key, Need need) {
    note(key, FieldType::text, need);
    const load::RawNode* value = scalar(key, need, "text");
    if (!value) return std::nullopt;
    if (need == Need::required && value->scalar.find_first_not_of(" \t\r\n") == std::string::npos) {
        error(key, "'" + std::string(key) + "' must not be empty");
        return std::nullopt;
    }
    return value->scalar;
}

std::optional<Markdown> Fields::markdown(const char* key, Need need) {
    note(key, FieldType::markdown, need);
    const load::RawNode* value = scalar(key, need, "text (Markdown)");
    if (!value) return std::nullopt;
    SourceLocation start = value->where;
    // A block scalar's text starts on the line after its '|' or '>', at its
    // indentation; a quoted one just after the quote.
    if (value->block) {
        ++start.line;
        start.column = value->block_indent + 1;
    } else if (value->quoted) {
        ++start.column;
    }
    return Markdown{value->scalar, start};
}

std::optional<bool> Fields::boolean(const char* key) {
    note(key, FieldType::boolean);
    const load::RawNode* value = scalar(key, Need::optional, "true or false");
    if (!value) return std::nullopt;
    const std::string& s = value->scalar;
    if (!value->quoted) {
        if (s == "true" || s == "True" || s == "TRUE") return true;
        if (s == "false" || s == "False" || s == "FALSE") return false;
    }
    error(key, "'" + std::string(key) + "' must be true or false, not '" + s + "'");
    return std::nullopt;
}

std::optional<int> Fields::integer(const char* key) {
    note(key, FieldType::integer);
    const load::RawNode* value = scalar(key, Need::optional, "a whole number");
    if (!value) return std::nullopt;
    const std::string& s = value->scalar;
    int result = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), result);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size()) {
        error(key, "'" + std::string(key) + "' is too " + (s[0] == '-' ? "small" : "large") + ": " +
                       s + "; use a whole number between -2147483648 and 2147483647");
        return std::nullopt;
    }
    if (ec != std::errc() || end != s.data() + s.size()) {
        error(key, "'" + std::string(key) + "' must be a whole number, not '" + s + "'");
        return std::nullopt;
    }
    return result;
}

namespace {

/// Numbers this large or larger lose digits as doubles, and pages would show
/// a number that is not the one written.
constexpr double kLargestNumber = 1e15;

}  // namespace

std::optional<double> Fields::number(const char* key, Need need) {
    note(key, FieldType::number, need);
    const load::RawNode* value = scalar(key, need, "a number");
    if (!value) return std::nullopt;
    const std::string& s = value->scalar;
    double result = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), result);
    const bool whole = end == s.data() + s.size();
    if (whole &&
        (ec == std::errc::result_out_of_range ||
         (ec == std::errc() && std::isfinite(result) && std::fabs(result) >= kLargestNumber))) {
        // from_chars says out of range for 1e400 and for 1e-400 alike.
        const bool tiny =
            ec == std::errc::result_out_of_range && std::strtod(s.c_str(), nullptr) == 0.0;
        const std::string problem = ec == std::errc()
                                        ? "has more than 15 digits"
                                        : (tiny ? "is too close to zero" : "is too large");
        error(key, "'" + std::string(key) + "' " + problem + ": " + s +
                       "; lspgen shows numbers of up to 15 digits exactly, such as "
                       "999999999999999 or 0.25");
        return std::nullopt;
    }
    if (ec != std::errc() || !whole || !std::isfinite(result)) {
        error(key,
              "'" + std::string(key) + "' must be a number such as 1490 or 12.5, not '" + s + "'");
        return std::nullopt;
    }
    return result;
}

std::optional<Date> Fields::date(const char* key, Need need) {
    note(key, FieldType::date, need);
    const load::RawNode* value = scalar(key, need, "a date (YYYY-MM-DD)");
    if (!value) return std::nullopt;
    std::string why;
    auto date = parse_date(value->scalar, why);
    if (!date) error(key, "bad date in '" + std::string(key) + "': " + why);
    return date;
}

std::optional<TimeOfDay> Fields::time(const char* key) {
    note(key, FieldType::time);
    const load::RawNode* value = scalar(key, Need::optional, "a time (HH:MM)");
    if (!value) return std::nullopt;
    std::string why;
    auto time = parse_time(value->scalar, why);
    if (!time) error(key, "bad time in '" + std::string(key) + "': " + why);
    return time;
}

std::pair<std::optional<TimeOfDay>, std::optional<TimeOfDay>> Fields::time_range(const char* what) {
    auto start = time("start");
    auto end = time("end");
    if (describing_) describing_->needs.emplace_back("end", "start");
    if (end && !start) {
        error("end", "'end' is given without 'start'");
    } else if (start && end && *end <= *start) {
        error("end", std::string("the ") + what + " ends (" + end->text() + ") before it starts (" +
                         start->text() + ")");
    }
    return {start, end};
}

namespace {

bool is_id(const std::string& s) {
    if (s.empty() || s.size() > 100 || s.front() == '-' || s.back() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

const char* kIdRule = "use lower-case letters, digits and hyphens, such as 'nick-dunkley'";

}  // namespace

std::optional<std::string> Fields::id(const char* key) {
    note(key, FieldType::id, Need::required);
    const load::RawNode* value = scalar(key, Need::required, "an id");
    if (!value) return std::nullopt;
    if (!is_id(value->scalar)) {
        error(key, "'" + value->scalar + "' is not a valid id: " + kIdRule);
        return std::nullopt;
    }
    return value->scalar;
}

std::optional<IdRef> Fields::id_ref(const char* key) {
    note(key, FieldType::id_ref);
    const load::RawNode* value = scalar(key, Need::optional, "an id");
    if (!value) return std::nullopt;
    return IdRef{value->scalar, value->where, length(key)};
}

std::vector<IdRef> Fields::id_refs(const char* key) {
    note(key, FieldType::id_refs);
    std::vector<IdRef> refs;
    const load::RawNode* value = lookup(key, Need::optional);
    if (!value) return refs;
    if (!value->is_sequence()) {
        diagnostics_.error(value->where, "'" + std::string(key) + "' must be a list of ids, not " +
                                             describe(*value));
        return refs;
    }
    for (const auto& item : value->items) {
        if (!item.is_scalar()) {
            diagnostics_.error(item.where, "each entry of '" + std::string(key) +
                                               "' must be an id, not " + describe(item));
            continue;
        }
        refs.push_back({item.scalar, item.where,
                        static_cast<int>(item.scalar.size()) + (item.quoted ? 2 : 0)});
    }
    return refs;
}

std::vector<std::string> Fields::text_list(const char* key) {
    note(key, FieldType::text_list);
    std::vector<std::string> result;
    const load::RawNode* value = lookup(key, Need::optional);
    if (!value) return result;
    if (!value->is_sequence()) {
        diagnostics_.error(value->where,
                           "'" + std::string(key) + "' must be a list, not " + describe(*value));
        return result;
    }
    for (const auto& item : value->items) {
        if (!item.is_scalar()) {
            diagnostics_.error(item.where, "each entry of '" + std::string(key) +
                                               "' must be text, not " + describe(item));
            continue;
        }
        result.push_back(item.scalar);
    }
    return result;
}

std::optional<std::string> Fields::choice(const char* key, const std::vector<std::string>& allowed,
                                          Need need) {
    note(key, FieldType::choice, need, allowed);
    const load::RawNode* value = scalar(key, need, "text");
    if (!value) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), value->scalar) != allowed.end()) {
        return value->scalar;
    }
    std::string message = "'" + value->scalar + "' is not a valid " + key;
    if (auto suggestion = closest(value->scalar, allowed)) {
        message += "; did you mean '" + *suggestion + "'?";
    } else {
        message += "; use one of:";
        for (size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : " ") + allowed[i];
    }
    error(key, message);
    return std::nullopt;
}

const load::RawNode* Fields::node(const char* key, Shape shape, Need need) {
    if (describing_) {
        known_.emplace_back(key);
        return folder_.describing->nested(*describing_, key, shape, need == Need::required);
    }
    return lookup(key, Need::optional);
}

void Fields::finish() {
    if (describing_) describing_->closed = true;
    if (!ok_) return;
    std::vector<std::string> explained;         // missing keys that a typo accounts for
    std::unordered_map<std::string, int> seen;  // key → its line
    for (const auto& entry : node_.entries) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
        const load::RawNode& key = entry.first;
        if (!key.is_scalar()) {
            diagnostics_.error(key.where,
                               "a key in " + what_ + " must be a plain word, not " + describe(key));
            continue;
        }
        const int len = static_cast<int>(key.scalar.size()) + (key.quoted ? 2 : 0);
        if (const auto [earlier, fresh] = seen.emplace(key.scalar, key.where.line); !fresh) {
            diagnostics_.error(key.where,
                               "'" + key.scalar + "' appears twice in " + what_ +
                                   "; the first is on line " + std::to_string(earlier->second),
                               len);
            continue;
        }
        if (std::find(known_.begin(), known_.end(), key.scalar) != known_.end()) continue;
        std::string message = "unknown field '" + key.scalar + "' in " + what_;
        if (auto suggestion = closest(key.scalar, known_)) {
            message += "; did you mean '" + *suggestion + "'?";
            explained.push_back(*suggestion);
        } else {
            message += "; the fields are:";
            for (size_t i = 0; i < known_.size(); ++i) message += (i ? ", " : " ") + known_[i];
        }
        diagnostics_.error(key.where, message, len);
    }
    for (const auto& key : missing_) {
        if (std::find(explained.begin(), explained.end(), key) != explained.end()) continue;
        diagnostics_.error(node_.where, what_ + " is missing the required field '" + key + "'");
    }
}

std::optional<load::RawNode> read_list_file(const SiteFolder& folder, const std::string& file,
                                            Diagnostics& diagnostics) {
    if (folder.describing) {
        // Describe mode: one empty record, for the reader to describe.
        load::RawNode list;
        list.kind = load::RawNode::Kind::sequence;
        list.items.emplace_back().kind = load::RawNode::Kind::mapping;
        return list;
    }
    const fs::path full = folder.dir / file;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(full, ec))) return load::RawNode{};
    const std::string display = folder.display_path(file);
    auto text = load::read_text_file(full, display, diagnostics);
    if (!text) return std::nullopt;
    auto root = load::parse_yaml(*text, display, diagnostics);
    if (!root) return std::nullopt;
    for (auto& p : load::find_placeholders(*root, *text)) folder.placeholders.push_back(p);
    if (!root->is_null() && !root->is_sequence()) {
        diagnostics.error(root->where, file +
                                           " must be a list, with each entry starting '- ', "
                                           "but it is " +
                                           describe(*root));
        return std::nullopt;
    }
    return root;
}

bool IdRegistry::add(const std::string& id, const SourceLocation& where, int length) {
    const auto [earlier, fresh] = seen_.emplace(id, where.line);
    if (!fresh) {
        diagnostics_.error(where,
                           "duplicate " + what_ + " '" + id + "'; it is already used on line " +
                               std::to_string(earlier->second),
                           length);
        return false;
    }
    return true;
}

}  // namespace lspgen
