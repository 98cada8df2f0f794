#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace lspgen::text {

/// `s` with ASCII letters in lower case (URL schemes, header names).
inline std::string ascii_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// `s` without leading and trailing spaces, tabs and line ends.
inline std::string trim_space(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// `text` short enough for a one-line message: a 300-character data: URL
/// keeps its first 60 bytes (never half a UTF-8 letter) and says how long
/// it was: "data:image/png;base64,iVBO… (300 characters)".
inline std::string shorten(const std::string& text, size_t most = 80) {
    if (text.size() <= most) return text;
    size_t keep = most * 3 / 4;
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
    return text.substr(0, keep) + "\u2026 (" + std::to_string(text.size()) + " characters)";
}

}  // namespace lspgen::text
