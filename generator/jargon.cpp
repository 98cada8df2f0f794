#include "jargon.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>

namespace lspgen::jargon {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::string escape(const std::string& text) {
    return kainjow::mustache::html_escape<std::string>(text);
}

}  // namespace

std::string anchor_for(const std::string& term) {
    std::string anchor = "term-";
    bool hyphen = false;
    for (unsigned char c : term) {
        if (std::isalnum(c)) {
            if (hyphen && anchor.back() != '-') anchor += '-';
            anchor += static_cast<char>(std::tolower(c));
            hyphen = false;
        } else {
            hyphen = true;
        }
    }
    return anchor;
}

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
        const bool word_start = i == 0 || !is_word_byte(static_cast<unsigned char>(text[i - 1]));
        auto forms = by_first_byte_.find(c);
        if (word_start && forms != by_first_byte_.end()) {
            bool found = false;
            for (const Form& form : forms->second) {
                const size_t end = i + form.text.size();
                if (end <= text.size() && text.compare(i, form.text.size(), form.text) == 0 &&
                    (end == text.size() || !is_word_byte(static_cast<unsigned char>(text[end])))) {
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
