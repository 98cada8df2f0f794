// Fuzz target: Markdown rendering with the jargon pass. The input is a
// glossary, one term a line written `term|plural|expansion`, then a line
// `---`, then the Markdown of a page. The first use of each term must be
// marked once, every <abbr> opened must be closed, the page's text must be
// the same as without the pass (but for the words " (jargon buster)"), and Markdown that validation
// lets through must not render an unsafe link.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/url_safety.hpp"
#include "fuzz_input.hpp"
#include "links/html_links.hpp"
#include "markdown/jargon.hpp"
#include "markdown/markdown.hpp"
#include "model/site.hpp"

namespace {

using namespace lspgen;

/// The text of an HTML fragment, tags left out.
std::string without_tags(const std::string& html) {
    std::string text;
    bool in_tag = false;
    for (char c : html) {
        if (c == '<') in_tag = true;
        if (!in_tag) text += c;
        if (c == '>') in_tag = false;
    }
    return text;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lspgen::fuzz::Input input(data, size);
    const unsigned char options = input.byte();
    // Glossary text is read from YAML and the page from a .md file, both
    // checked to be UTF-8 first.
    std::vector<jargon::Entry> entries;
    while (!input.empty() && entries.size() < 64) {
        std::string line = input.until('\n');
        if (line == "---") break;
        lspgen::fuzz::Input fields(reinterpret_cast<const uint8_t*>(line.data()), line.size());
        jargon::Entry entry;
        entry.term = lspgen::fuzz::valid_utf8(fields.until('|'));
        entry.plural = lspgen::fuzz::valid_utf8(fields.until('|'));
        entry.expansion = lspgen::fuzz::valid_utf8(fields.rest());
        entry.anchor = term_anchor(entry.term);
        entry.abbreviation = (options & 0x40) || jargon::looks_like_abbreviation(entry.term);
        if (!entry.term.empty()) entries.push_back(std::move(entry));
    }
    const std::string text = lspgen::fuzz::valid_utf8(input.rest());

    const jargon::Matcher matcher(entries);
    jargon::PageMarks marks(matcher, (options & 1) ? "../../jargon/index.html" : "jargon/");
    std::vector<markdown::Link> rendered;
    markdown::RenderOptions render;
    render.top_heading_level = 1 + (options >> 1) % 6;
    render.root = (options & 0x80) ? "../../" : "";
    render.jargon = &marks;
    render.rendered_links = &rendered;
    const std::string html = markdown::to_html(text, render);

    // Marking terms adds tags around words, and the links' hidden words
    // saying where they go, and changes nothing else.
    markdown::RenderOptions unmarked = render;
    unmarked.jargon = nullptr;
    unmarked.rendered_links = nullptr;
    auto text_of = [](const std::string& page) {
        std::string words = without_tags(page);
        for (size_t at; (at = words.find(" (jargon buster)")) != std::string::npos;) {
            words.erase(at, 16);
        }
        return words;
    };
    if (const std::string plain_html = markdown::to_html(text, unmarked);
        text_of(plain_html) != text_of(html)) {
        std::fprintf(stderr, "the jargon pass changed the text:\n%s\n---\n%s\n", plain_html.c_str(),
                     html.c_str());
        std::abort();
    }

    const size_t opened = count(html, "<abbr ");
    if (opened != count(html, "</abbr>") || opened > entries.size()) std::abort();
    for (const auto& link : rendered) {
        if (link.line < 1 || link.column < 1) std::abort();
    }
    // Validation refuses Markdown with a javascript:, vbscript: or data:
    // link; whatever passes it must not put one on the page either.
    bool refused = false;
    for (const auto& link : markdown::links(text)) refused |= is_unsafe_url(link.url);
    if (!refused) {
        for (const auto& link : links::extract_links(html).links) {
            if (is_unsafe_url(link.url)) std::abort();
        }
    }

    // Summaries that are plain text get the same pass.
    jargon::PageMarks plain_marks(matcher, "jargon/");
    const std::string plain = jargon::mark_plain_text(text, &plain_marks);
    const size_t plain_opened = count(plain, "<abbr ");
    if (plain_opened != count(plain, "</abbr>") || plain_opened > entries.size()) std::abort();
    return 0;
}
