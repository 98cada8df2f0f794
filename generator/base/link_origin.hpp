#pragma once

#include <string>

#include "base/diagnostics.hpp"

namespace lspgen {

/// Where a link in the output came from in the site's data: the renderer
/// records it, and the link checker names that YAML or Markdown line.
struct LinkOrigin {
    std::string page;  // the output page, as a path in the tree
    std::string href;  // the link as written on the page
    SourceLocation where;
};

}  // namespace lspgen
