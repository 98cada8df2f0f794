#pragma once

#include <string>

#include "model/site.hpp"

namespace lspgen::render {

/// A figure as people read it, with the decimal places the data gave it and
/// thousands separators: format_number(22, 1) is "22.0", (12345, 0) "12,345".
std::string format_number(double value, int decimals);

/// The sentence that describes an indicator's chart (its <desc>): a single
/// baseline or result is described as what it is, not as a line.
std::string chart_description(const Indicator& ind);

/// An inline SVG line chart of an indicator's baseline and results, with
/// gridlines and the target as a dashed line named in a legend above the
/// plot. Text is drawn at 14 px and never scaled (the SVG has no viewBox:
/// horizontal positions are percentages of its width, so it narrows without
/// shrinking its text). No label sits inside the plot, so no line or point
/// crosses one. The drawing is hidden from assistive technology: the SVG is
/// one image named by its title and described by its <desc>, and the table
/// beside it gives every value. `id` prefixes the ids of its title and desc.
/// Empty when the indicator has no figures.
std::string indicator_chart(const Indicator& ind, const std::string& id);

}  // namespace lspgen::render
