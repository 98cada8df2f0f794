#include "markdown/jargon.hpp"

#include <algorithm>
#include <cctype>

#include "theme/escape.hpp"

namespace lspgen::jargon {

namespace {

// Decodes the UTF-8 character starting at `at` (invalid bytes count as
// themselves; the text was validated when it was read).
char32_t decode_at(const std::string& text, size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 3 ? (c & 0x07) : extra == 2 ? (c & 0x0F) : extra == 1 ? (c & 0x1F) : c;
    for (int i = 1; i <= extra && at + static_cast<size_t>(i) < text.size(); ++i) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[at + static_cast<size_t>(i)]) & 0x3F);
    }
    return cp;
}

// Letters and digits continue a word; spaces and punctuation end it,
// including typographic ones such as curly quotes, dashes and no-break spaces.
// A hyphen joins words: "GO" is not a word of "GO-SE", nor "ward" of
// "ward-based".
bool is_word_character(char32_t cp) {
    if (cp == '-' || cp == 0x2010 || cp == 0x2011) return true;  // hyphens
    if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
    if (cp >= 0x80 && cp <= 0xBF) return false;      // Latin-1 punctuation, NBSP, « »
    if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
    if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: ‘ ’ “ ” – —
    if (cp >= 0x20A0 && cp <= 0x20CF) return false;  // currency: €
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    return true;                                     // letters such as é, ū
}

bool word_before(const std::string& text, size_t at) {
    if (at == 0) return false;
    size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return is_word_character(decode_at(text, start));
}

bool word_at(const std::string& text, size_t at) {
    return at < text.size() && is_word_character(decode_at(text, at));
}

// A NUL (YAML can write one as "\0") becomes U+FFFD, as cmark makes it in
// Markdown: cmark would cut the tag it is given there, and HTML has no NUL.
std::string escape(const std::string& text) {
    std::string escaped = html_escape(text);
    for (size_t at = escaped.find('\0'); at != std::string::npos; at = escaped.find('\0', at)) {
        escaped.replace(at, 1, "\xEF\xBF\xBD");
    }
    return escaped;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool starts_with_at(const std::string& text, size_t at, const std::string& prefix) {
    return at <= text.size() && text.compare(at, prefix.size(), prefix) == 0;
}

}  // namespace

bool looks_like_abbreviation(const std::string& term) {
    const size_t space = term.find(' ');
    const std::string word = term.substr(0, space);
    int capitals = 0;
    int small = 0;
    for (unsigned char c : word) {
        if (std::isupper(c)) ++capitals;
        if (std::islower(c)) ++small;
    }
    if (capitals < 2 || small >= capitals) return false;
    // What follows the word can only be numbers: "NI 39", "NI 186".
    for (size_t at = space; at != std::string::npos && at < term.size();) {
        const size_t next = term.find(' ', at + 1);
        const std::string rest =
            term.substr(at + 1, next == std::string::npos ? next : next - at - 1);
        if (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest[0]))) return false;
        at = next;
    }
    return true;
}

std::string plural_of(const std::string& words) {
    if (words.empty()) return words;
    auto ends_with = [&](const char* end) {
        const std::string e = end;
        return words.size() >= e.size() && lower(words.substr(words.size() - e.size())) == e;
    };
    const char last = words.back();
    if (ends_with("y") && words.size() >= 2 &&
        std::string("aeiouAEIOU").find(words[words.size() - 2]) == std::string::npos) {
        return words.substr(0, words.size() - 1) +
               (std::isupper(static_cast<unsigned char>(last)) ? "IES" : "ies");
    }
    const bool capitals = std::isupper(static_cast<unsigned char>(last)) != 0;
    if (ends_with("s") || ends_with("x") || ends_with("z") || ends_with("ch") || ends_with("sh")) {
        return words + (capitals ? "ES" : "es");
    }
    return words + (capitals ? "S" : "s");
}

