#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "load/yaml_loader.hpp"

/// Placeholder text that must not be published: the `TODO` markers of the
/// files `lspgen new` writes, and the contact details reserved for examples
/// (Ofcom's telephone numbers for drama, and the example.org, example.com
/// and example.net domains of RFC 2606). Found in the values a file holds,
/// never in its comments, each at its line and column in the file.
namespace lspgen::load {

/// One placeholder, where it is written.
struct Placeholder {
    SourceLocation where;
    /// Bytes of the placeholder in the source line (the caret's length).
    int length = 1;
    /// The placeholder as written: "TODO", "01632 960000", "example.org".
    std::string text;
    /// What it is, as words that follow the text in a message: "is a TODO
    /// marker", "is a telephone number Ofcom reserves for drama".
    std::string what;
};

/// Placeholders in one piece of text, with `where` as the place of its first
/// byte; the lines after the first start at column `next_column` (a block
/// scalar's indentation plus 1, or 1).
std::vector<Placeholder> find_placeholders(const std::string& text, const SourceLocation& where,
                                           int next_column = 1);

/// Placeholders in every value (not the keys) of `root`, a YAML file parsed
/// from `source`: each located in `source` where the value writes it, so
/// comments, which hold no values, are never searched.
std::vector<Placeholder> find_placeholders(const RawNode& root, const std::string& source);

}  // namespace lspgen::load
