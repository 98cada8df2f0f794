#pragma once

#include <string_view>
#include <vector>

#include "links/html_links.hpp"

namespace lspgen::links {

/// One attribute of a start tag, as a reader of the page saw it.
struct TagAttribute {
    std::string_view name;   // in lower case
    std::string_view value;  // "" for an attribute written without one
    int line = 0;
    int column = 0;  // 0 when the reader knows only lines
};

/// Turns the elements of a page, delivered in document order, into an
/// HtmlPage: links, anchors, map names, the <base href>, and the problems
/// of elements themselves. Both readings of a page (gumbo's tree and
/// libxml2's SAX events) feed one builder, so they differ only in how they
/// find the elements, never in what they make of one.
class PageBuilder {
  public:
    explicit PageBuilder(HtmlPage& page) : page_(page) {}

    /// An element starts: its name in lower case, its attributes in source
    /// order, and the place of its start tag.
    void start(std::string_view tag, const std::vector<TagAttribute>& attributes, int line,
               int column);
    /// The element last started, and not yet ended, ends.
    void end();

  private:
    /// An <audio> or <video> without src, waiting to see a <source> inside.
    struct OpenMedia {
        size_t problem;  // its place in page_.element_problems
        int depth;
        bool has_source = false;
    };
    void add_link(std::string_view url, const TagAttribute& attribute, std::string_view tag,
                  std::string_view as_attribute = {});
    void add_srcset(const TagAttribute& attribute, std::string_view tag);
    void add_problem(ElementProblem::Kind kind, std::string_view tag, std::string_view src,
                     int line, int column);

    HtmlPage& page_;
    int depth_ = 0;
    int ignored_from_ = 0;  // the depth of the data-lspgen-ignore element, or 0
    std::vector<OpenMedia> media_;
};

/// The URL of a <meta http-equiv=refresh>'s content ("3; url=next.html"),
/// read as browsers read it; false when it names none (a plain reload).
bool refresh_url(std::string_view content, std::string_view& url);

}  // namespace lspgen::links
