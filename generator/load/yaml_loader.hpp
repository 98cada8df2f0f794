#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "load/text_file.hpp"

namespace lspgen::load {

/// A YAML node with the place it came from. The rest of lspgen reads data
/// through this type only: yaml-cpp stays inside this module.
struct RawNode {
    enum class Kind { null, scalar, sequence, mapping };

    Kind kind = Kind::null;
    /// The text of a scalar, as yaml-cpp resolved it (quotes and escapes removed).
    std::string scalar;
    /// True when the scalar was written quoted or as a block (`|`, `>`).
    bool quoted = false;
    /// True when the scalar is a block scalar: its text starts on the next line.
    bool block = false;
    /// For a block scalar, the indentation of its text (0-based column).
    int block_indent = 0;
    SourceLocation where;
    std::vector<RawNode> items;
    /// Mapping entries in file order. Duplicate keys are kept so that the
    /// validator can report them.
    std::vector<std::pair<RawNode, RawNode>> entries;

    // Defined in yaml_loader.cpp, where RawNode is complete: clang with
    // libstdc++ in C++20 otherwise instantiates the vector of key/value pairs
    // while RawNode is still incomplete, and fails to compile.
    RawNode();
    RawNode(const RawNode&);
    RawNode(RawNode&&) noexcept;
    RawNode& operator=(const RawNode&);
    RawNode& operator=(RawNode&&) noexcept;
    ~RawNode();

    bool is_null() const { return kind == Kind::null; }
    bool is_scalar() const { return kind == Kind::scalar; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_mapping() const { return kind == Kind::mapping; }
    /// The first entry with this key, or nullptr.
    const RawNode* find(const std::string& key) const;
};

/// Limits that keep hostile input (alias bombs, deep nesting) bounded. An
/// alias (*name) counts as a copy of what its anchor (&name) holds.
struct YamlLimits {
    /// Values (scalars, lists and mappings) in the file, aliases expanded.
    size_t max_nodes = 200000;
    /// Lists and mappings inside one another.
    size_t max_depth = 64;
    /// Bytes of text in all scalars, aliases expanded.
    size_t max_text_bytes = 16 * 1024 * 1024;
};

/// Parses YAML text. `path` is how the file is named in diagnostics;
/// `first_line` is the file line where `text` starts (front matter starts on
/// line 2). Syntax errors and limit breaches are reported to `diagnostics` and
/// give nullopt. The caller registers the text for caret printing
/// (read_text_file does).
std::optional<RawNode> parse_yaml(const std::string& text, const std::string& path,
                                  Diagnostics& diagnostics, int first_line = 1,
                                  const YamlLimits& limits = {});

}  // namespace lspgen::load
