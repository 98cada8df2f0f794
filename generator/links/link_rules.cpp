#include "links/link_rules.hpp"

#include <algorithm>

namespace lspgen::links {

namespace {

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

bool empty_is_error(std::string_view tag, std::string_view attribute) {
    if (attribute == "src" || attribute == "poster" || attribute == "data") return true;
    return tag == "link" && attribute == "href";
}

bool navigates(std::string_view tag, std::string_view attribute) {
    if (attribute == "href") return is_one_of(tag, {"a", "area"});
    if (attribute == "src") return is_one_of(tag, {"iframe", "frame", "embed"});
    if (attribute == "action" || attribute == "formaction") return true;
    if (attribute == "data") return tag == "object";
    return tag == "meta";  // http-equiv=refresh
}

std::string describe(const ElementProblem& problem) {
    using Kind = ElementProblem::Kind;
    const std::string element = "<" + problem.tag + ">";
    switch (problem.kind) {
        case Kind::no_alt:
            return "image has no alt attribute (use alt=\"\" for a decorative image)";
        case Kind::blank_alt:
            return "image alt text is only white space: describe the image, or use alt=\"\" "
                   "for a decorative one";
        case Kind::no_source:
            if (problem.tag == "img" || problem.tag == "source") {
                return element + " has no src or srcset: nothing to show";
            }
            if (problem.tag == "iframe") return "<iframe> has no src or srcdoc: nothing to show";
            if (problem.tag == "audio" || problem.tag == "video") {
                return element + " has no src and no <source>: nothing to play";
            }
            return element + " has no src: nothing to show";
    }
    return {};
}

std::string href_with_file(const std::string& href, const std::string& file) {
    const size_t end = href.find_first_of("?#");
    const std::string path = href.substr(0, end);
    const std::string rest = end == std::string::npos ? std::string() : href.substr(end);
    return path + (path.empty() || path.back() == '/' ? "" : "/") + file + rest;
}

std::string either_of(const std::vector<std::string>& names) {
    std::string text;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
        text += names[i];
    }
    return text;
}

Lookup look_up(const OutputTree& tree, const std::string& path,
               const std::vector<std::string>& index_files,
               const std::vector<std::string>& fallback_extensions) {
    Lookup found;
    const bool folder_link = path.empty() || path.back() == '/';
    if (!folder_link && tree.is_file(path)) {
        found.result = Lookup::Result::file;
        found.file = path;
        return found;
    }
    if (folder_link || tree.is_directory(path)) {
        const std::string folder = folder_link ? path : path + "/";
        for (const auto& index : index_files) {
            if (tree.is_file(folder + index)) {
                found.result =
                    folder_link ? Lookup::Result::file : Lookup::Result::folder_without_slash;
                found.file = folder + index;
                found.index_file = index;
                return found;
            }
        }
        // A folder link to no folder at all: the file it would show is missing.
        if (folder_link && !tree.is_directory(path)) {
            found.file = path + (index_files.empty() ? "index.html" : index_files.front());
            return found;
        }
        found.result = Lookup::Result::folder_without_index;
        found.file = folder;
        return found;
    }
    for (const auto& extension : fallback_extensions) {
        if (tree.is_file(path + "." + extension)) {
            found.result = Lookup::Result::file;
            found.file = path + "." + extension;
            return found;
        }
    }
    found.file = path;
    return found;
}

}  // namespace lspgen::links
