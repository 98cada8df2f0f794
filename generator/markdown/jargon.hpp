#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace lspgen::jargon {

/// A glossary term as the jargon pass needs it.
struct Entry {
    std::string term;       // "LAA"
    std::string plural;     // "LAAs", or empty when the term has no plural
    std::string expansion;  // "Local Area Agreement"
    std::string anchor;     // "term-laa", the id on the jargon page
};

/// A use of a term found in text.
struct Match {
    size_t position = 0;
    size_t length = 0;
    size_t entry = 0;
};

/// Finds glossary terms in text: whole words only, exact case, the term or
/// its plural, the longest term first ("NI 186" before "NI").
class Matcher {
  public:
    explicit Matcher(std::vector<Entry> entries);
    std::vector<Match> find(const std::string& text) const;
    const Entry& entry(size_t index) const { return entries_[index]; }
    bool empty() const { return entries_.empty(); }

  private:
    struct Form {
        std::string text;
        size_t entry;
    };
    std::vector<Entry> entries_;
    // Forms by first byte, longest first, so that each position tries few.
    std::unordered_map<unsigned char, std::vector<Form>> by_first_byte_;
};

/// The jargon state of one page: the first use of each term is marked, later
/// uses are left plain.
class PageMarks {
  public:
    /// `jargon_href` is the jargon page's address from this page.
    PageMarks(const Matcher& matcher, std::string jargon_href)
        : matcher_(matcher), jargon_href_(std::move(jargon_href)) {}

    const Matcher& matcher() const { return matcher_; }
    /// True the first time it is asked about `entry` on this page.
    bool take_first_use(size_t entry);
    /// `<a class="jargon" href="…#term-laa"><abbr title="Local Area Agreement">`
    std::string open_tag(size_t entry) const;
    static const char* close_tag() { return "</abbr></a>"; }

  private:
    const Matcher& matcher_;
    std::string jargon_href_;
    std::vector<bool> used_;
};

/// Escapes plain text for HTML and marks first uses of terms in it; for
/// summaries that are text, not Markdown.
std::string mark_plain_text(const std::string& text, PageMarks* marks);

}  // namespace lspgen::jargon
