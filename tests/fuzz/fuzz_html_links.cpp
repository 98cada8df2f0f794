// Fuzz target: link extraction from HTML pages (gumbo). Any bytes are a
// page, as `lspgen check` reads any static tree. Every link must have a
// place in the page, and one attribute in the source is one link.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <tuple>

#include "links/html_links.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string html(reinterpret_cast<const char*>(data), size);
    const lspgen::links::HtmlPage page = lspgen::links::extract_links(html);
    std::set<std::tuple<int, int, std::string>> seen;
    for (const auto& link : page.links) {
        if (link.line < 1 || link.column < 1 || link.attribute.empty() || link.tag.empty()) {
            std::fprintf(stderr, "link '%s' in %s=%s at %d:%d\n", link.url.c_str(),
                         link.tag.c_str(), link.attribute.c_str(), link.line, link.column);
            std::abort();
        }
        if (!seen.emplace(link.line, link.column, link.url).second) std::abort();
    }
    for (const auto& image : page.element_problems) {
        if (image.line < 1 || image.column < 1) std::abort();
    }
    for (const auto& anchor : page.anchors) {
        if (anchor.empty()) std::abort();
    }
    return 0;
}
