#pragma once

#include <set>
#include <string>
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
};

/// Parses HTML with gumbo (an HTML5 parser, so odd markup is read the way
/// browsers read it) and collects href, src, srcset, poster, action, cite,
/// data and the like. Never fails: broken markup still yields what a browser
/// would see.
HtmlPage extract_links(const std::string& html);

}  // namespace lspgen::links
