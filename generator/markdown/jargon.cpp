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
bool is_word_character(char32_t cp) {
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

}  // namespace

Matcher::Matcher(std::vector<Entry> entries) : entries_(std::move(entries)) {
    for (size_t i = 0; i < entries_.size(); ++i) {
        for (const std::string* form : {&entries_[i].term, &entries_[i].plural}) {
            if (form->empty()) continue;
            by_first_byte_[static_cast<unsigned char>((*form)[0])].push_back({*form, i});
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
                    matches.push_back({i, form.text.size(), form.entry});
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

bool PageMarks::take_first_use(size_t entry) {
    if (used_.size() <= entry) used_.resize(entry + 1, false);
    if (used_[entry]) return false;
    used_[entry] = true;
    return true;
}

std::string PageMarks::open_tag(size_t entry) const {
    const Entry& e = matcher_.entry(entry);
    return "<a class=\"jargon\" href=\"" + escape(jargon_href_ + "#" + e.anchor) +
           "\"><abbr title=\"" + escape(e.expansion) + "\">";
}

std::string mark_plain_text(const std::string& text, PageMarks* marks) {
    if (!marks) return escape(text);
    std::string html;
    size_t done = 0;
    for (const Match& m : marks->matcher().find(text)) {
        if (!marks->take_first_use(m.entry)) continue;
        html += escape(text.substr(done, m.position - done));
        html += marks->open_tag(m.entry) + escape(text.substr(m.position, m.length)) +
                PageMarks::close_tag();
        done = m.position + m.length;
    }
    return html + escape(text.substr(done));
}

}  // namespace lspgen::jargon
