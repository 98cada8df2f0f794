#include "base/url_safety.hpp"

#include <cctype>

namespace lspgen {

std::string unsafe_scheme(const std::string& url) {
    std::string lower;
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (lower.empty() && u <= 0x20) continue;           // leading blanks and controls
        if (c == '\t' || c == '\n' || c == '\r') continue;  // browsers strip these inside too
        lower += static_cast<char>(std::tolower(u));
        if (lower.size() > 16) break;
    }
    // file: too: cmark-gfm's safe mode empties it (href=""), and on a web
    // page it would point into each visitor's own disk.
    for (const char* scheme : {"javascript:", "vbscript:", "data:", "file:"}) {
        if (lower.rfind(scheme, 0) == 0) return scheme;
    }
    return {};
}

}  // namespace lspgen
