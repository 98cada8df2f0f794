#include "theme/colour.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "theme/theme.hpp"

namespace lspgen {

std::optional<Rgb> parse_hex_colour(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    for (size_t i = 1; i < 7; ++i) {
        if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    }
    auto channel = [&](size_t at) { return std::stoi(text.substr(at, 2), nullptr, 16); };
    return Rgb{channel(1), channel(3), channel(5)};
}

double relative_luminance(const Rgb& colour) {
    auto linear = [](int channel) {
        const double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) +
           0.0722 * linear(colour.blue);
}

double contrast_ratio(const Rgb& a, const Rgb& b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    const double lighter = la > lb ? la : lb;
    const double darker = la > lb ? lb : la;
    return (lighter + 0.05) / (darker + 0.05);
}

std::string format_ratio(double ratio) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f:1", std::floor(ratio * 100.0) / 100.0);
    return buffer;
}

void check_brand_contrast(const std::string& brand_colour, const SourceLocation& where,
                          const ThemeColours& colours, Diagnostics& diagnostics) {
    const auto brand = parse_hex_colour(brand_colour);
    if (!brand) return;
    const std::pair<const char*, std::string> pairs[] = {{"header text", colours.text_on_brand},
                                                         {"header links", colours.link_on_brand}};
    for (const auto& [what, colour] : pairs) {
        const auto other = parse_hex_colour(colour);
        if (!other) continue;
        const double ratio = contrast_ratio(*brand, *other);
        if (ratio >= kMinimumTextContrast) continue;
        std::ostringstream shortfall;
        shortfall << std::fixed << std::setprecision(2) << (kMinimumTextContrast - ratio);
        diagnostics.error(where,
                          "brand_colour " + brand_colour + " gives a contrast of only " +
                              format_ratio(ratio) + " with the theme's " + what + " (" + colour +
                              "); WCAG AA needs 4.5:1, so it is " + shortfall.str() +
                              " short: choose a darker colour",
                          static_cast<int>(brand_colour.size()) + 2);
        return;  // the same colour would fail the second pair for the same reason
    }
}

}  // namespace lspgen
