#pragma once

#include <string>
#include <vector>

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
    /// Added to every heading level, so that a "# Heading" inside a page body
    /// does not become a second <h1>. Levels stop at 6.
    int heading_shift = 1;
    /// Prefix from the page to the site root ("../../"). Links written from
    /// the site root ("/members/") are made relative with it, and a link to a
    /// folder gets "index.html" so the site works from disk.
    std::string root;
};

/// Renders GitHub-flavoured Markdown (tables, autolinks, strikethrough,
/// tagfilter) with cmark-gfm in its safe mode: raw HTML is left out and
/// unsafe link schemes are emptied. Never fails.
std::string to_html(const std::string& text, const RenderOptions& options);

/// Every link and image in the text, for validation.
std::vector<Link> links(const std::string& text);

/// True for schemes that must never reach a page: javascript:, vbscript:,
/// data: (browsers ignore leading blanks and are case-blind, so we are too).
bool is_unsafe_url(const std::string& url);

}  // namespace lspgen::markdown
