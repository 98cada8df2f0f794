#pragma once

#include <string>

namespace lspgen {

/// The scheme, lower-cased with its colon ("javascript:"), of a URL that
/// must never reach a page as a link: javascript:, vbscript:, data: or
/// file:. Read as a browser reads it: leading blanks and control characters
/// are skipped, and tabs and line ends inside are dropped. Empty for any
/// other URL. The one rule for site data, Markdown and the link checker.
std::string unsafe_scheme(const std::string& url);

inline bool is_unsafe_url(const std::string& url) {
    return !unsafe_scheme(url).empty();
}

}  // namespace lspgen
