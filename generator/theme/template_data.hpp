#pragma once

// The values a theme's templates read: the one header outside theme/ that
// brings in kainjow mustache, for the renderers that fill them in.
#include <kainjow/mustache.hpp>

#include <string>

#include "theme/theme.hpp"

namespace lspgen {

using TemplateList = kainjow::mustache::basic_list<std::string>;

}  // namespace lspgen
