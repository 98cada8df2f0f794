// Fields that point somewhere: a URL, an email address, a file in the site
// folder.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "base/url_safety.hpp"
#include "load/text_file.hpp"
#include "model/fields.hpp"

namespace lspgen {

namespace fs = std::filesystem;

std::optional<std::string> Fields::url(const char* key) {
    note(key, FieldType::url);
    const load::RawNode* value = scalar(key, Need::optional, "a URL");
    if (!value) return std::nullopt;
    std::string s = value->scalar;
    if (const std::string scheme = unsafe_scheme(s); !scheme.empty()) {
        error(key, "'" + std::string(key) + "' uses a " + scheme +
                       " URL, which is not allowed: link to an http://, https:// or mailto: "
                       "address");
        return std::nullopt;
    }
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool web = lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
    const bool mail = lower.rfind("mailto:", 0) == 0;
    const bool has_space = s.find_first_of(" \t\r\n<>\"") != std::string::npos;
    const size_t host_start = lower.find("//") + 2;
    if ((!web && !mail) || has_space || (web && (host_start >= s.size() || s[host_start] == '/'))) {
        error(key, "'" + s +
                       "' is not an absolute URL: write it in full, such as "
                       "https://www.example.org/page");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> Fields::email(const char* key) {
    note(key, FieldType::email);
    const load::RawNode* value = scalar(key, Need::optional, "an email address");
    if (!value) return std::nullopt;
    const std::string& s = value->scalar;
    const size_t at = s.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= s.size() ||
        s.find_first_of(" \t<>\"(),;:") != std::string::npos) {
        error(key,
              "'" + s + "' is not an email address; write it plainly, such as lsp@example.org");
        return std::nullopt;
    }
    return s;
}

std::optional<LocalFile> Fields::path(const char* key) {
    note(key, FieldType::path);
    const load::RawNode* value = scalar(key, Need::optional, "a file path");
    if (!value) return std::nullopt;
    const std::string& s = value->scalar;
    fs::path relative(s);
    if (relative.is_absolute() || s.find('\\') != std::string::npos) {
        error(key, "'" + s + "' must be a path inside the site folder, such as assets/photo.jpg");
        return std::nullopt;
    }
    for (const auto& part : relative) {
        if (part == "..") {
            error(key, "'" + s + "' must not leave the site folder ('..')");
            return std::nullopt;
        }
    }
    folder_.named_files.insert(relative.lexically_normal().generic_string());
    std::error_code ec;
    const fs::path full = folder_.dir / relative;
    if (const std::string problem = load::file_problem(full); !problem.empty()) {
        error(key, "'" + s + "' " + problem);
        return std::nullopt;
    }
    if (!fs::exists(fs::status(full, ec))) {
        error(key, "file not found: " + folder_.display_path(s));
        return std::nullopt;
    }
    // A symbolic link must not reach outside the site: its target is published.
    const fs::path real = fs::canonical(full, ec);
    const fs::path root = fs::canonical(folder_.dir, ec);
    auto [root_end, real_it] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    if (ec || root_end != root.end()) {
        error(key, "'" + s + "' is a symbolic link to a file outside the site folder (" +
                       real.string() + "); copy the file into the site folder instead");
        return std::nullopt;
    }
    const auto size = fs::file_size(full, ec);
    if (ec) {
        error(key, "cannot read " + folder_.display_path(s) + ": " + ec.message());
        return std::nullopt;
    }
    return LocalFile{relative.lexically_normal().generic_string(), size};
}

}  // namespace lspgen
