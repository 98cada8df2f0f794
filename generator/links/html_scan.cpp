#include "links/html_scan.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <optional>

namespace lspgen::links {

namespace {

bool is(const char* a, const char* b) {
    return std::strcmp(a, b) == 0;
}

/// What an attribute is to the scanner. Kept in step with extract_links()
/// (html_links.cpp): the tests compare the two on odd markup. One switch on
/// the first letter, not a dozen comparisons an attribute: the scanner sees
/// some 30 million attributes in a region.
enum class Attribute { other, id, name, alt, src, srcset, url };

Attribute classify_attribute(const char* name) {
    switch (name[0]) {
        case 'i':
            if (is(name, "id")) return Attribute::id;
            if (is(name, "imagesrcset")) return Attribute::srcset;
            break;
        case 'n':
            if (is(name, "name")) return Attribute::name;
            break;
        case 'a':
            if (is(name, "alt")) return Attribute::alt;
            if (is(name, "action")) return Attribute::url;
            break;
        case 's':
            if (is(name, "src")) return Attribute::src;  // a URL too
            if (is(name, "srcset")) return Attribute::srcset;
            break;
        case 'h':
            if (is(name, "href")) return Attribute::url;
            break;
        case 'p':
            if (is(name, "poster")) return Attribute::url;
            break;
        case 'c':
            if (is(name, "cite")) return Attribute::url;
            break;
        case 'd':
            if (is(name, "data")) return Attribute::url;
            break;
        case 'f':
            if (is(name, "formaction")) return Attribute::url;
            break;
        case 'l':
            if (is(name, "longdesc")) return Attribute::url;
            break;
        case 'b':
            if (is(name, "background")) return Attribute::url;
            break;
        default:
            break;
    }
    return Attribute::other;
}

/// What an element is to the scanner.
enum class Element {
    other,
    a,
    img,
    select,
    in_select,  // <option>, <optgroup> and <hr>: kept inside <select>
    image,      // HTML5 reads <image> as <img> outside SVG
    hidden,     // <template>, and elements whose content HTML5 reads as text
};

/// libxml2 reads <script> and <style> as text itself; for <title>,
/// <textarea>, <xmp>, <iframe>, <noembed>, <noframes> and <plaintext> it
/// builds elements, which the scanner then ignores.
Element classify_element(const char* tag) {
    switch (tag[0]) {
        case 'a':
            if (tag[1] == '\0') return Element::a;
            break;
        case 'i':
            if (is(tag, "img")) return Element::img;
            if (is(tag, "image")) return Element::image;
            if (is(tag, "iframe")) return Element::hidden;
            break;
        case 's':
            if (is(tag, "select")) return Element::select;
            break;
        case 'o':
            if (is(tag, "option") || is(tag, "optgroup")) return Element::in_select;
            break;
        case 'h':
            if (is(tag, "hr")) return Element::in_select;
            break;
        case 't':
            if (is(tag, "template") || is(tag, "title") || is(tag, "textarea")) {
                return Element::hidden;
            }
            break;
        case 'x':
            if (is(tag, "xmp")) return Element::hidden;
            break;
        case 'n':
            if (is(tag, "noembed") || is(tag, "noframes")) return Element::hidden;
            break;
        case 'p':
            if (is(tag, "plaintext")) return Element::hidden;
            break;
        default:
            break;
    }
    return Element::other;
}

struct ScanState {
    HtmlPage page;
    xmlParserCtxtPtr context = nullptr;
    // Depth inside <template> or a text-only element: nothing there is a link.
    int hidden_depth = 0;
    // Inside <select>, HTML5 drops every tag but <option>, <optgroup> and <hr>.
    int select_depth = 0;
    // libxml2 stopped following the structure (too deep): start again with gumbo.
    bool give_up = false;
    // Levels of nesting open, counted as adds_nesting_level() says.
    int depth = 0;
};

void add_srcset(const char* value, const char* attribute, const char* tag, int line,
                HtmlPage& page) {
    const std::string_view v = value;
    size_t at = 0;
    while (at < v.size()) {
        at = v.find_first_not_of(" \t\n\r\f,", at);
        if (at == std::string_view::npos) break;
        const size_t end = v.find_first_of(" \t\n\r\f", at);
        std::string url(
            v.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
        while (!url.empty() && url.back() == ',') url.pop_back();
        page.links.push_back({std::move(url), attribute, tag, line, 0});
        at = v.find(',', end == std::string_view::npos ? v.size() : end);
        if (at == std::string_view::npos) break;
        ++at;
    }
}

// Whether `value` holds a character the HTML5 reading replaces with U+FFFD
// (C0 controls other than white space, DEL, C1 controls, the noncharacters
// U+FDD0 to U+FDEF, U+FFFE and U+FFFF): libxml2 keeps them as they are.
bool replaced_by_html5(const char* value) {
    for (const auto* p = reinterpret_cast<const unsigned char*>(value); *p; ++p) {
        const unsigned char c = *p;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return true;
        if (c == 0x7F || (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) return true;
        if (c == 0xEF && ((p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) ||
                          (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))) {
            return true;
        }
    }
    return false;
}

void on_start(void* user, const xmlChar* name_x, const xmlChar** attributes) {
    auto* context = static_cast<xmlParserCtxtPtr>(user);
    auto& state = *static_cast<ScanState*>(context->_private);
    if (state.page.too_deep_line > 0) return;
    if (adds_nesting_level(reinterpret_cast<const char*>(name_x)) && ++state.depth > kMaxNesting) {
        // Refused, like gumbo's reading refuses it; nothing more to read.
        state.page = HtmlPage{};
        state.page.too_deep_line = xmlSAX2GetLineNumber(context);
        xmlStopParser(context);
        return;
    }
    if (state.hidden_depth > 0) {
        ++state.hidden_depth;
        return;
    }
    const char* tag = reinterpret_cast<const char*>(name_x);
    const Element element = classify_element(tag);
    if (state.select_depth > 0) {
        ++state.select_depth;
        if (element != Element::in_select) return;
    }
    if (element == Element::select) state.select_depth = 1;
    if (element == Element::image) state.give_up = true;  // for gumbo
    // The element's own attributes still count (an id on <iframe>, say).
    if (element == Element::hidden) state.hidden_depth = 1;
    if (!attributes) {
        if (element == Element::img) {
            state.page.images_without_alt.push_back({{}, xmlSAX2GetLineNumber(context), 0});
        }
        return;
    }
    const int line = xmlSAX2GetLineNumber(context);
    HtmlPage& page = state.page;
    bool has_alt = false;
    const char* src = "";
    for (int i = 0; attributes[i]; i += 2) {
        const char* name = reinterpret_cast<const char*>(attributes[i]);
        // An attribute without a value (<a href>) arrives as null.
        const char* value =
            attributes[i + 1] ? reinterpret_cast<const char*>(attributes[i + 1]) : "";
        const Attribute kind = classify_attribute(name);
        if (kind != Attribute::other && kind != Attribute::alt && replaced_by_html5(value)) {
            state.give_up = true;  // gumbo reads what HTML5 makes of it
            return;
        }
        switch (kind) {
            case Attribute::id:
                if (*value) page.anchors.insert(value);
                break;
            case Attribute::name:
                if (element == Element::a && *value) page.anchors.insert(value);
                break;
            case Attribute::alt:
                has_alt = true;
                break;
            case Attribute::src:
                src = value;
                page.links.push_back({value, name, tag, line, 0});
                break;
            case Attribute::srcset:
                add_srcset(value, name, tag, line, page);
                break;
            case Attribute::url:
                page.links.push_back({value, name, tag, line, 0});
                break;
            case Attribute::other:
                break;
        }
    }
    if (!has_alt && element == Element::img) page.images_without_alt.push_back({src, line, 0});
}

void on_end(void* user, const xmlChar* name_x) {
    auto* context = static_cast<xmlParserCtxtPtr>(user);
    auto& state = *static_cast<ScanState*>(context->_private);
    if (adds_nesting_level(reinterpret_cast<const char*>(name_x))) --state.depth;
    if (state.hidden_depth > 0) {
        --state.hidden_depth;
    } else if (state.select_depth > 0) {
        --state.select_depth;
    }
}

void on_error(void* user, xmlErrorPtr error) {
    // libxml2 knows HTML 4, so it calls <main> and <nav> unknown tags, and
    // that is all it says about a well-formed HTML5 page. Anything else (a
    // broken attribute, a reference without its ';', a tag cut off at the end)
    // is markup whose HTML5 reading may differ: gumbo reads that page.
    if (error && error->code != XML_HTML_UNKNOWN_TAG) {
        auto* context = static_cast<xmlParserCtxtPtr>(user);
        static_cast<ScanState*>(context->_private)->give_up = true;
    }
}

struct ContextDeleter {
    void operator()(htmlParserCtxtPtr context) const { htmlFreeParserCtxt(context); }
};

}  // namespace

std::optional<HtmlPage> read_with_libxml2(std::string_view html) {
    // NUL bytes, and <![CDATA[ (a comment in HTML, not to libxml2): gumbo.
    if (html.find("<![") != std::string_view::npos || html.find('\0') != std::string_view::npos ||
        html.size() > static_cast<size_t>(INT32_MAX)) {
        return std::nullopt;
    }
    // libxml2 sets up its tables once, before any thread parses.
    static std::once_flag initialised;
    std::call_once(initialised, [] { xmlInitParser(); });
    htmlSAXHandler sax;
    std::memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    // Structured errors, with their codes.
    sax.initialized = XML_SAX2_MAGIC;
    sax.serror = on_error;
    ScanState state;
    std::unique_ptr<htmlParserCtxt, ContextDeleter> context(
        htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size())));
    if (!context) return std::nullopt;
    // The pages are UTF-8 whatever a <meta charset> says, as lspgen writes them.
    xmlSwitchEncoding(context.get(), XML_CHAR_ENCODING_UTF8);
    htmlSAXHandler* const own_sax = context->sax;
    context->sax = &sax;
    context->userData = context.get();
    context->_private = &state;
    // Not HTML_PARSE_NOERROR: that would remove on_error.
    htmlCtxtUseOptions(context.get(), HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                          HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
    htmlParseDocument(context.get());
    const bool stopped_early = context->input && context->input->cur < context->input->end;
    context->sax = own_sax;  // freed with the context
    if (state.page.too_deep_line > 0) return std::move(state.page);
    if (state.give_up || stopped_early) return std::nullopt;
    return std::move(state.page);
}

HtmlPage scan_links(std::string_view html) {
    if (auto page = read_with_libxml2(html)) return std::move(*page);
    return extract_links(std::string(html));
}

}  // namespace lspgen::links
