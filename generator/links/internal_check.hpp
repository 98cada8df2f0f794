#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "base/link_origin.hpp"
#include "links/output_tree.hpp"

namespace lspgen::links {

using lspgen::LinkOrigin;

/// One problem found by the checker.
struct Finding {
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    std::string page;  // path in the tree
    int line = 0;
    int column = 0;
    std::string url;
    std::string message;
    /// Set when the link came from a YAML or Markdown file.
    SourceLocation origin;
};

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
