#include "markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace lspgen::markdown {

namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8;

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

/// A parsed document with the extensions it was parsed with.
struct Parsed {
    std::unique_ptr<cmark_parser, ParserDeleter> parser;
    std::unique_ptr<cmark_node, NodeDeleter> document;
};

Parsed parse(const std::string& text) {
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    Parsed parsed;
    parsed.parser.reset(cmark_parser_new(kOptions));
    for (const char* name : {"table", "autolink", "strikethrough", "tagfilter"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parsed.parser.get(), ext);
        }
    }
    cmark_parser_feed(parsed.parser.get(), text.data(), text.size());
    parsed.document.reset(cmark_parser_finish(parsed.parser.get()));
    return parsed;
}

template <typename Visit>
void for_each_node(cmark_node* document, Visit visit) {
    std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        if (event == CMARK_EVENT_ENTER) visit(cmark_iter_get_node(iter.get()));
    }
}

std::string site_relative(const std::string& url, const std::string& root) {
    if (url.size() < 1 || url[0] != '/' || (url.size() > 1 && url[1] == '/')) return url;
    std::string path = url.substr(1);
    std::string rest;
    if (size_t cut = path.find_first_of("?#"); cut != std::string::npos) {
        rest = path.substr(cut);
        path.erase(cut);
    }
    if (path.empty() || path.back() == '/') path += "index.html";
    return root + path + rest;
}

}  // namespace

bool is_unsafe_url(const std::string& url) {
    std::string lower;
    for (char c : url) {
        auto u = static_cast<unsigned char>(c);
        if (lower.empty() && (u <= 0x20)) continue;         // leading blanks and controls
        if (c == '\t' || c == '\n' || c == '\r') continue;  // browsers strip these inside too
        lower += static_cast<char>(std::tolower(u));
        if (lower.size() > 16) break;
    }
    return lower.rfind("javascript:", 0) == 0 || lower.rfind("vbscript:", 0) == 0 ||
           lower.rfind("data:", 0) == 0;
}

std::string to_html(const std::string& text, const RenderOptions& options) {
    Parsed parsed = parse(text);
    for_each_node(parsed.document.get(), [&](cmark_node* node) {
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(
                    node, std::min(6, cmark_node_get_heading_level(node) + options.heading_shift));
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE: {
                const char* url = cmark_node_get_url(node);
                if (url && url[0] == '/') {
                    cmark_node_set_url(node, site_relative(url, options.root).c_str());
                }
                break;
            }
            default:
                break;
        }
    });
    char* html = cmark_render_html(parsed.document.get(), kOptions,
                                   cmark_parser_get_syntax_extensions(parsed.parser.get()));
    std::string result(html);
    cmark_get_default_mem_allocator()->free(html);
    return result;
}

std::vector<Link> links(const std::string& text) {
    std::vector<Link> found;
    Parsed parsed = parse(text);
    for_each_node(parsed.document.get(), [&](cmark_node* node) {
        const auto type = cmark_node_get_type(node);
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) return;
        const char* url = cmark_node_get_url(node);
        found.push_back({url ? url : "", std::max(1, cmark_node_get_start_line(node)),
                         std::max(1, cmark_node_get_start_column(node)), type == CMARK_NODE_IMAGE});
    });
    return found;
}

}  // namespace lspgen::markdown
