#pragma once

#include <string>

namespace lspgen {

/// `text` with &, <, >, " and ' written as HTML character references, as
/// the theme's templates escape every value ({{name}}). The one escaper:
/// the jargon pass and the preview server's error page use it too.
std::string html_escape(const std::string& text);

}  // namespace lspgen
