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

}  // namespace lspgen::text
