#pragma once

#include <string>

#include "load/yaml_loader.hpp"

namespace lspgen::load {

/// Where YAML text first breaks one of its YamlLimits, and why, in words.
struct LimitBreach {
    bool found = false;
    /// 0-based, as yaml-cpp counts.
    int line = 0;
    int column = 0;
    /// Bytes to underline (an alias's name with its '*').
    int length = 1;
    std::string message;
};

/// Follows the parse events of `text` to the alias that expands the file
/// past max_nodes or max_text_bytes, or the list or mapping nested past
/// max_depth. Aliases cost nothing here: only their anchors' sizes are
/// added up. Used once a limit was hit, for a diagnostic that points at the
/// cause; gives found = false when it finds no breach (or the text does not
/// parse).
LimitBreach find_limit_breach(const std::string& text, const YamlLimits& limits);

}  // namespace lspgen::load
