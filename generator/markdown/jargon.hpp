#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace lspgen::jargon {

/// What the first use of a glossary term on a page gets (site.yaml
/// `jargon_first_use`).
enum class FirstUse {
    /// An abbreviation is followed by its expansion in plain text:
    /// "LSP (Local Strategic Partnership)". Full terms are left alone.
    expand,
    /// Every term links to its entry on the jargon-buster; the link's name
    /// says so ("LSP (jargon buster)", the last words visually hidden), and an
    /// abbreviation inside it is an <abbr> titled with its expansion.
    link,
    /// Nothing is marked.
    none,
};

/// A glossary term as the jargon pass needs it.
struct Entry {
    std::string term;       // "LAA"
    std::string plural;     // "LAAs", or empty when the term has no plural
    std::string expansion;  // "Local Area Agreement"; empty when not an abbreviation
    std::string anchor;     // "term-laa", the id on the jargon page
    /// A true abbreviation ("LAA", "IDeA", "NI 39"), not a full term
    /// ("Comprehensive Area Assessment", "ward").
    bool abbreviation = false;
    std::string plural_expansion;  // "Local Area Agreements"
};

/// A use of a term found in text.
struct Match {
    size_t position = 0;
    size_t length = 0;
    size_t entry = 0;
    bool plural = false;
};

/// Finds glossary terms in text: whole words only (a hyphen joins words, so
/// "GO" is not found in "GO-SE"), exact case, the term or its plural, the
/// longest term first ("NI 186" before "NI").
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
        bool plural;
    };
    std::vector<Entry> entries_;
    // Forms by first byte, longest first, so that each position tries few.
    std::unordered_map<unsigned char, std::vector<Form>> by_first_byte_;
};

/// Whether the text gives the expansion of the term used at `at` in `block`
/// (the text of the paragraph holding it) itself: anywhere before it in the
/// block ("West Kent Partnership (WKP)"), or right after it ("WKP (West Kent
/// Partnership)", "WKP, the West Kent Partnership"). Case is ignored.
bool expansion_given(const std::string& block, size_t at, const Match& match, const Entry& entry);

/// The jargon state of one page: the first use of each term is marked, later
/// uses are left plain.
class PageMarks {
  public:
    /// `jargon_href` is the jargon page's address from this page.
    PageMarks(const Matcher& matcher, std::string jargon_href, FirstUse style = FirstUse::link)
        : matcher_(matcher), jargon_href_(std::move(jargon_href)), style_(style) {}

    const Matcher& matcher() const { return matcher_; }
    /// The HTML that replaces the use `match` of a term, written at `at` in
    /// `block` (the text of the paragraph or summary holding it), or nullopt
    /// to leave the text as it is: not the first use on the page, or nothing
    /// to add in this page's style. Counts the use.
    std::optional<std::string> mark(const Match& match, const std::string& block, size_t at);

  private:
    const Matcher& matcher_;
    std::string jargon_href_;
    FirstUse style_;
    std::vector<bool> used_;
};

/// Escapes plain text for HTML and marks first uses of terms in it; for
/// summaries that are text, not Markdown.
std::string mark_plain_text(const std::string& text, PageMarks* marks);

/// Whether a term is written as an abbreviation: one word with two or more
/// capital letters ("LSP", "IDeA", "PtP", "LAA2", "DCLG/CLG"), perhaps
/// followed by numbers ("NI 39"). "ASPIRE 2 PERFORM", "Ombudsman" and
/// "Comprehensive Area Assessment" are not.
bool looks_like_abbreviation(const std::string& term);

/// "Local Area Agreements" for "Local Area Agreement": the last word made
/// plural by the common English rules ("Strategy" → "Strategies").
std::string plural_of(const std::string& words);

}  // namespace lspgen::jargon
