#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.hpp"

namespace lspgen {

struct ThemeColours;

/// An sRGB colour.
struct Rgb {
    int red = 0;
    int green = 0;
    int blue = 0;
};

/// Parses "#rrggbb"; nullopt for anything else.
std::optional<Rgb> parse_hex_colour(const std::string& text);

/// WCAG 2.2 relative luminance, 0 (black) to 1 (white).
double relative_luminance(const Rgb& colour);

/// WCAG 2.2 contrast ratio between two colours, 1 to 21.
double contrast_ratio(const Rgb& a, const Rgb& b);

/// The ratio WCAG AA asks of normal-size text.
inline constexpr double kMinimumTextContrast = 4.5;

/// "3.21:1", rounded down to two decimals so that a ratio shown as passing
/// never fails the check.
std::string format_ratio(double ratio);

/// Checks the brand colour against the colours the theme puts on it.
void check_brand_contrast(const std::string& brand_colour, const SourceLocation& where,
                          const ThemeColours& colours, Diagnostics& diagnostics);

}  // namespace lspgen
