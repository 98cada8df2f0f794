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

/// An <img> without an alt attribute (alt="" is allowed: a decorative image).
struct MissingAlt {
    std::string src;
    int line = 0;
    int column = 0;
};

/// What a page links to and what it offers as fragment targets.
struct HtmlPage {
    std::vector<HtmlLink> links;
    /// Every id, and every <a name>: the targets of "#fragment" links.
    std::set<std::string> anchors;
    std::vector<MissingAlt> images_without_alt;
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
/// data and the like. Never fails: broken markup still yields what a browser
/// would see. A page nested deeper than kMaxNesting is not parsed: the
/// result has only too_deep_line.
HtmlPage extract_links(const std::string& html);

}  // namespace lspgen::links
