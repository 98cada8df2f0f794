#include "load/front_matter.hpp"

namespace lspgen::load {

namespace {

bool is_fence(const std::string& text, size_t start, size_t end) {
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.pop_back();
    }
    return line == "---";
}

}  // namespace

std::optional<FrontMatterFile> split_front_matter(const std::string& text, const std::string& path,
                                                  Diagnostics& diagnostics) {
    size_t first_end = text.find('\n');
    if (first_end == std::string::npos || !is_fence(text, 0, first_end)) {
        diagnostics.error({path, 1, 1},
                          "expected front matter: the file must start with a line '---', then "
                          "YAML fields such as 'title:', then another '---'");
        return std::nullopt;
    }
    int line = 2;
    size_t start = first_end + 1;
    size_t yaml_start = start;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (is_fence(text, start, end)) {
            auto node =
                parse_yaml(text.substr(yaml_start, start - yaml_start), path, diagnostics, 2);
            if (!node) return std::nullopt;
            FrontMatterFile file;
            file.front_matter = std::move(*node);
            file.body = end < text.size() ? text.substr(end + 1) : std::string();
            file.body_first_line = line + 1;
            return file;
        }
        start = end + 1;
        ++line;
    }
    diagnostics.error({path, 1, 1}, "the front matter opened on line 1 is never closed with '---'",
                      3);
    return std::nullopt;
}

}  // namespace lspgen::load
