#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/link_origin.hpp"
#include "links/output_tree.hpp"
#include "links/url.hpp"

namespace lspgen::links {

using lspgen::LinkOrigin;

/// One problem the checker found: a Diagnostic whose place is in a page
/// (`where.path` is the page's path in the tree), whose subject is the link,
/// and whose origin is where the link was written in the data, when known.
using Finding = Diagnostic;

/// A finding on `page` (a path in the tree) about the link `url`.
inline Finding finding(Severity severity, std::string page, int line, int column, std::string url,
                       std::string message, SourceLocation origin = {}) {
    Finding f;
    f.severity = severity;
    f.where = {std::move(page), line, column};
    f.message = std::move(message);
    f.subject = std::move(url);
    f.origin = std::move(origin);
    return f;
}

struct CheckResult {
    std::vector<Finding> findings;  // grouped by page, in page order
    size_t pages = 0;
    size_t links = 0;
    size_t external_links = 0;         // http(s) links seen (checked only with --external)
    size_t external_urls_checked = 0;  // distinct URLs the external check settled
    bool has_errors() const;
};

/// How to read a tree that another generator made, or that is published
/// below a path. The defaults are lspgen's own output.
struct CheckOptions {
    /// Where the tree is published: links to that address, and links from
    /// the root below its path, are links into the tree.
    SiteAddress site;
    /// The files a folder link ("members/") shows, the first that exists.
    std::vector<std::string> index_files{"index.html"};
    /// Extensions tried for a link to a file that does not exist: with
    /// "html", "about" is fine when "about.html" exists (pretty URLs).
    std::vector<std::string> fallback_extensions;
    /// Only the pages below this folder of the tree ("" or ending in '/')
    /// are checked; their links may lead anywhere in the tree.
    std::string pages_under;
    /// Folders of the tree ("drafts/") whose pages are not checked; links
    /// into them still are.
    std::vector<std::string> excluded_folders;
};

/// The pages of `tree` that `options` says to check.
std::vector<std::string> pages_to_check(const OutputTree& tree, const CheckOptions& options);

/// Checks every internal link and fragment of every page in `tree`, and
/// reports images without alt text and elements with nothing to load. See
/// the README for the policy on the cases where link checkers disagree.
CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins = {},
                           const CheckOptions& options = {});

}  // namespace lspgen::links
