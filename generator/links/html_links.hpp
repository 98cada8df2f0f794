#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lspgen::links {

/// A URL found in an HTML attribute, with its place in the page (1-based).
struct HtmlLink {
    std::string url;
    std::string attribute;  // "href", "src", "srcset"…
    std::string tag;        // "a", "img"…
    int line = 0;
    int column = 0;
};

/// Something wrong with an element itself rather than with where it points:
/// an image without alt text, or with alt text that is only white space, and
/// an element that must load something but names nothing to load.
struct ElementProblem {
    enum class Kind {
        no_alt,     // <img> without alt (alt="" is allowed: a decorative image)
        blank_alt,  // <img alt="  ">: white space is not a text alternative
        no_source,  // <img> without src or srcset, <video> without src or <source>…
    };
    Kind kind = Kind::no_alt;
    std::string tag;  // "img", "video"…
    std::string src;  // the image's src, when it has one
    int line = 0;
    int column = 0;
};

/// What a page links to and what it offers as fragment targets.
struct HtmlPage {
    std::vector<HtmlLink> links;
    /// Every id, and every <a name>: the targets of "#fragment" links.
    std::set<std::string> anchors;
    /// Every <map name>: the targets of usemap="#name".
    std::set<std::string> map_names;
    /// The href of the page's first <base href>, which relative links
    /// resolve against; has_base is false when the page has none.
    std::string base_href;
    bool has_base = false;
    /// In the order of the elements on the page.
    std::vector<ElementProblem> element_problems;
    /// Set when elements nest more than kMaxNesting deep: the line where
    /// they pass it. Nothing else is read from such a page.
    int too_deep_line = 0;
};

/// How deep elements may nest on a page that is read. Far above any real
/// page (lspgen's own are about 15 deep; browsers stop nesting at 512),
/// and low enough that gumbo, whose tree builder slows with the depth,
/// reads any page that passes in time.
constexpr int kMaxNesting = 1000;

/// Whether an element (its tag name in lower case) adds a level to the
/// nesting that kMaxNesting bounds. Void elements do not, nor do those HTML5
/// closes by itself when another of their kind starts (<p>, <li>, <td>,
/// <a>, <h1>…): a page with many unclosed ones stays flat. Both readings of
/// a page count levels this way.
bool adds_nesting_level(std::string_view tag);

/// The line (1-based) of the start tag that takes the nesting of elements
/// past `limit`, or 0. The nesting is the HTML5 one, approximately:
/// comments and the content of text-only elements are skipped, an end tag
/// closes what it matches, and only elements for which adds_nesting_level()
/// holds count. One pass over the bytes.
int nesting_too_deep(std::string_view html, int limit);

/// Parses HTML with gumbo (an HTML5 parser, so odd markup is read the way
/// browsers read it) and collects href, src, srcset, poster, action, cite,
/// data and the like, the URL of a <meta http-equiv=refresh>, and usemap.
/// An element with a data-lspgen-ignore attribute, and all inside it, offers
/// no links and no problems (its ids are still anchors). Lines and columns
/// count bytes: a tab is one column, as is each byte of a UTF-8 letter. Never fails: broken markup
/// still yields what a browser would see. A page nested deeper than kMaxNesting is not parsed: the
/// result has only too_deep_line.
HtmlPage extract_links(const std::string& html);

}  // namespace lspgen::links
