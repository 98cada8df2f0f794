#include "markdown/markdown.hpp"

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

// Whether a custom inline may stand beside `text`. A table cell, for one,
// takes only some kinds of inline, and cmark refuses to insert the others:
// the pieces of a split text would be lost.
bool can_mark_beside(cmark_node* text) {
    cmark_node* probe = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    const bool ok = cmark_node_insert_after(text, probe) != 0;
    cmark_node_free(probe);  // unlinks it when it was inserted
    return ok;
}

// Splits each text node that uses a glossary term for the first time on the
// page, putting the marked term in a custom inline node. Each text node is
// looked at in its block (paragraph, list item, table cell), whose whole
// text tells whether the expansion is already written beside the term.
void mark_jargon(cmark_node* document, jargon::PageMarks& marks) {
    struct Place {
        cmark_node* node;
        size_t block;   // index in `blocks`
        size_t offset;  // where the node's text starts in the block's text
    };
    std::vector<Place> texts;
    std::vector<std::string> blocks(1);
    {
        std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
        int excluded = 0;  // depth inside headings, links and images
        cmark_event_type event;
        while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
            cmark_node* node = cmark_iter_get_node(iter.get());
            const auto type = cmark_node_get_type(node);
            if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
                event == CMARK_EVENT_ENTER) {
                blocks.emplace_back();
            }
            if (type == CMARK_NODE_HEADING || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
                excluded += event == CMARK_EVENT_ENTER ? 1 : -1;
            } else if (type == CMARK_NODE_HTML_INLINE) {
                // Raw HTML is not output, but text the author put inside an
                // <abbr> or <a> of their own is still not ours to mark.
                const std::string tag = cmark_node_get_literal(node);
                if (tag.rfind("<abbr", 0) == 0 || tag.rfind("<a ", 0) == 0) ++excluded;
                if (tag.rfind("</abbr", 0) == 0 || tag.rfind("</a>", 0) == 0) --excluded;
            } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
                blocks.back() += ' ';
            } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
                // Code is never marked, but its words are part of the block.
                if (type == CMARK_NODE_TEXT && excluded == 0) {
                    texts.push_back({node, blocks.size() - 1, blocks.back().size()});
                }
                blocks.back() += cmark_node_get_literal(node);
            }
        }
    }
    for (const Place& place : texts) {
        cmark_node* text = place.node;
        const std::string literal = cmark_node_get_literal(text);
        size_t done = 0;
        cmark_node* last = text;
        bool changed = false;
        const std::vector<jargon::Match> matches = marks.matcher().find(literal);
        if (matches.empty() || !can_mark_beside(text)) continue;
        for (const jargon::Match& m : matches) {
            const std::optional<std::string> marked =
                marks.mark(m, blocks[place.block], place.offset + m.position);
            if (!marked) continue;
            auto append = [&](cmark_node* node) {
                cmark_node_insert_after(last, node);
                last = node;
            };
            cmark_node* before = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(before, literal.substr(done, m.position - done).c_str());
            append(before);
            cmark_node* wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
            cmark_node_set_on_enter(wrapper, marked->c_str());
            cmark_node_set_on_exit(wrapper, "");
            append(wrapper);
            done = m.position + m.length;
            changed = true;
        }
        if (!changed) continue;
        cmark_node* after = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(after, literal.substr(done).c_str());
        cmark_node_insert_after(last, after);
        cmark_node_free(text);  // unlinks it; its pieces now stand in its place
    }
}

}  // namespace

