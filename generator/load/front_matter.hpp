#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"
#include "load/yaml_loader.hpp"

namespace lspgen::load {

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterFile {
    RawNode front_matter;
    std::string body;
    /// The file line on which the body starts, for diagnostics in the body.
    int body_first_line = 1;
};

/// Splits `text` at the `---` lines that open and close the front matter and
/// parses the front matter. A file without front matter, or with an unclosed
/// one, is reported and gives nullopt.
std::optional<FrontMatterFile> split_front_matter(const std::string& text, const std::string& path,
                                                  Diagnostics& diagnostics);

}  // namespace lspgen::load
