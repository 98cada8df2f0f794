#include "links/html_scan.hpp"

#include "links/page_builder.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace lspgen::links {

namespace {

bool is(const char* a, const char* b) {
    return std::strcmp(a, b) == 0;
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
    PageBuilder builder{page};
    xmlParserCtxtPtr context = nullptr;
    // Depth inside <template> or a text-only element: nothing there is a link.
    int hidden_depth = 0;
    // Inside <select>, HTML5 drops every tag but <option>, <optgroup> and <hr>.
    int select_depth = 0;
    // libxml2 stopped following the structure (too deep): start again with gumbo.
    bool give_up = false;
    // Levels of nesting open, counted as adds_nesting_level() says.
    int depth = 0;
    // For each element open: whether the builder was told it started.
    std::vector<bool> delivered;
    std::vector<TagAttribute> attributes;  // reused from tag to tag
};

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
        state.delivered.push_back(false);
        return;
    }
    const char* tag = reinterpret_cast<const char*>(name_x);
    const Element element = classify_element(tag);
    if (state.select_depth > 0) {
        ++state.select_depth;
        if (element != Element::in_select) {
            state.delivered.push_back(false);
            return;
        }
    }
    if (element == Element::select) state.select_depth = 1;
    if (element == Element::image) state.give_up = true;  // for gumbo
    // The element's own attributes still count (an id on <iframe>, say).
    if (element == Element::hidden) state.hidden_depth = 1;
    const int line = xmlSAX2GetLineNumber(context);
    state.attributes.clear();
    for (int i = 0; attributes && attributes[i]; i += 2) {
        // An attribute without a value (<a href>) arrives as null.
        const char* value =
            attributes[i + 1] ? reinterpret_cast<const char*>(attributes[i + 1]) : "";
        if (replaced_by_html5(value)) {
            state.give_up = true;  // gumbo reads what HTML5 makes of it
            return;
        }
        state.attributes.push_back({reinterpret_cast<const char*>(attributes[i]), value, line, 0});
    }
    state.builder.start(tag, state.attributes, line, 0);
    state.delivered.push_back(true);
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
    if (state.delivered.empty()) return;
    if (state.delivered.back()) state.builder.end();
    state.delivered.pop_back();
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
