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

// Kept in step with extract_links() (html_links.cpp): the tests compare the
// two on odd markup.
bool is_url_attribute(const char* name) {
    static const char* const kNames[] = {"href", "src",        "poster",   "action",    "cite",
                                         "data", "formaction", "longdesc", "background"};
    for (const char* n : kNames) {
        if (std::strcmp(name, n) == 0) return true;
    }
    return false;
}

/// Elements whose content HTML5 reads as text, never as tags. libxml2 reads
/// <script> and <style> that way itself; for these it builds elements, which
/// the scanner then ignores.
bool is_text_only(const char* tag) {
    static const char* const kNames[] = {"title",   "textarea", "xmp",      "iframe",
                                         "noembed", "noframes", "plaintext"};
    for (const char* n : kNames) {
        if (std::strcmp(tag, n) == 0) return true;
    }
    return false;
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

void on_start(void* user, const xmlChar* name_x, const xmlChar** attributes) {
    auto* context = static_cast<xmlParserCtxtPtr>(user);
    auto& state = *static_cast<ScanState*>(context->_private);
    const char* tag = reinterpret_cast<const char*>(name_x);
    if (state.hidden_depth > 0) {
        ++state.hidden_depth;
        return;
    }
    if (state.select_depth > 0) {
        ++state.select_depth;
        if (std::strcmp(tag, "option") != 0 && std::strcmp(tag, "optgroup") != 0 &&
            std::strcmp(tag, "hr") != 0) {
            return;
        }
    }
    if (std::strcmp(tag, "select") == 0) state.select_depth = 1;
    // HTML5 reads <image> as <img> outside SVG: leave that to gumbo.
    if (std::strcmp(tag, "image") == 0) state.give_up = true;
    if (std::strcmp(tag, "template") == 0 || is_text_only(tag)) {
        state.hidden_depth = 1;
        // The element's own attributes still count (an id on <iframe>, say).
    }
    if (!attributes) {
        if (std::strcmp(tag, "img") == 0) {
            state.page.images_without_alt.push_back({{}, xmlSAX2GetLineNumber(context), 0});
        }
        return;
    }
    const int line = xmlSAX2GetLineNumber(context);
    HtmlPage& page = state.page;
    bool has_alt = false;
    const char* src = "";
    const bool is_a = std::strcmp(tag, "a") == 0;
    for (int i = 0; attributes[i]; i += 2) {
        const char* name = reinterpret_cast<const char*>(attributes[i]);
        // An attribute without a value (<a href>) arrives as null.
        const char* value =
            attributes[i + 1] ? reinterpret_cast<const char*>(attributes[i + 1]) : "";
        if (std::strcmp(name, "id") == 0 && *value) page.anchors.insert(value);
        if (is_a && std::strcmp(name, "name") == 0 && *value) page.anchors.insert(value);
        if (std::strcmp(name, "alt") == 0) has_alt = true;
        if (std::strcmp(name, "src") == 0) src = value;
        if (std::strcmp(name, "srcset") == 0 || std::strcmp(name, "imagesrcset") == 0) {
            add_srcset(value, name, tag, line, page);
        } else if (is_url_attribute(name)) {
            page.links.push_back({value, name, tag, line, 0});
        }
    }
    if (!has_alt && std::strcmp(tag, "img") == 0) {
        page.images_without_alt.push_back({src, line, 0});
    }
}

void on_end(void* user, const xmlChar*) {
    auto* context = static_cast<xmlParserCtxtPtr>(user);
    auto& state = *static_cast<ScanState*>(context->_private);
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
    if (state.give_up || stopped_early) return std::nullopt;
    return std::move(state.page);
}

HtmlPage scan_links(std::string_view html) {
    if (auto page = read_with_libxml2(html)) return std::move(*page);
    return extract_links(std::string(html));
}

}  // namespace lspgen::links
