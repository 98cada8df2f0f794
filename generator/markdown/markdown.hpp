#pragma once

#include <string>
#include <vector>

#include "markdown/jargon.hpp"

namespace lspgen::markdown {

/// A link or image found in Markdown, with its place relative to the start of
/// the Markdown text (1-based).
struct Link {
    std::string url;
    int line = 1;
    int column = 1;
    bool image = false;
};

struct RenderOptions {
    /// The level the highest heading in the Markdown becomes; the others keep
    /// their distance below it. So a page body whose first heading is "##"
    /// or "#" starts at <h2> under the page's <h1>, and never skips a level
    /// at the top. Levels stop at 6.
    int top_heading_level = 2;
    /// Prefix from the page to the site root ("../../"). Links written from
    /// the site root ("/members/") are made relative with it, and a link to a
    /// folder gets "index.html" so the site works from disk.
    std::string root;
    /// When set, the first use on the page of each glossary term (outside
    /// headings, links, images and code) becomes an <abbr> linked to the
    /// jargon-buster.
    jargon::PageMarks* jargon = nullptr;
    /// When set, receives every link and image as written into the HTML
    /// (after the site-root rewrite), with its place in the Markdown, so a
    /// broken link can be traced back to the file it came from.
    std::vector<Link>* rendered_links = nullptr;
};

/// Renders GitHub-flavoured Markdown (tables, autolinks, strikethrough,
/// tagfilter) with cmark-gfm in its safe mode: raw HTML is left out and
/// unsafe link schemes are emptied. Never fails.
std::string to_html(const std::string& text, const RenderOptions& options);

/// Every link and image in the text, for validation.
std::vector<Link> links(const std::string& text);

/// Raw HTML in Markdown that would run a script or pull in other content if
/// it reached a page: a <script>, <style>, <iframe>, <object>, <embed>,
/// <form>, <meta>… tag, or an on… event attribute (onclick, onerror) on any
/// tag. lspgen leaves raw HTML out of pages, but such markup is a mistake
/// or an attack to report, never to drop silently.
struct ActiveHtml {
    /// "<script>" or "onerror", as written (lower case).
    std::string what;
    bool attribute = false;
    /// Place relative to the start of the Markdown text (1-based).
    int line = 1;
    int column = 1;
    /// Bytes to underline.
    int length = 1;
};

/// Every piece of active raw HTML in the text.
std::vector<ActiveHtml> active_html(const std::string& text);

}  // namespace lspgen::markdown