Matcher::Matcher(std::vector<Entry> entries) : entries_(std::move(entries)) {
    for (size_t i = 0; i < entries_.size(); ++i) {
        Entry& e = entries_[i];
        if (!e.plural.empty() && e.plural_expansion.empty() && !e.expansion.empty()) {
            e.plural_expansion = plural_of(e.expansion);
        }
        for (const std::string* form : {&e.term, &e.plural}) {
            if (form->empty()) continue;
            by_first_byte_[static_cast<unsigned char>((*form)[0])].push_back(
                {*form, i, form == &e.plural});
        }
    }
    for (auto& [byte, forms] : by_first_byte_) {
        std::stable_sort(forms.begin(), forms.end(), [](const Form& a, const Form& b) {
            return a.text.size() > b.text.size();
        });
    }
}

std::vector<Match> Matcher::find(const std::string& text) const {
    std::vector<Match> matches;
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool word_start = !word_before(text, i);
        auto forms = by_first_byte_.find(c);
        if (word_start && forms != by_first_byte_.end()) {
            bool found = false;
            for (const Form& form : forms->second) {
                const size_t end = i + form.text.size();
                if (end <= text.size() && text.compare(i, form.text.size(), form.text) == 0 &&
                    !word_at(text, end)) {
                    matches.push_back({i, form.text.size(), form.entry, form.plural});
                    i = end;
                    found = true;
                    break;
                }
            }
            if (found) continue;
        }
        ++i;
    }
    return matches;
}

bool expansion_given(const std::string& block, size_t at, const Match& match, const Entry& entry) {
    const std::string text = lower(block);
    for (const std::string* expansion : {&entry.expansion, &entry.plural_expansion}) {
        if (expansion->empty()) continue;
        const std::string wanted = lower(*expansion);
        if (at >= wanted.size() && text.rfind(wanted, at - wanted.size()) != std::string::npos) {
            return true;
        }
        // Right after: "WKP (West Kent Partnership)", "WKP, the West Kent…",
        // "WKP – West Kent Partnership".
        size_t after = at + match.length;
        auto skip_blanks = [&] {
            while (after < text.size() && (text[after] == ' ' || text[after] == '\n')) ++after;
        };
        skip_blanks();
        for (const char* joint : {"(", ",", ":", "\xE2\x80\x93", "\xE2\x80\x94", "-"}) {
            if (starts_with_at(text, after, joint)) {
                after += std::string(joint).size();
                break;
            }
        }
        skip_blanks();
        if (starts_with_at(text, after, "the ")) after += 4;
        if (starts_with_at(text, after, wanted)) return true;
    }
    return false;
}

std::optional<std::string> PageMarks::mark(const Match& match, const std::string& block,
                                           size_t at) {
    if (style_ == FirstUse::none) return std::nullopt;
    const Entry& e = matcher_.entry(match.entry);
    const bool expandable = e.abbreviation && !e.expansion.empty();
    if (style_ == FirstUse::expand && !expandable) return std::nullopt;
    if (used_.size() <= match.entry) used_.resize(match.entry + 1, false);
    if (used_[match.entry]) return std::nullopt;
    used_[match.entry] = true;
    const std::string written = escape(block.substr(at, match.length));
    const bool given = expandable && expansion_given(block, at, match, e);
    const std::string& expansion =
        match.plural && !e.plural_expansion.empty() ? e.plural_expansion : e.expansion;
    if (style_ == FirstUse::expand) {
        if (given) return std::nullopt;
        return written + " (" + escape(expansion) + ")";
    }
    std::string html =
        "<a class=\"jargon\" href=\"" + escape(jargon_href_ + "#" + e.anchor) + "\">";
    if (expandable && !given) {
        html += "<abbr title=\"" + escape(expansion) + "\">" + written + "</abbr>";
    } else {
        html += written;
    }
    return html + "<span class=\"visually-hidden\"> (jargon buster)</span></a>";
}

std::string mark_plain_text(const std::string& text, PageMarks* marks) {
    if (!marks) return escape(text);
    std::string html;
    size_t done = 0;
    for (const Match& m : marks->matcher().find(text)) {
        const std::optional<std::string> marked = marks->mark(m, text, m.position);
        if (!marked) continue;
        html += escape(text.substr(done, m.position - done)) + *marked;
        done = m.position + m.length;
    }
    return html + escape(text.substr(done));
}

}  // namespace lspgen::jargon
