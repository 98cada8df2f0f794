#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/link_origin.hpp"
#include "links/output_tree.hpp"

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

/// Checks every internal link and fragment of every page in `tree`, and
/// reports images without alt text. See the README for the policy on the
/// cases where link checkers disagree.
CheckResult check_internal(const OutputTree& tree, const std::vector<LinkOrigin>& origins = {});

}  // namespace lspgen::links
