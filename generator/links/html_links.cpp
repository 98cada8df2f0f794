#include "links/html_links.hpp"

#include "links/page_builder.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lspgen::links {

namespace {

// Lines and columns in bytes, from a byte offset: gumbo's own columns count
// characters, and a tab as up to eight. Lines end at "\n", "\r\n" or "\r".
class BytePlaces {
  public:
    explicit BytePlaces(std::string_view html) {
        starts_.push_back(0);
        for (size_t i = 0; i < html.size(); ++i) {
            if (html[i] == '\n' ||
                (html[i] == '\r' && (i + 1 == html.size() || html[i + 1] != '\n'))) {
                starts_.push_back(i + 1);
            }
        }
    }
    /// The 1-based line and column of the byte at `offset`.
    std::pair<int, int> at(size_t offset) const {
        const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
        const size_t line = static_cast<size_t>(after - starts_.begin());
        return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1] + 1)};
    }

  private:
    std::vector<size_t> starts_;  // the offset of each line's first byte
};

// Where an attribute's value starts. For an attribute written without one
// (`<a href>`, `<a href=>`) gumbo leaves value_start unset (uninitialised
// memory) and points the original value at the name: there, where the
// name starts.
const GumboSourcePosition& place_of(const GumboAttribute& attr) {
    const bool no_value = attr.original_value.data == attr.original_name.data;
    return no_value ? attr.name_start : attr.value_start;
}

// The element's name in lower case; for one gumbo does not know (a custom
// element), the name as written.
std::string_view tag_name(const GumboElement& element, std::string& buffer) {
    const char* known = gumbo_normalized_tagname(element.tag);
    if (*known) return known;
    GumboStringPiece piece = element.original_tag;
    gumbo_tag_from_original_text(&piece);
    buffer.assign(piece.data, piece.length);
    for (char& c : buffer) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
    return buffer.empty() ? std::string_view("unknown") : std::string_view(buffer);
}

// Every element in document order, to the builder. A loop with its own
// stack, not recursion: a page's nesting must never be able to exhaust the
// call stack. A null entry on the stack is the end of the element above it.
void visit(const GumboNode* root, const BytePlaces& places, PageBuilder& builder) {
    std::vector<const GumboNode*> waiting{root};
    std::vector<TagAttribute> attributes;
    std::string name_buffer;
    while (!waiting.empty()) {
        const GumboNode* node = waiting.back();
        waiting.pop_back();
        if (!node) {
            builder.end();
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
        const GumboElement& element = node->v.element;
        attributes.clear();
        for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            const auto [line, column] = places.at(place_of(*attr).offset);
            attributes.push_back({attr->name, attr->value, line, column});
        }
        const auto [line, column] = places.at(element.start_pos.offset);
        builder.start(tag_name(element, name_buffer), attributes, line, column);
        waiting.push_back(nullptr);
        // <template> content is not part of the page a reader sees.
        if (element.tag == GUMBO_TAG_TEMPLATE) continue;
        for (unsigned i = element.children.length; i-- > 0;) {
            waiting.push_back(static_cast<const GumboNode*>(element.children.data[i]));
        }
    }
}

struct OutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};

// A link's place and URL, as a key: the URL is a view of the page's link.
struct PlacedUrl {
    int line;
    int column;
    std::string_view url;
    bool operator==(const PlacedUrl& o) const {
        return line == o.line && column == o.column && url == o.url;
    }
};

struct PlacedUrlHash {
    size_t operator()(const PlacedUrl& p) const {
        return std::hash<std::string_view>()(p.url) ^
               (static_cast<size_t>(p.line) * 1000003u + static_cast<size_t>(p.column));
    }
};

