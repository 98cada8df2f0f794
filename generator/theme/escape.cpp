#include "theme/escape.hpp"

#include <kainjow/mustache.hpp>

namespace lspgen {

std::string html_escape(const std::string& text) {
    return kainjow::mustache::html_escape<std::string>(text);
}

}  // namespace lspgen