std::string to_html(const std::string& text, const RenderOptions& options) {
    Parsed parsed = parse(text);
    int highest = 7;
    for_each_node(parsed.document.get(), [&](cmark_node* node) {
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            highest = std::min(highest, cmark_node_get_heading_level(node));
        }
    });
    const int shift = options.top_heading_level - highest;
    for_each_node(parsed.document.get(), [&](cmark_node* node) {
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(
                    node, std::clamp(cmark_node_get_heading_level(node) + shift, 1, 6));
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE: {
                const char* url = cmark_node_get_url(node);
                if (url && url[0] == '/') {
                    cmark_node_set_url(node, site_relative(url, options.root).c_str());
                }
                if (options.rendered_links) {
                    const char* written = cmark_node_get_url(node);
                    options.rendered_links->push_back(
                        {written ? written : "", std::max(1, cmark_node_get_start_line(node)),
                         std::max(1, cmark_node_get_start_column(node)),
                         cmark_node_get_type(node) == CMARK_NODE_IMAGE});
                }
                break;
            }
            default:
                break;
        }
    });
    if (options.jargon) mark_jargon(parsed.document.get(), *options.jargon);
    char* html = cmark_render_html(parsed.document.get(), kOptions,
                                   cmark_parser_get_syntax_extensions(parsed.parser.get()));
    std::string result(html);
    cmark_get_default_mem_allocator()->free(html);
    return result;
}

namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':';
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Finds active tags and event attributes in one raw HTML literal. `at`
// receives each finding's byte offset in the literal.
template <typename Found>
void scan_raw_html(const std::string& html, Found found) {
    static const char* const kActiveTags[] = {"script",   "style",  "iframe", "frame",
                                              "frameset", "object", "embed",  "applet",
                                              "form",     "meta",   "base",   "link"};
    size_t at = 0;
    while ((at = html.find('<', at)) != std::string::npos) {
        size_t i = at + 1;
        size_t name_end = i;
        while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
        if (name_end == i) {
            ++at;
            continue;
        }
        const std::string name = lower(html.substr(i, name_end - i));
        size_t close = html.find('>', name_end);
        if (close == std::string::npos) close = html.size();
        for (const char* tag : kActiveTags) {
            if (name == tag) {
                found(ActiveHtml{"<" + name + ">", false, 0, 0,
                                 static_cast<int>(std::min(close + 1, html.size()) - at)},
                      at);
            }
        }
        // Attributes: a name after a blank, up to '=', a blank or the end.
        for (size_t k = name_end; k < close; ++k) {
            const char quote = html[k];
            if (quote == '"' || quote == '\'') {
                const size_t end = html.find(quote, k + 1);
                k = end == std::string::npos ? close : end;
                continue;
            }
            if (!std::isspace(static_cast<unsigned char>(html[k])) && html[k] != '/') continue;
            size_t a = k + 1;
            size_t a_end = a;
            while (a_end < close && is_name_char(html[a_end])) ++a_end;
            const std::string attribute = lower(html.substr(a, a_end - a));
            if (attribute.size() > 2 && attribute.rfind("on", 0) == 0) {
                found(ActiveHtml{attribute, true, 0, 0, static_cast<int>(a_end - a)}, a);
            }
        }
        at = close;
    }
}

}  // namespace

std::vector<ActiveHtml> active_html(const std::string& text) {
    std::vector<ActiveHtml> result;
    Parsed parsed = parse(text);
    for_each_node(parsed.document.get(), [&](cmark_node* node) {
        const auto type = cmark_node_get_type(node);
        if (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE) return;
        const char* literal = cmark_node_get_literal(node);
        if (!literal) return;
        const std::string html = literal;
        const int line = std::max(1, cmark_node_get_start_line(node));
        const int column = std::max(1, cmark_node_get_start_column(node));
        scan_raw_html(html, [&](ActiveHtml found, size_t at) {
            // Place the finding: lines after the first of a block start at
            // the block's column too.
            const size_t line_start = html.rfind('\n', at == 0 ? 0 : at - 1);
            const int lines_before =
                static_cast<int>(std::count(html.begin(), html.begin() + at, '\n'));
            found.line = line + lines_before;
            found.column =
                column + static_cast<int>(line_start == std::string::npos || lines_before == 0
                                              ? at
                                              : at - line_start - 1);
            result.push_back(std::move(found));
        });
    });
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
