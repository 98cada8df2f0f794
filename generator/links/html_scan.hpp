#pragma once

#include <optional>
#include <string_view>

#include "links/html_links.hpp"

namespace lspgen::links {

/// The fast pass of the link checker: the same links, anchors and images
/// without alt text as extract_links(), read with libxml2's HTML SAX parser
/// (about six times faster than building gumbo's tree on lspgen's pages),
/// but with only the line of each tag, not its column. The checker uses it
/// for every page and asks extract_links() for exact places only on the few
/// pages it has something to report about.
///
/// Where libxml2 and the HTML5 rules could read a page differently (a NUL
/// byte, nesting deeper than libxml2 follows), it hands the page to
/// extract_links() instead, so the answer is always the HTML5 one. A page
/// nested deeper than kMaxNesting, as either reading sees it, is refused:
/// the result has only too_deep_line.
HtmlPage scan_links(std::string_view html);

/// The libxml2 reading alone: nothing when the page is one gumbo must read.
std::optional<HtmlPage> read_with_libxml2(std::string_view html);

}  // namespace lspgen::links