bool starts_with_ci(std::string_view text, size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
        const char c = text[at + i];
        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != word[i]) return false;
    }
    return true;
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is text, up to their own end tag.
bool holds_text(std::string_view tag) {
    return is_one_of(
        tag, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// HTML elements that end SVG and MathML content where they start, so that
// "/>" no longer closes what follows.
bool breaks_out_of_foreign(std::string_view tag) {
    return is_one_of(
        tag,
        {"b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
         "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
         "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
         "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
         "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var",  "font"});
}

}  // namespace

// Void elements add no level, nor do those that a start tag of their own
// kind (or their parent's end) closes in HTML5, so that <p><p><p> or
// unclosed <li>s stay flat. Not <rt> and its kin: outside <ruby> they nest. One switch on the first
// letter: the fast pass asks for every tag of every page.
bool adds_nesting_level(std::string_view tag) {
    if (tag.empty()) return true;
    switch (tag[0]) {
        case 'a':
            return !is_one_of(tag, {"a", "area"});
        case 'b':
            return !is_one_of(tag, {"base", "basefont", "bgsound", "body", "br", "button"});
        case 'c':
            return !is_one_of(tag, {"caption", "col", "colgroup"});
        case 'd':
            return !is_one_of(tag, {"dd", "dt"});
        case 'e':
            return tag != "embed";
        case 'f':
            return !is_one_of(tag, {"form", "frame"});
        case 'h':
            return !is_one_of(tag, {"h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "html"});
        case 'i':
            return !is_one_of(tag, {"image", "img", "input"});
        case 'k':
            return tag != "keygen";
        case 'l':
            return !is_one_of(tag, {"li", "link"});
        case 'm':
            return tag != "meta";
        case 'n':
            return tag != "nobr";
        case 'o':
            return !is_one_of(tag, {"optgroup", "option"});
        case 'p':
            return !is_one_of(tag, {"p", "param"});
        case 's':
            return tag != "source";
        case 't':
            return !is_one_of(tag, {"tbody", "td", "tfoot", "th", "thead", "tr", "track"});
        case 'w':
            return tag != "wbr";
        default:
            return true;
    }
}

// A tokenizer that knows just enough of HTML5 to follow the nesting: tags,
// comments, text-only elements, end tags closing what they match. It reads
// each byte once, where gumbo's tree builder spends time in proportion to
// the depth on each tag (100,000 levels took 143 s).
int nesting_too_deep(std::string_view html, int limit) {
    std::vector<std::string> open;
    std::unordered_map<std::string, int> open_count;
    int foreign = 0;  // open <svg> and <math>: there "/>" closes an element
    int line = 1;
    size_t at = 0;
    // Moves to `to`, counting lines.
    auto skip_to = [&](size_t to) {
        to = std::min(to, html.size());
        line += static_cast<int>(std::count(html.data() + at, html.data() + to, '\n'));
        at = to;
    };
    auto skip_past = [&](std::string_view end) {
        const size_t found = html.find(end, at);
        skip_to(found == std::string_view::npos ? html.size() : found + end.size());
    };
    while (at < html.size()) {
        skip_to(html.find('<', at));
        if (at + 1 >= html.size()) break;
        const char next = html[at + 1];
        if (next == '!') {
            if (html.compare(at, 4, "<!--") != 0) {
                skip_past(">");
                continue;
            }
            // A comment ends at "-->" or "--!>", whichever comes first.
            const size_t end = std::min(html.find("-->", at), html.find("--!>", at));
            skip_to(end == std::string_view::npos ? html.size()
                                                  : end + (html[end + 2] == '!' ? 4 : 3));
            continue;
        }
        if (next == '?' || (next == '/' && at + 2 < html.size() && !is_letter(html[at + 2]))) {
            skip_past(">");
            continue;
        }
        const bool end_tag = next == '/';
        const size_t name_at = at + (end_tag ? 2 : 1);
        if (name_at >= html.size() || !is_letter(html[name_at])) {
            skip_to(at + 1);  // a '<' in text
            continue;
        }
        const int tag_line = line;
        size_t name_end = name_at;
        std::string name;
        while (name_end < html.size() && !std::strchr(" \t\n\r\f/>", html[name_end])) {
            const char c = html[name_end++];
            name += c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
        }
        // The end of the tag: the first '>' outside a quoted value. A quote
        // opens a value only where a value starts, after '=' and spaces, as
        // in HTML5 (in x=a'b it is a letter of the value).
        size_t end = name_end;
        char quote = 0;
        bool value_starts = false;
        for (; end < html.size(); ++end) {
            const char c = html[end];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (value_starts && (c == '"' || c == '\'')) {
                quote = c;
                value_starts = false;
            } else if (c == '>') {
                break;
            } else if (c == '=') {
                value_starts = true;
            } else if (!std::strchr(" \t\n\r\f", c)) {
                value_starts = false;
            }
        }
        const bool self_closing = end < html.size() && html[end - 1] == '/';
        skip_to(end + 1);
        if (end_tag) {
            auto it = open_count.find(name);
            if (it == open_count.end() || it->second == 0) continue;  // closes nothing
            for (bool closed = false; !closed;) {
                closed = open.back() == name;
                --open_count[open.back()];
                if ((open.back() == "svg" || open.back() == "math") && foreign > 0) --foreign;
                open.pop_back();
            }
            continue;
        }
        // An HTML element inside <svg> or <math> closes them.
        if (foreign > 0 && breaks_out_of_foreign(name)) foreign = 0;
        // In SVG and MathML, <title>, <style> and the like hold elements.
        if (foreign == 0 && name == "plaintext") break;  // the rest of the page is text
        if (foreign == 0 && holds_text(name)) {
            // Up to "</name", whatever the case.
            while (at < html.size()) {
                skip_past("</");
                if (starts_with_ci(html, at, name)) break;
            }
            continue;
        }
        if (!adds_nesting_level(name) || (self_closing && foreign > 0)) continue;
        if (name == "svg" || name == "math") ++foreign;
        ++open_count[name];
        open.push_back(std::move(name));
        if (open.size() > static_cast<size_t>(limit)) return tag_line;
    }
    return 0;
}

HtmlPage extract_links(const std::string& html) {
    HtmlPage page;
    // Refused before gumbo reads it: its parse is slow at such depths.
    page.too_deep_line = nesting_too_deep(html, kMaxNesting);
    if (page.too_deep_line > 0) return page;
    std::unique_ptr<GumboOutput, OutputDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    if (output) {
        const BytePlaces places(html);
        PageBuilder builder(page);
        visit(output->root, places, builder);
    }
    // The HTML5 tree builder re-creates a mis-nested <a> or <b> around later
    // content, as browsers do; the copies keep the original's place in the
    // source. One attribute in the source is one link.
    std::unordered_set<PlacedUrl, PlacedUrlHash> seen;
    std::vector<bool> copy(page.links.size());
    for (size_t i = 0; i < page.links.size(); ++i) {
        const HtmlLink& l = page.links[i];
        copy[i] = !seen.insert({l.line, l.column, l.url}).second;
    }
    size_t kept = 0;
    for (size_t i = 0; i < page.links.size(); ++i) {
        if (copy[i]) continue;
        if (kept != i) page.links[kept] = std::move(page.links[i]);
        ++kept;
    }
    page.links.resize(kept);
    return page;
}

}  // namespace lspgen::links
