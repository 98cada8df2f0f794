#include "links/html_links.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <tuple>
#include <memory>

namespace lspgen::links {

namespace {

// Attributes that hold one URL, whatever the element.
bool is_url_attribute(const char* name) {
    static const char* const kNames[] = {"href", "src", "poster", "action", "cite",
                                         "data", "formaction", "longdesc", "background"};
    for (const char* n : kNames) {
        if (std::strcmp(name, n) == 0) return true;
    }
    return false;
}

// Where an attribute's value starts. For an attribute written without one
// (`<a href>`, `<a href=>`) gumbo leaves value_start unset (uninitialised
// memory) and points the original value at the name: there, where the
// name starts.
const GumboSourcePosition& place_of(const GumboAttribute& attr) {
    const bool no_value = attr.original_value.data == attr.original_name.data;
    return no_value ? attr.name_start : attr.value_start;
}

// srcset="a.jpg 1x, b.jpg 2x": the URLs are the first word of each entry.
void add_srcset(const GumboAttribute& attr, const char* tag, HtmlPage& page) {
    const std::string value = attr.value;
    size_t at = 0;
    while (at < value.size()) {
        at = value.find_first_not_of(" \t\n\r\f,", at);
        if (at == std::string::npos) break;
        const size_t end = value.find_first_of(" \t\n\r\f", at);
        std::string url = value.substr(at, end == std::string::npos ? std::string::npos : end - at);
        // A URL may itself end with a comma when no descriptor follows.
        while (!url.empty() && url.back() == ',') url.pop_back();
        page.links.push_back({url, attr.name, tag, static_cast<int>(place_of(attr).line),
                              static_cast<int>(place_of(attr).column)});
        at = value.find(',', end == std::string::npos ? value.size() : end);
        if (at == std::string::npos) break;
        ++at;
    }
}

void visit(const GumboNode* node, HtmlPage& page) {
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
    const GumboElement& element = node->v.element;
    const char* tag = gumbo_normalized_tagname(element.tag);
    std::string tag_name = *tag ? tag : "unknown";
    bool has_alt = false;
    std::string src;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
        if (std::strcmp(attr->name, "id") == 0 && attr->value[0]) page.anchors.insert(attr->value);
        if (element.tag == GUMBO_TAG_A && std::strcmp(attr->name, "name") == 0 && attr->value[0]) {
            page.anchors.insert(attr->value);
        }
        if (std::strcmp(attr->name, "alt") == 0) has_alt = true;
        if (std::strcmp(attr->name, "src") == 0) src = attr->value;
        if (std::strcmp(attr->name, "srcset") == 0 || std::strcmp(attr->name, "imagesrcset") == 0) {
            add_srcset(*attr, tag_name.c_str(), page);
        } else if (is_url_attribute(attr->name)) {
            // <link rel=preconnect> and the like name origins, not documents;
            // all lspgen writes are stylesheets and feeds, which are checked.
            page.links.push_back({attr->value, attr->name, tag_name,
                                  static_cast<int>(place_of(*attr).line),
                                  static_cast<int>(place_of(*attr).column)});
        }
    }
    if (element.tag == GUMBO_TAG_IMG && !has_alt) {
        page.images_without_alt.push_back({src, static_cast<int>(element.start_pos.line),
                                           static_cast<int>(element.start_pos.column)});
    }
    // <template> content is not part of the page a reader sees.
    if (element.tag == GUMBO_TAG_TEMPLATE) return;
    for (unsigned i = 0; i < element.children.length; ++i) {
        visit(static_cast<const GumboNode*>(element.children.data[i]), page);
    }
}

struct OutputDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

HtmlPage extract_links(const std::string& html) {
    HtmlPage page;
    std::unique_ptr<GumboOutput, OutputDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    if (output) visit(output->root, page);
    // The HTML5 tree builder re-creates a mis-nested <a> or <b> around later
    // content, as browsers do; the copies keep the original's place in the
    // source. One attribute in the source is one link.
    std::set<std::tuple<int, int, std::string>> seen;
    page.links.erase(std::remove_if(page.links.begin(), page.links.end(),
                                    [&](const HtmlLink& l) {
                                        return !seen.emplace(l.line, l.column, l.url).second;
                                    }),
                     page.links.end());
    return page;
}

}  // namespace lspgen::links
